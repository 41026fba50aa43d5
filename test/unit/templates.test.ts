import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readSettings } from '../../server/src/config';
import { createLanguageService, type PlanLanguageService } from '../../server/src/languageService';
import { MemoryFileSystem } from './memoryFileSystem';

const fixture = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'speckit');

/** The spec-kit fixture workspace, loaded into memory at /repo. */
function specKitFiles(): Record<string, string> {
	const files: Record<string, string> = {};
	const walk = (folder: string) => {
		for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory()) {
				walk(full);
			} else {
				files[path.join('/repo', path.relative(fixture, full))] = fs.readFileSync(full, 'utf8');
			}
		}
	};
	walk(fixture);
	return files;
}

function workspace(files: Record<string, string>, folders = ['/repo'], settings: unknown = {}) {
	const fileSystem = new MemoryFileSystem(files);
	const warnings: string[] = [];
	const service = createLanguageService({ fileSystem, warn: message => warnings.push(message) });
	service.setWorkspaceFolders(folders);
	service.updateSettings(readSettings(settings));
	return { service, fileSystem, warnings };
}

let version = 0;
function open(service: PlanLanguageService, filePath: string, text: string) {
	const document = { uri: `file://${filePath}`, version: ++version, getText: () => text };
	return { document, plan: service.getPlanDocument(document) };
}

describe('template discovery in a spec-kit repository', () => {
	const files = specKitFiles();

	test('each spec-kit template governs the document named after it', () => {
		const { service } = workspace(files);
		const tasks = open(service, '/repo/specs/003-export/tasks.md', files['/repo/specs/003-export/tasks.md']).plan;
		const spec = open(service, '/repo/specs/003-export/spec.md', files['/repo/specs/003-export/spec.md']).plan;
		const plan = open(service, '/repo/specs/003-export/plan.md', '# Implementation Plan: CSV Export\n').plan;
		assert.equal(tasks.template.uri, 'file:///repo/.specify/templates/tasks-template.md');
		assert.equal(spec.template.uri, 'file:///repo/.specify/templates/spec-template.md');
		assert.equal(plan.template.uri, 'file:///repo/.specify/templates/plan-template.md');
		assert.ok(tasks.isPlan && spec.isPlan && plan.isPlan);
	});

	test('a document whose title matches a template is governed by it, whatever its name', () => {
		const { service } = workspace(files);
		const notes = open(
			service,
			'/repo/docs/export-tasks.md',
			'# Tasks: Export\n\n## Phase 1: Setup\n- [ ] T001 Start\n',
		).plan;
		assert.equal(notes.template.uri, 'file:///repo/.specify/templates/tasks-template.md');
		assert.ok(notes.isPlan);
		const saved = open(
			service,
			'/repo/docs/saved-by-notepad.md',
			'\uFEFF# Tasks: Export\r\n\r\n## Phase 1: Setup\r\n',
		).plan;
		assert.equal(
			saved.template.uri,
			'file:///repo/.specify/templates/tasks-template.md',
			'a byte order mark before the title does not hide it',
		);
		const readme = open(service, '/repo/README.md', '# Export service\n[Service 2]\n').plan;
		assert.equal(readme.isPlan, false);
	});

	test('templates are never plans themselves', () => {
		const { service } = workspace(files);
		assert.equal(
			open(service, '/repo/.specify/templates/plan-template.md', files['/repo/.specify/templates/plan-template.md'])
				.plan.isPlan,
			false,
		);
	});

	test('tasks.md: [P] and [US1] are content, a duplicate ID is reported and a skipped range is not', () => {
		const { service } = workspace(files);
		const { document } = open(service, '/repo/specs/003-export/tasks.md', files['/repo/specs/003-export/tasks.md']);
		const found = service
			.getDiagnostics(document)
			.map(diagnostic => `${diagnostic.range.start.line + 1} ${diagnostic.code} ${diagnostic.message}`);
		// spec.md has one story: the phase for User Story 2 and its [US2] tasks cite a story it does not define.
		// (Line 12 keeps the template's "(US1, US2, …)" explanation: it cites nothing.)
		assert.deepEqual(found, [
			'25 plan.task-id-duplicate Task ID T004 is used twice; the first is on line 24.',
			'27 trace.unknown-id User Story 2 is not defined by any document of this feature.',
			'31 trace.unknown-id US2 is not defined by any document of this feature.',
			'32 trace.unknown-id US2 is not defined by any document of this feature.',
		]);
	});

	test('tasks.md: progress per phase and per user story', () => {
		const { service } = workspace(files);
		const { document } = open(service, '/repo/specs/003-export/tasks.md', files['/repo/specs/003-export/tasks.md']);
		const lenses = service.getCodeLenses(document).map(lens => `${lens.range.start.line + 1}: ${lens.command?.title}`);
		assert.deepEqual(lenses, [
			'5: Plan: 3/7 done · 43%',
			'5: US1: 1/3 done · 33%',
			'5: US2: 0/2 done · 0%',
			'14: 2/2 done · 100%',
			'19: 1/3 done · 33%',
			'27: 0/2 done · 0%',
		]);
	});

	test('spec.md follows the spec template: its own choice and placeholders', () => {
		const { service } = workspace(files);
		const { document } = open(service, '/repo/specs/003-export/spec.md', files['/repo/specs/003-export/spec.md']);
		const found = service.getDiagnostics(document).map(diagnostic => `${diagnostic.code}: ${diagnostic.message}`);
		assert.deepEqual(found, [
			'trace.uncovered-requirement: FR-001 is not cited by any task, the plan or a checklist.',
			'trace.uncovered-requirement: SC-001 is not cited by any task, the plan or a checklist.',
			'plan.placeholder: Unfilled placeholder [Measurable metric] in Success Criteria.',
		]);
	});
});

