import assert from 'node:assert/strict';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';

/*
 * What must hold of any answer about any document, checked without the server's own line index:
 * ranges lie inside the text, and edits apply cleanly and keep the lines they should keep.
 */

/** A document's lines as LSP counts them: LF, CRLF and a lone CR end a line, nothing else does. */
export class DocumentShape {
	readonly lines: readonly string[];
	private readonly lineStarts: readonly number[];

	constructor(readonly text: string) {
		this.lines = text.split(/\r\n|\r|\n/);
		const starts = [0];
		const breaks = /\r\n|\r|\n/g;
		for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
			starts.push(match.index + match[0].length);
		}
		this.lineStarts = starts;
	}

	get lineCount(): number {
		return this.lines.length;
	}

	assertPosition(position: Position, what: string): void {
		assert.ok(
			Number.isInteger(position.line) && position.line >= 0 && position.line < this.lineCount,
			`${what}: line ${position.line} is outside the document's ${this.lineCount} lines`,
		);
		const length = this.lines[position.line].length;
		assert.ok(
			Number.isInteger(position.character) && position.character >= 0 && position.character <= length,
			`${what}: character ${position.character} is outside line ${position.line}, which has ${length}`,
		);
	}

	assertRange(range: Range, what: string): void {
		this.assertPosition(range.start, `${what} (start)`);
		this.assertPosition(range.end, `${what} (end)`);
		assert.ok(
			!isBefore(range.end, range.start),
			`${what}: ends at ${show(range.end)}, before it starts at ${show(range.start)}`,
		);
	}

	offsetAt(position: Position): number {
		return this.lineStarts[position.line] + position.character;
	}

	/** True when the position falls between the two halves of a surrogate pair. */
	splitsSurrogatePair(position: Position): boolean {
		const line = this.lines[position.line];
		const before = line.charCodeAt(position.character - 1);
		const after = line.charCodeAt(position.character);
		return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
	}
}

export function isBefore(a: Position, b: Position): boolean {
	return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function contains(outer: Range, inner: Range | Position): boolean {
	const range = 'line' in inner ? { start: inner, end: inner } : inner;
	return !isBefore(range.start, outer.start) && !isBefore(outer.end, range.end);
}

export function show(position: Position): string {
	return `${position.line}:${position.character}`;
}

/**
 * Applies edits as an editor applies a WorkspaceEdit, after checking what an editor would reject:
 * every range inside the document, no range splitting a surrogate pair, and no two edits
 * overlapping (touching is fine; insertions at one point keep their order).
 */
export function applyStrictly(shape: DocumentShape, edits: readonly TextEdit[], what: string): string {
	edits.forEach((edit, index) => {
		shape.assertRange(edit.range, `${what}, edit ${index}`);
		assert.equal(typeof edit.newText, 'string', `${what}, edit ${index} has no text`);
		for (const position of [edit.range.start, edit.range.end]) {
			assert.ok(
				!shape.splitsSurrogatePair(position),
				`${what}, edit ${index} splits a surrogate pair at ${show(position)}`,
			);
		}
	});
	const ordered = edits
		.map((edit, order) => ({
			start: shape.offsetAt(edit.range.start),
			end: shape.offsetAt(edit.range.end),
			newText: edit.newText,
			order,
		}))
		.sort((a, b) => a.start - b.start || a.order - b.order);
	for (let index = 1; index < ordered.length; index++) {
		assert.ok(
			ordered[index].start >= ordered[index - 1].end,
			`${what}: edits ${ordered[index - 1].order} and ${ordered[index].order} overlap`,
		);
	}
	let result = '';
	let at = 0;
	for (const edit of ordered) {
		result += shape.text.slice(at, edit.start) + edit.newText;
		at = edit.end;
	}
	return result + shape.text.slice(at);
}

/** Asserts that the `kept` lines appear in `lines` exactly and in order, possibly with other lines between. */
export function assertSubsequence(lines: readonly string[], kept: readonly string[], what: string): void {
	const candidates = lines;
	let at = 0;
	// Blank lines carry no text: an insertion into an empty document may fill its only line.
	for (const [index, line] of kept.filter(candidate => candidate !== '').entries()) {
		while (at < candidates.length && candidates[at] !== line) {
			at++;
		}
		assert.ok(
			at < candidates.length,
			`${what}: lost line ${index} of the lines it should keep, ${JSON.stringify(line)}`,
		);
		at++;
	}
}

/** Lines no edit changes: an edit's range touches its lines, and an insertion its line unless it adds whole lines before or after it. */
export function untouchedLines(shape: DocumentShape, edits: readonly TextEdit[]): string[] {
	const touched = new Set<number>();
	for (const edit of edits) {
		const { start, end } = edit.range;
		if (start.line === end.line && start.character === end.character) {
			// An insertion keeps its line only when it adds whole lines: at the line's start ending in a
			// line break, or at its end starting with one.
			const atStart = start.character === 0 && /(?:\r\n|\r|\n)$/.test(edit.newText);
			const atEnd = start.character === shape.lines[start.line].length && /^(?:\r\n|\r|\n)/.test(edit.newText);
			if (edit.newText !== '' && !atStart && !atEnd) {
				touched.add(start.line);
			}
			continue;
		}
		for (let line = start.line; line <= end.line; line++) {
			touched.add(line);
		}
	}
	return shape.lines.filter((_, line) => !touched.has(line));
}

/**
 * A removal keeps every line before and after the lines it targets, unchanged and in order; the
 * targeted lines disappear, or one line is left with only the targeted text taken out of it.
 */
export function assertRemovalKeepsOtherLines(shape: DocumentShape, result: string, target: Range, what: string): void {
	const after = result.split(/\r\n|\r|\n/);
	const original = shape.lines;
	const before = original.slice(0, target.start.line);
	const following = original.slice(target.end.line + 1);
	assert.deepEqual(after.slice(0, before.length), before, `${what}: changed a line before line ${target.start.line}`);
	assert.deepEqual(
		following.length === 0 ? [] : after.slice(-following.length),
		following,
		`${what}: changed a line after line ${target.end.line}`,
	);
	const left = after.length - before.length - following.length;
	assert.ok(
		left === 0 || left === 1,
		`${what}: left ${left} lines where it removed lines ${target.start.line}–${target.end.line}`,
	);
}

/** A move (a removal plus an insertion) keeps every line exactly, only in another order. */
export function assertMoveKeepsEveryLine(shape: DocumentShape, result: string, what: string): void {
	const sorted = (lines: readonly string[]) => lines.filter(line => line.trim() !== '').sort();
	assert.deepEqual(
		sorted(result.split(/\r\n|\r|\n/)),
		sorted(shape.lines),
		`${what}: the moved document does not have the same non-blank lines`,
	);
}
