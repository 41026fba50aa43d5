import type { List, ListItem, Paragraph, Parent, Root, RootContent } from 'mdast';
import { InlineReader } from './plainInline';
import { readComment, readFence, readHeading } from './plainLeaves';
import { type PlainLines, PlainPoints, trimmedEnd, Unsupported } from './plainPoints';
import { mayBeDelimiterRow, readTable } from './plainTables';

/*
 * A reader for the plain markdown most of a plan is written in, several times faster than remark:
 * headings, paragraphs, bullet, numbered and task lists (nested, loose, with lazy lines), fenced
 * code, tables, rules and HTML comments, with the inlines `plainInline.ts` reads, lines ending in
 * LF or CRLF. It gives the mdast nodes remark gives, with the same positions, for everything
 * `chunkFacts.ts` reads. The moment a chunk holds anything else (block quotes, setext headings,
 * indented code, HTML other than comments, possible link definitions, front matter, tabs, lone
 * carriage returns, or an inline it does not know), it gives the chunk up and remark parses it.
 * `test/unit/plainMarkdown.test.ts` checks that every chunk it reads yields exactly remark's facts,
 * on every fixture and on generated chunks.
 */

/** An open list item: where its content starts, and the list it belongs to. */
interface OpenItem {
	readonly contentIndent: number;
	readonly node: ListItem;
	readonly list: List;
	/** The end of its last line so far, trailing spaces included (its paragraphs leave them out). */
	end: number;
}

/** The open paragraph: where it starts, where its last line ends, and how many items deep it is. */
interface OpenParagraph {
	readonly node: Paragraph;
	readonly depth: number;
	readonly start: number;
	end: number;
	/** A task's `[ ]`: the paragraph is read from after it. */
	readonly check?: { start: number; end: number };
}

/** What never occurs in a chunk the reader reads: tabs, NUL, and a carriage return that does not end a line with a line feed. */
const unsupportedAnywhere = /[\t\0]|\r(?!\n)/;
/**
 * A line that may be a link reference or footnote definition (`[label]: destination "title"`),
 * also in a list item: after the label, nothing, one word, a word and a title, or `<`. Other text
 * after `[label]:` (spec-kit's "- [Service 2]: [Purpose and integration method]") cannot be one.
 */
const maybeDefinition =
	/^ *(?:(?:[-*+]|\d{1,9}[.)]) +)*(?:\[[ xX]\] +)?\[(?:[^[\]]|\\.)*\]:(?: *$| *<| *\S+ *$| *\S+ +["'(])/m;
const listMarker = /^(?:([-*+])|(\d{1,9})([.)]))( +|$)/;
const thematicBreak = /^(?:-{3,}|\*{3,}|_{3,}) *$/;
const spacedBreak = /^([-*_])(?: *\1){2,} *$/;
const fenceOpen = /^(`{3,})([^`]*)$/;
const setextEquals = /^=+ *$/;
const taskCheck = /^\[([ xX])\](?= +[^ ])/;

/** The chunk as remark would read it, or undefined when it holds anything the plain reader does not read. */
export function readPlainMarkdown(text: string): Root | undefined {
	const reading = plainReading(text);
	return typeof reading === 'string' ? undefined : reading;
}

/** The chunk as remark would read it, or what made the plain reader give it up. */
export function plainReading(text: string): Root | string {
	if (unsupportedAnywhere.test(text) || text.startsWith('---')) {
		return 'tab, NUL, lone carriage return or front matter';
	}
	if (text.includes(']:') && maybeDefinition.test(text)) {
		return 'definition';
	}
	try {
		return new PlainReader(text).read();
	} catch (error) {
		if (error instanceof Unsupported) {
			return error.message;
		}
		throw error;
	}
}

class PlainReader {
	private readonly lineStarts: number[] = [0];
	private readonly lines: PlainLines;
	private readonly points: PlainPoints;
	private readonly inline: InlineReader;
	private readonly root: Root = { type: 'root', children: [] };
	private readonly items: OpenItem[] = [];
	private paragraph: OpenParagraph | undefined;
	private blankBefore = false;
	private line = 0;

