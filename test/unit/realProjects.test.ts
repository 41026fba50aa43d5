import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readSettings } from '../../server/src/config';
import { createLanguageService } from '../../server/src/languageService';
import { joinLines } from './support';
import { MemoryFileSystem } from './memoryFileSystem';

/*
 * Minimal reproductions of what real spec-kit projects showed (issue 16): each is invented, in the
 * shape the real documents had. The labelled corpus (corpus.test.ts) judges the same rules at scale.
 */

let version = 0;

/** Diagnostics of one document in a workspace at /repo, as "line code" strings. */
function check(files: Record<string, string>, documentPath: string, settings: unknown = {}): string[] {
	const service = createLanguageService({ fileSystem: new MemoryFileSystem(files) });
	service.setWorkspaceFolders(['/repo']);
	service.updateSettings(readSettings(settings));
	const text = files[documentPath];
	return service
		.getDiagnostics({ uri: `file://${documentPath}`, version: ++version, getText: () => text })
		.map(diagnostic => `${diagnostic.range.start.line + 1} ${diagnostic.code}`);
}

const specTemplate = joinLines([
	'# Feature Specification: [FEATURE NAME]',
	'',
	'**Status**: Draft',
	'',
	'## Execution Flow (main)',
	'```',
	'1. Parse user description',
	'   → Mark with [NEEDS CLARIFICATION: specific question]',
	'```',
	'',
	'## User Scenarios & Testing *(mandatory)*',
	'',
	'### Primary User Story',
	'[Describe the main user journey in plain language]',
	'',
	'## Requirements *(mandatory)*',
	'',
	'<!--',
	'  ACTION REQUIRED: The content in this section represents placeholders.',
	'-->',
	'',
	'- **FR-001**: System MUST [specific capability]',
	'',
	'*Example of marking unclear requirements:*',
	'- **FR-006**: System MUST authenticate users via [NEEDS CLARIFICATION: auth method not specified]',
	'',
	'### Key Entities *(include if feature involves data)*',
	'- **[Entity 1]**: [What it represents]',
	'',
	'## Review Checklist',
	'- [ ] No [NEEDS CLARIFICATION] markers remain',
	'',
]);

describe('what the template says is required', () => {
	test('only mandatory sections are missing; optional, guidance and unmarked ones of such a template are not', () => {
		const spec = joinLines([
			'# Feature Specification: Export',
			'',
			'## User Scenarios & Testing',
			'',
			'### Primary User Story',
			'A manager exports a report.',
			'',
		]);
		assert.deepEqual(
			check(
				{ '/repo/.specify/templates/spec-template.md': specTemplate, '/repo/specs/001-x/spec.md': spec },
				'/repo/specs/001-x/spec.md',
			),
			['1 plan.missing-section'],
		);
	});

	test("a heading written without the template's note matches it, and sections of a task list are not required", () => {
		const tasksTemplate = joinLines([
			'# Tasks: [FEATURE NAME]',
			'',
			'## Format: `[ID] [P?] [Story] Description`',
			'',
			'## Phase 1: Setup',
			'',
			'- [ ] T001 Create project structure',
			'- [ ] T002 [P] Configure linting',
			'- [ ] T003 Add CI',
			'',
			'## Phase N: Polish & Cross-Cutting Concerns',
			'',
			'- [ ] TXXX [P] Documentation updates',
			'',
			'## Notes',
			'',
			'- [P] tasks = different files',
			'',
		]);
		const tasks = joinLines([
			'# Tasks: Export',
			'',
			'## Phase 1: Setup',
			'',
			'- [x] T001 Create the export module',
			'- [ ] T002 [P] Configure eslint',
			'- [ ] T002a Add prettier',
			'- [ ] T005 Wire the CLI',
			'',
			'## Phase 6: Polish & Cross-Cutting Concerns',
			'',
			'- [ ] T006 [P] Document the export',
			'',
		]);
		assert.deepEqual(
			check(
				{ '/repo/.specify/templates/tasks-template.md': tasksTemplate, '/repo/specs/001-x/tasks.md': tasks },
				'/repo/specs/001-x/tasks.md',
			),
			[],
		);
		const spec = joinLines([
			'# Feature Specification: Export',
			'',
			'## User Scenarios & Testing',
			'### Primary User Story',
			'A story.',
			'## Requirements',
			'- **FR-001**: System MUST export CSV',
			'### Key Entities',
			'- **Report**: rows',
			'',
		]);
		assert.deepEqual(
			check(
				{ '/repo/.specify/templates/spec-template.md': specTemplate, '/repo/specs/001-x/spec.md': spec },
				'/repo/specs/001-x/spec.md',
			),
			[],
		);
	});

	test('a team makes a section required, or every unmarked one optional, in settings', () => {
		const files = {
			'/repo/.specify/templates/spec-template.md': specTemplate,
			'/repo/specs/001-x/spec.md': joinLines([
				'# Feature Specification: Export',
				'',
				'## User Scenarios & Testing',
				'### Primary User Story',
				'A story.',
				'## Requirements',
				'None.',
				'',
			]),
		};
		assert.deepEqual(
			check(files, '/repo/specs/001-x/spec.md', {
				sectionRequirements: { 'spec.md': { 'Review Checklist': 'required' } },
			}),
			['1 plan.missing-section'],
		);
		assert.deepEqual(check(files, '/repo/specs/001-x/spec.md'), []);
	});

	test("translated headings in the template's order and levels are its sections; an alias names one outright", () => {
		const spec = joinLines([
			'# 功能规格说明：导出',
			'',
			'## 用户场景与测试 *（必填）*',
			'',
			'### 主要用户故事',
			'经理导出报表。',
			'',
			'## 需求 *（必填）*',
			'',
			'- **FR-001**：系统必须导出 CSV',
			'',
		]);
		assert.deepEqual(
			check(
				{ '/repo/.specify/templates/spec-template.md': specTemplate, '/repo/specs/001-x/spec.md': spec },
				'/repo/specs/001-x/spec.md',
			),
			[],
		);
		const reordered = joinLines(['# 功能规格说明：导出', '', '## 需求', '- **FR-001**：系统必须导出 CSV', '']);
		assert.deepEqual(
			check(
				{ '/repo/.specify/templates/spec-template.md': specTemplate, '/repo/specs/001-x/spec.md': reordered },
				'/repo/specs/001-x/spec.md',
				{ headingAliases: { 需求: 'Requirements' } },
			),
			['1 plan.missing-section'],
		);
	});
});

