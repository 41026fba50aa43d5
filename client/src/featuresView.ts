import * as vscode from 'vscode';
import {
	formatProgress,
	type FeatureDocument,
	type FeaturePhase,
	type FeatureStatus,
	type TaskGroupProgress,
	countOf,
} from '../../server/src/protocol';
import { mainDocumentOf } from './dashboardHtml';
import type { FeatureStore } from './featureStore';

/** What the Features view shows: a feature, a document of it, its phases or stories, or one of those. */
export type FeatureItem =
	| { readonly kind: 'feature'; readonly feature: FeatureStatus }
	| { readonly kind: 'document'; readonly feature: FeatureStatus; readonly document: FeatureDocument }
	| { readonly kind: 'group'; readonly feature: FeatureStatus; readonly group: 'phases' | 'stories' }
	| {
			readonly kind: 'progress';
			readonly feature: FeatureStatus;
			readonly label: string;
			readonly progress: TaskGroupProgress;
	  };

/** The codicon of each phase. */
export const phaseIcons: Record<FeaturePhase, string> = {
	specify: 'edit',
	clarify: 'question',
	plan: 'map',
	tasks: 'checklist',
	implement: 'tools',
	done: 'pass-filled',
};

/** "9/17 · 53%", or "no tasks". */
export function tasksText(progress: { readonly done: number; readonly total: number }): string {
	return progress.total === 0 ? 'no tasks' : formatProgress(progress, 'compact');
}

/** "implement · 9/17 · 53% · 2 questions · 1 problem": what a feature's row says after its name. */
export function featureDescription(feature: FeatureStatus): string {
	const parts: string[] = [feature.phase];
	if (feature.tasks.total > 0) {
		parts.push(formatProgress(feature.tasks, 'compact'));
	}
	if (feature.clarifications > 0) {
		parts.push(countOf(feature.clarifications, 'question'));
	}
	if (feature.problems > 0) {
		parts.push(countOf(feature.problems, 'problem'));
	}
	return parts.join(' · ');
}

/**
 * The Features view in the Explorer: every feature folder, by number, with its phase and progress;
 * expanding one shows its documents, the phases of its tasks.md and its user stories; clicking opens.
 */
export class FeaturesView implements vscode.TreeDataProvider<FeatureItem> {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeTreeData = this.changed.event;
	private readonly subscription: vscode.Disposable;

	constructor(private readonly store: FeatureStore) {
		this.subscription = store.onDidChange(() => this.changed.fire());
	}

	async getChildren(element?: FeatureItem): Promise<FeatureItem[]> {
		if (!element) {
			// The store fires after each answer, which asks for the tree again: the answer is read, not asked for anew.
			const features = this.store.loaded ? this.store.features : await this.store.load();
			return features.map(feature => ({ kind: 'feature', feature }));
		}
		const feature = element.feature;
		if (element.kind === 'feature') {
			const { spec, plan, tasks, checklists } = feature.documents;
			const documents = [spec, plan, tasks, ...checklists].filter(
				(document): document is FeatureDocument => document !== undefined,
			);
			return [
				...documents.map(document => ({ kind: 'document', feature, document }) as const),
				...(feature.taskPhases.length > 0 ? [{ kind: 'group', feature, group: 'phases' } as const] : []),
				...(feature.stories.length > 0 ? [{ kind: 'group', feature, group: 'stories' } as const] : []),
			];
		}
		if (element.kind === 'group') {
			return element.group === 'phases'
				? feature.taskPhases.map(phase => ({ kind: 'progress', feature, label: phase.name, progress: phase }))
				: feature.stories.map(story => ({
						kind: 'progress',
						feature,
						label: `${story.id}${story.name === story.id ? '' : ` ${story.name}`}${story.priority ? ` (${story.priority})` : ''}`,
						progress: story,
					}));
		}
		return [];
	}

