import type { Position, Range } from 'vscode-languageserver-types';
import type { CommonEnds } from './commonEnds';
import { partitionPoint } from './sortedSearch';

/**
 * Converts between string offsets and LSP positions. JavaScript strings are UTF-16, so offsets and
 * columns are UTF-16 code units, as LSP requires. LF, CRLF and a lone CR all end a line.
 */
export class LineIndex {
	private readonly lineStarts: Uint32Array;

	constructor(
		readonly text: string,
		lineStarts?: Uint32Array,
	) {
		if (lineStarts) {
			this.lineStarts = lineStarts;
		} else {
			const starts = [0];
			scanBreaks(text, 0, text.length, starts);
			this.lineStarts = Uint32Array.from(starts);
		}
	}

	/**
	 * The index of a new version of the text, which shares `ends` with this one: the lines of the
	 * unchanged start and end are taken over (those of the end moved), only the changed text is
	 * scanned. Equal to `new LineIndex(text)`.
	 */
	edited(text: string, ends: CommonEnds): LineIndex {
		const old = this.lineStarts;
		const suffixStart = text.length - ends.suffix;
		const shift = text.length - this.text.length;
		// A line starting before the prefix ends starts after a break whose next character is unchanged too; 0 always starts one.
		const kept = Math.max(
			1,
			partitionPoint(old.length, index => old[index] < ends.prefix),
		);
		const starts: number[] = [];
		// Breaks are scanned up to the suffix's first character; a CRLF there is read whole.
		const next = scanBreaks(text, Math.max(0, ends.prefix - 1), Math.min(text.length, suffixStart + 1), starts);
		const moved = partitionPoint(old.length, index => old[index] - 1 + shift < Math.max(next, suffixStart + 1));
		const lineStarts = new Uint32Array(kept + starts.length + (old.length - moved));
		lineStarts.set(old.subarray(0, kept));
		lineStarts.set(starts, kept);
		for (let index = moved, at = kept + starts.length; index < old.length; index++, at++) {
			lineStarts[at] = old[index] + shift;
		}
		return new LineIndex(text, lineStarts);
	}

	get lineCount(): number {
		return this.lineStarts.length;
	}

	/** The line ending the document mostly uses, for text that planmark inserts. */
	get eol(): string {
		const firstBreak = this.lineStarts.length > 1 ? this.lineStarts[1] - 1 : -1;
		if (firstBreak < 0) {
			return '\n';
		}
		return this.text.charCodeAt(firstBreak) === 10 && this.text.charCodeAt(firstBreak - 1) === 13
			? '\r\n'
			: this.text[firstBreak];
	}

	positionAt(offset: number): Position {
		const clamped = Math.max(0, Math.min(offset, this.text.length));
		const line = partitionPoint(this.lineStarts.length, index => this.lineStarts[index] <= clamped) - 1;
		return { line, character: clamped - this.lineStarts[line] };
	}

	offsetAt(position: Position): number {
		if (position.line < 0) {
			return 0;
		}
		if (position.line >= this.lineStarts.length) {
			return this.text.length;
		}
		const start = this.lineStarts[position.line];
		return Math.min(start + Math.max(0, position.character), this.lineContentEnd(position.line));
	}

	range(start: number, end: number): Range {
		return { start: this.positionAt(start), end: this.positionAt(end) };
	}

	lineStart(line: number): number {
		return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
	}

	/** A line's own line break (`''` for a last line without one): text inserted after the line ends with it, so the line keeps it. */
	lineBreak(line: number): string {
		return line + 1 >= this.lineStarts.length
			? ''
			: this.text.slice(this.lineContentEnd(line), this.lineStarts[line + 1]);
	}

	/** Offset of the end of a line's content, before its line break. */
	lineContentEnd(line: number): number {
		line = Math.max(0, line);
		if (line + 1 >= this.lineStarts.length) {
			return this.text.length;
		}
		let end = this.lineStarts[line + 1] - 1;
		if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) {
			end--;
		}
		return end;
	}

	lineText(line: number): string {
		return this.text.slice(this.lineStart(line), this.lineContentEnd(line));
	}
}

/**
 * Pushes the start of every line that begins after a break in `[from, to)` (a CRLF read whole, even
 * across `to`), and returns the first index not read.
 */
function scanBreaks(text: string, from: number, to: number, starts: number[]): number {
	let index = from;
	for (; index < to; index++) {
		const code = text.charCodeAt(index);
		if (code === 13 /* \r */) {
			if (text.charCodeAt(index + 1) === 10) {
				index++;
			}
			starts.push(index + 1);
		} else if (code === 10 /* \n */) {
			starts.push(index + 1);
		}
	}
	return index;
}

/** Rewrites every line break as `eol`, so text inserted into a document keeps its line endings. */
export function withLineEndings(text: string, eol: string): string {
	return text.replace(/\r\n|\r|\n/g, eol);
}
