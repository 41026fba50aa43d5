import type { LineIndex } from '../markdown/lineIndex';
import type { OutlineNode } from './planDocument';
import { firstStartingAfter, firstStartingAtOrAfter } from '../markdown/sortedSearch';

/** For each node of a flat, document-ordered list, the index of its parent (or -1). */
const parentsCache = new WeakMap<readonly OutlineNode[], Int32Array>();

function parentsOf(nodes: readonly OutlineNode[]): Int32Array {
	let parents = parentsCache.get(nodes);
	if (!parents) {
		parents = new Int32Array(nodes.length).fill(-1);
		const index = new Map(nodes.map((node, position) => [node, position]));
		nodes.forEach((node, position) => {
			for (const child of node.children) {
				parents![index.get(child)!] = position;
			}
		});
		parentsCache.set(nodes, parents);
	}
	return parents;
}

/**
 * The deepest outline node containing `offset`, optionally only among nodes that pass `accept`.
 * `nodes` is the document's flat list in document order; the answer is found by binary search
 * and a walk up the ancestors, so asking for every placeholder of a large plan stays fast.
 */
export function nodeAt(
	nodes: readonly OutlineNode[],
	offset: number,
	accept: (node: OutlineNode) => boolean = () => true,
): OutlineNode | undefined {
	const parents = parentsOf(nodes);
	for (let at = firstStartingAfter(nodes, offset) - 1; at >= 0; at = parents[at]) {
		const node = nodes[at];
		if (node.start <= offset && offset <= node.end && accept(node)) {
			return node;
		}
		// A sibling that ended before `offset` is not an ancestor: continue from its parent.
	}
	return undefined;
}

/** The name of the section or block around `offset`, for messages; undefined in the plan header. */
export function sectionNameAt(nodes: readonly OutlineNode[], offset: number): string | undefined {
	return nodeAt(nodes, offset, node => node.kind !== 'title')?.name;
}

/** How many of `items` (sorted by `start`) start within [start, end]. */
export function countWithin(items: readonly { readonly start: number }[], start: number, end: number): number {
	return firstStartingAfter(items, end) - firstStartingAtOrAfter(items, start);
}

/**
 * The lines after a node's heading up to `end` (its extent by default) that start outside the given
 * regions (code and HTML blocks, in document order): what a check of a section's own prose reads.
 */
export function proseLinesOf(
	node: OutlineNode,
	lines: LineIndex,
	skipped: readonly { start: number; end: number }[],
	end = node.extentEnd,
): { line: number; start: number; text: string }[] {
	const found: { line: number; start: number; text: string }[] = [];
	const first = lines.positionAt(node.headingEnd).line + 1;
	const last = lines.positionAt(Math.max(node.headingEnd, end - 1)).line;
	for (let line = first; line <= last && line < lines.lineCount; line++) {
		const start = lines.lineStart(line);
		// The regions are in document order and do not nest (code and HTML blocks): the one that can hold a line starts last before it.
		const region = skipped[firstStartingAfter(skipped, start) - 1];
		if (!region || start >= region.end) {
			found.push({ line, start, text: lines.lineText(line) });
		}
	}
	return found;
}
