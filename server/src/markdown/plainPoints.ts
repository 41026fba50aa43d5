import type { Text } from 'mdast';
import { partitionPoint } from './sortedSearch';

type Position = NonNullable<Text['position']>;

/** Why the plain reader (`plainMarkdown.ts`) gave a chunk up: remark parses it instead. */
export class Unsupported extends Error {}

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
