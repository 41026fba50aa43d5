import type { Nodes, Parents, Paragraph, Table } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import { normalizeTitle, readBoldBlock } from './headingText';
import { parseMarkdown, type Root } from './markdown';
import { readPlainMarkdown } from './plainMarkdown';
import { normalizeLabel, type RegionKind } from './facts';
import { partitionPoint } from './sortedSearch';
import { taskBoxPattern } from './taskLines';

/*
 * What one chunk of markdown yields, with offsets relative to the chunk. These facts are cached
 * per chunk across edits, so they hold offsets rather than text: nothing in them keeps an older
 * version of the document alive. `extractFacts` turns them into document facts with text.
 */

export interface ChunkFacts {
	readonly headings: { depth: number; start: number; end: number; text: string }[];
	readonly boldLeads: { start: number; end: number; boldText: string; restStart: number; lineEnd: number }[];
	readonly brackets: { start: number; end: number }[];
	/** Packed, five offsets per field: line start, label start and end, value start and end. */
	readonly fields: Int32Array;
	/** Each field's label as titles compare (`normalizeTitle`), worked out once per parse of the chunk. */
	readonly fieldKeys: readonly string[];
	/** Packed, six numbers per task: checked (0 or 1), start, end, box start, box end, end of first line. */
	readonly tasks: Int32Array;
	readonly regions: { kind: RegionKind; start: number; end: number }[];
	readonly thematicBreaks: number[];
	/** Destinations, and the whole link or definition they belong to; a definition has its normalized label. */
	readonly links: { targetStart: number; targetEnd: number; start: number; end: number; label?: string }[];
	/** Reference links (`[text][label]`, `[label]`) remark resolved within the chunk. */
	readonly references: { start: number; end: number; label: string }[];
	readonly blocks: { start: number; end: number }[];
	/** HTML comments (`<!-- … -->`), as blocks or inline. */
	readonly comments: { start: number; end: number }[];
	/** Brackets inside inline code, such as spec-kit's "`/specs/[###-feature-name]/spec.md`". */
	readonly codeBrackets: { start: number; end: number }[];
}

/** Parses one chunk; `keepBlocks` also records every top-level block (templates need them, plans do not). */
export function extractChunkFacts(text: string, keepBlocks: boolean): ChunkFacts {
	return compact(collect(text, keepBlocks));
}

/**
 * Parses chunks joined in one text, `starts` being where each begins in it (the first at 0), and
 * gives each chunk its own facts, relative to its start. Only for chunks whose parse carries no
 * state over their boundaries (`chunkBatches.ts`): each fact then lies inside one chunk.
 */
export function extractBatchFacts(text: string, starts: readonly number[], keepBlocks: boolean): ChunkFacts[] {
	const whole = collect(text, keepBlocks);
	const parts = starts.map(emptyFacts);
	// The last chunk starting at or before the offset.
	const chunkAt = (offset: number) => partitionPoint(starts.length, index => starts[index] <= offset) - 1;
	// Each fact goes to the chunk it starts in, the named offsets made relative to that chunk.
	const spread = <T extends { start: number }>(
		items: readonly T[],
		pick: (facts: CollectedFacts) => T[],
		offsets: readonly (keyof T & string)[],
	) => {
		for (const item of items) {
			const index = chunkAt(item.start);
			const by = starts[index];
			const moved: T = by === 0 ? item : { ...item };
			if (by !== 0) {
				for (const key of offsets) {
					(moved as Record<string, number>)[key] -= by;
				}
			}
			pick(parts[index]).push(moved);
		}
	};
	const span = ['start', 'end'] as const;
	spread(whole.headings, facts => facts.headings, span);
	spread(whole.boldLeads, facts => facts.boldLeads, [...span, 'restStart', 'lineEnd']);
	spread(whole.brackets, facts => facts.brackets, span);
	spread(whole.regions, facts => facts.regions, span);
	spread(whole.links, facts => facts.links, [...span, 'targetStart', 'targetEnd']);
	spread(whole.references, facts => facts.references, span);
	spread(whole.blocks, facts => facts.blocks, span);
	spread(whole.comments, facts => facts.comments, span);
	spread(whole.codeBrackets, facts => facts.codeBrackets, span);
	for (const rule of whole.thematicBreaks) {
		const index = chunkAt(rule);
		parts[index].thematicBreaks.push(rule - starts[index]);
	}
	// Packed facts: every number is an offset but a task's checked flag, the first of its six; a field's key goes with it.
	const spreadPacked = (
		packed: number[],
		stride: number,
		lead: number,
		pick: (facts: CollectedFacts) => number[],
		keys?: readonly string[],
	) => {
		for (let at = 0; at < packed.length; at += stride) {
			const index = chunkAt(packed[at + lead]);
			const into = pick(parts[index]);
			for (let field = 0; field < stride; field++) {
				into.push(field < lead ? packed[at + field] : packed[at + field] - starts[index]);
			}
			if (keys) {
				parts[index].fieldKeys.push(keys[at / stride]);
			}
		}
	};
	spreadPacked(whole.fields, fieldStride, 0, facts => facts.fields, whole.fieldKeys);
	spreadPacked(whole.tasks, taskStride, 1, facts => facts.tasks);
	return parts.map(compact);
}