describe('templates for other layouts', () => {
	test('planmark.templates maps globs to templates', () => {
		const { service } = workspace(
			{
				'/team/docs/rfc-template.md':
					'# RFC: [TITLE]\n\n## Summary\n[One paragraph]\n\n## Decision\n- Outcome: ACCEPT / REJECT\n',
				'/team/rfcs/0007-caching.md': '# RFC: Caching\n\n## Summary\nCache it.\n\n## Decision\n- Outcome: MAYBE\n',
			},
			['/team'],
			{ templates: { 'rfcs/*.md': 'docs/rfc-template.md' } },
		);
		const { document, plan } = open(
			service,
			'/team/rfcs/0007-caching.md',
			'# RFC: Caching\n\n## Summary\nCache it.\n\n## Decision\n- Outcome: MAYBE\n',
		);
		assert.equal(plan.template.uri, 'file:///team/docs/rfc-template.md');
		assert.deepEqual(
			service.getDiagnostics(document).map(diagnostic => diagnostic.code),
			['plan.invalid-choice'],
		);
	});

	test('each folder of a multi-root workspace uses its own templates', () => {
		const { service } = workspace(
			{
				'/a/.specify/templates/plan-template.md': '# Plan A: [NAME]\n\n## Goals\n[Goals]\n',
				'/b/.specify/templates/plan-template.md': '# Plan B: [NAME]\n\n## Risks\n[Risks]\n',
			},
			['/a', '/b'],
		);
		assert.equal(open(service, '/a/plan.md', '').plan.template.uri, 'file:///a/.specify/templates/plan-template.md');
		assert.equal(
			open(service, '/b/sub/plan.md', '').plan.template.uri,
			'file:///b/.specify/templates/plan-template.md',
		);
	});

	test('without any template, the bundled plan template governs plan.md', () => {
		const { service } = workspace({}, ['/empty']);
		assert.equal(open(service, '/empty/specs/1/plan.md', '').plan.template.uri, 'bundled:plan-template.md');
	});
});

