import type { SeverityName } from './severities';

/*
 * Every diagnostic code planmark reports: its default severity, a one-sentence description (the
 * setting's and SARIF's), and the README's example, meaning and quick fix. package.json's
 * `planmark.diagnostics.*` settings and the README's table of codes are generated from this file
 * (`npm run manifest`); a test fails when either has drifted.
 */

export interface DiagnosticCodeInfo {
	readonly severity: SeverityName;
	/** One sentence: what a user sees, for the setting's description and SARIF's rule. */
	readonly description: string;
	/** Markdown for the README: text that is flagged. */
	readonly example: string;
	/** Markdown for the README: what the code means, and what it leaves alone. */
	readonly meaning: string;
	/** Markdown for the README: the quick fix, when there is one. */
	readonly fix?: string;
	/** A sentence more for the setting's description. */
	readonly settingNote?: string;
	/** True when the problem's `fix` needs no choice, so *Fix All* and `planmark check --fix` apply it. */
	readonly fixAll?: boolean;
}

export const diagnosticCodes = {
	placeholder: {
		severity: 'warning',
		description: 'A bracket placeholder from the template, such as "[Service 2]", is still in the plan.',
		example: '`- [Service 2]: [Purpose and integration method]`',
		meaning:
			'A placeholder from the template is still in the plan. Links, reference links, task boxes, footnotes, code and bracketed text that was never a template placeholder (`[JIRA-123]`) are not flagged.',
	},
	'needs-clarification': {
		severity: 'warning',
		description: 'A "[NEEDS CLARIFICATION: …]" marker still asks its question.',
		example: '`[NEEDS CLARIFICATION: SSO or passwords?]`',
		meaning: "spec-kit's open-question marker; the message quotes the question.",
	},
	'repeat-marker': {
		severity: 'warning',
		description: 'A leftover repeat marker such as "[Repeat structure]".',
		example: '`[Repeat structure]`',
		meaning: 'The template\'s "repeat the block above" marker was left in.',
		fix: 'Remove it',
		fixAll: true,
	},
	'template-text': {
		severity: 'warning',
		description: "The template's instruction or example text is still in the plan, unchanged.",
		example: '`[List the technologies being used - keep this section factual and brief]`, `- [ ] Task 1`',
		meaning: "The template's instructions or example items, unchanged.",
		fix: 'Remove it',
		fixAll: true,
	},
	'unresolved-choice': {
		severity: 'warning',
		description: 'A choice field still lists all its options, such as "Status: PASS / FAIL / CONDITIONAL".',
		example: '`- Status: PASS / FAIL / CONDITIONAL`',
		meaning: 'A choice field still lists all its options.',
		fix: 'One action per option',
	},
	'invalid-choice': {
		severity: 'warning',
		description: "A choice field holds a value that is not one of the template's options.",
		example: '`- Status: MAYBE`',
		meaning:
			"A value that is not one of the template's options (a remark after a valid value, `CONDITIONAL (pending review)`, is fine).",
		fix: 'One action per option',
	},
	'gate-failed': {
		severity: 'error',
		description: "A gate's status is a blocking value such as FAIL: the plan cannot go ahead.",
		example: '`**Gate 1**` … `- Status: FAIL`',
		meaning: 'A gate (a block whose choice can be FAIL, NO-GO, REJECTED…) has a blocking status.',
	},
	'gate-conditional': {
		severity: 'information',
		description: 'A gate passed with conditions (for example CONDITIONAL).',
		example: '`- Status: CONDITIONAL`',
		meaning: 'A gate passed with conditions.',
	},
	'missing-section': {
		severity: 'warning',
		description: 'A section of the template is missing from the plan.',
		example: 'no `### 7.2 Deferred Decisions` under `## 7.`',
		meaning:
			"A section the template requires is missing; reported on its parent's heading. Optional, example and guidance sections never are (see *Templates*).",
		fix: "Insert it where the template puts it, with the template's body and its first repeatable block",
		fixAll: true,
	},
	'section-order': {
		severity: 'warning',
		description: 'A section comes in a different order than in the template.',
		example: '`### 1.3` before `### 1.2`',
		meaning: "A section is out of the template's order.",
		fix: 'Move it',
	},
	'section-number': {
		severity: 'warning',
		description: "A section's number differs from the template's, or is used twice.",
		example: '`### 3.2 Research Tasks` (the template says 3.1), or two `### 3.2`',
		meaning: "A section's number differs from the template's or is used twice.",
		fix: 'Renumber',
		fixAll: true,
	},
	'duplicate-section': {
		severity: 'warning',
		description: 'A template section appears more than once.',
		example: '`### 9.1 References` twice',
		meaning: 'A template section appears more than once.',
	},
	'empty-section': {
		severity: 'warning',
		description: 'A section the template gives content to has none.',
		example: '`### 9.1 References` followed directly by `### 9.2`',
		meaning: 'A section the template gives content to has none.',
		fix: "Insert the template's content",
	},
	'task-id-duplicate': {
		severity: 'warning',
		description: 'A task ID such as T005 is used by two tasks.',
		example: '`- [ ] T004 …` twice',
		meaning: 'A task ID is used by two tasks.',
	},
	'task-id-order': {
		severity: 'information',
		description:
			'A task ID is lower than one before it (T009 then T005); gaps and suffixed subtasks such as T012a are fine.',
		example: '`T009` then `T005`',
		meaning: 'A task ID is lower than one before it; gaps and suffixed subtasks (`T012a`, `T158-1`) are fine.',
	},
	'broken-link': {
		severity: 'warning',
		description: 'A relative link points at a file or heading that does not exist.',
		example: '`See [the model](./data-model.md#entity)`',
		meaning:
			'A relative link points at a file that does not exist, or at a heading (GitHub-style anchor) the target file does not have. Web links are not checked.',
		settingNote: "Set to `off` if you prefer VS Code's own markdown link validation (`markdown.validate.enabled`).",
	},
	degraded: {
		severity: 'information',
		description:
			'Part of the plan (or all of it, above `planmark.fullAnalysisLimit`) was only scanned for its outline and tasks.',
		example: '20,000 nested quotes',
		meaning:
			'Part of the plan (deeply nested or extremely long lines), or all of it above `planmark.fullAnalysisLimit`, was only scanned for outline and tasks; the message says which lines.',
	},
	'trace.story-without-tasks': {
		severity: 'warning',
		description: "A user story in spec.md has no task in the feature's tasks.md.",
		example: '`### User Story 3 - Export a report (Priority: P3)` while no task in tasks.md is tagged `[US3]`',
		meaning:
			'A story of the spec that no task of tasks.md is tagged with (`[US3]` for "User Story 3"). Only reported once the feature has a tasks.md.',
		fix: "Add a phase for the story to tasks.md, from the tasks template's first story phase (its number, tag, title, priority, and task IDs after the highest)",
	},
	'trace.unknown-id': {
		severity: 'warning',
		description:
			'A task or checklist item cites an ID (FR-009, [US4], T099, [Spec §FR-012]) that no document of the feature defines.',
		example: '`- [ ] T020 [US4] …` while spec.md has three stories; `[Spec §FR-012]` while spec.md stops at FR-010',
		meaning:
			'A citation in tasks.md or a checklist of an ID of a kind the feature defines (requirements, success criteria, stories, tasks) that no document defines. Ends of ranges such as `T009-T021` count; IDs of kinds the feature never defines do not.',
	},
	'trace.duplicate-id': {
		severity: 'warning',
		description: 'An ID (FR-003, User Story 2, T012) is defined twice in one feature.',
		example: '`- **FR-003**: …` on two lines of spec.md',
		meaning:
			'An ID defined in two places of one feature folder; the message says where the first is. Two tasks with one ID in one tasks.md are `plan.task-id-duplicate`; each checklist numbers its own items.',
	},
	'trace.uncovered-requirement': {
		severity: 'information',
		description: 'A requirement or success criterion of spec.md is cited by no task, no plan and no checklist.',
		example: '`- **FR-007**: System MUST log every export` while nothing else mentions FR-007',
		meaning:
			'An ID spec.md defines (other than a story) that tasks.md, plan.md and the checklists never cite. Only reported once the feature has a tasks.md.',
	},
	'trace.story-mismatch': {
		severity: 'warning',
		description: 'A task is tagged with a story other than the one its phase is for.',
		example: '`- [ ] T014 [US2] …` under `## Phase 3: User Story 1 - …`',
		meaning: "A task's story tag names another story than its phase's heading (or the heading above it) does.",
		fix: "Tag it with its phase's story",
	},
} as const satisfies Record<string, DiagnosticCodeInfo>;

export type DiagnosticCode = keyof typeof diagnosticCodes;

/** The code as diagnostics carry it: a document's own codes under `plan.`, a feature's under `trace.` (already in the key). */
export function qualifiedCode(code: string): string {
	return code.startsWith('trace.') ? code : `plan.${code}`;
}
