import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { readSettings } from '../../server/src/config';
import { createLanguageService } from '../../server/src/languageService';
import { checklist, feature, featureFiles, plan, root, spec, tasks, uriOf } from './featureTraceFixture';
import { MemoryFileSystem } from './memoryFileSystem';
import { applyEdits } from './support';

function serviceWith(files: Record<string, string> = featureFiles) {
	const fileSystem = new MemoryFileSystem(files);
	const service = createLanguageService({ fileSystem });
	service.setWorkspaceFolders([root]);
	return { service, fileSystem };
}

const texts: Record<string, string> = {
	'spec.md': spec,
	'tasks.md': tasks,
	'plan.md': plan,
	'checklists/requirements.md': checklist,
};

const open = (name: string, text = texts[name], version = 1) => ({ uri: uriOf(name), version, getText: () => text });

/** The position of the `occurrence`-th `needle` on the line of a document that contains `lineWith`. */
function at(name: string, lineWith: string, needle: string, occurrence = 0): Position {
	const lines = texts[name].split('\n');
	const line = lines.findIndex(candidate => candidate.includes(lineWith));
	assert.ok(line >= 0, `no line with ${lineWith}`);
	let character = -1;
	for (let index = 0; index <= occurrence; index++) {
		character = lines[line].indexOf(needle, character + 1);
	}
	assert.ok(character >= 0, `no ${needle} on line ${line}`);
	return { line, character: character + 1 };
}

/** What a location selects, as "file: text". */
function shown(location: Location): string {
	const name = location.uri.slice(uriOf('').length);
	return `${name}: ${textOf(texts[name], location.range)}`;
}

function textOf(text: string, range: Range): string {
	const lines = text.split('\n');
	if (range.start.line === range.end.line) {
		return lines[range.start.line].slice(range.start.character, range.end.character);
	}
	return `${lines[range.start.line].slice(range.start.character)}…`;
}

function asList(answer: Location | Location[] | undefined): Location[] {
	return answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
}

function applyWorkspaceEdit(edit: WorkspaceEdit): Record<string, string> {
	const changed: Record<string, string> = {};
	for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
		const name = uri.slice(uriOf('').length);
		changed[name] = applyEdits(texts[name], edits as TextEdit[]);
	}
	return changed;
}

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

