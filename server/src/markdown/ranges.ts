import type { Position, Range } from 'vscode-languageserver-types';

/** Comparisons of LSP positions and ranges, shared by the features that order, nest or merge them. */

export function isBefore(a: Position, b: Position): boolean {
	return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** True when `inner`, a range or a position, lies within `outer`, ends included. */
export function contains(outer: Range, inner: Range | Position): boolean {
	const { start, end } = 'line' in inner ? { start: inner, end: inner } : inner;
	return !isBefore(start, outer.start) && !isBefore(outer.end, end);
}

/** The smallest range covering both. */
export function union(a: Range, b: Range): Range {
	return { start: isBefore(b.start, a.start) ? b.start : a.start, end: isBefore(a.end, b.end) ? b.end : a.end };
}

export function isEmptyRange(range: Range): boolean {
	return sameRange({ start: range.start, end: range.start }, range);
}

export function sameRange(a: Range, b: Range): boolean {
	return (
		a.start.line === b.start.line &&
		a.start.character === b.start.character &&
		a.end.line === b.end.line &&
		a.end.character === b.end.character
	);
}
