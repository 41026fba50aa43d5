import type { PhrasingContent, Text } from 'mdast';
import { delimiterRun, type Piece, resolveEmphasis } from './plainEmphasis';
import { type PlainPoints, Unsupported } from './plainPoints';

/*
 * The inline half of the plain reader (`plainMarkdown.ts`): text, emphasis and strong text (`*`, `_`),
 * code spans, inline links (`[text](destination)`) and hard line breaks, read as micromark reads
 * them. Anything else that could change how a line reads (images, raw HTML and autolinks, escapes,
 * entities, strikethrough, footnotes, bare links, link titles) throws `Unsupported`, and the chunk
 * is parsed by remark instead.
 */

/** A `[` that may still open a link: where it is among the pieces, and whether a link inside it rules it out. */
interface Opener {
	readonly start: number;
	readonly index: number;
	active: boolean;
}

/** More `*` and `_` runs, or unclosed `[`, than this in one paragraph, and the reader gives the chunk up. */
const maximumDelimiters = 1_000;
/**
 * In text (not in code or a destination): escapes, HTML and autolinks (a `<` before a letter, `/`,
 * `!` or `?`; an email autolink needs an `@`), entities, bare links, and a `~` that may strike
 * text through or loosen emphasis next to it (a lone run of them, away from `*` and `_`, is text).
 */