describe('feature IDs: coverage diagnostics', () => {
	const traceOf = (service: ReturnType<typeof serviceWith>['service'], name: string) =>
		service
			.getDiagnostics(open(name))
			.filter(diagnostic => String(diagnostic.code).startsWith('trace.'))
			.map(diagnostic => `${diagnostic.code} ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);

	test('in tasks.md: unknown IDs (requirement and story) and a task tagged for another phase’s story', () => {
		const { service } = serviceWith();
		assert.deepEqual(traceOf(service, 'tasks.md').sort(), [
			'trace.story-mismatch 12: This task is tagged US1 but sits in the phase for User Story 2 (US2).',
			'trace.unknown-id 13: FR-009 is not defined by any document of this feature.',
			'trace.unknown-id 16: US4 is not defined by any document of this feature.',
		]);
	});

	test('in spec.md: a story without tasks and a requirement nothing cites', () => {
		const { service } = serviceWith();
		assert.deepEqual(traceOf(service, 'spec.md').sort(), [
			'trace.story-without-tasks 7: User Story 3 (US3) has no tasks in tasks.md.',
			'trace.uncovered-requirement 14: FR-004 is not cited by any task, the plan or a checklist.',
		]);
	});

	test('an ID defined twice, and each checklist numbering its own items', () => {
		const twice = spec.replace(
			'- **FR-004**: System MUST log every share',
			'- **FR-002**: System MUST log every share',
		);
		const { service } = serviceWith({
			...featureFiles,
			[`${feature}/spec.md`]: twice,
			[`${feature}/checklists/ux.md`]: '# UX Checklist\n- [ ] CHK001 Is the share button labelled?\n',
		});
		const diagnostics = service
			.getDiagnostics(open('spec.md', twice))
			.filter(diagnostic => diagnostic.code === 'trace.duplicate-id');
		assert.deepEqual(
			diagnostics.map(diagnostic => diagnostic.message),
			['FR-002 is defined twice: first in spec.md, line 12.'],
		);
		const checklistDuplicates = service
			.getDiagnostics(open('checklists/requirements.md'))
			.filter(diagnostic => diagnostic.code === 'trace.duplicate-id');
		assert.deepEqual(checklistDuplicates, []);
	});

	test('severities come from the settings, and off turns a code off', () => {
		const { service } = serviceWith();
		service.updateSettings(
			readSettings({ diagnostics: { trace: { 'unknown-id': 'error' }, 'trace.story-mismatch': 'off' } }),
		);
		const codes = service
			.getDiagnostics(open('tasks.md'))
			.filter(diagnostic => String(diagnostic.code).startsWith('trace.'))
			.map(diagnostic => [diagnostic.code, diagnostic.severity]);
		assert.deepEqual(codes, [
			['trace.unknown-id', 1],
			['trace.unknown-id', 1],
		]);
	});

	test('no coverage diagnostics before the feature has a tasks.md', () => {
		const withoutTasks = { ...featureFiles };
		delete withoutTasks[`${feature}/tasks.md`];
		const { service } = serviceWith(withoutTasks);
		assert.deepEqual(traceOf(service, 'spec.md'), []);
	});

	test('quick fix: retags a task with its phase’s story', () => {
		const { service } = serviceWith();
		const document = open('tasks.md');
		const mismatch = service.getDiagnostics(document).filter(diagnostic => diagnostic.code === 'trace.story-mismatch');
		const [action] = service.getCodeActions(document, mismatch);
		assert.equal(action.title, 'Tag it US2, the story of its phase');
		assert.equal(
			applyWorkspaceEdit(action.edit!)['tasks.md'],
			tasks.replace('T007 [US1] Add the share button', 'T007 [US2] Add the share button'),
		);
	});

	test("quick fix: adds the story's phase to tasks.md from the tasks template", () => {
		const { service } = serviceWith();
		const document = open('spec.md');
		const missing = service
			.getDiagnostics(document)
			.filter(diagnostic => diagnostic.code === 'trace.story-without-tasks');
		const [action] = service.getCodeActions(document, missing);
		assert.equal(action.title, 'Add a phase for User Story 3 to tasks.md (from the tasks template)');
		const phase = [
			'## Phase 5: User Story 3 - Reorder photos (Priority: P3)',
			'**Goal**: [Brief description of what this story delivers]',
			'### Implementation for User Story 3',
			'- [ ] T011 [P] [US3] Create [Entity1] model in src/models/[entity1].py',
			'- [ ] T012 [US3] Implement [Service] in src/services/[service].py (depends on T011)',
			'',
			'',
		].join('\n');
		assert.equal(
			applyWorkspaceEdit(action.edit!)['tasks.md'],
			tasks.replace('## Phase 5: Polish', `${phase}## Phase 5: Polish`),
		);
	});
});

describe('feature IDs: learned, not hard-coded', () => {
	test("a team's own prefixes (REQ-01, W001) and story name work as spec-kit's do", () => {
		const files = {
			[`${root}/.specify/templates/spec-template.md`]:
				'# Spec: [NAME]\n## Journeys\n### Journey 1 - [Title] (Priority: P1)\n## Needs\n- **REQ-01**: [Need]\n',
			[`${root}/.specify/templates/tasks-template.md`]:
				'# Work: [NAME]\n## Phase 1: Journey 1 - [Title]\n- [ ] W001 [J1] [Do something]\n- [ ] W002 [J1] [Do more]\n',
			[`${feature}/spec.md`]:
				'# Spec: Albums\n## Journeys\n### Journey 1 - Create (Priority: P1)\n## Needs\n- **REQ-01**: Albums have names\n- **REQ-02**: Albums sort\n',
			[`${feature}/tasks.md`]:
				'# Work: Albums\n## Phase 1: Journey 1 - Create\n- [ ] W001 [J1] Model for REQ-01\n- [ ] W002 [J2] Sort\n',
		};
		const { service } = serviceWith(files);
		const tasksDocument = { uri: uriOf('tasks.md'), version: 1, getText: () => files[`${feature}/tasks.md`] };
		const definition = service.getDefinition(tasksDocument, { line: 2, character: 13 });
		assert.deepEqual(definition, {
			uri: uriOf('spec.md'),
			range: { start: { line: 2, character: 4 }, end: { line: 2, character: 13 } },
		});
		const codes = service
			.getDiagnostics(tasksDocument)
			.filter(diagnostic => String(diagnostic.code).startsWith('trace.'))
			.map(diagnostic => `${diagnostic.code} ${diagnostic.message}`);
		assert.deepEqual(codes, [
			'trace.unknown-id J2 is not defined by any document of this feature.',
			'trace.story-mismatch This task is tagged J2 but sits in the phase for Journey 1 (J1).',
		]);
	});

	test('a keystroke in tasks.md reads no other file again', () => {
		const fileSystem = new MemoryFileSystem(featureFiles);
		let reads = 0;
		const counting = Object.assign(Object.create(fileSystem), {
			readFile: (filePath: string) => {
				reads++;
				return fileSystem.readFile(filePath);
			},
		});
		const service = createLanguageService({ fileSystem: counting });
		service.setWorkspaceFolders([root]);
		service.getDiagnostics(open('tasks.md', tasks, 1));
		const afterFirst = reads;
		service.getDiagnostics(open('tasks.md', `${tasks}\n- [ ] T011 [US1] More`, 2));
		assert.ok(afterFirst > 0);
		assert.equal(reads, afterFirst);
	});
});

