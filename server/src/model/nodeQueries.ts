import type { OutlineNode } from './planDocument';

/** The deepest outline node containing `offset`, optionally only among nodes that pass `accept`. */
export function nodeAt(nodes: readonly OutlineNode[], offset: number, accept: (node: OutlineNode) => boolean = () => true): OutlineNode | undefined {
	let found: OutlineNode | undefined;
	for (const node of nodes) {
		if (node.start <= offset && offset <= node.end && accept(node) && (!found || node.depth >= found.depth)) {
			found = node;
		}
	}
	return found;
}

/** The name of the section or block around `offset`, for messages; undefined in the plan header. */
export function sectionNameAt(nodes: readonly OutlineNode[], offset: number): string | undefined {
	return nodeAt(nodes, offset, node => node.kind !== 'title')?.name;
}

