import type { LineIndex } from '../markdown/lineIndex';
import type { HeadingReading, OutlineNode } from './planDocument';

/*
 * Outline nodes made over the text: where a node's visible text ends, its ranges and the range of
 * its number. Both a fresh outline (`outline.ts`) and a replayed one (`outlineReplay.ts`) make their
 * new nodes here, so a node reads the same whichever way it was made.
 */

/** A node before it is finished: how its heading reads and where it stands. */
export interface PlacedReading extends HeadingReading {
	readonly start: number;
	readonly headingEnd: number;
	/** Where its extent ends (`OutlineNode.extentEnd`). */
	readonly end: number;
}

/** A node made afresh over the current text, its children already made. */
export function finishedNode(
	node: PlacedReading,
	children: readonly OutlineNode[],
	lines: LineIndex,
	rules: ReadonlySet<number>,
): OutlineNode {
	// Ranges end at visible text: a heading's trailing blanks would reach past its parent's content end.
	const visibleHeadingEnd = Math.max(node.start, trimmedEnd(lines.text, node.start, node.headingEnd));
	const end = Math.max(visibleHeadingEnd, contentEnd(lines, node.start, node.end, rules));
	// An ATX heading's number follows its `#`s and spaces directly (a setext or marked-up number is not edited).
	const numberStart = node.number === undefined ? -1 : lines.text.indexOf(node.number, node.start);
	const numbered =
		numberStart >= 0 && numberStart < node.headingEnd && atxLead.test(lines.text.slice(node.start, numberStart));
	return {
		kind: node.kind,
		name: node.name,
		depth: node.depth,
		number: node.number,
		title: node.title,
		block: node.block,
		templateSectionId: node.templateSectionId,
		templateMatch: node.templateMatch,
		numberRange: numbered ? lines.range(numberStart, numberStart + node.number!.length) : undefined,
		templateBlock: node.templateBlock,
		isGate: node.templateBlock?.gateChoice !== undefined,
		start: node.start,
		end,
		extentEnd: node.end,
		headingEnd: node.headingEnd,
		range: lines.range(node.start, end),
		selectionRange: lines.range(node.start, visibleHeadingEnd),
		children,
	};
}

const atxLead = /^ {0,3}#{1,6}[ \t]+$/;

/** Where a node's content ends: before trailing blank lines and `---` separators. */
function contentEnd(lines: LineIndex, start: number, end: number, rules: ReadonlySet<number>): number {
	let at = trimmedEnd(lines.text, start, end);
	for (;;) {
		const lineStart = lines.lineStart(lines.positionAt(at).line);
		if (lineStart <= start || !isRuleLine(lines.text, lineStart, rules)) {
			return at;
		}
		at = trimmedEnd(lines.text, start, lineStart);
	}
}

/** A rule may be indented up to three spaces, on this line: a shorter line's offsets reach into the next. */
function isRuleLine(text: string, lineStart: number, rules: ReadonlySet<number>): boolean {
	for (let indent = 0; indent <= 3; indent++) {
		if (rules.has(lineStart + indent)) {
			return true;
		}
		if (text.charCodeAt(lineStart + indent) !== 0x20) {
			return false;
		}
	}
	return false;
}

/** The end of the last non-blank character before `end`, so ranges do not swallow blank lines. */
function trimmedEnd(text: string, start: number, end: number): number {
	let at = end;
	while (at > start && isSpace(text.charCodeAt(at - 1), text, at - 1)) {
		at--;
	}
	return at;
}

/** `/\s/`, with the common ASCII cases answered without a regular expression. */
function isSpace(code: number, text: string, at: number): boolean {
	if (code < 0x80) {
		return code === 0x20 || (code >= 0x09 && code <= 0x0d);
	}
	return /\s/.test(text[at]);
}