describe('leftovers that are not bare brackets', () => {
	test("a guidance comment copied unchanged, the template's example questions and its instruction line are flagged; a mention of the marker is not", () => {
		const spec = joinLines([
			'# Feature Specification: Export',
			'',
			'## User Scenarios & Testing',
			'### Primary User Story',
			'A manager exports a report.',
			'## Requirements',
			'',
			'<!--',
			'  ACTION REQUIRED: The content in this section represents placeholders.',
			'-->',
			'',
			'- **FR-001**: System MUST export CSV',
			'*Example of marking unclear requirements:*',
			'- **FR-006**: System MUST authenticate users via [NEEDS CLARIFICATION: auth method not specified]',
			'- **FR-007**: System MUST keep exports for [NEEDS CLARIFICATION: how long?]',
			'## Review Checklist',
			'- [x] No [NEEDS CLARIFICATION] markers remain',
			'',
		]);
		assert.deepEqual(
			check(
				{ '/repo/.specify/templates/spec-template.md': specTemplate, '/repo/specs/001-x/spec.md': spec },
				'/repo/specs/001-x/spec.md',
			),
			['8 plan.template-text', '13 plan.template-text', '14 plan.template-text', '15 plan.needs-clarification'],
		);
	});

	test("option lines of the template's code block, a placeholder in inline code or over two lines, and a bare NEEDS CLARIFICATION value", () => {
		const planTemplate = joinLines([
			'# Implementation Plan: [FEATURE]',
			'',
			'**Branch**: `[###-feature-name]` | **Date**: [DATE]',
			'',
			'## Technical Context',
			'',
			'**Testing**: [e.g., pytest or NEEDS CLARIFICATION]',
			'**Project Type**: [single/web/mobile - determines source structure]',
			'',
			'## Project Structure',
			'',
			'```text',
			'# [REMOVE IF UNUSED] Option 1: Single project (DEFAULT)',
			'src/',
			'# [REMOVE IF UNUSED] Option 2: Web application',
			'api/',
			'└── [same as backend above]',
			'```',
			'',
			'**Structure Decision**: [Document the selected structure and reference the real',
			'directories captured above]',
			'',
		]);
		const plan = joinLines([
			'# Implementation Plan: Export',
			'',
			'**Branch**: `[###-feature-name]` | **Date**: 2026-11-30',
			'',
			'## Technical Context',
			'',
			'**Testing**: NEEDS CLARIFICATION',
			'**Project Type**: [single/web/mobile - determines source structure]',
			'',
			'## Project Structure',
			'',
			'```text',
			'src/',
			'# [REMOVE IF UNUSED] Option 2: Web application',
			'api/',
			'└── [same as backend above]',
			'```',
			'',
			'**Structure Decision**: [Document the selected structure and reference the real',
			'directories captured above]',
			'',
		]);
		assert.deepEqual(
			check(
				{ '/repo/.specify/templates/plan-template.md': planTemplate, '/repo/specs/001-x/plan.md': plan },
				'/repo/specs/001-x/plan.md',
			),
			[
				'3 plan.placeholder',
				'7 plan.needs-clarification',
				'8 plan.unresolved-choice',
				'14 plan.template-text',
				'16 plan.template-text',
				'19 plan.placeholder',
			],
		);
	});

	test('prompts kept word for word under their section are template text; answered ones are not', () => {
		const template = joinLines([
			'# Plan: [Feature]',
			'',
			'## 1. Design Principles',
			'',
			'**Simplicity**: Is this the simplest design that works? Justify any extra moving part.',
			'',
			'Describe the rollback strategy in two or three sentences.',
			'',
		]);
		const plan = joinLines([
			'# Plan: Exports',
			'',
			'## 1. Design Principles',
			'',
			'**Simplicity**: Is this the simplest design that works? Justify any extra moving part.',
			'',
			'The rollback strategy is simple: disable the flag.',
			'',
		]);
		assert.deepEqual(
			check(
				{ '/repo/.specify/templates/plan-template.md': template, '/repo/specs/001-x/plan.md': plan },
				'/repo/specs/001-x/plan.md',
			),
			['5 plan.template-text'],
		);
	});

	test('[P] from the tasks template is content in the plan; suffixed task IDs are no duplicates, a real duplicate is', () => {
		const files = {
			'/repo/.specify/templates/plan-template.md': joinLines([
				'# Implementation Plan: [FEATURE]',
				'',
				'## Summary',
				'[Extract from feature spec]',
				'',
				'## Task Planning',
				'- Mark [P] for parallel execution',
				'',
			]),
			'/repo/.specify/templates/tasks-template.md': joinLines([
				'# Tasks: [FEATURE NAME]',
				'',
				'## Phase 1: Setup',
				'- [ ] T001 Create project structure',
				'- [ ] T002 [P] Configure linting',
				'- [ ] T003 [P] [US1] Add models',
				'',
				'## Notes',
				'- Commit after each task',
				'',
			]),
			'/repo/specs/001-x/plan.md': joinLines([
				'# Implementation Plan: Export',
				'',
				'## Summary',
				'CSV export.',
				'',
				'## Task Planning',
				'- Mark [P] for parallel execution',
				'',
			]),
			'/repo/specs/001-x/tasks.md': joinLines([
				'# Tasks: Export',
				'',
				'## Phase 1: Setup',
				'- [ ] T001 Create the module',
				'- [ ] T001-1 Add the folder',
				'- [ ] T001-2 Add the index',
				'- [ ] T001a Add a README',
				'- [ ] T004 [P] Lint',
				'- [ ] T004 Format',
				'',
			]),
		};
		assert.deepEqual(check(files, '/repo/specs/001-x/plan.md'), []);
		assert.deepEqual(check(files, '/repo/specs/001-x/tasks.md'), ['9 plan.task-id-duplicate']);
	});
});

