import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeLenses } from '../../server/src/features/codeLenses';
import { percent } from '../../server/src/protocol';
import { defaultSettings, readSettings } from '../../server/src/config';
import { examplePlanText, joinLines, planOf } from './support';

const plan = joinLines([
	'# Implementation Plan: X',
	'## 1. Technical Context',
	'### 1.1 Technology Stack',
	'- Frontend: React',
	'### 1.4 Unknowns & Research Needs',
	'- [x] One',
	'- [ ] Two',
	'  - [x] Two, nested',
	'## 8. Success Validation',
	'### 8.1 Pre-Launch Checklist',
	'- [ ] Ship',
	'```',
	'- [x] not counted',
	'```',
]);

describe('progress lenses', () => {
	test('shows done/total and percent per section with tasks, rolled up to parents and the title', () => {
		const lenses = codeLenses(planOf(plan), defaultSettings).map(
			lens => `${lens.range.start.line}: ${lens.command?.title}`,
		);
		assert.deepEqual(lenses, [
			'0: Plan: 2/4 done · 50%',
			'1: 2/3 done · 67%',
			'4: 2/3 done · 67%',
			'8: 0/1 done · 0%',
			'9: 0/1 done · 0%',
		]);
	});

	test('points a lens at the next open task, or at nothing when the section is complete', () => {
		const lenses = codeLenses(planOf(plan), defaultSettings);
		assert.deepEqual(lenses[2].command?.arguments?.[1], { line: 6, character: 0 });
		const done = codeLenses(
			planOf(plan.replace('- [ ] Two', '- [x] Two').replace('- [ ] Ship', '- [x] Ship')),
			defaultSettings,
		);
		assert.equal(done[0].command?.title, 'Plan: 4/4 done · 100%');
		assert.equal(done[0].command?.arguments?.[1], null);
	});

	test('gives the realistic example plan a total on its title line', () => {
		const document = planOf(examplePlanText);
		const boxes = examplePlanText.match(/^\s*- \[[ xX]\]/gm)!.length;
		const checked = examplePlanText.match(/^\s*- \[[xX]\]/gm)!.length;
		const title = codeLenses(document, defaultSettings)[0];
		assert.equal(title.range.start.line, 0);
		assert.match(title.command!.title, new RegExp(`^Plan: ${checked}/${boxes} done`));
	});

	test('gives files that are not plans no lenses', () => {
		assert.deepEqual(codeLenses(planOf('# Notes\n- [ ] a\n', undefined, false), defaultSettings), []);
	});

	test('never shows 100% while a task is open, nor 0% once one is done', () => {
		assert.equal(percent({ done: 199, total: 200 }), 99);
		assert.equal(percent({ done: 1, total: 300 }), 1);
		assert.equal(percent({ done: 3, total: 7 }), 43);
	});

	test('shows only the count or only the percentage when the format setting asks', () => {
		const count = codeLenses(planOf(plan), readSettings({ codeLens: { format: 'count' } }))[0];
		const percentage = codeLenses(planOf(plan), readSettings({ codeLens: { format: 'percentage' } }))[0];
		assert.equal(count.command?.title, 'Plan: 2/4 done');
		assert.equal(percentage.command?.title, 'Plan: 50% done');
	});

	test('counts gates as items when the setting says so: done when passed', () => {
		const gates = joinLines([
			'# Implementation Plan: X',
			'## 2. Constitution Check',
			'### 2.2 Gate Evaluation',
			'**Gate 1**: A',
			'- Status: PASS',
			'',
			'**Gate 2**: B',
			'- Status: CONDITIONAL',
			'',
			'**Gate 3**: C',
			'- Status: PASS / FAIL / CONDITIONAL',
			'- [x] Checked with legal',
		]);
		assert.deepEqual(
			codeLenses(planOf(gates), defaultSettings).map(lens => lens.command?.title),
			['Plan: 1/1 done · 100%', '1/1 done · 100%', '1/1 done · 100%', '1/1 done · 100%'],
		);
		const counted = codeLenses(planOf(gates), readSettings({ progress: { countGates: true } }));
		assert.deepEqual(
			counted.map(lens => lens.command?.title),
			[
				'Plan: 2/4 done · 50%',
				'2/4 done · 50%',
				'2/4 done · 50%',
				'1/1 done · 100%',
				'0/1 done · 0%',
				'1/2 done · 50%',
			],
		);
		assert.deepEqual(
			counted[0].command?.arguments?.[1],
			{ line: 6, character: 0 },
			'the next open item is the conditional gate',
		);
	});
});
