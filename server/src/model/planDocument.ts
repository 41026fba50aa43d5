import type { Range } from 'vscode-languageserver-types';
import type { PlanTemplate, TemplateBlock } from '../template/planTemplate';
import type { ParsedMarkdown } from '../markdown/chunks';
import type { LineIndex } from '../markdown/lineIndex';
import type { BoldLeadFact, HeadingFact, RegionFact } from '../markdown/facts';

/*
 * A plan as planmark understands it: plain immutable data with exact LSP ranges. Building one
 * never fails; whatever is wrong with the plan is in `problems`.
 */

export type OutlineKind = 'title' | 'section' | 'block' | 'heading';

export interface OutlineNode {
	readonly kind: OutlineKind;
	/** Text shown in the outline, e.g. "3.1 Research Tasks" or "Gate 1: Data is ready". */
	readonly name: string;
	/** Heading depth; a bold block sits one level below the heading it belongs to. */
	readonly depth: number;
	readonly number?: string;
	readonly title: string;
	readonly block?: { readonly label: string; readonly index: number };
	/** The template section this heading stands for, when it matches one. */
	readonly templateSectionId?: string;
	/**
	 * How the heading matched its template section: by title (or an alias), by number alone, or by
	 * position (a translated or renamed heading where the template has an unmatched section).
	 */
	readonly templateMatch?: 'title' | 'number' | 'position';
	/** The "3.1" of "### 3.1 Research Tasks", as written. */
	readonly numberRange?: Range;
	readonly templateBlock?: TemplateBlock;
	/** True for a block the template makes a gate (its status can block the plan). */
	readonly isGate: boolean;
	/**
	 * Offsets of the whole node, heading to the end of its last non-blank line (a trailing `---`
	 * separator belongs to no section).
	 */
	readonly start: number;
	readonly end: number;
	/** Where the node's extent really ends: the next heading of its level or above, or the end. */
	readonly extentEnd: number;
	/** End of the heading line (or a bold block's first line). */
	readonly headingEnd: number;
	readonly range: Range;
	/** The heading line, or a bold block's first line. */
	readonly selectionRange: Range;
	readonly children: readonly OutlineNode[];
}

export interface PlanTask {
	readonly checked: boolean;
	readonly start: number;
	readonly end: number;
	readonly text: string;
	/** Offset of the `[ ]` or `[x]` box (ranges are computed when needed: plans hold thousands of tasks). */
	readonly boxStart: number;
}

export interface PlanPlaceholder {
	/**
	 * A fill-in placeholder ("[Service 2]"), a repeat marker ("[Repeat structure]"), a spec-kit
	 * "[NEEDS CLARIFICATION: …]" marker, or the template's own instructions left in place.
	 */
	readonly kind: 'placeholder' | 'repeat-marker' | 'needs-clarification' | 'template-text';
	/** The placeholder as written, brackets included. */
	readonly text: string;
	readonly start: number;
	readonly end: number;
	readonly range: Range;
}

export type ChoiceState = 'unresolved' | 'chosen' | 'invalid';

export interface PlanChoice {
	readonly label: string;
	readonly value: string;
	readonly options: readonly string[];
	readonly state: ChoiceState;
	/** The value after the label, e.g. "PASS / FAIL / CONDITIONAL". */
	readonly valueRange: Range;
	readonly valueStart: number;
	readonly valueEnd: number;
	/** Set when this is a gate's chosen status. */
	readonly gate?: { readonly name: string; readonly outcome: 'passed' | 'failed' | 'conditional' };
}

/** A link or image destination in the plan, e.g. "./data-model.md#entities". */
export interface PlanLink {
	readonly target: string;
	/** The destination as written; for a reference link, its definition's. */
	readonly range: Range;
	/** The whole link, where a cursor asks for its definition. */
	readonly extent: Range;
	/** A reference link: its definition's line carries the problems and the document link. */
	readonly viaReference?: boolean;
}

export interface FoldingRegion {
	readonly kind: RegionFact['kind'];
	readonly startLine: number;
	readonly endLine: number;
}

/** What a problem needs to say where it is: its range and the section it is in. */
interface Located {
	readonly range: Range;
	readonly section?: string;
}

/** A text edit described in plain data, so a diagnostic can carry its own fix. */
export interface PlainEdit {
	readonly range: Range;
	readonly newText: string;
}

/**
 * Everything planmark reports about a plan, as data; diagnostics are made from these at the edge,
 * and a problem's fix travels with it. Broken links are found against the file system, outside
 * the model, and join them there.
 */
