import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { copyFixture, matchesSnapshot, planmark, root } from './support';

/*
 * `planmark status` over test/fixtures/cli/features, a spec-kit project with one feature in every
 * phase. The figures below were counted by hand from its files (its PROJECT.md has the table).
 */

const features = copyFixture('features');

interface StatusEntry {
	folder: string;
	number: string | null;
	phase: string;
	documents: { spec: string | null; plan: string | null; tasks: string | null; checklists: string[] };
	tasks: { done: number; total: number; percent: number };
	taskPhases: { name: string; line: number; done: number; total: number }[];
	stories: { id: string; title: string | null; priority: string | null; done: number; total: number }[];
	checklistItems: { done: number; total: number };
	clarifications: number;
	problems: number;
}

function statusJson(...args: string[]): StatusEntry[] {
	const result = planmark(features, 'status', '--format', 'json', ...args);
	assert.equal(result.status, 0, result.stderr);
	return (JSON.parse(result.stdout) as { features: StatusEntry[] }).features;
}

describe('planmark status', () => {
	test('lists every feature once, by number, with its phase, tasks, checklist items and open clarifications', () => {
		const listed = statusJson().map(feature => [
			feature.folder,
			feature.phase,
			`${feature.tasks.done}/${feature.tasks.total}`,
			`${feature.checklistItems.done}/${feature.checklistItems.total}`,
			feature.clarifications,
		]);
		assert.deepEqual(listed, [
			['specs/001-photo-albums', 'done', '14/14', '20/20', 0],
			['specs/002-shared-links', 'implement', '9/17', '12/16', 0],
			['specs/003-comments', 'tasks', '0/11', '16/16', 0],
			['specs/004-offline-mode', 'plan', '0/0', '0/0', 1],
			['specs/005-face-tagging', 'clarify', '0/0', '10/16', 2],
			['specs/006-print-orders', 'specify', '0/0', '0/0', 0],
			['specs/010-storage-quotas', 'implement', '3/5', '0/0', 0],
		]);
	});

	test("names each feature's documents, and only spec-kit's ones (research.md is not a feature document)", () => {
		const [albums, , , offline, , , quotas] = statusJson();
		assert.deepEqual(albums.documents, {
			spec: 'specs/001-photo-albums/spec.md',
			plan: 'specs/001-photo-albums/plan.md',
			tasks: 'specs/001-photo-albums/tasks.md',
			checklists: ['specs/001-photo-albums/checklists/requirements.md', 'specs/001-photo-albums/checklists/ux.md'],
		});
		assert.deepEqual(offline.documents, {
			spec: 'specs/004-offline-mode/spec.md',
			plan: 'specs/004-offline-mode/plan.md',
			tasks: null,
			checklists: [],
		});
		assert.deepEqual(quotas.documents, {
			spec: null,
			plan: null,
			tasks: 'specs/010-storage-quotas/tasks.md',
			checklists: [],
		});
	});

	test('counts progress per phase of tasks.md and per user story, by phase headings and [US1] tags', () => {
		const shared = statusJson().find(feature => feature.folder === 'specs/002-shared-links')!;
		assert.deepEqual(
			shared.taskPhases.map(phase => [phase.name, phase.done, phase.total]),
			[
				['Phase 1: Setup (Shared Infrastructure)', 2, 2],
				['Phase 2: Foundational (Blocking Prerequisites)', 2, 2],
				['Phase 3: User Story 1 - Share an album by link (Priority: P1) 🎯 MVP', 4, 4],
				['Phase 4: User Story 2 - Revoke or expire a link (Priority: P2)', 1, 4],
				['Phase 5: Polish & Cross-Cutting Concerns', 0, 5],
			],
		);
		// T013 and T014 sit in the Polish phase but are tagged [US2]: they count for story 2.
		assert.deepEqual(shared.stories, [
			{ id: 'US1', title: 'Share an album by link', priority: 'P1', done: 4, total: 4 },
			{ id: 'US2', title: 'Revoke or expire a link', priority: 'P2', done: 1, total: 6 },
		]);
		const albums = statusJson().find(feature => feature.folder === 'specs/001-photo-albums')!;
		assert.deepEqual(
			albums.stories.map(story => [story.id, story.title, story.done, story.total]),
			[
				['US1', 'Browse albums on the main page', 5, 5],
				['US2', 'Create an album and add photos', 3, 3],
			],
		);
		assert.equal(albums.taskPhases[2].line, 28, 'the line of "## Phase 3: User Story 1 — …", 1-based');
		const quotas = statusJson().find(feature => feature.folder === 'specs/010-storage-quotas')!;
		assert.deepEqual(
			quotas.stories.map(story => [story.id, story.title, story.done, story.total]),
			[
				['US1', null, 2, 2],
				['US2', null, 1, 2],
			],
		);
	});

	test("counts each feature's problems as planmark check reports them, the feature's own trace.* problems included", () => {
		const counted = statusJson().filter(feature => feature.problems > 0);
		assert.ok(counted.length >= 3);
		for (const feature of counted) {
			const result = planmark(features, 'check', '--format', 'json', feature.folder);
			const report = JSON.parse(result.stdout) as { files: { problems: { code: string }[] }[] };
			const problems = report.files.flatMap(file => file.problems);
			assert.equal(feature.problems, problems.length, feature.folder);
		}
		const traced = counted.find(feature => feature.folder === 'specs/002-shared-links')!;
		const check = planmark(features, 'check', '--format', 'json', traced.folder);
		assert.match(check.stdout, /"code": "trace\./, 'the feature has trace problems to count');
	});

	test('writes JSON that validates against schemas/status.schema.json', () => {
		const result = planmark(features, 'status', '--format', 'json');
		const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'status.schema.json'), 'utf8'));
		const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
		const report = JSON.parse(result.stdout) as { version: number; features: StatusEntry[] };
		assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
		assert.equal(report.version, 1);
		const broken = structuredClone(report);
		broken.features[0].phase = 'shipped';
		assert.equal(validate(broken), false, 'the schema rejects a phase planmark does not have');
		matchesSnapshot('features-status.json', result.stdout);
	});

	test('prints a table with each story under its feature, and how many features are in each phase', () => {
		const result = planmark(features, 'status');
		assert.equal(result.status, 0);
		assert.equal(result.stderr, '');
		assert.match(result.stdout, /^specs\/002-shared-links +implement +9\/17 · 53% +12\/16 items +0 +\d+$/m);
		assert.match(result.stdout, /^7 features: 1 specify, 1 clarify, 1 plan, 1 tasks, 2 implement, 1 done$/m);
		matchesSnapshot('features-status.txt', result.stdout);
	});

	test('writes markdown for a pull-request comment, with the workflow step of each feature', () => {
		const result = planmark(features, 'status', '--format', 'markdown');
		assert.equal(result.status, 0);
		assert.match(result.stdout, /^\| `specs\/004-offline-mode` \| plan \| ✓ spec → \*\*plan\*\* → tasks → done \|/m);
		assert.match(
			result.stdout,
			/^\| `specs\/010-storage-quotas` \| implement \| – spec → – plan → \*\*tasks\*\* → done \|/m,
		);
		matchesSnapshot('features-status.md', result.stdout);
	});

	test('narrows to the features a folder holds, or the feature of a document', () => {
		assert.deepEqual(
			statusJson('specs/002-shared-links', 'specs/005-face-tagging/checklists/requirements.md').map(
				feature => feature.folder,
			),
			['specs/002-shared-links', 'specs/005-face-tagging'],
		);
		assert.equal(statusJson('specs').length, 7);
	});

	test('exits 2 on bad usage: a missing path, a glob, a format status does not write', () => {
		for (const args of [['no-such-folder'], ['specs/*'], ['--format', 'sarif'], ['--fix']]) {
			const result = planmark(features, 'status', ...args);
			assert.equal(result.status, 2, `status ${args.join(' ')}`);
			assert.match(result.stderr, /^planmark: /);
			assert.equal(result.stdout, '');
		}
	});

	test('says so when a folder has no features, and exits 0', () => {
		const result = planmark(path.join(features, '.specify'), 'status');
		assert.equal(result.status, 0);
		assert.match(result.stdout, /no features found/);
	});
});
