import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultSettings } from '../../server/src/config';
import { documentProgress } from '../../server/src/features/progressReport';
import { completeSectionEdits, toggleTaskEdits } from '../../server/src/features/taskEdits';
import { applyEdits, joinLines, planOf } from './support';

const plan = joinLines([
	'# Implementation Plan: X',
	'## 5. Phase 2: Implementation Strategy',
	'### 5.1 Development Phases',
	'- [x] Storage',
	'- [ ] Sync',
	'  - [ ] Conflicts',
	'### 5.2 Critical Path',
	'- [ ] Batch endpoint',
	'## 8. Success Validation',
	'- [ ] Ship',
]);

describe('task commands', () => {
	test('toggling a line with an open box checks it, changing only the box', () => {
		const result = applyEdits(
			plan,
			toggleTaskEdits(planOf(plan), [{ start: { line: 4, character: 3 }, end: { line: 4, character: 3 } }]),
		);
		assert.equal(result, plan.replace('- [ ] Sync', '- [x] Sync'));
	});

	test('toggling a selection checks all its boxes when any is open, and unchecks them when all are done', () => {
		const selection = { start: { line: 3, character: 0 }, end: { line: 5, character: 4 } };
		const checked = applyEdits(plan, toggleTaskEdits(planOf(plan), [selection]));
		assert.equal(checked, plan.replace('- [ ] Sync', '- [x] Sync').replace('  - [ ] Conflicts', '  - [x] Conflicts'));
		const unchecked = applyEdits(checked, toggleTaskEdits(planOf(checked), [selection]));
		assert.equal(unchecked, plan.replace('- [x] Storage', '- [ ] Storage'));
	});

	test('a selection ending at the start of a line does not toggle that line', () => {
		const edits = toggleTaskEdits(planOf(plan), [{ start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }]);
		assert.equal(edits.length, 1);
	});

	test('marking a section done checks every open task in it and its subsections, and nothing outside', () => {
		const result = applyEdits(plan, completeSectionEdits(planOf(plan), { line: 1, character: 5 }));
		assert.equal(result, plan.replace(/- \[ \] (Sync|Conflicts|Batch endpoint)/g, '- [x] $1'));
	});
});

describe('document progress report', () => {
	test('gives totals, the outline with progress and every open item with its section', () => {
		const report = documentProgress(planOf(plan), defaultSettings.progress, 2);
		assert.equal(report.title, 'Implementation Plan: X');
		assert.deepEqual([report.done, report.total, report.problems], [1, 5, 2]);
		const phases = report.outline[0].children[0];
		assert.deepEqual(
			[phases.name, phases.done, phases.total, phases.nextOpen],
			['5. Phase 2: Implementation Strategy', 1, 4, { line: 4, character: 0 }],
		);
		assert.deepEqual(
			report.openItems.map(item => `${item.position.line}:${item.text}@${item.section}`),
			[
				'4:Sync@5.1 Development Phases',
				'5:Conflicts@5.1 Development Phases',
				'7:Batch endpoint@5.2 Critical Path',
				'9:Ship@8. Success Validation',
			],
		);
	});
});
