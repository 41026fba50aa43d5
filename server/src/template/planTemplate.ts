import type { SectionRequirement } from './sectionRequirements';
import type { TemplateText } from './templateText';

/*
 * The schema planmark learns from a template file. Nothing here is specific to one template: every
 * name, number, choice and repeatable block comes from the template's own markdown.
 */

export interface PlanTemplate {
	/** Where the template came from: a file URI, or `bundled:` for the default. */
	readonly uri: string;
	readonly text: string;
	readonly title?: TemplateTitle;
	/** Sections in template order (a flattened tree: `parentId` links children to parents). */
	readonly sections: readonly TemplateSection[];
	/** Repeatable blocks, such as "#### Research Task 1: [Topic]" or "**Gate 1**: [Gate name]". */
	readonly blocks: readonly TemplateBlock[];
	readonly choices: readonly TemplateChoice[];
	/** Inner texts of markers such as "[Repeat structure]" that stand for "repeat the block above". */
	readonly repeatMarkers: ReadonlySet<string>;
	/** The whole template with one instance of each repeatable block: what a new document starts from. */
	readonly skeleton: string;
	readonly placeholders: PlaceholderMatcher;
	/** Placeholders the template writes inside inline code, such as "`/specs/[###-feature-name]/spec.md`". */
	readonly codePlaceholders: PlaceholderMatcher;
	/** Template text other than brackets that a finished document no longer holds. */
	readonly leftovers: TemplateText;
	/** Heading keys a team maps to the template's own (`planmark.headingAliases`), e.g. a translation. */
	readonly aliases: ReadonlyMap<string, string>;
	/**
	 * Short tags inside the template's task items, such as spec-kit's `[P]` (parallel) and `[US1]`
	 * (user story): content of a task, never placeholders.
	 */
	readonly markers: PlaceholderMatcher;
	/** Markers that name a group of tasks, such as `[US1]`: matched with the group's name captured. */
	readonly storyPattern?: RegExp;
	/** The prefix of task IDs when the template's tasks are numbered like "T001". */
	readonly taskIdPrefix?: string;
	/** Inner texts of brackets that are instructions to the author, alone in their paragraph ("[List the technologies…]"). */
	readonly instructions: ReadonlySet<string>;
	/** Texts of example task items meant to be replaced, such as "Task 1" (compared lower-cased). */
	readonly exampleTasks: ReadonlySet<string>;
	readonly problems: readonly TemplateProblem[];
}

export interface TemplateTitle {
	/** The H1 as written in the template, e.g. "Implementation Plan: [FEATURE NAME]". */
	readonly text: string;
	/** Matches a plan's H1; placeholders in the template's H1 match any text. */
	readonly pattern: RegExp;
	/** The template text between the H1 and its first section (metadata lines and the like). */
	readonly preamble: string;
}

export interface TemplateSection {
	/** Stable key: the number when numbered ("3.1"), else the parent's key and the title. */
	readonly id: string;
	readonly depth: number;
	readonly number?: string;
	readonly title: string;
	/** The title as headings are compared: without a trailing note such as "*(mandatory)*" (see `sectionKey`). */
	readonly key: string;
	/** Whether documents must have this section; only required ones are reported missing. */
	readonly requirement: SectionRequirement;
	/** True when the template's own words (or a parent's) decide the requirement, not the default for its kind. */
	readonly marked: boolean;
	/** Heading text as written after the `#`s, e.g. "3.1 Research Tasks". */
	readonly heading: string;
	readonly parentId?: string;
	/** Markdown to insert for this section, heading and subsections included, one instance per block. */
	readonly insertText: string;
	/** Markdown between the heading and the next heading: the section's own template content. */
	readonly ownBody: string;
	/** True when the template puts a `---` rule before this section's heading. */
	readonly ruleBefore: boolean;
	/** Zero-based line of the heading in the template. */
	readonly line: number;
}

export interface TemplateBlock {
	/** The repeating name, e.g. "Research Task" or "Gate". */
	readonly label: string;
	readonly style: 'heading' | 'bold';
	/** Heading depth for heading-style blocks; the enclosing section's depth for bold blocks. */
	readonly depth: number;
	readonly sectionId?: string;
	/** First line of the first instance, split around its number: "#### Research Task " + N + ": [Topic]". */
	readonly lineBeforeNumber: string;
	readonly lineAfterNumber: string;
	/** Markdown after the first line of the first instance. */
	readonly body: string;
	readonly firstNumber: number;
	/** True when an instance says it describes what a command does ("Phase 2: … describes what the /tasks command will do"). */
	readonly guidance?: boolean;
	/** For a gate: the label of its choice field whose options include a blocking value such as FAIL. */
	readonly gateChoice?: string;
	/** Zero-based line of the first instance in the template. */
	readonly line: number;
}

export interface TemplateChoice {
	readonly label: string;
	readonly options: readonly string[];
	readonly sectionId?: string;
	readonly blockLabel?: string;
	/** True for options listed inside a placeholder ("[single/web/mobile - …]"): any value but the placeholder is taken as chosen. */
	readonly open?: boolean;
	/** Zero-based line of its first occurrence in the template. */
	readonly line: number;
}

export interface PlaceholderMatcher {
	/** True when `inner` (the text between the brackets) was a placeholder in the template. */
	matches(inner: string): boolean;
}

/** Something wrong with a template, shown as a diagnostic on the template file itself. */
export interface TemplateProblem {
	readonly kind: 'no-title' | 'no-sections' | 'unbalanced-brackets' | 'too-large';
	readonly message: string;
	/** Zero-based line the problem is on (0 for problems of the whole file). */
	readonly line: number;
}