describe('which template governs', () => {
	const quick = joinLines([
		'# Quick Spec: [FEATURE NAME]',
		'',
		'## Summary *(mandatory)*',
		'[One paragraph]',
		'',
		'## Out of Scope *(mandatory)*',
		'- [What this does not do]',
		'',
	]);

	test('a variant such as spec-template-quick.md governs the specs whose title is its own', () => {
		const files = {
			'/repo/.specify/templates/spec-template.md': specTemplate,
			'/repo/.specify/templates/spec-template-quick.md': quick,
			'/repo/specs/001-x/spec.md': joinLines(['# Quick Spec: Delimiter', '', '## Summary', 'Semicolons.', '']),
		};
		assert.deepEqual(check(files, '/repo/specs/001-x/spec.md'), ['1 plan.missing-section']);
	});

	test('the nearest .specify above a document governs it, and a preset outranks the core template', () => {
		const preset = joinLines([
			'# Feature Specification: [FEATURE NAME]',
			'',
			'## Compliance *(mandatory)*',
			'[Data protection notes]',
			'',
		]);
		const files = {
			'/repo/services/billing/.specify/templates/spec-template.md': specTemplate,
			'/repo/services/billing/.specify/presets/compliance/templates/spec-template.md': preset,
			'/repo/services/billing/.specify/presets/.registry': JSON.stringify({
				presets: { compliance: { priority: 5, enabled: true } },
			}),
			'/repo/services/billing/specs/001-x/spec.md': joinLines([
				'# Feature Specification: Metering',
				'',
				'## Compliance',
				'No personal data.',
				'',
			]),
		};
		assert.deepEqual(check(files, '/repo/services/billing/specs/001-x/spec.md'), []);
		const disabled = {
			...files,
			'/repo/services/billing/.specify/presets/.registry': JSON.stringify({
				presets: { compliance: { priority: 5, enabled: false } },
			}),
		};
		assert.ok(
			check(disabled, '/repo/services/billing/specs/001-x/spec.md').includes('1 plan.missing-section'),
			'the core template governs when the preset is disabled',
		);
	});

	test('an override in .specify/templates/overrides outranks presets and the core template', () => {
		const files = {
			'/repo/.specify/templates/spec-template.md': specTemplate,
			'/repo/.specify/templates/overrides/spec-template.md': quick.replace('Quick Spec', 'Feature Specification'),
			'/repo/specs/001-x/spec.md': joinLines([
				'# Feature Specification: Delimiter',
				'',
				'## Summary',
				'Semicolons.',
				'',
				'## Out of Scope',
				'- Tabs.',
				'',
			]),
		};
		assert.deepEqual(check(files, '/repo/specs/001-x/spec.md'), []);
	});
});