describe('feature IDs: shapes seen in real spec-kit projects', () => {
	const withChecklist = (text: string) => {
		const { service } = serviceWith({ ...featureFiles, [`${feature}/checklists/requirements.md`]: text });
		return { service, document: { uri: uriOf('checklists/requirements.md'), version: 1, getText: () => text } };
	};

	test('a bold checklist ID is the item’s own, and "[Spec §FR-002–004]" cites the three requirements', () => {
		const text = '# Checklist\n- [ ] **CHK001** Are shares limited? [Spec §FR-002–004]\n- [ ] **CHK001** Again?\n';
		const { service, document } = withChecklist(text);
		const short = service.getDefinition(document, { line: 1, character: 52 });
		assert.deepEqual(asList(short).map(shown), ['spec.md: FR-004']);
		const references = service.getReferences(open('spec.md'), at('spec.md', '**FR-003**', 'FR-003'), false);
		assert.ok(references.some(location => location.uri === document.uri && location.range.start.line === 1));
		const duplicates = service
			.getDiagnostics(document)
			.filter(diagnostic => diagnostic.code === 'trace.duplicate-id')
			.map(diagnostic => diagnostic.message);
		assert.deepEqual(duplicates, ['CHK001 is defined twice: first in requirements.md, line 2.']);
	});

	test('renaming FR-004 keeps the short end of "FR-002–004" short', () => {
		const text = '# Checklist\n- [ ] CHK001 Are shares limited? [Spec §FR-002–004]\n';
		const { service } = withChecklist(text);
		const answer = service.getRenameEdit(open('spec.md'), at('spec.md', '**FR-004**', 'FR-004'), 'FR-008', {
			documentChanges: false,
			versionOf: () => null,
		});
		assert.ok(answer && 'edit' in answer);
		assert.equal(
			applyEdits(text, answer.edit.changes?.[uriOf('checklists/requirements.md')] ?? []),
			text.replace('FR-002–004', 'FR-002–008'),
		);
	});

	test('a phase for several stories ("User Story 1+2") accepts tasks of each', () => {
		const merged = tasks.replace(
			'## Phase 4: User Story 2 - Share an album',
			'## Phase 4: User Story 2+1 - Share an album',
		);
		const { service } = serviceWith({ ...featureFiles, [`${feature}/tasks.md`]: merged });
		const mismatches = service
			.getDiagnostics(open('tasks.md', merged))
			.filter(diagnostic => diagnostic.code === 'trace.story-mismatch');
		assert.deepEqual(mismatches, []);
	});

	test('an ID right after CJK text is still an ID', () => {
		const text = '# 检查清单\n- [ ] CHK001 是否定义分享？[Spec §FR-003]，见需求FR-001\n';
		const { service, document } = withChecklist(text);
		const found = service.getDefinition(document, { line: 1, character: 38 });
		assert.deepEqual(asList(found).map(shown), ['spec.md: FR-001']);
	});
});

describe('feature IDs: a spec whose story headings open with the tag', () => {
	test('"### US2: Share an album" defines US2 for the tasks, and rename keeps the heading\'s form', () => {
		const tagged =
			'# Feature Specification: Albums\n## User Stories\n### US1: Create an album\n### US2: Share an album\n';
		const files: Record<string, string> = { ...featureFiles, [`${feature}/spec.md`]: tagged };
		delete files[`${root}/.specify/templates/spec-template.md`];
		const { service } = serviceWith(files);
		const found = asList(service.getDefinition(open('tasks.md'), at('tasks.md', 'T006', 'US2')));
		assert.deepEqual(
			found.map(location => [location.uri, location.range.start.line, location.range.start.character]),
			[[uriOf('spec.md'), 3, 4]],
		);
		const answer = service.getRenameEdit(open('tasks.md'), at('tasks.md', 'T006', 'US2'), 'US3', {
			documentChanges: false,
			versionOf: () => null,
		});
		assert.ok(answer && 'edit' in answer);
		assert.equal(
			applyEdits(tagged, answer.edit.changes?.[uriOf('spec.md')] ?? []),
			tagged.replace('### US2:', '### US3:'),
		);
	});
});
