import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readSettings } from '../../server/src/config';
import { createLanguageService } from '../../server/src/languageService';
import { feature, featureFiles, root, spec, tasks, uriOf } from './featureTraceFixture';
import { applyWorkspaceEdit, asList, at, open, serviceWith, shown } from './featureTraceSupport';
import { MemoryFileSystem } from './memoryFileSystem';
import { applyEdits } from './support';

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

	test("the status bar, the Plans view and the Features view count the feature's problems as the editor shows them", async () => {
		const names = ['spec.md', 'plan.md', 'tasks.md', 'checklists/requirements.md'];
		const counts = async (service: ReturnType<typeof serviceWith>['service']) => {
			const [status] = await service.getFeatures([]);
			const { spec, plan, tasks, checklists } = status.documents;
			const listed = [spec, plan, tasks, ...checklists];
			const plans = await service.getWorkspaceProgress([]);
			return names.map(name => ({
				name,
				editor: service.getDiagnostics(open(name)).length,
				statusBar: service.getDocumentProgress(open(name))?.problems,
				features: listed.find(document => document?.uri === uriOf(name))?.problems,
				plans: plans.find(progress => progress.uri === uriOf(name))?.problems,
			}));
		};
		const { service } = serviceWith();
		const found = await counts(service);
		const tasksRow = found.find(row => row.name === 'tasks.md')!;
		// tasks.md has three of the feature's problems: none of the views may leave them out.
		assert.ok(tasksRow.editor >= 3);
		for (const row of found) {
			assert.equal(row.statusBar, row.editor, `${row.name}: the status bar`);
			assert.equal(row.features, row.editor, `${row.name}: the Features view`);
			assert.ok(row.plans === undefined || row.plans === row.editor, `${row.name}: the Plans view`);
		}
		assert.ok(
			found.some(row => row.plans !== undefined),
			'the Plans view lists the feature',
		);
		service.updateSettings(readSettings({ diagnostics: { 'trace.unknown-id': 'off' } }));
		const after = (await counts(service)).find(row => row.name === 'tasks.md')!;
		assert.equal(after.features, tasksRow.editor - 2, 'a code turned off is not counted');
		assert.equal(after.statusBar, after.editor);
	});

	test("the Features view counts an open document's feature problems from the editor's text", async () => {
		const edited = tasks.replace('FR-009', 'FR-001');
		assert.notEqual(edited, tasks);
		const openTasks = open('tasks.md', edited, 2);
		const service = createLanguageService({
			fileSystem: new MemoryFileSystem(featureFiles),
			openDocument: uri => (uri === openTasks.uri ? openTasks : undefined),
		});
		service.setWorkspaceFolders([root]);
		const [status] = await service.getFeatures([openTasks]);
		assert.equal(status.documents.tasks?.problems, service.getDiagnostics(openTasks).length);
		assert.equal(
			status.documents.tasks?.problems,
			serviceWith().service.getDiagnostics(open('tasks.md')).length - 1,
			'the unknown FR-009 is gone',
		);
	});

	test('a warm Plans view traces no feature again, and a sibling changed on disk is counted anew', async () => {
		const fileSystem = new MemoryFileSystem(featureFiles);
		let listings = 0;
		const counting = Object.assign(Object.create(fileSystem), {
			listDirectory: (folder: string) => {
				listings += folder === feature ? 1 : 0;
				return fileSystem.listDirectory(folder);
			},
		});
		const service = createLanguageService({ fileSystem: counting });
		service.setWorkspaceFolders([root]);
		service.trustFileEvents();
		const tasksProblems = async () =>
			(await service.getWorkspaceProgress([])).find(progress => progress.uri === uriOf('tasks.md'))?.problems;
		const before = await tasksProblems();
		const traced = listings;
		assert.ok(traced > 0, 'the first count traces the feature');
		assert.equal(await tasksProblems(), before);
		assert.equal(listings, traced, 'the second count reads the feature folder no more');
		// spec.md now defines FR-009, which tasks.md cites: one unknown ID fewer in tasks.md.
		fileSystem.write(
			`${feature}/spec.md`,
			spec.replace('- **FR-004**:', '- **FR-009**: System MUST do more\n- **FR-004**:'),
		);
		service.filesChanged([{ filePath: `${feature}/spec.md`, kind: 'changed' }]);
		assert.equal(await tasksProblems(), Number(before) - 1);
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

describe('feature IDs: the phase a task belongs to', () => {
	test('a subsection naming another story ("### Integration with User Story 2") is not a phase of its own', () => {
		const nested = tasks.replace(
			'- [ ] T005 [US1] Sort albums',
			'### Integration with User Story 2\n- [ ] T005 [US1] Sort albums',
		);
		const { service } = serviceWith({ ...featureFiles, [`${feature}/tasks.md`]: nested });
		const mismatches = service
			.getDiagnostics(open('tasks.md', nested))
			.filter(diagnostic => diagnostic.code === 'trace.story-mismatch')
			.map(diagnostic => diagnostic.range.start.line + 1);
		// Only T007 [US1] under "Phase 4: User Story 2" is in another story's phase.
		assert.deepEqual(mismatches, [13]);
	});
});

describe('feature IDs: bounded memory', () => {
	test('a workspace-wide symbol search keeps only the last few hundred documents it read', async () => {
		const files: Record<string, string> = {};
		for (let index = 1; index <= 300; index++) {
			const folder = `${root}/specs/${String(index).padStart(3, '0')}-feature`;
			files[`${folder}/spec.md`] = `# Feature Specification: F${index}\n- **FR-001**: Requirement ${index}\n`;
			files[`${folder}/tasks.md`] = `# Tasks: F${index}\n- [ ] T001 Do FR-001\n`;
		}
		const fileSystem = new MemoryFileSystem(files);
		const reads: string[] = [];
		const counting = Object.assign(Object.create(fileSystem), {
			readFile: (filePath: string) => {
				reads.push(filePath);
				return fileSystem.readFile(filePath);
			},
		});
		const service = createLanguageService({ fileSystem: counting });
		service.setWorkspaceFolders([root]);
		const symbols = await service.getWorkspaceSymbols('Requirement', []);
		assert.equal(symbols.filter(symbol => symbol.name.startsWith('FR-001')).length, 300);
		reads.length = 0;
		const lastTasks = {
			uri: `file://${root}/specs/300-feature/tasks.md`,
			version: 1,
			getText: () => files[`${root}/specs/300-feature/tasks.md`],
		};
		service.getHover(lastTasks, { line: 1, character: 16 });
		assert.equal(reads.length, 0, 'the last feature read is still known');
		const firstTasks = {
			uri: `file://${root}/specs/001-feature/tasks.md`,
			version: 1,
			getText: () => files[`${root}/specs/001-feature/tasks.md`],
		};
		const hover = service.getHover(firstTasks, { line: 1, character: 16 });
		assert.match((hover?.contents as { value?: string } | undefined)?.value ?? '', /Requirement 1\b/);
		assert.ok(reads.includes(`${root}/specs/001-feature/spec.md`), 'the first feature was let go and is read again');
	});
});

describe('feature IDs: story headings', () => {
	test('a priority written "(P2)" is the story\'s priority, and "(Mobile)" stays in its title', () => {
		const written = spec
			.replace('### User Story 2 - Share an album (Priority: P2)', '### User Story 2 - Share an album (P2)')
			.replace(
				'### User Story 3 - Reorder photos (Priority: P3)',
				'### User Story 3 - Reorder photos (Mobile) (Priority: P3)',
			);
		const { service } = serviceWith({ ...featureFiles, [`${feature}/spec.md`]: written });
		const hoverOf = (needle: string) => {
			const line = written.split('\n').findIndex(candidate => candidate.includes(needle));
			const hover = service.getHover(open('spec.md', written), { line, character: 6 });
			return ((hover?.contents as { value?: string } | undefined)?.value ?? '').split('\n')[0];
		};
		assert.equal(hoverOf('User Story 2'), '**User Story 2** · `US2`: Share an album (Priority: P2)');
		assert.equal(hoverOf('User Story 3'), '**User Story 3** · `US3`: Reorder photos (Mobile) (Priority: P3)');
	});
});