const unsupportedInText = /\\|<[A-Za-z/!?]|&(?:#|[A-Za-z0-9]+;)|https?:\/\/|www\.|@/i;
/** A destination the reader is sure of: no spaces, parentheses, angle brackets or backticks, then `)`. */
const simpleDestination = /^[^\s()<>`]+\)/;

export class InlineReader {
	constructor(
		private readonly text: string,
		private readonly points: PlainPoints,
	) {}

	/** The inline nodes of `[start, end)`: a heading's content, a paragraph or a table cell. */
	read(start: number, end: number): PhrasingContent[] {
		const text = this.text;
		// Searched within the range only (a slice is a view): a search to the chunk's end per paragraph would be quadratic.
		const range = text.slice(start, end);
		const tilde = range.indexOf('~');
		if (tilde >= 0) {
			const after = start + tilde + runLength(text, start + tilde, end, 0x7e);
			if (range.includes('~', after - start) || /[*_]/.test(this.charAt(start + tilde - 1) + this.charAt(after))) {
				throw new Unsupported('strikethrough, or emphasis a `~` loosens');
			}
		}
		const pieces: Piece[] = [];
		const openers: Opener[] = [];
		let backticks: BacktickRuns | undefined;
		let delimiters = 0;
		let textStart = start;
		const flushText = (until: number) => {
			if (until > textStart) {
				pieces.push(this.sourceText(textStart, until));
			}
			textStart = until;
		};
		let at = start;
		while (at < end) {
			const code = text.charCodeAt(at);
			if (code === 0x60 /* ` */) {
				const run = runLength(text, at, end, code);
				backticks ??= new BacktickRuns(text, at, end);
				const close = backticks.next(at + run, run);
				if (close < 0) {
					at += run;
					continue;
				}
				flushText(at);
				pieces.push(this.codeNode(at, close + run, run));
				at = close + run;
				textStart = at;
			} else if (code === 0x2a /* * */ || code === 0x5f /* _ */) {
				const run = runLength(text, at, end, code);
				const delimiter = delimiterRun(code, at, run, this.charAt(at - 1), this.charAt(at + run));
				// Resolving emphasis looks back over the runs before each closer: thousands of them are left to remark.
				if (delimiter && ++delimiters > maximumDelimiters) {
					throw new Unsupported('too many emphasis markers');
				}
				if (delimiter) {
					flushText(at);
					pieces.push(delimiter);
					textStart = at + run;
				}
				at += run;
			} else if (code === 0x5b /* [ */) {
				if (this.charAt(at - 1) === '!' || this.charAt(at + 1) === '^') {
					throw new Unsupported('image or footnote');
				}
				flushText(at);
				if (openers.length >= maximumDelimiters) {
					throw new Unsupported('too many open brackets');
				}
				openers.push({ start: at, index: pieces.length, active: true });
				at++;
			} else if (code === 0x5d /* ] */) {
				const linkEnd = this.closeBracket(at, end, pieces, openers, textStart);
				at = linkEnd ?? at + 1;
				textStart = linkEnd ?? textStart;
			} else if (code === 0x0a /* \n */ || code === 0x0d /* \r, always before \n here */) {
				const count = pieces.length;
				const next = this.lineEnding(at, end, pieces, textStart);
				textStart = pieces.length > count ? next : textStart;
				at = next;
			} else {
				at++;
			}
		}
		flushText(end);
		return this.resolved(pieces);
	}

	/** Text read from the source, checked for what the reader does not read. */
	private sourceText(start: number, end: number): Text {
		if (unsupportedInText.test(this.text.slice(start, end))) {
			throw new Unsupported('escape, HTML, entity, strikethrough or bare link');
		}
		return this.textNode(start, end);
	}

	/**
	 * A text node over text already checked (or made of checked text and `*` or `_`); its value
	 * drops each line's indentation and the spaces before a line break, as remark's does.
	 */
	private textNode(start: number, end: number): Text {
		return {
			type: 'text',
			value: this.text.slice(start, end).replace(/ *(\r?\n) */g, '$1'),
			position: this.points.span(start, end),
		};
	}

	private charAt(offset: number): string {
		return offset < 0 || offset >= this.text.length ? ' ' : this.text[offset];
	}

	/** A `]`: the end of an inline link when its `[` may open one and a destination follows, else text. */
	private closeBracket(
		at: number,
		end: number,
		pieces: Piece[],
		openers: Opener[],
		textStart: number,
	): number | undefined {
		const opener = openers.pop();
		const paren = this.text.charCodeAt(at + 1) === 0x28; /* ( */
		if (!opener || !paren) {
			return undefined;
		}
		const destination = opener.active && simpleDestination.exec(this.text.slice(at + 2, Math.min(end, at + 2050)));
		if (!destination) {
			throw new Unsupported('link');
		}
		if (at > textStart) {
			pieces.push(this.sourceText(textStart, at));
		}
		const linkEnd = at + 2 + destination[0].length;
		const inside = this.withoutOpener(pieces.splice(opener.index), opener.start);
		pieces.push({
			type: 'link',
			url: this.text.slice(at + 2, linkEnd - 1),
			title: null,
			children: this.resolved(inside),
			position: this.points.span(opener.start, linkEnd),
		});
		// No links inside links: every `[` before this one can only be text now.
		for (const earlier of openers) {
			earlier.active = false;
		}
		return linkEnd;
	}

	/** A line ending: a hard break after two spaces or more, else a soft one inside the text. */
	private lineEnding(at: number, end: number, pieces: Piece[], textStart: number): number {
		let spaces = 0;
		while (at - spaces - 1 >= textStart && this.text.charCodeAt(at - spaces - 1) === 0x20) {
			spaces++;
		}
		const lineEnd = this.text.charCodeAt(at) === 0x0d ? at + 2 : at + 1;
		let next = lineEnd;
		while (next < end && this.text.charCodeAt(next) === 0x20) {
			next++;
		}
		if (spaces >= 2) {
			if (at - spaces > textStart) {
				pieces.push(this.sourceText(textStart, at - spaces));
			}
			pieces.push({ type: 'break', position: this.points.span(at - spaces, lineEnd) });
		}
		return next;
	}

	/** The link's pieces without the `[` that opens it. */
	private withoutOpener(inside: Piece[], openerStart: number): Piece[] {
		const first = inside[0];
		if (first?.type !== 'text' || first.position?.start.offset !== openerStart) {
			return inside;
		}
		const firstEnd = first.position.end.offset!;
		return firstEnd === openerStart + 1
			? inside.slice(1)
			: [this.textNode(openerStart + 1, firstEnd), ...inside.slice(1)];
	}

	/** A code span; its value keeps line endings, and loses one space or line ending at each end when both have one. */
	private codeNode(start: number, end: number, run: number): PhrasingContent {
		let value = this.text.slice(start + run, end - run);
		const head = value.startsWith('\r\n') ? 2 : /^[ \n]/.test(value) ? 1 : 0;
		const tail = value.endsWith('\r\n') ? 2 : /[ \n]$/.test(value) ? 1 : 0;
		if (head > 0 && tail > 0 && /[^ \r\n]/.test(value)) {
			value = value.slice(head, value.length - tail);
		}
		return { type: 'inlineCode', value, position: this.points.span(start, end) };
	}

	/** Pieces with their emphasis resolved, as nodes. */
	private resolved(pieces: readonly Piece[]): PhrasingContent[] {
		return this.merge(
			resolveEmphasis(pieces, (children, start, end) => ({
				children: this.merge(children),
				position: this.points.span(start, end),
			})),
		);
	}

	/** Unpaired `*` and `_` become text again, and neighbouring text is joined, as remark joins it. */
	private merge(pieces: readonly Piece[]): PhrasingContent[] {
		const out: PhrasingContent[] = [];
		// The text being joined, made a node only once it ends: joining one piece at a time would copy it again and again.
		let run: { start: number; end: number; only?: Text } | undefined;
		const endRun = () => {
			if (run) {
				out.push(run.only ?? this.textNode(run.start, run.end));
				run = undefined;
			}
		};
		for (const piece of pieces) {
			const isText = piece.type === 'text' || piece.type === 'delimiter';
			const start = piece.type === 'delimiter' ? piece.start : piece.position!.start.offset!;
			const end = piece.type === 'delimiter' ? piece.start + piece.length : piece.position!.end.offset!;
			if (isText && run?.end === start) {
				run = { start: run.start, end };
			} else if (isText) {
				endRun();
				run = { start, end, only: piece.type === 'text' ? piece : undefined };
			} else {
				endRun();
				out.push(piece);
			}
		}
		endRun();
		return out;
	}
}

function runLength(text: string, at: number, end: number, code: number): number {
	let run = 0;
	while (at + run < end && text.charCodeAt(at + run) === code) {
		run++;
	}
	return run;
}

/** The backtick runs of a text, by length, so that finding a code span's end never scans the text again. */
class BacktickRuns {
	private readonly byLength = new Map<number, { starts: number[]; next: number }>();

	constructor(text: string, start: number, end: number) {
		const range = text.slice(start, end);
		for (let at = range.indexOf('`'); at >= 0; ) {
			const run = runLength(range, at, range.length, 0x60);
			const runs = this.byLength.get(run) ?? { starts: [], next: 0 };
			runs.starts.push(start + at);
			this.byLength.set(run, runs);
			at = range.indexOf('`', at + run);
		}
	}

	/** Where the first run of exactly `length` at or after `from` starts, or -1; `from` only grows between calls. */
	next(from: number, length: number): number {
		const runs = this.byLength.get(length);
		if (!runs) {
			return -1;
		}
		while (runs.next < runs.starts.length && runs.starts[runs.next] < from) {
			runs.next++;
		}
		return runs.next < runs.starts.length ? runs.starts[runs.next] : -1;
	}
}
