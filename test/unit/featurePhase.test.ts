import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { featurePhase, type PhaseEvidence } from '../../server/src/features/featurePhase';

const none = { done: 0, total: 0 };
const spec: PhaseEvidence = { hasSpec: true, specClarifications: 0, hasPlan: false, checklistItems: none };

describe('the phase of a feature', () => {
	test('is specify with a spec alone, and with checklists alone', () => {
		assert.equal(featurePhase(spec), 'specify');
		assert.equal(featurePhase({ ...spec, hasSpec: false, checklistItems: { done: 3, total: 16 } }), 'specify');
	});

	test('is clarify while the spec has an open question and there is no plan yet', () => {
		assert.equal(featurePhase({ ...spec, specClarifications: 2 }), 'clarify');
	});

	test('is plan once a plan exists, whatever the spec still asks', () => {
		assert.equal(featurePhase({ ...spec, hasPlan: true }), 'plan');
		assert.equal(featurePhase({ ...spec, specClarifications: 1, hasPlan: true }), 'plan');
	});

	test('is tasks with a tasks.md of which nothing is done, or with no tasks in it yet', () => {
		assert.equal(featurePhase({ ...spec, hasPlan: true, tasks: { done: 0, total: 34 } }), 'tasks');
		assert.equal(featurePhase({ ...spec, hasPlan: true, tasks: none }), 'tasks');
	});

	test('is implement once one task is done', () => {
		assert.equal(featurePhase({ ...spec, hasPlan: true, tasks: { done: 1, total: 3 } }), 'implement');
	});

	test('is done when every task and every checklist item is checked', () => {
		assert.equal(
			featurePhase({ ...spec, hasPlan: true, tasks: { done: 25, total: 25 }, checklistItems: { done: 36, total: 36 } }),
			'done',
		);
		assert.equal(featurePhase({ ...spec, tasks: { done: 4, total: 4 } }), 'done');
	});

	test('stays implement while a checklist item is open, though every task is done', () => {
		assert.equal(
			featurePhase({ ...spec, hasPlan: true, tasks: { done: 25, total: 25 }, checklistItems: { done: 33, total: 36 } }),
			'implement',
		);
	});
});