	constructor(private readonly text: string) {
		for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
			this.lineStarts.push(at + 1);
		}
		this.points = new PlainPoints(this.lineStarts);
		this.lines = {
			text,
			count: this.lineStarts.length,
			start: line => this.lineStarts[line],
			end: line => this.lineEnd(line),
		};
		this.inline = new InlineReader(text, this.points);
	}

	read(): Root {
		const text = this.text;
		this.root.position = this.points.span(0, text.length);
		if (/^#{1,6}(?: |\r?\n|$)/.test(text)) {
			this.root.children.push(readHeading(this.lines, this.inline, this.points));
			this.line = 1;
		}
		while (this.line < this.lineStarts.length) {
			const start = this.lineStarts[this.line];
			const end = this.lineEnd(this.line);
			let indent = 0;
			while (start + indent < end && text.charCodeAt(start + indent) === 0x20) {
				indent++;
			}
			if (start + indent === end) {
				this.closeParagraph();
				this.blankBefore = true;
				this.line++;
				continue;
			}
			this.lineOf(start, end, indent);
			// Every item still open holds the line (or the fenced code, comment or table it began).
			for (const item of this.items) {
				item.end = this.lineEnd(this.line);
			}
			this.blankBefore = false;
			this.line++;
		}
		this.closeParagraph();
		this.closeItems(0);
		return this.root;
	}

	/** Where a line's content ends, before its line feed or carriage return and line feed. */
	private lineEnd(line: number): number {
		if (line + 1 >= this.lineStarts.length) {
			return this.text.length;
		}
		const feed = this.lineStarts[line + 1] - 1;
		return this.text.charCodeAt(feed - 1) === 0x0d ? feed - 1 : feed;
	}

	/** One line that is not blank, `indent` spaces in. */
	private lineOf(start: number, end: number, indent: number): void {
		const text = this.text;
		let depth = 0;
		while (depth < this.items.length && indent >= this.items[depth].contentIndent) {
			depth++;
		}
		const base = depth > 0 ? this.items[depth - 1].contentIndent : 0;
		const relative = indent - base;
		const content = text.slice(start + indent, end);
		const paragraph = this.paragraph;
		const continues = !!paragraph && !this.blankBefore;
		// A lazy line: paragraph text of an item the line is not indented into.
		if (continues && paragraph.depth > depth) {
			if (relative >= 4 || !startsBlock(content)) {
				paragraph.end = end;
				return;
			}
			// Only these are sure to end the items rather than go on with their paragraph.
			if (!listMarker.test(content) && !fenceOpen.test(content) && !thematicBreak.test(content)) {
				throw new Unsupported('a lazy line that may open a block');
			}
		}
		if (paragraph && paragraph.depth > depth) {
			this.closeParagraph();
		}
		this.closeItems(depth);
		if (relative >= 4) {
			if (continues && this.paragraph) {
				this.paragraph.end = end;
				return;
			}
			throw new Unsupported('indented code');
		}
		const at = start + indent;
		const open = continues && !!this.paragraph;
		if (spacedBreak.test(content)) {
			if (open || depth > 0 || indent > 0 || !thematicBreak.test(content)) {
				throw new Unsupported('rule or setext heading');
			}
			this.closeParagraph();
			this.add({ type: 'thematicBreak', position: this.points.span(at, end) }, 0);
			return;
		}
		if (open && (setextEquals.test(content) || mayBeDelimiterRow(content))) {
			throw new Unsupported('setext heading or table');
		}
		const marker = listMarker.exec(content);
		if (marker) {
			this.listItem(marker, at, end, depth, open);
			return;
		}
		const fence = fenceOpen.exec(content);
		if (fence) {
			this.closeParagraph();
			this.leaf(readFence(this.lines, this.line, fence, at, base, this.points), depth);
			return;
		}
		const lead = content[0];
		if (lead === '#' || lead === '>' || lead === '~') {
			throw new Unsupported('heading, quote or tilde fence inside a chunk');
		}
		if (lead === '<') {
			if (depth > 0 || indent > 0 || !content.startsWith('<!--') || /^<!---?>/.test(content)) {
				throw new Unsupported('html');
			}
			this.closeParagraph();
			this.leaf(readComment(this.lines, this.line, at, this.points), 0);
			return;
		}
		if (lead === '|' && (depth > 0 || indent > 0)) {
			throw new Unsupported('table in a list');
		}
		if (lead === '|' && !open && this.table()) {
			return;
		}
		if (open && this.paragraph!.depth === depth) {
			this.paragraph!.end = end;
			return;
		}
		this.closeParagraph();
		this.openParagraph(at, end, depth);
	}

	private listItem(marker: RegExpExecArray, at: number, end: number, depth: number, interrupts: boolean): void {
		const [whole, bullet, number, delimiter, spaces] = marker;
		if (spaces.length === 0 || spaces.length > 4 || at + whole.length >= end) {
			throw new Unsupported('empty item or indented code in an item');
		}
		if (interrupts && number !== undefined && Number(number) !== 1) {
			throw new Unsupported('numbered line continuing a paragraph');
		}
		this.closeParagraph();
		const container = this.container(depth);
		const kind = bullet ?? delimiter;
		const last = container.children.at(-1);
		const lineStart = this.lineStarts[this.line];
		let list: List;
		if (last?.type === 'list' && listMarkers.get(last) === kind) {
			list = last;
		} else {
			list = {
				type: 'list',
				ordered: number !== undefined,
				start: number === undefined ? null : Number(number),
				spread: false,
				children: [],
				position: this.points.span(at, at),
			};
			listMarkers.set(list, kind);
			this.add(list, depth);
		}
		const contentStart = at + whole.length;
		const rest = this.text.slice(contentStart, end);
		const check = taskCheck.exec(rest);
		const item: ListItem = {
			type: 'listItem',
			spread: false,
			checked: check ? check[1] !== ' ' : null,
			children: [],
			position: this.points.span(at, at),
		};
		list.children.push(item);
		this.items.push({ contentIndent: contentStart - lineStart, node: item, list, end });
		// A box alone on its line still makes a task of the item; the reader leaves that to remark.
		if (!check && (startsBlock(rest) || /^\[[ xX]\]/.test(rest))) {
			throw new Unsupported('a block or a lone box opening a list item');
		}
		this.openParagraph(
			contentStart,
			end,
			depth + 1,
			check ? { start: contentStart, end: contentStart + check[0].length } : undefined,
		);
	}

	/** Fenced code, or an HTML comment, read to its end and added. */
	private leaf(found: { node: RootContent; lastLine: number }, depth: number): void {
		this.add(found.node, depth);
		this.line = found.lastLine;
	}

	/** A table at this line, added, or false when the line only reads as text. */
	private table(): boolean {
		const found = readTable(this.lines, this.line, this.inline, this.points);
		if (!found) {
			return false;
		}
		this.add(found.table, 0);
		this.line = found.lastLine;
		return true;
	}

	private openParagraph(at: number, end: number, depth: number, check?: { start: number; end: number }): void {
		const node: Paragraph = { type: 'paragraph', children: [], position: this.points.span(at, at) };
		this.add(node, depth);
		this.paragraph = { node, depth, start: at, end, check };
	}

	private closeParagraph(): void {
		const open = this.paragraph;
		if (!open) {
			return;
		}
		this.paragraph = undefined;
		const { node, check, end } = open;
		// The paragraph ends with its last line, spaces and all; its text ends before them.
		const contentEnd = trimmedEnd(this.text, end);
		if (!check) {
			node.children = this.inline.read(open.start, contentEnd);
			node.position = this.points.span(open.start, end);
			return;
		}
		// remark-gfm drops the space after a task's box from the first text, and starts the paragraph after it.
		const children = this.inline.read(check.end, contentEnd);
		const head = children[0];
		let start = check.start;
		if (head?.type === 'text' && head.value.length > 1) {
			start = check.end + 1;
			children[0] = {
				type: 'text',
				value: head.value.slice(1),
				position: this.points.span(start, head.position!.end.offset!),
			};
		} else if (head?.type === 'text') {
			children.shift();
		}
		node.children = children;
		node.position = this.points.span(start, end);
	}

	/** Closes the items from `depth` on, each ending with its last line, and so their lists. */
	private closeItems(depth: number): void {
		while (this.items.length > depth) {
			const { node, list, end } = this.items.pop()!;
			node.position = this.points.span(node.position!.start.offset!, end);
			list.position = this.points.span(list.position!.start.offset!, end);
		}
	}

	private container(depth: number): Parent {
		return depth === 0 ? this.root : this.items[depth - 1].node;
	}

	private add(node: RootContent, depth: number): void {
		(this.container(depth).children as RootContent[]).push(node);
	}
}

/** Each list's bullet or delimiter: a different one starts a new list. */
const listMarkers = new WeakMap<List, string>();

/** Whether a line's content could open a block rather than go on with a paragraph; the reader only reads lazy lines that cannot. */
function startsBlock(content: string): boolean {
	return (
		/^(?:[#>~<|]|`{3}|[-*+](?: |$)|\d{1,9}[.)](?: |$)|[-*_=]{3})/.test(content) ||
		/^[-=]+ *$/.test(content) ||
		spacedBreak.test(content)
	);
}
