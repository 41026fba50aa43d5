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
	/** End of the line the bold text opens. */
	readonly lineEnd: number;
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
	/** The label as titles compare (`normalizeTitle`). */
	readonly key: string;
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

/** A top-level block other than a heading or a rule: a paragraph, a list, a table, code… */
export interface BlockTextFact {
	readonly start: number;
	readonly end: number;
}

/** A link or image destination written in the document, e.g. "./spec.md#user-stories". */
export interface LinkFact {
	/** The destination as written (without angle brackets). */
	readonly target: string;
	/** Offsets of the destination text. */
	readonly targetStart: number;
	readonly targetEnd: number;
	/** Offsets of the whole link (`[text](target)`, a definition line, or the reference that uses one). */
	readonly start: number;
	readonly end: number;
	/** True for a reference link (`[text][label]`, `[label]`): its target is its definition's. */
	readonly viaReference?: boolean;
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
	/** HTML comments, with their text. */
	readonly comments: readonly { readonly start: number; readonly end: number; readonly text: string }[];
	/** Brackets inside inline code. */
	readonly codeBrackets: readonly BracketFact[];
}

/** Normalises a link label the way CommonMark matches references. */
export function normalizeLabel(label: string): string {
	return label
		.replace(/[ \t\r\n]+/g, ' ')
		.trim()
		.toLowerCase();
}
