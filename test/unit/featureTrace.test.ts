import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/languageService';
import { checklist, featureFiles, root, spec, tasks, uriOf } from './featureTraceFixture';
import { applyWorkspaceEdit, asList, at, open, serviceWith, shown } from './featureTraceSupport';
import { MemoryFileSystem } from './memoryFileSystem';

describe('feature IDs: go to definition across documents', () => {
	test('jumps from a [US1] tag in tasks.md to the story heading in spec.md', () => {
		const { service } = serviceWith();
		const found = asList(service.getDefinition(open('tasks.md'), at('tasks.md', 'T003 [P]', 'US1')));
		assert.deepEqual(found.map(shown), ['spec.md: User Story 1']);
	});

	test('jumps from [Spec §FR-003] in a checklist to the requirement', () => {
		const { service } = serviceWith();
		const found = asList(
			service.getDefinition(open('checklists/requirements.md'), at('checklists/requirements.md', 'CHK002', 'FR-003')),
		);
		assert.deepEqual(found.map(shown), ['spec.md: FR-003']);
	});

	test('jumps from "depends on T003" and from either end of a range to the tasks', () => {
		const { service } = serviceWith();
		const depends = asList(service.getDefinition(open('tasks.md'), at('tasks.md', 'depends on', 'T003')));
		const rangeEnd = asList(service.getDefinition(open('tasks.md'), at('tasks.md', 'T003-T006', 'T006')));
		assert.deepEqual([...depends, ...rangeEnd].map(shown), ['tasks.md: T003', 'tasks.md: T006']);
	});

	test('jumps from "User Story 2" in a phase heading, and from SC-001 in the plan', () => {
		const { service } = serviceWith();
		const phase = asList(service.getDefinition(open('tasks.md'), at('tasks.md', 'Phase 4', 'User Story 2')));
		const criterion = asList(service.getDefinition(open('plan.md'), at('plan.md', 'SC-001', 'SC-001')));
		assert.deepEqual([...phase, ...criterion].map(shown), ['spec.md: User Story 2', 'spec.md: SC-001']);
	});

	test('leaves text that only looks like an ID alone (P1, a priority)', () => {
		const { service } = serviceWith();
		assert.equal(service.getDefinition(open('spec.md'), at('spec.md', 'User Story 1', 'P1')), undefined);
	});
});

describe('feature IDs: references and highlights', () => {
	test('finds every citation of a requirement in tasks, checklists and the plan', () => {
		const { service } = serviceWith();
		const found = service.getReferences(open('spec.md'), at('spec.md', '**FR-001**', 'FR-001'), true);
		assert.deepEqual(found.map(shown), ['spec.md: FR-001', 'tasks.md: FR-001', 'checklists/requirements.md: FR-001']);
	});

	test('counts a range such as T003-T006 as citing the tasks inside it', () => {
		const { service } = serviceWith();
		const found = service.getReferences(open('tasks.md'), at('tasks.md', 'T004 [US1]', 'T004'), false);
		assert.deepEqual(found.map(shown), ['tasks.md: T003-T006']);
	});

	test("finds a story's tags, its name in phase headings and prose, from a tag", () => {
		const { service } = serviceWith();
		const found = service.getReferences(open('tasks.md'), at('tasks.md', 'T006', 'US2'), true);
		assert.deepEqual(found.map(shown), [
			'spec.md: User Story 2',
			'tasks.md: US2',
			'tasks.md: US2',
			'tasks.md: User Story 2',
		]);
	});

	test('highlights the ID where this document writes it', () => {
		const { service } = serviceWith();
		const highlights = service.getDocumentHighlights(open('tasks.md'), at('tasks.md', 'T003 [P]', 'T003'));
		assert.deepEqual(
			highlights.map(highlight => [highlight.range.start.line, highlight.kind]),
			[
				[6, 3],
				[7, 2],
				[15, 2],
			],
		);
	});
});

