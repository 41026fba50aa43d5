import type { OutlineNode } from './planDocument';

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
export function nodeAt(nodes: readonly OutlineNode[], offset: number, accept: (node: OutlineNode) => boolean = () => true): OutlineNode | undefined {
	let low = 0;
	let high = nodes.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (nodes[middle].start <= offset) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}
	const parents = parentsOf(nodes);
	for (let at = low - 1; at >= 0; at = parents[at]) {
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
	return lowerBound(items, end + 1) - lowerBound(items, start);
}

function lowerBound(items: readonly { readonly start: number }[], offset: number): number {
	let low = 0;
	let high = items.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (items[middle].start < offset) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}
	return low;
}
