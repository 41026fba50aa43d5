import type { Text } from 'mdast';
import { partitionPoint } from './sortedSearch';

type Position = NonNullable<Text['position']>;

/* What the parts of the plain reader (`plainMarkdown.ts`) share: lines, positions, giving up. */

/** Why the plain reader gave a chunk up: remark parses it instead. */
export class Unsupported extends Error {}

/** The lines of a chunk: where each starts, and where its content ends (before LF or CRLF). */
export interface PlainLines {
	readonly text: string;
	readonly count: number;
	start(line: number): number;
	end(line: number): number;
}

/** Positions as remark gives them (1-based line and column, 0-based offset) within one chunk. */
export class PlainPoints {
	constructor(private readonly lineStarts: readonly number[]) {}

	span(start: number, end: number): Position {
		return { start: this.point(start), end: this.point(end) };
	}

	private point(offset: number) {
		const line = partitionPoint(this.lineStarts.length, index => this.lineStarts[index] <= offset) - 1;
		return { line: line + 1, column: offset - this.lineStarts[line] + 1, offset };
	}
}

/** Where the text before `end` stops, leaving out the spaces just before it. */
export function trimmedEnd(text: string, end: number): number {
	let at = end;
	while (at > 0 && text.charCodeAt(at - 1) === 0x20) {
		at--;
	}
	return at;
}
