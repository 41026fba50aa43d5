import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { featuresRequest, type FeatureStatus } from '../../server/src/protocol';

/**
 * The workspace's features as the server reports them (`planmark/features`), asked for once per burst
 * of edits and file events and shared by the Features view, the status bar and the dashboard.
 */
export class FeatureStore implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<readonly FeatureStatus[]>();
	/** Fires with the new features after each refresh. */
	readonly onDidChange = this.changed.event;
	private current: readonly FeatureStatus[] = [];
	private answered = false;
	private pending: Promise<readonly FeatureStatus[]> | undefined;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private settleTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly client: LanguageClient) {}

	/** The features of the last answer (empty before the first). */
	get features(): readonly FeatureStatus[] {
		return this.current;
	}

	/** Whether the server has answered once. */
	get loaded(): boolean {
		return this.answered;
	}

	/** The features, asked for now unless a request is already on its way. */
	load(): Promise<readonly FeatureStatus[]> {
		this.pending ??= this.fetch().finally(() => {
			this.pending = undefined;
		});
		return this.pending;
	}

	/** Asks again soon, coalescing bursts of edits and file events. */
	refresh(delay = 500): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.reload(), delay);
	}

	/**
	 * After a file event: asks soon, and once more a little later, since the server hears of the
	 * change through its own watcher and may not have yet when the first answer is made.
	 */
	refreshAfterFileEvent(): void {
		this.refresh();
		clearTimeout(this.settleTimer);
		this.settleTimer = setTimeout(() => void this.reload(), 2500);
	}

	/** The feature a document belongs to, from the last answer. */
	featureOf(uri: vscode.Uri): FeatureStatus | undefined {
		const key = uri.toString();
		return this.current.find(feature =>
			[feature.documents.spec, feature.documents.plan, feature.documents.tasks, ...feature.documents.checklists].some(
				document => document && vscode.Uri.parse(document.uri).toString() === key,
			),
		);
	}

	dispose(): void {
		clearTimeout(this.timer);
		clearTimeout(this.settleTimer);
		this.changed.dispose();
	}

	private async reload(): Promise<void> {
		// A refresh asked for while a request is answered must see the edits that came after it.
		await this.pending?.catch(() => undefined);
		await this.load();
	}

	private async fetch(): Promise<readonly FeatureStatus[]> {
		const features = this.client.isRunning()
			? await this.client.sendRequest(featuresRequest, {}).catch(() => undefined)
			: [];
		if (features) {
			this.current = features;
			this.answered = true;
			this.changed.fire(features);
		}
		return this.current;
	}
}

/** The store, kept current as documents change in editors and on disk. */
export function createFeatureStore(client: LanguageClient): { store: FeatureStore; disposables: vscode.Disposable[] } {
	const store = new FeatureStore(client);
	const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
	// A feature folder created or deleted whole is one event for the folder, none for its documents.
	const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
	const isFolderEvent = (uri: vscode.Uri) => !/\.md$/i.test(uri.path);
	return {
		store,
		disposables: [
			store,
			watcher,
			folders,
			watcher.onDidCreate(() => store.refreshAfterFileEvent()),
			watcher.onDidChange(() => store.refreshAfterFileEvent()),
			watcher.onDidDelete(() => store.refreshAfterFileEvent()),
			folders.onDidCreate(uri => isFolderEvent(uri) && store.refreshAfterFileEvent()),
			folders.onDidDelete(uri => isFolderEvent(uri) && store.refreshAfterFileEvent()),
			vscode.workspace.onDidChangeTextDocument(event => event.document.languageId === 'markdown' && store.refresh(750)),
			vscode.workspace.onDidChangeConfiguration(event => event.affectsConfiguration('planmark') && store.refresh(0)),
			client.onDidChangeState(() => store.refresh(0)),
		],
	};
}
