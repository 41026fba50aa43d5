import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
	documentProgressRequest,
	formatProgress,
	workspaceProgressRequest,
	type DocumentProgress,
	type ProgressNode,
	countOf,
} from '../../server/src/protocol';

type PlanItem =
	| { readonly plan: DocumentProgress; readonly node?: undefined }
	| { readonly plan: DocumentProgress; readonly node: ProgressNode };

/**
 * The Plans view in the Explorer: every plan of the workspace, open or not, with its progress and
 * problems; expanding one shows its sections with their progress; clicking goes there.
 */
export class PlansView implements vscode.TreeDataProvider<PlanItem> {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeTreeData = this.changed.event;
	private timer: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly client: LanguageClient) {}

	/** Re-reads the plans soon, coalescing bursts of edits and file events. */
	refresh(delay = 500): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => this.changed.fire(), delay);
	}

	async getChildren(element?: PlanItem): Promise<PlanItem[]> {
		if (!element) {
			if (!this.client.isRunning()) {
				return [];
			}
			// Without outlines the answer stays small in a workspace of thousands of plans; a plan's outline is asked for when it is expanded.
			const plans = await this.client
				.sendRequest(workspaceProgressRequest, { outline: false })
				.catch(() => [] as DocumentProgress[]);
			return plans.sort((a, b) => a.title.localeCompare(b.title)).map(plan => ({ plan }));
		}
		let plan = element.plan;
		if (!element.node) {
			plan = (await this.client.sendRequest(documentProgressRequest, { uri: plan.uri }).catch(() => null)) ?? plan;
		}
		const nodes = element.node
			? element.node.children
			: plan.outline.flatMap(node => (node.kind === 'title' ? node.children : [node]));
		return nodes.filter(node => node.kind !== 'block' || node.total > 0).map(node => ({ plan, node }));
	}

	getTreeItem(element: PlanItem): vscode.TreeItem {
		const uri = vscode.Uri.parse(element.plan.uri);
		if (!element.node) {
			const plan = element.plan;
			const item = new vscode.TreeItem(plan.title, vscode.TreeItemCollapsibleState.Collapsed);
			const problems = plan.problems === 0 ? '' : ` · ${countOf(plan.problems, 'problem')}`;
			item.description = `${progressText(plan)}${problems}`;
			item.tooltip = `${vscode.workspace.asRelativePath(uri)}\n${progressText(plan)}${problems}`;
			item.resourceUri = uri;
			item.iconPath = new vscode.ThemeIcon(plan.total > 0 && plan.done === plan.total ? 'pass' : 'checklist');
			item.command = { command: 'vscode.open', title: 'Open plan', arguments: [uri] };
			item.contextValue = 'planmark.plan';
			return item;
		}
		const node = element.node;
		const children = node.children.filter(child => child.kind !== 'block' || child.total > 0);
		const item = new vscode.TreeItem(
			node.name,
			children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
		);
		item.description = node.total > 0 ? progressText(node) : '';
		item.command = {
			command: 'vscode.open',
			title: 'Go to section',
			arguments: [uri, { selection: new vscode.Range(node.range.start.line, 0, node.range.start.line, 0) }],
		};
		return item;
	}

	dispose(): void {
		clearTimeout(this.timer);
		this.changed.dispose();
	}
}

function progressText(progress: { done: number; total: number }): string {
	if (progress.total === 0) {
		return 'no tasks';
	}
	return formatProgress(progress, 'compact');
}

/** Registers the view and keeps it current as plans change in editors and on disk. */
export function registerPlansView(client: LanguageClient): vscode.Disposable[] {
	const view = new PlansView(client);
	const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
	return [
		view,
		watcher,
		vscode.window.registerTreeDataProvider('planmark.plans', view),
		watcher.onDidCreate(() => view.refresh()),
		watcher.onDidChange(() => view.refresh()),
		watcher.onDidDelete(() => view.refresh()),
		vscode.workspace.onDidChangeTextDocument(event => event.document.languageId === 'markdown' && view.refresh(1000)),
		vscode.workspace.onDidChangeConfiguration(event => event.affectsConfiguration('planmark') && view.refresh(0)),
		client.onDidChangeState(() => view.refresh(0)),
		vscode.commands.registerCommand('planmark.refreshPlans', () => view.refresh(0)),
	];
}
