import type { OutlineNode, PlanDocument } from '../model/planDocument';
import { firstStartingAfter, firstStartingAtOrAfter } from '../markdown/sortedSearch';

/** Something that counts towards progress: a task checkbox, or a gate (checked when it passed). */
export interface ProgressItem {
	readonly start: number;
	readonly checked: boolean;
	readonly text: string;
}

export interface ProgressOptions {
	/** Count gates as items: done when their status passed. */
	readonly countGates: boolean;
}

export interface Progress {
	readonly done: number;
	readonly total: number;
	/** The first item not done, if any. */
	readonly nextOpen?: ProgressItem;
}

const itemCache = new WeakMap<PlanDocument, Map<boolean, readonly ProgressItem[]>>();

/** The document's progress items in document order, computed once per document and options. */
export function progressItems(document: PlanDocument, options: ProgressOptions): readonly ProgressItem[] {
	let byOptions = itemCache.get(document);
	if (!byOptions) {
		byOptions = new Map();
		itemCache.set(document, byOptions);
	}
	if (!options.countGates) {
		// Tasks are progress items as they are: no copy of thousands of them.
		return document.tasks;
	}
	let items = byOptions.get(true);
	if (!items) {
		const gates: ProgressItem[] = document.nodes
			.filter(node => node.isGate)
			.map(node => ({
				start: node.start,
				text: node.name,
				checked: document.choices.some(
					choice => choice.valueStart >= node.start && choice.valueEnd <= node.end && choice.gate?.outcome === 'passed',
				),
			}));
		items = [...document.tasks, ...gates].sort((a, b) => a.start - b.start);
		byOptions.set(true, items);
	}
	return items;
}

/** Progress of a node (its subsections included), or of the whole plan without a node. */
export function progressOf(document: PlanDocument, node: OutlineNode | undefined, options: ProgressOptions): Progress {
	const all = progressItems(document, options);
	const items = node ? all.slice(firstStartingAtOrAfter(all, node.start), firstStartingAfter(all, node.end)) : all;
	let done = 0;
	let nextOpen: ProgressItem | undefined;
	for (const item of items) {
		if (item.checked) {
			done++;
		} else {
			nextOpen ??= item;
		}
	}
	return { done, total: items.length, nextOpen };
}