/**
 * The facts of a chunk of plain markdown read without remark (`plainMarkdown.ts`), the same as
 * `extractChunkFacts` gives; undefined for a chunk the plain reader does not read.
 */
export function extractPlainChunkFacts(text: string, keepBlocks: boolean): ChunkFacts | undefined {
	const root = readPlainMarkdown(text);
	return root && compact(collect(text, keepBlocks, root));
}

function collect(text: string, keepBlocks: boolean, root: Root = parseMarkdown(text)): CollectedFacts {
	const facts = emptyFacts();
	const walker = new ChunkWalker(text, facts, keepBlocks);
	for (const node of root.children) {
		walker.visitTopLevel(node);
	}
	return facts;
}

function emptyFacts(): CollectedFacts {
	return {
		headings: [],
		boldLeads: [],
		brackets: [],
		fields: [],
		fieldKeys: [],
		tasks: [],
		regions: [],
		thematicBreaks: [],
		links: [],
		references: [],
		blocks: [],
		comments: [],
		codeBrackets: [],
	};
}

/** Facts as the walker collects them, before packing. */
type CollectedFacts = Omit<ChunkFacts, 'fields' | 'fieldKeys' | 'tasks'> & {
	fields: number[];
	fieldKeys: string[];
	tasks: number[];
};

export const fieldStride = 5;
export const taskStride = 6;

const none: never[] = [];

/**
 * Arrays grown by push keep spare capacity; a plan has thousands of chunks whose facts are mostly
 * empty or short, so each array is copied to its exact size, empty ones share one array, and the
 * most numerous facts, fields and tasks, are packed into typed arrays.
 */
function compact(facts: CollectedFacts): ChunkFacts {
	const exact = <T>(items: T[]): T[] => (items.length === 0 ? none : items.slice());
	return {
		headings: exact(facts.headings),
		boldLeads: exact(facts.boldLeads),
		brackets: exact(facts.brackets),
		fields: Int32Array.from(facts.fields),
		fieldKeys: exact(facts.fieldKeys),
		tasks: Int32Array.from(facts.tasks),
		regions: exact(facts.regions),
		thematicBreaks: exact(facts.thematicBreaks),
		links: exact(facts.links),
		references: exact(facts.references),
		blocks: exact(facts.blocks),
		comments: exact(facts.comments),
		codeBrackets: exact(facts.codeBrackets),
	};
}

