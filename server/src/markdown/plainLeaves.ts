import type { Code, Heading, Html } from 'mdast';
import type { InlineReader } from './plainInline';
import { type PlainLines, type PlainPoints, trimmedEnd, Unsupported } from './plainPoints';

/*
 * The leaf blocks the plain reader (`plainMarkdown.ts`) reads in one go: the ATX heading a chunk
 * starts with, fenced code (backticks only) and HTML comments.
 */

/** The heading on the chunk's first line: `#`s, content, and an optional closing sequence. */
export function readHeading(lines: PlainLines, inline: InlineReader, points: PlainPoints): Heading {
	const end = lines.end(0);
	const line = lines.text.slice(0, end);
	const marks = /^#+/.exec(line)![0].length;
	let contentStart = marks;
	while (contentStart < end && line.charCodeAt(contentStart) === 0x20) {
		contentStart++;
	}
	let contentEnd = trimmedEnd(line, end);
	const closing = /(?:^| )#+$/.exec(line.slice(contentStart, contentEnd));
	if (closing) {
		contentEnd = trimmedEnd(line, contentStart + closing.index);
	}
	if (contentEnd > contentStart && line[contentEnd - 1] === '#') {
		throw new Unsupported('heading ending in #');
	}
	return {
		type: 'heading',
		depth: marks as Heading['depth'],
		children: contentEnd > contentStart ? inline.read(contentStart, contentEnd) : [],
		position: points.span(0, end),
	};
}

/**
 * Fenced code opened on line `first` at `at`, inside items whose content starts at column `base`:
 * to its closing fence, which must come before anything ends those items.
 */
export function readFence(
	lines: PlainLines,
	first: number,
	open: RegExpExecArray,
	at: number,
	base: number,
	points: PlainPoints,
): { node: Code; lastLine: number } {
	const text = lines.text;
	const length = open[1].length;
	for (let line = first + 1; line < lines.count; line++) {
		const end = lines.end(line);
		const source = text.slice(lines.start(line), end);
		const indent = source.length - source.trimStart().length;
		if (indent === source.length) {
			continue;
		}
		if (indent < base) {
			throw new Unsupported('fenced code ended by its list item');
		}
		const close = /^(`{3,}) *$/.exec(source.slice(indent));
		if (close && indent - base < 4 && close[1].length >= length) {
			const node: Code = {
				type: 'code',
				lang: open[2].trim().split(' ')[0] || null,
				meta: null,
				value: line > first + 1 ? text.slice(lines.start(first + 1), lines.end(line - 1)) : '',
				position: points.span(at, end),
			};
			return { node, lastLine: line };
		}
	}
	throw new Unsupported('fenced code left open');
}

/** An HTML comment block opened on line `first` at `at`, to the end of the line that closes the comment. */
export function readComment(
	lines: PlainLines,
	first: number,
	at: number,
	points: PlainPoints,
): { node: Html; lastLine: number } {
	for (let line = first; line < lines.count; line++) {
		const end = lines.end(line);
		if (lines.text.slice(line === first ? at + 4 : lines.start(line), end).includes('-->')) {
			return {
				node: { type: 'html', value: lines.text.slice(at, end), position: points.span(at, end) },
				lastLine: line,
			};
		}
	}
	throw new Unsupported('comment left open');
}
