/*
 * Everything planmark assumes beyond what a template says, in one place. Sections, numbers, blocks,
 * choices and placeholders come from the template file; these few rules come from spec-kit and from
 * how plan templates are written at large, because no template states them. The README's
 * "Conventions" section lists them for users: keep the two in step.
 */

/** A template file's name: `tasks-template.md`, or a variant such as `spec-template-quick.md`. */
const templateFileNamePattern = /^(.+?)-template(?:-([^\\/]+))?\.md$/i;

/** The kind and variant a template's file name says it is: `spec-template-quick.md` → spec, quick. */
export function templateNameParts(fileName: string): { readonly kind: string; readonly variant?: string } | undefined {
	const match = templateFileNamePattern.exec(fileName);
	return match ? { kind: match[1].toLowerCase(), variant: match[2]?.toLowerCase() } : undefined;
}

/** True for a file named as a template (`*-template.md`, `*-template-*.md`). */
export function isTemplateFileName(fileName: string): boolean {
	return templateFileNamePattern.test(fileName);
}

/** The document a template is named for: `tasks-template.md` → `tasks.md`, a variant → its kind's name. */
export function governedDocumentName(templateFileName: string): string | undefined {
	const match = templateFileNamePattern.exec(templateFileName);
	return match ? `${match[1]}.md` : undefined;
}

/** What the bundled plan template's documents are called. */
export const bundledDocumentName = 'plan.md';

/** spec-kit's project folder, found at or above a document, and its templates folder inside it. */
export const specKitFolderName = '.specify';
export const specKitTemplatesFolderName = 'templates';

/** spec-kit's folder of features, each a folder `NNN-feature-name` (three or more digits). */
export const specsFolderName = 'specs';
export const featureFolderPattern = /^(\d{3,})-(.+)$/;

/** The documents of one feature folder, by spec-kit's names, and the folder of its checklists. */
export const featureDocumentNames = { spec: 'spec.md', plan: 'plan.md', tasks: 'tasks.md' } as const;
export const checklistsFolderName = 'checklists';

/** `[NEEDS CLARIFICATION: question]`: spec-kit's marker for a question the author still has to answer. */
export const clarificationMarkerPattern = /^NEEDS[ \t]+CLARIFICATION\b[ \t]*:?[ \t]*(.*)$/i;

/** A field value left as a bare NEEDS CLARIFICATION (`**Language**: NEEDS CLARIFICATION (which runtime?)`). */
export const bareClarificationPattern = /^[*_]*NEEDS[ \t]+CLARIFICATION\b[*_]*[ \t]*[:—–-]?[ \t]*(.*)$/i;

/** A template section whose own text says GATE ("*GATE: Must pass before Phase 0…*") is a gate section. */
export const gateSectionMarker = /\bGATE\b/;

/** Choice values that block a gate: a choice field offering one of them is a gate. */
export const blockingValuePattern = /^(?:fail(?:ed)?|no[ -]?go|reject(?:ed)?|block(?:ed|ing)?)$/i;

/** Values that mean a gate passed; any other valid value of a gate that is not blocking is conditional. */
export const passingValuePattern = /^(?:pass(?:ed)?|go|approved?|accepted|ok|yes|done|green)$/i;

/**
 * Verdicts written after a label in a gate section ("- **IV. Privacy**: PASS WITH CONDITIONS"),
 * where the template writes no choice field: the failing and conditional ones are reported.
 */
export const writtenVerdictPattern =
	/(PASS(?:ED)? WITH CONDITIONS|CONDITIONAL(?:LY PASS(?:ED)?)?|FAIL(?:ED)?|PARTIAL)\b/;

/** What *New Document from Template…* fills in: the placeholder's text names the feature, the date or the branch. */
export function fillInOf(placeholder: string): 'feature' | 'date' | 'branch' | undefined {
	if (/feature name|^title$|^name$/i.test(placeholder)) {
		return 'feature';
	}
	if (/\bdate\b/i.test(placeholder)) {
		return 'date';
	}
	if (/branch|###-feature-name/i.test(placeholder)) {
		return 'branch';
	}
	return undefined;
}

/*
 * Feature IDs. Which prefixes are IDs (FR-, SC-, T, CHK) is learned from the templates and from
 * where documents define them; these rules say what an ID looks like and how spec-kit ties a tag
 * to a story, because no template states them.
 */

/**
 * An ID's shape: up to five capitals, an optional hyphen, digits, an optional subtask letter
 * (`FR-001`, `T012a`, `CHK007`), not inside a Latin word; CJK text may touch it (`需求FR-001`).
 */
export const idShapePattern = /(?<![A-Za-z0-9_])([A-Z]{1,5})(-?)(\d+)([a-z]?)(?![A-Za-z0-9_])/g;

/** Between two IDs of one kind, a range: `T009-T021`, `T009–T021`, `FR-001 to FR-005`, `T009..T021`. */
export const idRangeSeparatorPattern = /^[ \t]*(?:[-–—]|\.\.|to|through)[ \t]*/;

/** A range whose end drops the prefix, as checklists write it: `FR-003–005`. */
export const shortRangeEndPattern = /^[ \t]*[-–—][ \t]*(\d+)(?![A-Za-z0-9_])/;

/** A numbered name such as "User Story 2": capitalised words, a space, a number. */
export const numberedNamePattern = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*)*) (\d+)(?![\p{N}])/gu;

/**
 * spec-kit's tag for a story is the initials of the numbered name its spec template repeats, with
 * the number: `[US2]` is "User Story 2". A tag prefix names a story kind only when its letters are
 * those initials.
 */
export function storyTagPrefixOf(label: string): string {
	return label
		.split(/\s+/)
		.filter(word => word.length > 0)
		.map(word => word[0].toUpperCase())
		.join('');
}

/** What follows a story's number in its heading: " - Title (Priority: P1)", " - Title (P1)". */
export const storyHeadingRestPattern =
	/^[ \t]*[-–—:][ \t]*(.*?)[ \t]*(?:\((?:(?:Priority|优先级)[ \t]*[:：][ \t]*)?(P\d+[^)]*)\))?[ \t]*(?:🎯.*|MVP)?$/u;

/**
 * A phase heading of a tasks.md: "Phase 1: Setup", "Phase 3: User Story 1 - Title (Priority: P1) 🎯 MVP",
 * "Phase 3.2: Tests First", "Phase 3a: User Story 1 - Title (P1)". Group 1 is its number, group 2 its title.
 */
export const taskPhaseHeadingPattern = /^Phase[ \t]+(\d+[a-z]?(?:\.\d+[a-z]?)*)[ \t]*[:.—–-][ \t]*(.+)$/i;

/**
 * A user story named in a phase heading's title: "User Story 1 - Browse (Priority: P1) 🎯 MVP",
 * "User Story 2 — Share". Group 1 is its number, group 2 the rest of the title.
 */
export const userStoryHeadingPattern = /^User[ \t]+Story[ \t]+(\d+)\b[ \t]*[:.—–-]?[ \t]*(.*)$/i;

/** A story's priority in a heading: "(Priority: P1)", or "(P1)". */
export const storyPriorityPattern = /\((?:Priority:[ \t]*)?(P\d+)\)/i;

/** A task's story tag: "- [ ] T012 [P] [US1] Create model" belongs to story US1. */
export const taskStoryTagPattern = /\[US(\d+)\]/i;

/** How planmark names a user story in its views and the CLI: "US1", as spec-kit's task tags do. */
export function storyId(storyNumber: string): string {
	return `US${Number(storyNumber)}`;
}