	getTreeItem(element: FeatureItem): vscode.TreeItem {
		switch (element.kind) {
			case 'feature':
				return featureItem(element.feature);
			case 'document':
				return documentItem(element.document);
			case 'group': {
				const phases = element.group === 'phases';
				const item = new vscode.TreeItem(phases ? 'Phases' : 'User stories', vscode.TreeItemCollapsibleState.Collapsed);
				const groups = phases ? element.feature.taskPhases : element.feature.stories;
				item.description = `${groups.filter(group => group.total > 0 && group.done === group.total).length}/${groups.length} done`;
				item.iconPath = new vscode.ThemeIcon(phases ? 'list-ordered' : 'person');
				return item;
			}
			case 'progress': {
				const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
				item.description = tasksText(element.progress);
				item.iconPath = new vscode.ThemeIcon(
					element.progress.total > 0 && element.progress.done === element.progress.total
						? 'pass'
						: 'circle-large-outline',
				);
				const tasks = element.feature.documents.tasks;
				if (tasks) {
					item.command = openCommand(tasks.uri, element.progress.line);
				}
				return item;
			}
		}
	}

	dispose(): void {
		this.subscription.dispose();
		this.changed.dispose();
	}
}

function featureItem(feature: FeatureStatus): vscode.TreeItem {
	const item = new vscode.TreeItem(
		feature.number ? `${feature.number} ${feature.name}` : feature.name,
		vscode.TreeItemCollapsibleState.Collapsed,
	);
	item.id = feature.folderUri;
	item.description = featureDescription(feature);
	item.iconPath = new vscode.ThemeIcon(phaseIcons[feature.phase]);
	item.resourceUri = vscode.Uri.parse(feature.folderUri);
	const tooltip = new vscode.MarkdownString(
		[
			`**${feature.folder}** — ${feature.phase}`,
			'',
			`- Tasks: ${tasksText(feature.tasks)}`,
			`- Checklists: ${feature.checklistItems.total === 0 ? 'none' : `${feature.checklistItems.done}/${feature.checklistItems.total} items`}`,
			`- Open clarifications: ${feature.clarifications}`,
			`- Problems: ${feature.problems}`,
		].join('\n'),
	);
	item.tooltip = tooltip;
	const main = mainDocumentOf(feature);
	if (main) {
		item.command = openCommand(main.uri);
	}
	item.contextValue = 'planmark.feature';
	return item;
}

function documentItem(document: FeatureDocument): vscode.TreeItem {
	const uri = vscode.Uri.parse(document.uri);
	const name = document.path.split('/').slice(-2);
	const item = new vscode.TreeItem(
		name[0] === 'checklists' ? name.join('/') : name[1],
		vscode.TreeItemCollapsibleState.None,
	);
	const parts: string[] = [];
	if (document.total > 0) {
		parts.push(
			name[0] === 'checklists' ? `${document.done}/${document.total} items` : formatProgress(document, 'compact'),
		);
	}
	if (document.clarifications > 0) {
		parts.push(countOf(document.clarifications, 'question'));
	}
	if (document.problems > 0) {
		parts.push(countOf(document.problems, 'problem'));
	}
	item.description = parts.join(' · ');
	item.tooltip = `${document.path}\n${document.title}`;
	item.resourceUri = uri;
	item.command = openCommand(document.uri);
	return item;
}

/** Opens a document, at a line when given. */
function openCommand(uri: string, line?: number): vscode.Command {
	return {
		command: 'vscode.open',
		title: 'Open',
		arguments: [vscode.Uri.parse(uri), line === undefined ? {} : { selection: new vscode.Range(line, 0, line, 0) }],
	};
}

/** Registers the view. */
export function registerFeaturesView(store: FeatureStore): { view: FeaturesView; disposables: vscode.Disposable[] } {
	const view = new FeaturesView(store);
	return {
		view,
		disposables: [
			view,
			vscode.window.registerTreeDataProvider('planmark.features', view),
			vscode.commands.registerCommand('planmark.refreshFeatures', () => store.refresh(0)),
		],
	};
}
