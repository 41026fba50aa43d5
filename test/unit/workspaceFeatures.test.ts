import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/languageService';
import { MemoryFileSystem } from './memoryFileSystem';
import { joinLines } from './support';

const folder = '/workspace';
const tasksPath = `${folder}/specs/007-sync/tasks.md`;

function serviceWith(files: Record<string, string>) {
	const fileSystem = new MemoryFileSystem(files);
	const service = createLanguageService({ fileSystem });
	service.setWorkspaceFolders([folder]);
	return { service, fileSystem };
}

/** spec-kit's 2025-09 tasks.md: numbered sub-phases, no stories. */
const olderTasks = joinLines([
	'# Tasks: Sync',
	'## Phase 3.1: Setup',
	'- [x] T001 Create project structure',
	'- [X] T002 [P] Configure linting',
	'## Phase 3.2: Tests First (TDD) ⚠️ MUST COMPLETE BEFORE 3.3',
	'- [ ] T003 [P] Contract test POST /sync in tests/contract/test_sync.py',
	'```text',
	'- [ ] T999 an example inside a code block is no task',
	'```',
	'## Phase 3.3: Core Implementation',
	'- [ ] T004 Sync service in src/services/sync.py',
]);

describe('the features of a workspace', () => {
	test("reads spec-kit's older numbered phases, and no task inside a code block", async () => {
		const { service } = serviceWith({ [tasksPath]: olderTasks });
		const [feature] = await service.getFeatures([]);
		assert.deepEqual(feature.tasks, { done: 2, total: 4 });
		assert.deepEqual(
			feature.taskPhases.map(phase => [phase.name, phase.line, phase.done, phase.total]),
			[
				['Phase 3.1: Setup', 1, 2, 2],
				['Phase 3.2: Tests First (TDD) ⚠️ MUST COMPLETE BEFORE 3.3', 4, 0, 1],
				['Phase 3.3: Core Implementation', 9, 0, 1],
			],
		);
		assert.deepEqual(feature.stories, []);
		assert.equal(feature.phase, 'implement');
	});

	test('follows an open document as it is edited, before it is saved', async () => {
		const { service } = serviceWith({ [tasksPath]: olderTasks });
		const edited = olderTasks.replace('- [ ] T003', '- [x] T003').replace('- [ ] T004', '- [x] T004');
		const [feature] = await service.getFeatures([{ uri: `file://${tasksPath}`, version: 2, getText: () => edited }]);
		assert.deepEqual(feature.tasks, { done: 4, total: 4 });
		assert.equal(feature.phase, 'done');
	});

	test('follows changes on disk: a new spec, a deleted tasks.md', async () => {
		const { service, fileSystem } = serviceWith({ [tasksPath]: olderTasks });
		service.trustFileEvents();
		assert.equal((await service.getFeatures([])).length, 1);
		const specPath = `${folder}/specs/008-export/spec.md`;
		fileSystem.write(
			specPath,
			'# Feature Specification: Export\n\n- **FR-001**: [NEEDS CLARIFICATION: which formats?]\n',
		);
		service.filesChanged([{ filePath: specPath, kind: 'created' }]);
		fileSystem.delete(tasksPath);
		service.filesChanged([{ filePath: tasksPath, kind: 'deleted' }]);
		const features = await service.getFeatures([]);
		assert.deepEqual(
			features.map(feature => [feature.folder, feature.phase, feature.clarifications]),
			[['specs/008-export', 'clarify', 1]],
		);
	});

	test('lists a folder outside specs/ that holds a plan planmark governs, but not an OpenSpec capability', async () => {
		const { service } = serviceWith({
			[`${folder}/.specify/templates/spec-template.md`]: joinLines([
				'# Feature Specification: [FEATURE NAME]',
				'## User Scenarios & Testing *(mandatory)*',
				'## Requirements *(mandatory)*',
			]),
			[`${folder}/openspec/specs/auth/spec.md`]:
				'# auth Specification\n\n## Requirements\n\n### Requirement: Sign in\n',
			[`${folder}/docs/billing/plan.md`]: '# Implementation Plan: Billing\n\n## Summary\n\n- [x] Pick a provider\n',
		});
		const features = await service.getFeatures([]);
		assert.deepEqual(
			features.map(feature => [feature.folder, feature.number, feature.name, feature.phase]),
			[['docs/billing', undefined, 'billing', 'plan']],
		);
	});

	test('sorts features by number, then name, and leaves unnumbered folders last', async () => {
		const spec = (title: string) => `# Feature Specification: ${title}\n`;
		const { service } = serviceWith({
			[`${folder}/specs/010-later/spec.md`]: spec('Later'),
			[`${folder}/specs/002-second/spec.md`]: spec('Second'),
			[`${folder}/specs/001-modern-ui/spec.md`]: spec('Modern UI'),
			[`${folder}/specs/001-albums/spec.md`]: spec('Albums'),
			[`${folder}/rfcs/search/plan.md`]: '# Implementation Plan: Search\n',
		});
		assert.deepEqual(
			(await service.getFeatures([])).map(feature => feature.folder),
			['specs/001-albums', 'specs/001-modern-ui', 'specs/002-second', 'specs/010-later', 'rfcs/search'],
		);
	});

	test('keeps ungoverned feature documents out of the Plans view and symbol search', async () => {
		const { service } = serviceWith({ [tasksPath]: olderTasks });
		assert.equal((await service.getFeatures([])).length, 1);
		assert.deepEqual(await service.getWorkspaceProgress([]), []);
		assert.deepEqual(await service.getWorkspaceSymbols('Setup', []), []);
	});

	test('answers nothing to a request cancelled while the index works', async () => {
		const { service } = serviceWith({ [tasksPath]: olderTasks });
		assert.deepEqual(await service.getFeatures([], { isCancellationRequested: true }), []);
	});
});
