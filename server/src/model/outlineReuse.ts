import type { Range } from 'vscode-languageserver-types';
import type { UnchangedSpans } from '../markdown/commonEnds';
import { partitionPoint } from '../markdown/sortedSearch';
import type { PlacedReading } from './outlineNodes';
import type { HeadingReading, OutlineNode } from './planDocument';

/*
 * Outline nodes of the previous version that serve again. A keystroke changes one chunk; every
 * node wholly before it is the previous version's node itself, and every node wholly after it
 * is the previous node moved by the edit's length (same ranges when no line was added or removed).
 * Building thousands of nodes afresh on each keystroke cost more than anything else the outline did.
 */

export class OutlineReuse {
	/** The previous node each moved node was made from, for its parent's check. */
	private readonly movedFrom = new Map<OutlineNode, OutlineNode>();

	constructor(
		private readonly previous: readonly OutlineNode[],
		private readonly spans: UnchangedSpans,
	) {}

	/**
	 * The previous version's node standing where `node` stands, with `children` (already finished
	 * here), when it reads the same, covers the same text and has the same children; else undefined.
	 */
	reuse(node: PlacedReading, children: readonly OutlineNode[]): OutlineNode | undefined {
		const { before, after, shift, lineShift } = this.spans;
		const inPlace = node.end <= before;
		if (!inPlace && node.start < after) {
			return undefined;
		}
		const offset = inPlace ? 0 : shift;
		const old = this.at(node.start - offset);
		if (
			!old ||
			old.extentEnd !== node.end - offset ||
			old.headingEnd !== node.headingEnd - offset ||
			!sameReading(old, node) ||
			old.children.length !== children.length
		) {
			return undefined;
		}
		let same = true;
		for (let index = 0; index < children.length; index++) {
			const child = children[index];
			if (child !== old.children[index]) {
				if (this.movedFrom.get(child) !== old.children[index]) {
					return undefined;
				}
				same = false;
			}
		}
		if (same && (inPlace || (shift === 0 && lineShift === 0))) {
			return old;
		}
		return this.moved(old, children, offset, inPlace ? 0 : lineShift);
	}

	private moved(old: OutlineNode, children: readonly OutlineNode[], shift: number, lineShift: number): OutlineNode {
		const node = movedNode(old, children, shift, lineShift);
		this.movedFrom.set(node, old);
		return node;
	}

	/** The previous node starting at `start`: nodes are in document order, so by binary search. */
	private at(start: number): OutlineNode | undefined {
		const index = partitionPoint(this.previous.length, at => this.previous[at].start < start);
		const found = this.previous[index];
		return found?.start === start ? found : undefined;
	}
}

function sameReading(old: OutlineNode, node: HeadingReading): boolean {
	return (
		old.kind === node.kind &&
		old.name === node.name &&
		old.depth === node.depth &&
		old.number === node.number &&
		old.title === node.title &&
		old.templateSectionId === node.templateSectionId &&
		old.templateMatch === node.templateMatch &&
		old.templateBlock === node.templateBlock &&
		old.block?.label === node.block?.label &&
		old.block?.index === node.block?.index
	);
}

/**
 * The previous version's node moved by an edit before it: `shift` characters and `lineShift` lines,
 * with `children` (already moved). It keeps its range objects when no line was added or removed.
 */
export function movedNode(
	old: OutlineNode,
	children: readonly OutlineNode[],
	shift: number,
	lineShift: number,
): OutlineNode {
	const move = (range: Range): Range =>
		lineShift === 0
			? range
			: {
					start: { line: range.start.line + lineShift, character: range.start.character },
					end: { line: range.end.line + lineShift, character: range.end.character },
				};
	// The fields in the order a freshly finished node has them, so both share one shape.
	return {
		kind: old.kind,
		name: old.name,
		depth: old.depth,
		number: old.number,
		title: old.title,
		block: old.block,
		templateSectionId: old.templateSectionId,
		templateMatch: old.templateMatch,
		numberRange: old.numberRange && move(old.numberRange),
		templateBlock: old.templateBlock,
		isGate: old.isGate,
		start: old.start + shift,
		end: old.end + shift,
		extentEnd: old.extentEnd + shift,
		headingEnd: old.headingEnd + shift,
		range: move(old.range),
		selectionRange: move(old.selectionRange),
		children,
	};
}
