import * as path from 'node:path';
import type { OutlineNode, PlanDocument } from '../model/planDocument';
import { nodeAt } from '../model/nodeQueries';
import type { DocumentProgress, ProgressNode } from '../protocol';
import { progressItems, progressOf, type ProgressOptions } from './progress';

/** A document's progress as the client shows it: totals, the outline with progress, and every open item. */
export function documentProgress(document: PlanDocument, options: ProgressOptions, problems: number): DocumentProgress {
	const whole = progressOf(document, undefined, options);
	const lines = document.lines;
	const toNode = (node: OutlineNode): ProgressNode => {
		const progress = progressOf(document, node.kind === 'title' ? undefined : node, options);
		return {
			name: node.name,
			kind: node.kind,
			range: node.range,
			done: progress.done,
			total: progress.total,
			nextOpen: progress.nextOpen ? lines.positionAt(progress.nextOpen.start) : undefined,
			children: node.children.map(toNode),
		};
	};
	return {
		uri: document.uri,
		title: document.title?.name ?? path.posix.basename(document.uri),
		isPlan: document.isPlan,
		done: whole.done,
		total: whole.total,
		problems,
		outline: document.outline.map(toNode),
		openItems: progressItems(document, options)
			.filter(item => !item.checked)
			.map(item => ({
				text: item.text,
				position: lines.positionAt(item.start),
				section: nodeAt(document.nodes, item.start, node => node.kind !== 'title')?.name,
			})),
	};
}

/** What a document is to planmark, in a few words. */
export interface DocumentInfo {
	/** True when planmark treats it as a plan: its name, its title or a setting says so. */
	readonly isPlan: boolean;
	/** Its `# ` title, if it has one. */
	readonly title?: string;
	/** The URI of the template that governs it (`bundled:plan-template.md` for the bundled one). */
	readonly templateUri: string;
}

export function documentInfo(document: PlanDocument): DocumentInfo {
	return { isPlan: document.isPlan, title: document.title?.name, templateUri: document.template.uri };
}
