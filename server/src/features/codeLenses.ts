import type { CodeLens } from 'vscode-languageserver-types';
import type { PlanmarkSettings } from '../config';
import { keep } from '../messageJson';
import type { OutlineNode, PlanDocument } from '../model/planDocument';
import { formatProgress, serverCommands, wholeDocumentLabel } from '../protocol';
import { aboveChildrenOf, KeptAnswers, nothingAbove, type Above } from './keptAnswers';
import { progressOf } from './progress';

type LensSettings = Pick<PlanmarkSettings, 'codeLens' | 'progress'>;

// One list per model, settings and command: an editor resolving lenses one at a time asks for it each time.
const lensLists = new WeakMap<PlanDocument, { settings: LensSettings; command: string; lenses: CodeLens[] }>();

/**
 * A progress lens on every section or block holding tasks (its subsections included),
 * and on the title for the whole plan. Sections without tasks get no lens.
 */
export function codeLenses(
	document: PlanDocument,
	settings: LensSettings,
	/** What a lens runs: the server's own command, or a client's (planmark's VS Code client reveals the task itself). */
	lensCommand: string = serverCommands.revealTask,
): readonly CodeLens[] {
	const known = lensLists.get(document);
	if (known?.settings === settings && known.command === lensCommand) {
		return known.lenses;
	}
	const lenses = computeLenses(document, settings, lensCommand);
	lensLists.set(document, { settings, command: lensCommand, lenses });
	return lenses;
}

/** The lenses of each subtree a keystroke left alone, handed out again (`keptAnswers.ts`). */
const keptLenses = new KeptAnswers<readonly CodeLens[]>();

function computeLenses(document: PlanDocument, settings: LensSettings, lensCommand: string): CodeLens[] {
	if (!document.isPlan || !settings.codeLens.enabled) {
		return [];
	}
	const lenses: CodeLens[] = [];
	const context = keptLenses.contextOf(document, [settings, lensCommand, document.uri]);
	// In document order, as the flat list of nodes: each node, then its subtree.
	const visit = (node: OutlineNode, above: Above) => {
		const kept = keptLenses.get(node, context, above);
		if (kept) {
			for (const lens of kept) {
				lenses.push(lens);
			}
			return;
		}
		const first = lenses.length;
		const lens = lensOf(document, node, settings, lensCommand);
		if (lens) {
			lenses.push(lens);
			if (node.kind === 'title') {
				lenses.push(...storyLenses(document, node.selectionRange, settings.codeLens.format, lensCommand));
			}
		}
		const below = aboveChildrenOf(node, above);
		for (const child of node.children) {
			visit(child, below);
		}
		keptLenses.set(node, context, above, lenses.slice(first));
	};
	for (const node of document.outline) {
		visit(node, nothingAbove);
	}
	return lenses;
}

/** The progress lens of one node, if it holds tasks. */
function lensOf(
	document: PlanDocument,
	node: OutlineNode,
	settings: LensSettings,
	lensCommand: string,
): CodeLens | undefined {
	const progress = progressOf(document, node.kind === 'title' ? undefined : node, settings.progress);
	if (progress.total === 0) {
		return undefined;
	}
	const target = progress.nextOpen ? document.lines.positionAt(progress.nextOpen.start) : null;
	return keep({
		range: node.selectionRange,
		command: {
			title:
				node.kind === 'title'
					? `${wholeDocumentLabel}: ${formatProgress(progress, settings.codeLens.format)}`
					: formatProgress(progress, settings.codeLens.format),
			command: lensCommand,
			arguments: [document.uri, target, node.name],
		},
	});
}

/** On the title, one lens per group of tasks the template tags, such as spec-kit's user stories ("US1 3/7 done"). */
function storyLenses(
	document: PlanDocument,
	range: CodeLens['range'],
	format: PlanmarkSettings['codeLens']['format'],
	lensCommand: string,
): CodeLens[] {
	const pattern = document.template.storyPattern;
	if (!pattern) {
		return [];
	}
	const stories = new Map<string, { done: number; total: number; nextOpen?: number }>();
	for (const task of document.tasks) {
		const story = pattern.exec(task.text)?.[1];
		if (story) {
			const counts = stories.get(story) ?? { done: 0, total: 0 };
			counts.total++;
			counts.done += task.checked ? 1 : 0;
			counts.nextOpen ??= task.checked ? undefined : task.start;
			stories.set(story, counts);
		}
	}
	return [...stories.entries()]
		.sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
		.map(([story, counts]) => ({
			range,
			command: {
				title: `${story}: ${formatProgress(counts, format)}`,
				command: lensCommand,
				arguments: [
					document.uri,
					counts.nextOpen === undefined ? null : document.lines.positionAt(counts.nextOpen),
					story,
				],
			},
		}));
}