// A bracket may wrap onto a second line of its paragraph, as "[Document the selected structure and reference the real\ndirectories captured above]",
// and hold brackets of its own, one level deep, as spec-kit's "[Business metric, e.g., "Reduce support tickets related to [X] by 50%"]".
const innerBracket = String.raw`\[(?:[^[\]\\\r\n]|\\.)*\]`;
const bracketCharacter = String.raw`(?:[^[\]\\\r\n]|\\.|${innerBracket})`;
const bracketPattern = new RegExp(
	String.raw`\[(${bracketCharacter}+(?:(?:\r\n|\r|\n)[ \t]*(?:[^[\]\\\r\n \t]|\\.|${innerBracket})${bracketCharacter}*)?)\]`,
	'g',
);
const boldFieldPattern = /^(?:\*\*|__)([^*_\r\n]+?)(?:[:：](?:\*\*|__)|(?:\*\*|__)[ \t]*[:：])[ \t]*(.*)$/;
const plainFieldPattern = /^([\p{L}\p{N}][^:：*_[\]`\r\n]{0,60}?)(?::[ \t]+|：[ \t]*)(.*)$/u;
/** A table field's label: as a paragraph field's, a short text starting with a letter or digit. */
const tableLabelPattern = /^[\p{L}\p{N}][^:：*_[\]`\r\n]{0,60}$/u;
const listMarkerPattern = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;

/**
 * A copy of a string that does not share memory with the text it was cut from: V8 keeps a slice
 * of a long string as a view on the whole, which would keep every old version of a document alive.
 */
function detached(text: string): string {
	return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

class ChunkWalker {
	constructor(
		private readonly text: string,
		private readonly facts: CollectedFacts,
		private readonly keepBlocks: boolean,
	) {}

	visitTopLevel(node: Nodes): void {
		const [start, end] = this.span(node);
		if (node.type === 'heading') {
			this.facts.headings.push({ depth: node.depth, start, end, text: detached(plainText(node).trim()) });
		} else if (node.type === 'thematicBreak') {
			this.facts.thematicBreaks.push(start);
		} else if (this.keepBlocks) {
			this.facts.blocks.push({ start, end });
		}
		if (node.type === 'paragraph') {
			this.recordBoldLead(node);
		}
		this.visit(node);
	}

	private visit(node: Nodes): void {
		const [start, end] = this.span(node);
		switch (node.type) {
			case 'code':
				this.recordRegion(node.type, start, end);
				return;
			case 'html':
				this.recordRegion(node.type, start, end);
				if (this.text.startsWith('<!--', start)) {
					this.facts.comments.push({ start, end });
				}
				return;
			case 'link':
			case 'image':
				this.recordInlineLink(start, end, node.type === 'link' ? node.children.at(-1) : undefined);
				return;
			case 'inlineCode':
				this.recordBrackets(start, end, this.facts.codeBrackets);
				return;
			case 'linkReference':
			case 'imageReference':
				this.facts.references.push({ start, end, label: normalizeLabel(node.label ?? node.identifier) });
				return;
			case 'footnoteReference':
				return;
			case 'text':
				this.recordBrackets(start, end);
				return;
			case 'definition':
				// "[Service 1]: Stripe" parses as a link definition; its label is still template text.
				this.recordBrackets(start, start + this.text.slice(start).indexOf(']') + 1);
				this.recordDefinitionLink(start, end);
				return;
			case 'table':
				this.recordRegion(node.type, start, end);
				this.recordTableFields(node);
				break;
			case 'blockquote':
			case 'list':
				this.recordRegion(node.type, start, end);
				break;
			case 'listItem':
				if (typeof node.checked === 'boolean') {
					this.recordTask(node.checked, start, end);
				}
				break;
			case 'paragraph':
				this.recordFields(node);
				break;
		}
		if ('children' in node) {
			for (const child of (node as Parents).children) {
				this.visit(child as Nodes);
			}
		}
	}

	/** Only regions spanning several lines can fold; one-line lists are the common case and are skipped. */
	private recordRegion(kind: RegionKind, start: number, end: number): void {
		if (/[\r\n]/.test(this.text.slice(start, Math.max(start, end - 1)))) {
			this.facts.regions.push({ kind, start, end });
		}
	}

	private span(node: Nodes): [number, number] {
		return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
	}

	private source(start: number, end: number): string {
		return this.text.slice(start, end);
	}

	private recordBrackets(start: number, end: number, into = this.facts.brackets): void {
		const source = this.source(start, end);
		bracketPattern.lastIndex = 0;
		for (let match = bracketPattern.exec(source); match; match = bracketPattern.exec(source)) {
			if (isEscaped(source, match.index)) {
				bracketPattern.lastIndex = match.index + 1;
				continue;
			}
			const inner = match[1];
			if (inner.startsWith('^') || /^[ xX]$/.test(inner)) {
				continue;
			}
			into.push({ start: start + match.index, end: start + match.index + match[0].length });
		}
	}

	private recordInlineLink(start: number, end: number, lastChild: Nodes | undefined): void {
		const source = this.source(start, end);
		const textEnd = lastChild ? this.span(lastChild)[1] - start : 1;
		const open = source.indexOf('](', textEnd);
		if (open < 0) {
			return;
		}
		this.recordDestination(start + open + 2, source.slice(open + 2), start, end);
	}

	private recordDefinitionLink(start: number, end: number): void {
		const source = this.source(start, end);
		const colon = /^\[((?:[^[\]\\]|\\.)*)\]:/.exec(source);
		if (colon) {
			this.recordDestination(
				start + colon[0].length,
				source.slice(colon[0].length),
				start,
				end,
				normalizeLabel(colon[1]),
			);
		}
	}

	/** Records the destination at the start of `rest` (after optional spacing), raw as written. */
	private recordDestination(at: number, rest: string, linkStart: number, linkEnd: number, label?: string): void {
		const match = /^[ \t]*(?:\r\n|\r|\n)?[ \t]*(?:<([^<>\r\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))/.exec(
			rest,
		);
		if (!match) {
			return;
		}
		const target = match[1] ?? match[2];
		const targetStart = at + match[0].length - target.length - (match[1] !== undefined ? 1 : 0);
		this.facts.links.push({
			targetStart,
			targetEnd: targetStart + target.length,
			start: linkStart,
			end: linkEnd,
			label,
		});
	}

	/** Records bold text that opens a line of a top-level paragraph ("**Risk 2**: …" may follow "**Risk 1**" directly). */
	private recordBoldLead(paragraph: Paragraph): void {
		const [, end] = this.span(paragraph);
		paragraph.children.forEach((child, index) => {
			const previous = paragraph.children[index - 1];
			const opensLine =
				!previous || previous.type === 'break' || (previous.type === 'text' && /\n[ \t]*$/.test(previous.value));
			if (child.type !== 'strong' || !opensLine) {
				return;
			}
			const [start, strongEnd] = this.span(child);
			const boldText = plainText(child).trim();
			// Only numbered leads ("Gate 1", "Risk 12") can be blocks; other bold text needs no fact.
			if (!readBoldBlock(boldText)) {
				return;
			}
			const firstLineBreak = this.source(start, end).search(/\r\n|\r|\n/);
			const lineEnd = firstLineBreak < 0 ? end : start + firstLineBreak;
			this.facts.boldLeads.push({ start, end, boldText: detached(boldText), restStart: strongEnd, lineEnd });
		});
	}

	private recordTask(checked: boolean, start: number, end: number): void {
		const lineSource = this.source(start, end).split(/\r\n|\r|\n/, 1)[0];
		const box = taskBoxPattern.exec(lineSource);
		const boxStart = box ? start + box[0].length - 3 : start;
		const boxEnd = box ? boxStart + 3 : start;
		this.facts.tasks.push(checked ? 1 : 0, start, end, boxStart, boxEnd, start + lineSource.length);
	}

	/**
	 * The rows of a two-column table below its header as fields, the first cell the label and the
	 * second the value, as templates write their metadata ("| Status | Draft / In Review / Accepted |").
	 */
	private recordTableFields(table: Table): void {
		if (table.children[0]?.children.length !== 2) {
			return;
		}
		for (const row of table.children.slice(1)) {
			const [labelCell, valueCell] = row.children;
			const label = labelCell && innermost(labelCell);
			if (!label || !valueCell || valueCell.children.length === 0 || row.children.length !== 2) {
				continue;
			}
			const labelText = plainText(label).trim();
			if (!tableLabelPattern.test(labelText)) {
				continue;
			}
			const [labelStart, labelEnd] = this.span(label);
			const valueStart = this.span(valueCell.children[0])[0];
			const valueEnd = this.span(valueCell.children.at(-1)!)[1];
			this.facts.fields.push(this.span(row)[0], labelStart, labelEnd, valueStart, valueEnd);
			this.facts.fieldKeys.push(normalizeTitle(detached(labelText)));
		}
	}

	private recordFields(paragraph: Paragraph): void {
		const [start, end] = this.span(paragraph);
		const source = this.source(start, end);
		let lineOffset = 0;
		for (const line of source.split(/(?<=\r\n|\r(?!\n)|\n)/)) {
			const content = line.replace(/[\r\n]+$/, '');
			const marker = listMarkerPattern.exec(content)?.[0] ?? /^[ \t]*/.exec(content)![0];
			const body = content.slice(marker.length);
			const bold = boldFieldPattern.exec(body);
			const match = bold ?? plainFieldPattern.exec(body);
			if (match) {
				const value = match[2].replace(/[ \t]+$/, '');
				const bodyStart = start + lineOffset + marker.length;
				const valueStart = bodyStart + match[0].length - match[2].length;
				const labelStart = bodyStart + (bold ? 2 : 0);
				this.facts.fields.push(
					start + lineOffset,
					labelStart,
					labelStart + match[1].length,
					valueStart,
					valueStart + value.length,
				);
				this.facts.fieldKeys.push(normalizeTitle(detached(match[1].trim())));
			}
			lineOffset += line.length;
		}
	}
}

/** The cell's only content when it is one text or one emphasis around one ("**Status**"), else undefined. */
function innermost(node: Parents): Nodes | undefined {
	let inner: Nodes = node;
	while ('children' in inner && inner.children.length === 1) {
		inner = inner.children[0];
	}
	return inner.type === 'text' ? inner : undefined;
}

function isEscaped(source: string, index: number): boolean {
	let backslashes = 0;
	for (let at = index - 1; at >= 0 && source[at] === '\\'; at--) {
		backslashes++;
	}
	return backslashes % 2 === 1;
}
