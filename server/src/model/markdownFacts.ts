import type { Nodes, Parents, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { normalizeLabel, type ParsedMarkdown } from './chunks';

/*
 * The facts planmark needs from markdown, with absolute UTF-16 offsets into the document. Both the
 * template schema and the plan model are built from these, so both read markdown the same way.
 */

export interface HeadingFact {
	readonly depth: number;
	readonly start: number;
	readonly end: number;
	/** Plain text of the heading, without `#` markers or inline markup. */
	readonly text: string;
}

/** Bold text opening a line of a top-level paragraph, such as "**Gate 1**: [Gate name]". */
export interface BoldLeadFact {
	readonly start: number;
	readonly end: number;
	readonly boldText: string;
	/** Plain text of the paragraph's first line after the bold part, e.g. ": [Gate name]". */
	readonly rest: string;
	/** Source from the bold text to the end of its paragraph. */
	readonly source: string;
}

export interface BracketFact {
	/** Offset of `[`. */
	readonly start: number;
	/** Offset just after `]`. */
	readonly end: number;
	readonly inner: string;
}

/** A "Label: value" line inside a paragraph, e.g. "- Status: PASS / FAIL / CONDITIONAL". */
export interface FieldFact {
	readonly label: string;
	readonly value: string;
	readonly lineStart: number;
	readonly valueStart: number;
	readonly valueEnd: number;
}

export interface TaskFact {
	readonly checked: boolean;
	readonly start: number;
	readonly end: number;
	/** Offsets of the `[ ]` box. */
	readonly boxStart: number;
	readonly boxEnd: number;
	readonly text: string;
}

export type RegionKind = 'code' | 'table' | 'list' | 'html' | 'blockquote';

export interface RegionFact {
	readonly kind: RegionKind;
	readonly start: number;
	readonly end: number;
}

/** A top-level paragraph, list item or other block whose source is one unit of template text. */
export interface BlockTextFact {
	readonly start: number;
	readonly end: number;
	readonly source: string;
}

/** A link or image destination written in the document, e.g. "./spec.md#user-stories". */
export interface LinkFact {
	/** The destination as written (without angle brackets). */
	readonly target: string;
	/** Offsets of the destination text. */
	readonly targetStart: number;
	readonly targetEnd: number;
}

export interface MarkdownFacts {
	readonly headings: readonly HeadingFact[];
	readonly boldLeads: readonly BoldLeadFact[];
	readonly brackets: readonly BracketFact[];
	readonly fields: readonly FieldFact[];
	readonly tasks: readonly TaskFact[];
	readonly regions: readonly RegionFact[];
	readonly thematicBreaks: readonly number[];
	readonly links: readonly LinkFact[];
	/** Top-level blocks other than headings, in order; a section is empty when it has none. */
	readonly blocks: readonly BlockTextFact[];
}

const bracketPattern = /\[((?:[^\[\]\\\r\n]|\\.)+)\]/g;
const taskBoxPattern = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(\[[ xX]\])/;
const boldFieldPattern = /^(?:\*\*|__)([^*_\r\n]+?)(?::(?:\*\*|__)|(?:\*\*|__)[ \t]*:)[ \t]*(.*)$/;
const plainFieldPattern = /^([\p{L}\p{N}][^:*_\[\]`\r\n]{0,60}?):[ \t]+(.*)$/u;
const listMarkerPattern = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;

export function extractFacts(parsed: ParsedMarkdown): MarkdownFacts {
	const facts = {
		headings: [] as HeadingFact[],
		boldLeads: [] as BoldLeadFact[],
		brackets: [] as BracketFact[],
		fields: [] as FieldFact[],
		tasks: [] as TaskFact[],
		regions: [] as RegionFact[],
		thematicBreaks: [] as number[],
		links: [] as LinkFact[],
		blocks: [] as BlockTextFact[],
	};
	for (const chunk of parsed.chunks) {
		const walker = new ChunkWalker(chunk.text, chunk.start, parsed.definitionLabels, facts);
		for (const node of chunk.root.children) {
			walker.visitTopLevel(node);
		}
	}
	return facts;
}

type MutableFacts = { [K in keyof MarkdownFacts]: MarkdownFacts[K] extends readonly (infer T)[] ? T[] : never };

class ChunkWalker {
	constructor(
		private readonly text: string,
		private readonly base: number,
		private readonly definitionLabels: ReadonlySet<string>,
		private readonly facts: MutableFacts,
	) {}

	visitTopLevel(node: Nodes): void {
		const [start, end] = this.span(node);
		if (node.type === 'heading') {
			this.facts.headings.push({ depth: node.depth, start, end, text: toString(node).trim() });
		} else if (node.type === 'thematicBreak') {
			this.facts.thematicBreaks.push(start);
		} else {
			this.facts.blocks.push({ start, end, source: this.text.slice(start - this.base, end - this.base) });
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
				this.facts.regions.push({ kind: 'code', start, end });
				return;
			case 'html':
				this.facts.regions.push({ kind: 'html', start, end });
				return;
			case 'link':
			case 'image':
				this.recordInlineLink(start, end, node.type === 'link' ? node.children.at(-1) : undefined);
				return;
			case 'inlineCode':
			case 'linkReference':
			case 'imageReference':
			case 'footnoteReference':
				return;
			case 'text':
				this.recordBrackets(start, end);
				return;
			case 'definition':
				// "[Service 1]: Stripe" parses as a link definition; its label is still template text.
				this.recordBrackets(start, start + this.text.slice(start - this.base).indexOf(']') + 1);
				this.recordDefinitionLink(start, end);
				return;
			case 'table':
			case 'blockquote':
				this.facts.regions.push({ kind: node.type, start, end });
				break;
			case 'list':
				this.facts.regions.push({ kind: 'list', start, end });
				break;
			case 'listItem':
				if (typeof node.checked === 'boolean') {
					this.recordTask(node.checked, start, end, node);
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

	private span(node: Nodes): [number, number] {
		return [this.base + (node.position?.start.offset ?? 0), this.base + (node.position?.end.offset ?? 0)];
	}

	private source(start: number, end: number): string {
		return this.text.slice(start - this.base, end - this.base);
	}

	private recordBrackets(start: number, end: number): void {
		const source = this.source(start, end);
		bracketPattern.lastIndex = 0;
		for (let match = bracketPattern.exec(source); match; match = bracketPattern.exec(source)) {
			if (isEscaped(source, match.index)) {
				bracketPattern.lastIndex = match.index + 1;
				continue;
			}
			const inner = match[1];
			if (inner.startsWith('^') || /^[ xX]$/.test(inner) || this.definitionLabels.has(normalizeLabel(inner))) {
				continue;
			}
			this.facts.brackets.push({ start: start + match.index, end: start + match.index + match[0].length, inner });
		}
	}

	private recordInlineLink(start: number, end: number, lastChild: Nodes | undefined): void {
		const source = this.source(start, end);
		const textEnd = lastChild ? this.span(lastChild)[1] - start : 1;
		const open = source.indexOf('](', textEnd);
		if (open < 0) {
			return;
		}
		this.recordDestination(start + open + 2, source.slice(open + 2));
	}

	private recordDefinitionLink(start: number, end: number): void {
		const source = this.source(start, end);
		const colon = /^\[(?:[^\[\]\\]|\\.)*\]:/.exec(source);
		if (colon) {
			this.recordDestination(start + colon[0].length, source.slice(colon[0].length));
		}
	}

	/** Records the destination at the start of `rest` (after optional spacing), raw as written. */
	private recordDestination(at: number, rest: string): void {
		const match = /^[ \t]*(?:\r\n|\r|\n)?[ \t]*(?:<([^<>\r\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))/.exec(rest);
		if (!match) {
			return;
		}
		const target = match[1] ?? match[2];
		const targetStart = at + match[0].length - target.length - (match[1] !== undefined ? 1 : 0);
		this.facts.links.push({ target, targetStart, targetEnd: targetStart + target.length });
	}

	/** Records bold text that opens a line of a top-level paragraph ("**Risk 2**: …" may follow "**Risk 1**" directly). */
	private recordBoldLead(paragraph: Paragraph): void {
		const [, end] = this.span(paragraph);
		paragraph.children.forEach((child, index) => {
			const previous = paragraph.children[index - 1];
			const opensLine = !previous || previous.type === 'break' || (previous.type === 'text' && /\n[ \t]*$/.test(previous.value));
			if (child.type !== 'strong' || !opensLine) {
				return;
			}
			const [start, strongEnd] = this.span(child);
			const source = this.source(start, end);
			const firstLineBreak = source.search(/\r\n|\r|\n/);
			const rest = this.source(strongEnd, firstLineBreak < 0 ? end : start + firstLineBreak).replace(/[ \t]+$/, '');
			this.facts.boldLeads.push({ start, end, boldText: toString(child).trim(), rest, source });
		});
	}

	private recordTask(checked: boolean, start: number, end: number, item: Nodes): void {
		const lineSource = this.source(start, end).split(/\r\n|\r|\n/, 1)[0];
		const box = taskBoxPattern.exec(lineSource);
		const boxStart = box ? start + box[0].length - box[1].length : start;
		const firstChild = 'children' in item ? (item as Parents).children[0] : undefined;
		const text = firstChild ? toString(firstChild).trim() : '';
		this.facts.tasks.push({ checked, start, end, boxStart, boxEnd: box ? boxStart + 3 : start, text });
	}

	private recordFields(paragraph: Paragraph): void {
		const [start, end] = this.span(paragraph);
		const source = this.source(start, end);
		let lineOffset = 0;
		for (const line of source.split(/(?<=\r\n|\r(?!\n)|\n)/)) {
			const content = line.replace(/[\r\n]+$/, '');
			const marker = listMarkerPattern.exec(content)?.[0] ?? /^[ \t]*/.exec(content)![0];
			const body = content.slice(marker.length);
			const match = boldFieldPattern.exec(body) ?? plainFieldPattern.exec(body);
			if (match) {
				const value = match[2].replace(/[ \t]+$/, '');
				const valueStart = start + lineOffset + marker.length + match[0].length - match[2].length;
				this.facts.fields.push({
					label: match[1].trim(),
					value,
					lineStart: start + lineOffset,
					valueStart,
					valueEnd: valueStart + value.length,
				});
			}
			lineOffset += line.length;
		}
	}
}

function isEscaped(source: string, index: number): boolean {
	let backslashes = 0;
	for (let at = index - 1; at >= 0 && source[at] === '\\'; at--) {
		backslashes++;
	}
	return backslashes % 2 === 1;
}
