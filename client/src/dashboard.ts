import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { dashboardBody, dashboardHtml, type OpenMessage } from './dashboardHtml';
import type { FeatureStore } from './featureStore';

/**
 * The feature dashboard (*planmark: Show Feature Dashboard*): a webview of every feature, kept
 * current with the store. Its page runs a script, allows nothing remote and reaches no local file;
 * the extension opens what the page asks for, and only documents of the workspace's features.
 */
export class FeatureDashboard implements vscode.Disposable {
	static readonly viewType = 'planmark.dashboard';
	private panel: vscode.WebviewPanel | undefined;
	private readonly subscription: vscode.Disposable;
	/** The page as last rendered, and each update posted since (what a test can read of the webview). */
	html: string | undefined;
	body: string | undefined;

	constructor(private readonly store: FeatureStore) {
		this.subscription = store.onDidChange(features => {
			if (this.panel) {
				this.body = dashboardBody(features);
				void this.panel.webview.postMessage({ command: 'update', body: this.body });
			}
		});
	}

	/** Shows the dashboard beside the editor, or brings it forward. */
	async show(): Promise<vscode.WebviewPanel> {
		if (this.panel) {
			this.panel.reveal();
			return this.panel;
		}
		const panel = vscode.window.createWebviewPanel(
			FeatureDashboard.viewType,
			'Features',
			{ viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
			{ enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
		);
		this.panel = panel;
		panel.onDidDispose(() => {
			this.panel = undefined;
		});
		panel.webview.onDidReceiveMessage(message => void this.open(message));
		// A hidden webview loses its page; shown again, it gets the current rows at once.
		panel.onDidChangeViewState(event => event.webviewPanel.visible && this.render(event.webviewPanel));
		this.render(panel);
		const features = await this.store.load();
		if (this.panel === panel) {
			this.body = dashboardBody(features);
			void panel.webview.postMessage({ command: 'update', body: this.body });
		}
		return panel;
	}

	/** Opens a document the page asked for, if it is one of a feature's documents. */
	async open(message: unknown): Promise<vscode.TextEditor | undefined> {
		if (!isOpenMessage(message)) {
			return undefined;
		}
		const uri = vscode.Uri.parse(message.uri);
		if (!this.store.featureOf(uri)) {
			return undefined;
		}
		const line = message.line ?? 0;
		return vscode.window.showTextDocument(uri, {
			viewColumn: vscode.ViewColumn.One,
			selection: new vscode.Range(line, 0, line, 0),
			preview: false,
		});
	}

	dispose(): void {
		this.subscription.dispose();
		this.panel?.dispose();
	}

	private render(panel: vscode.WebviewPanel): void {
		this.html = dashboardHtml(this.store.features, randomBytes(16).toString('base64'), panel.webview.cspSource);
		this.body = dashboardBody(this.store.features);
		panel.webview.html = this.html;
	}
}

function isOpenMessage(message: unknown): message is OpenMessage {
	const candidate = message as Partial<OpenMessage> | null;
	return (
		typeof candidate === 'object' &&
		candidate !== null &&
		candidate.command === 'open' &&
		typeof candidate.uri === 'string' &&
		(candidate.line === undefined || (Number.isInteger(candidate.line) && candidate.line >= 0))
	);
}

export function registerDashboard(store: FeatureStore): {
	dashboard: FeatureDashboard;
	disposables: vscode.Disposable[];
} {
	const dashboard = new FeatureDashboard(store);
	return {
		dashboard,
		disposables: [dashboard, vscode.commands.registerCommand('planmark.showFeatureDashboard', () => dashboard.show())],
	};
}