describe('changing and broken templates', () => {
	test('an edited template on disk applies at once; a deleted one falls back to the bundled template', () => {
		const { service, fileSystem } = workspace(
			{ '/r/.specify/templates/plan-template.md': '# Plan: [NAME]\n\n## Goals\n- Goal: [Goals]\n' },
			['/r'],
		);
		const text = '# Plan: X\n\n## Goals\n- Goal: [Goals]\n';
		assert.deepEqual(
			service.getDiagnostics(open(service, '/r/plan.md', text).document).map(diagnostic => diagnostic.code),
			['plan.placeholder'],
		);
		fileSystem.write(
			'/r/.specify/templates/plan-template.md',
			'# Plan: [NAME]\n\n## Goals\n- Goal: [Goals]\n\n## Budget\n- Amount: [Amount]\n',
		);
		service.templateChanged();
		assert.deepEqual(
			service.getDiagnostics(open(service, '/r/plan.md', text).document).map(diagnostic => diagnostic.code),
			['plan.missing-section', 'plan.placeholder'],
		);
		fileSystem.delete('/r/.specify/templates/plan-template.md');
		service.templateChanged();
		assert.equal(open(service, '/r/plan.md', text).plan.template.uri, 'bundled:plan-template.md');
	});

	test('a template without sections is reported on the template and documents fall back, with a message saying which', () => {
		const broken = '# Plan: [NAME]\n\nJust prose, [unbalanced.\n';
		const { service, warnings } = workspace({ '/r/.specify/templates/plan-template.md': broken }, ['/r']);
		const plan = open(service, '/r/plan.md', '# Plan: X\n').plan;
		assert.equal(plan.template.uri, 'bundled:plan-template.md');
		assert.deepEqual(warnings, [
			'planmark: spec-kit plan template: "/r/.specify/templates/plan-template.md" has no "## " sections, so it cannot check documents; using the bundled plan template instead.',
		]);
		const { document } = open(service, '/r/.specify/templates/plan-template.md', broken);
		assert.deepEqual(
			service.getDiagnostics(document).map(diagnostic => `${diagnostic.range.start.line}:${diagnostic.code}`),
			['0:template.no-sections', '2:template.unbalanced-brackets'],
		);
	});

	test('a template shows what planmark understood from it, as lenses', () => {
		const files = specKitFiles();
		const { service } = workspace(files);
		const { document } = open(
			service,
			'/repo/.specify/templates/tasks-template.md',
			files['/repo/.specify/templates/tasks-template.md'],
		);
		const lenses = service.getCodeLenses(document).map(lens => `${lens.range.start.line + 1}: ${lens.command?.title}`);
		assert.equal(
			lenses[0],
			'1: planmark template for tasks.md · 2 sections · 1 repeatable block · 0 choice fields · 10 placeholders',
		);
		assert.ok(
			lenses.includes('14: repeatable heading block "Phase N" · repeat marker [Repeat as needed]'),
			lenses.join('\n'),
		);
	});
});

describe('new document from a template', () => {
	test("lists the workspace's templates and the bundled one", () => {
		const { service } = workspace(specKitFiles());
		assert.deepEqual(
			service.getTemplates('/repo').map(template => `${template.documentName}: ${template.title}`),
			[
				'plan.md: Implementation Plan: [FEATURE NAME]',
				'spec.md: Feature Specification: [FEATURE NAME]',
				'tasks.md: Tasks: [FEATURE NAME]',
				'plan.md: Implementation Plan: [FEATURE NAME]',
			],
		);
	});

	test('creates tasks.md in the next specs/NNN-feature folder, with name, branch and date filled in', () => {
		const { service } = workspace({
			...specKitFiles(),
			'/repo/specs/001-search/spec.md': '# Search\n',
			'/repo/specs/003-export/plan.md': '# Export\n',
		});
		const created = service.getNewDocument({
			templateUri: 'file:///repo/.specify/templates/tasks-template.md',
			featureName: 'Bulk Import',
			folder: '/repo',
			today: new Date('2026-11-25T12:00:00Z'),
		})!;
		assert.equal(created.filePath, '/repo/specs/004-bulk-import/tasks.md');
		assert.equal(created.exists, false);
		assert.ok(
			created.text.startsWith('# Tasks: Bulk Import\n\n**Input**: Design documents from `/specs/004-bulk-import/`'),
			created.text.slice(0, 120),
		);
		assert.ok(created.text.includes('## Phase 1: Setup'));
		const reopened = open(service, created.filePath, created.text).plan;
		assert.ok(reopened.isPlan, 'the new document is governed by its template');
	});

	test("reuses the feature's folder when it exists, and works without spec-kit's layout", () => {
		const { service } = workspace({ '/repo/specs/003-csv-export/spec.md': '# CSV Export\n' });
		const plan = service.getNewDocument({
			templateUri: 'bundled:plan-template.md',
			featureName: 'CSV Export',
			folder: '/repo',
			today: new Date('2026-11-25T12:00:00Z'),
		})!;
		assert.equal(plan.filePath, '/repo/specs/003-csv-export/plan.md');
		assert.ok(
			plan.text.startsWith(
				'# Implementation Plan: CSV Export\n\n**Created**: 2026-11-25  \n**Status**: Draft  \n**Branch**: 003-csv-export  \n',
			),
		);
		assert.equal(
			service.getNewDocument({ templateUri: 'bundled:plan-template.md', featureName: 'CSV Export', folder: '/team' })!
				.filePath,
			'/team/csv-export/plan.md',
		);
		const existing = workspace({ '/repo/specs/003-csv-export/plan.md': '# Implementation Plan: CSV Export\n' }).service;
		assert.equal(
			existing.getNewDocument({ templateUri: 'bundled:plan-template.md', featureName: 'CSV Export', folder: '/repo' })!
				.exists,
			true,
			'a document already there is reported, so the client can open it instead',
		);
	});
});