describe('feature IDs: hover and progress', () => {
	test("shows a requirement's text and the tasks and checklist items citing it", () => {
		const { service } = serviceWith();
		const hover = service.getHover(open('tasks.md'), at('tasks.md', 'T006', 'FR-003'));
		const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
		assert.match(value, /^\*\*FR-003\*\*: Users MUST be able to share an album by link/);
		assert.match(value, /FR-003: 1 task · 0 done · 0%/);
		assert.match(value, /Checklist items: 1 · 0 checked/);
	});

	test("shows a story's title, priority, tasks and how many are done", () => {
		const { service } = serviceWith();
		const hover = service.getHover(open('spec.md'), at('spec.md', 'User Story 1', 'Story'));
		const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
		assert.match(value, /^\*\*User Story 1\*\* · `US1`: Create an album \(Priority: P1\)/);
		assert.match(value, /US1: 4 tasks · 1 done · 25%/);
		assert.match(value, /☑ T003/);
	});

	test('puts a lens on every story of spec.md with its tasks from tasks.md', () => {
		const { service } = serviceWith();
		const titles = service
			.getCodeLenses(open('spec.md'))
			.map(lens => lens.command?.title)
			.filter(title => /^US\d/.test(title ?? ''));
		assert.deepEqual(titles, ['US1: 4 tasks · 1 done · 25%', 'US2: 2 tasks · 0 done · 0%', 'US3: no tasks']);
	});

	test('reads the editor’s unsaved tasks.md, not the file on disk', () => {
		const { service } = serviceWith();
		const edited = tasks.replace('- [ ] T004', '- [x] T004');
		const withOpen = createLanguageService({
			fileSystem: new MemoryFileSystem(featureFiles),
			openDocument: uri => (uri === uriOf('tasks.md') ? open('tasks.md', edited, 2) : undefined),
		});
		withOpen.setWorkspaceFolders([root]);
		const title = (candidate: typeof service) =>
			candidate.getCodeLenses(open('spec.md')).find(lens => lens.command?.title.startsWith('US1'))?.command?.title;
		assert.deepEqual([title(service), title(withOpen)], ['US1: 4 tasks · 1 done · 25%', 'US1: 4 tasks · 2 done · 50%']);
	});
});

describe('feature IDs: rename', () => {
	test('renames a requirement in its definition and every citation, and nothing else', () => {
		const { service } = serviceWith();
		const answer = service.getRenameEdit(open('spec.md'), at('spec.md', '**FR-003**', 'FR-003'), 'FR-010', {
			documentChanges: false,
			versionOf: () => null,
		});
		assert.ok(answer && 'edit' in answer);
		const changed = applyWorkspaceEdit(answer.edit);
		assert.deepEqual(Object.keys(changed).sort(), ['checklists/requirements.md', 'spec.md', 'tasks.md']);
		assert.equal(changed['spec.md'], spec.replace('**FR-003**', '**FR-010**'));
		assert.equal(changed['tasks.md'], tasks.replace('for FR-003', 'for FR-010'));
		assert.equal(changed['checklists/requirements.md'], checklist.replace('§FR-003', '§FR-010'));
	});

	test('renames a story as each place writes it: [US2] and "User Story 2"', () => {
		const { service } = serviceWith();
		const answer = service.getRenameEdit(open('tasks.md'), at('tasks.md', 'T006', 'US2'), 'US5', {
			documentChanges: false,
			versionOf: () => null,
		});
		assert.ok(answer && 'edit' in answer);
		const changed = applyWorkspaceEdit(answer.edit);
		assert.equal(changed['spec.md'], spec.replace('User Story 2', 'User Story 5'));
		assert.equal(
			changed['tasks.md'],
			tasks.replace('Phase 4: User Story 2', 'Phase 4: User Story 5').replaceAll('[US2]', '[US5]'),
		);
	});

	test('renames the end of a range with the task it names', () => {
		const { service } = serviceWith();
		const answer = service.getRenameEdit(open('tasks.md'), at('tasks.md', 'T006 [P]', 'T006'), 'T016', {
			documentChanges: true,
			versionOf: uri => (uri === uriOf('tasks.md') ? 7 : null),
		});
		assert.ok(answer && 'edit' in answer);
		assert.deepEqual(answer.edit.documentChanges, [
			{
				textDocument: { uri: uriOf('tasks.md'), version: 7 },
				edits: [
					{ range: { start: { line: 10, character: 6 }, end: { line: 10, character: 10 } }, newText: 'T016' },
					{ range: { start: { line: 15, character: 42 }, end: { line: 15, character: 46 } }, newText: 'T016' },
				],
			},
		]);
	});

	test('refuses an ID that is already taken, in prepare and in rename, saying where', () => {
		const { service } = serviceWith();
		const position = at('spec.md', '**FR-003**', 'FR-003');
		assert.deepEqual(service.prepareRename(open('spec.md'), position), {
			range: { start: { line: 12, character: 4 }, end: { line: 12, character: 10 } },
			placeholder: 'FR-003',
		});
		const answer = service.getRenameEdit(open('spec.md'), position, 'FR-004', {
			documentChanges: false,
			versionOf: () => null,
		});
		assert.deepEqual(answer, { refused: 'FR-004 is already defined (spec.md, line 14): pick another ID.' });
	});

	test('refuses to rename an ID no document defines', () => {
		const { service } = serviceWith();
		const answer = service.prepareRename(open('tasks.md'), at('tasks.md', 'T008', 'FR-009'));
		assert.ok(answer && 'refused' in answer && /not defined/.test(answer.refused));
	});
});
