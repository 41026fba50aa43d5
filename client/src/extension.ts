import * as vscode from 'vscode';
import {
	LanguageClient,
	TransportKind,
	type LanguageClientOptions,
	type ServerOptions,
} from 'vscode-languageclient/node';
import { workspaceTrustNotification } from '../../server/src/protocol';
import { registerDashboard, type FeatureDashboard } from './dashboard';
import { crashHandler } from './errorHandler';
import { createFeatureStatusBar } from './featureStatusBar';
import { createFeatureStore } from './featureStore';
import { registerFeaturesView, type FeaturesView } from './featuresView';
import { registerNewDocumentCommand } from './newDocument';
import { registerPlansView } from './plansView';
import { createStatusBar } from './statusBar';
import { registerTaskCommands } from './taskCommands';

/** What activation returns, for tests and other extensions. */
export interface PlanmarkApi {
	readonly client: LanguageClient;
	/** Settles once the language server is running. */
	readonly ready: Promise<void>;
	/** The Features view and the feature dashboard as the user sees them (their rows and page are out of the API's reach). */
	readonly features: {
		readonly view: FeaturesView;
		readonly dashboard: FeatureDashboard;
		/** What the feature status bar item says, or undefined while it is hidden. */
		readonly statusText: () => string | undefined;
	};
}

let client: LanguageClient | undefined;

/** VS Code's built-in markdown support, which has its own document and workspace symbols. */
const markdownExtension = 'vscode.markdown-language-features';

export async function activate(context: vscode.ExtensionContext): Promise<PlanmarkApi> {
	const output = vscode.window.createOutputChannel('planmark', { log: true });
	const serverModule = context.asAbsolutePath('dist/server.js');
	// Over stdio, as every other editor runs it: there the server sends the kept JSON of unchanged
	// symbols and lenses (messageJson.ts), where Node's IPC channel would encode every answer anew.
	const serverOptions: ServerOptions = {
		run: { module: serverModule, transport: TransportKind.stdio },
		debug: {
			module: serverModule,
			transport: TransportKind.stdio,
			options: { execArgv: ['--nolazy', '--inspect=6011'] },
		},
	};
	const clientOptions: LanguageClientOptions = {
		documentSelector: [
			{ scheme: 'file', language: 'markdown' },
			{ scheme: 'untitled', language: 'markdown' },
		],
		outputChannel: output,
		// VS Code's built-in Markdown extension lists every heading in the Outline, breadcrumbs and
		// symbol search; told so, planmark adds only what it lacks (planmark.symbols: auto).
		initializationOptions: {
			planmark: vscode.workspace.getConfiguration('planmark'),
			editor: {
				listsMarkdownHeadings: vscode.extensions.getExtension(markdownExtension) !== undefined,
				// Progress lenses run the client's own command, which reveals the task in the editor.
				revealTaskCommand: 'planmark.revealTask',
			},
			// In a workspace the user has not trusted, its .planmark.json cannot send planmark to templates outside .specify/.
			workspaceTrusted: vscode.workspace.isTrusted,
		},
		errorHandler: crashHandler(output, () => void client?.restart()),
		// Problems are pulled as the author types; an unchanged set comes back as "unchanged", not resent.
		diagnosticPullOptions: { onChange: true, onSave: true },
	};
	client = new LanguageClient('planmark', 'planmark', serverOptions, clientOptions);
	const languageClient = client;
	const features = createFeatureStore(languageClient);
	const featuresView = registerFeaturesView(features.store);
	const dashboard = registerDashboard(features.store);
	const featureStatus = createFeatureStatusBar(features.store);

	context.subscriptions.push(
		...features.disposables,
		...featuresView.disposables,
		...dashboard.disposables,
		...featureStatus.disposables,
		output,
		...registerTaskCommands(languageClient),
		...createStatusBar(languageClient),
		...registerPlansView(languageClient),
		registerNewDocumentCommand(languageClient),
		vscode.commands.registerCommand('planmark.restartServer', () => languageClient.restart()),
		vscode.commands.registerCommand('planmark.showOutput', () => output.show()),
		vscode.workspace.onDidGrantWorkspaceTrust(() => {
			void languageClient.sendNotification(workspaceTrustNotification, { trusted: true });
		}),
	);

	const ready = languageClient.start().catch(async error => {
		output.error(`planmark could not start its language server: ${error instanceof Error ? error.stack : error}`);
		const choice = await vscode.window.showErrorMessage('planmark could not start its language server.', 'Show Output');
		if (choice === 'Show Output') {
			output.show();
		}
		throw error;
	});
	return {
		client: languageClient,
		ready,
		features: { view: featuresView.view, dashboard: dashboard.dashboard, statusText: featureStatus.text },
	};
}

export async function deactivate(): Promise<void> {
	await client?.stop();
}