export type PlanProblem =
	| (Located & { readonly kind: 'placeholder'; readonly placeholder: string })
	| (Located & { readonly kind: 'needs-clarification'; readonly question: string })
	| (Located & { readonly kind: 'repeat-marker'; readonly marker: string; readonly fix: PlainEdit })
	| (Located & { readonly kind: 'template-text'; readonly text: string; readonly fix: PlainEdit })
	| (Located & { readonly kind: 'unresolved-choice'; readonly label: string; readonly options: readonly string[] })
	| (Located & {
			readonly kind: 'invalid-choice';
			readonly label: string;
			readonly value: string;
			readonly options: readonly string[];
	  })
	| (Located & { readonly kind: 'gate-failed' | 'gate-conditional'; readonly gate: string; readonly value: string })
	| (Located & { readonly kind: 'missing-section'; readonly heading: string; readonly fix: PlainEdit })
	| (Located & {
			readonly kind: 'section-order';
			readonly heading: string;
			readonly before: string;
			readonly fix: readonly PlainEdit[];
	  })
	| (Located & {
			readonly kind: 'section-number';
			readonly heading: string;
			readonly expected: string;
			readonly fix: PlainEdit;
	  })
	| (Located & { readonly kind: 'duplicate-section'; readonly heading: string; readonly firstLine: number })
	| (Located & { readonly kind: 'empty-section'; readonly heading: string; readonly fix?: PlainEdit })
	| (Located & {
			readonly kind: 'broken-link';
			readonly target: string;
			readonly reason: 'missing-file' | 'missing-heading';
	  })
	| (Located & { readonly kind: 'task-id-duplicate'; readonly id: string; readonly firstLine: number })
	| (Located & { readonly kind: 'task-id-order'; readonly id: string; readonly expected: string })
	| (Located & {
			readonly kind: 'degraded';
			readonly reason: 'pathological' | 'too-large';
			readonly lines: readonly [number, number];
			readonly size: number;
			readonly limit: number;
	  });

/** What a heading's text, level and parent section make of it: the part of a node no offset changes. */
export type HeadingReading = Pick<
	OutlineNode,
	'kind' | 'name' | 'depth' | 'number' | 'title' | 'block' | 'templateSectionId' | 'templateMatch' | 'templateBlock'
>;

/**
 * The readings of one version's headings, for the next version: a keystroke changes one heading
 * at most, so the others are not matched against the template again. Only the readings a version
 * used are kept, so the memo never outgrows the document.
 */
export interface HeadingMemo {
	readonly template: PlanTemplate;
	/** By heading text: how it read at each level, title role and parent section it was seen with. */
	readonly readings: ReadonlyMap<string, HeadingReadings>;
	/** What the outline was built from besides: an edit that changes none of it replays the outline (`outlineReplay.ts`). */
	readonly events: OutlineEvents;
}

/** The headings, the bold leads that start blocks and the `---` rules of a version, each in document order. */
export interface OutlineEvents {
	readonly headings: readonly HeadingFact[];
	readonly leads: readonly BoldLeadFact[];
	readonly rules: readonly number[];
}

export type HeadingReadings = {
	readonly reading: HeadingReading;
	readonly isTitle: boolean;
	readonly parentId?: string;
}[];

export interface PlanDocument {
	readonly uri: string;
	readonly version: number;
	readonly lines: LineIndex;
	/** True when the file is a plan: its name matches the plan globs or its title the template's. */
	readonly isPlan: boolean;
	readonly template: PlanTemplate;
	readonly title?: OutlineNode;
	/** Top-level outline nodes: the title (holding the sections) and anything before it. */
	readonly outline: readonly OutlineNode[];
	/** Every outline node in document order. */
	readonly nodes: readonly OutlineNode[];
	/** Task checkboxes in document order (checkboxes in code do not count). */
	readonly tasks: readonly PlanTask[];
	readonly placeholders: readonly PlanPlaceholder[];
	readonly choices: readonly PlanChoice[];
	readonly regions: readonly FoldingRegion[];
	readonly links: readonly PlanLink[];
	readonly problems: readonly PlanProblem[];
	/** The parse behind this model, kept so the next version re-parses only what changed. */
	readonly parsed: ParsedMarkdown;
	/** How its headings read against the template, kept so the next version reads only changed ones. */
	readonly headings: HeadingMemo;
}
