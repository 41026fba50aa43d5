import type { Table, TableCell, TableRow } from 'mdast';
import type { InlineReader } from './plainInline';
import { type PlainLines, type PlainPoints, trimmedEnd, Unsupported } from './plainPoints';

/*
 * GFM tables for the plain reader (`plainMarkdown.ts`): only those whose rows all start with `|`
 * and have as many cells as the header, ended by a blank line or the chunk's end.
 */

const delimiterRow = /^\|?(?: *:?-+:? *\|)+(?: *:?-+:? *)?$/;

/** A line that may be a table's delimiter row, which would make the paragraph line above it a header. */
export function mayBeDelimiterRow(content: string): boolean {
	return /^[ |:-]*-[ |:-]*$/.test(content) && /[|:]/.test(content);
}

/** The table whose header is line `first`, and its last line; undefined when the line is only text. */
export function readTable(
	lines: PlainLines,
	first: number,
	inline: InlineReader,
	points: PlainPoints,
): { table: Table; lastLine: number } | undefined {
	const text = lines.text;
	const header = cells(lines, first);
	const next = first + 1;
	if (next >= lines.count) {
		return undefined;
	}
	const delimiter = text.slice(lines.start(next), lines.end(next));
	if (!delimiter.startsWith('|') || !delimiterRow.test(delimiter.trimEnd())) {
		if (mayBeDelimiterRow(delimiter)) {
			throw new Unsupported('table');
		}
		return undefined;
	}
	const align = cells(lines, next).map(([start, end]) => {
		const cell = text.slice(start, end).trim();
		return cell.startsWith(':') ? (cell.endsWith(':') ? 'center' : 'left') : cell.endsWith(':') ? 'right' : null;
	});
	if (align.length !== header.length) {
		throw new Unsupported('table');
	}
	const rows = [row(lines, first, header, inline, points)];
	let line = next + 1;
	for (; line < lines.count; line++) {
		const source = text.slice(lines.start(line), lines.end(line));
		if (source.trim() === '') {
			break;
		}
		const found = cells(lines, line);
		if (!source.startsWith('|') || found.length !== header.length) {
			throw new Unsupported('table row');
		}
		rows.push(row(lines, line, found, inline, points));
	}
	const table: Table = {
		type: 'table',
		align,
		children: rows,
		position: points.span(lines.start(first), lines.end(line - 1)),
	};
	return { table, lastLine: line - 1 };
}

/** The cells of a row, each as the span from its `|` to the next (the last to the end of the line). */
function cells(lines: PlainLines, line: number): [number, number][] {
	const text = lines.text;
	const start = lines.start(line);
	const end = lines.end(line);
	const row = text.slice(start, end);
	const pipes: number[] = [];
	for (let at = row.indexOf('|'); at >= 0; at = row.indexOf('|', at + 1)) {
		pipes.push(start + at);
	}
	const last = trimmedEnd(text, end);
	const found: [number, number][] = pipes.map((pipe, index) => [pipe, pipes[index + 1] ?? end]);
	if (pipes.at(-1) === last - 1) {
		found.pop();
		if (found.length > 0) {
			found[found.length - 1][1] = end;
		}
	}
	return found;
}

/** A row, each cell's text read without its pipes and surrounding spaces. */
function row(
	lines: PlainLines,
	line: number,
	spans: readonly [number, number][],
	inline: InlineReader,
	points: PlainPoints,
): TableRow {
	const text = lines.text;
	const children: TableCell[] = spans.map(([start, end]) => {
		let from = start + 1;
		let to = end;
		while (to > from && text.charCodeAt(to - 1) === 0x20) {
			to--;
		}
		if (text.charCodeAt(to - 1) === 0x7c && to - 1 >= from) {
			to--;
			while (to > from && text.charCodeAt(to - 1) === 0x20) {
				to--;
			}
		}
		while (from < to && text.charCodeAt(from) === 0x20) {
			from++;
		}
		return { type: 'tableCell', children: to > from ? inline.read(from, to) : [], position: points.span(start, end) };
	});
	return { type: 'tableRow', children, position: points.span(lines.start(line), lines.end(line)) };
}
