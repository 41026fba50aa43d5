import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { copyFixture, matchesSnapshot, planmark, validSarif } from './support';

// A spec-kit project with one feature whose documents cite each other (templates from the corpus).
const project = copyFixture('trace-feature');
const featureFolder = 'specs/001-team-invites';

interface Row {
	id: string;
	tasks: { id: string; done: boolean }[];
	checklistItems: { id: string; file: string }[];
	inPlan: boolean;
	done: number;
	total: number;
}

describe('planmark check on a feature folder', () => {
	test("reports the feature's coverage problems beside each document's own", () => {
		const result = planmark(project, 'check', '--format', 'json');
		const report = JSON.parse(result.stdout) as {
			files: { path: string; problems: { code: string; line: number; message: string }[] }[];
		};
		const trace = report.files.flatMap(file =>
			file.problems
				.filter(problem => problem.code.startsWith('trace.'))
				.map(problem => `${path.basename(file.path)}:${problem.line} ${problem.code}`),
		);
		assert.deepEqual(trace, [
			'requirements.md:13 trace.unknown-id',
			'spec.md:39 trace.story-without-tasks',
			'spec.md:74 trace.uncovered-requirement',
			'tasks.md:39 trace.story-mismatch',
			'tasks.md:40 trace.unknown-id',
		]);
		assert.equal(result.status, 1);
	});

	test('writes the same problems as SARIF that validates, each result naming its rule', () => {
		const log = validSarif(planmark(project, 'check', '--format', 'sarif').stdout);
		const [run] = log.runs;
		const traced = run.results.filter(entry => entry.ruleId.startsWith('trace.'));
		assert.equal(traced.length, 5);
		assert.ok(run.results.every(entry => run.tool.driver.rules[entry.ruleIndex].id === entry.ruleId));
	});

	test('stylish output, as a terminal shows it', () => {
		matchesSnapshot('feature-stylish.txt', planmark(project, 'check').stdout);
	});
});

describe('planmark trace', () => {
	test('prints every story and requirement with the tasks citing it and done/total, as JSON', () => {
		const result = planmark(project, 'trace', '--format', 'json');
		assert.equal(result.status, 0);
		assert.equal(result.stderr, '');
		const { features } = JSON.parse(result.stdout) as {
			features: { feature: string; stories: Row[]; requirements: Row[]; tasks: { done: number; total: number } }[];
		};
		assert.deepEqual(
			features.map(feature => feature.feature),
			['001-team-invites'],
		);
		const [feature] = features;
		const summary = (rows: Row[]) =>
			rows.map(row => `${row.id} ${row.tasks.map(task => task.id).join(',') || '-'} ${row.done}/${row.total}`);
		// tasks.md tags T003-T006 and T008 with US1 (T008 in the wrong phase), T007 and T009 with US2; none US3.
		assert.deepEqual(summary(feature.stories), ['US1 T003,T004,T005,T006,T008 2/5', 'US2 T007,T009 0/2', 'US3 - 0/0']);
		assert.deepEqual(summary(feature.requirements), [
			'FR-001 T003 1/1',
			'FR-002 T003,T005 1/2',
			'FR-003 T007 0/1',
			'FR-004 T006 0/1',
			'FR-005 - 0/0',
			'SC-001 - 0/0',
			'SC-002 - 0/0',
		]);
		const byId = new Map(feature.requirements.map(row => [row.id, row]));
		assert.deepEqual(
			byId.get('FR-002')?.checklistItems.map(item => `${item.file} ${item.id}`),
			['checklists/requirements.md CHK001'],
		);
		assert.equal(byId.get('SC-002')?.inPlan, true);
		assert.deepEqual(feature.tasks, { done: 4, total: 11 });
	});

	test('prints the matrix as markdown for a pull request, for one feature folder', () => {
		const result = planmark(project, 'trace', featureFolder);
		assert.equal(result.status, 0);
		assert.match(
			result.stdout,
			/^\| \*\*US1\*\* Invite a teammate by email \(P1\) \| T003 ✓ T004 ✓ T005 T006 T008 \| 2\/5 \|/m,
		);
		matchesSnapshot('feature-trace.md', result.stdout);
	});

	test('says so, with exit code 2, where there is no feature folder', () => {
		const result = planmark(project, 'trace', '.specify');
		assert.equal(result.status, 2);
		assert.match(result.stderr, /no spec-kit feature folder at or under \.specify/);
	});

	test('refuses a format trace does not write', () => {
		const result = planmark(project, 'trace', '--format', 'sarif');
		assert.equal(result.status, 2);
		assert.match(result.stderr, /unknown format "sarif" for trace; use markdown, json/);
	});
});
