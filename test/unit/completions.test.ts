import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { completions } from '../../server/src/features/completions';
import { LineIndex } from '../../server/src/markdown/lineIndex';
import { inferTemplate } from '../../server/src/template/inferTemplate';
import { expandSnippet, joinLines, planOf, releaseTemplate, withCursor } from './support';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';

function apply(text: string, item: CompletionItem): string {
	const edit = item.textEdit as TextEdit;
	const lines = new LineIndex(text);
	return (
		text.slice(0, lines.offsetAt(edit.range.start)) +
		expandSnippet(edit.newText) +
		text.slice(lines.offsetAt(edit.range.end))
	);
}

const researchPlan = [
	'# Implementation Plan: X',
	'## 3. Phase 0: Research & Decisions',
	'### 3.1 Research Tasks',
	'#### Research Task 1: Queue',
	'**Question**: How big?',
	'#### Research Task 2: WAL',
	'**Question**: Safe?',
	'',
	'$$CURSOR$$',
	'### 3.2 Technology Choices',
];

describe('section completion', () => {
	test('offers the next research task, numbered after the last one, first', () => {
		const { text, position } = withCursor(joinLines(researchPlan));
		const items = completions(planOf(text), position).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
		assert.equal(items[0].label, 'Research Task 3');
		assert.equal(items[0].detail, 'Next research task in 3.1 Research Tasks');
		const result = apply(text, items[0]);
		assert.ok(
			result.includes(
				'#### Research Task 3: [Topic]\n**Question**: [What needs to be researched]  \n**Decision**: [What was chosen]',
			),
		);
	});

	test('offers the next gate with its status as a choice', () => {
		const { text, position } = withCursor(
			joinLines([
				'# Implementation Plan: X',
				'## 2. Constitution Check',
				'### 2.2 Gate Evaluation',
				'**Gate 1**: Security',
				'- Status: PASS',
				'',
				'**$$CURSOR$$',
			]),
		);
		const items = completions(planOf(text), position);
		assert.deepEqual(
			items.map(item => item.label),
			['Gate 2'],
		);
		assert.match((items[0].textEdit as TextEdit).newText, /\$\{\d+\|PASS,FAIL,CONDITIONAL\|\}/);
		assert.ok(apply(text, items[0]).endsWith('**Gate 2**: [Gate name]\n- Status: PASS\n- Justification: [Reason]'));
	});

	test('offers a missing section at its heading level, numbered as in the template', () => {
		const { text, position } = withCursor(
			joinLines([
				'# Implementation Plan: X',
				'## 7. Open Issues & Decisions',
				'### 7.1 Unresolved Questions',
				'None.',
				'### $$CURSOR$$',
			]),
		);
		const items = completions(planOf(text), position);
		const deferred = items.find(item => item.label === '### 7.2 Deferred Decisions');
		assert.ok(deferred, 'offers 7.2');
		assert.ok(
			!items.some(item => item.label.includes('7.1 Unresolved Questions')),
			'does not offer a section that exists',
		);
		const nearby = items.filter(item => item.sortText!.startsWith('1-')).map(item => item.label);
		assert.deepEqual(nearby, ['### 7.2 Deferred Decisions']);
		assert.ok(
			apply(text, deferred).endsWith(
				"### 7.2 Deferred Decisions\n[Decisions consciously postponed]\n\n**Decision 1**: [What's being deferred]\n- **Rationale**: [Why deferring is OK]\n- **Revisit Trigger**: [When to reconsider]",
			),
		);
	});

	test("keeps the document's CRLF line endings in inserted text", () => {
		const { text, position } = withCursor(joinLines(researchPlan, '\r\n'));
		const item = completions(planOf(text), position).find(candidate => candidate.label === 'Research Task 3')!;
		assert.ok(!/[^\r]\n/.test((item.textEdit as TextEdit).newText));
	});

	test('offers nothing in the middle of a sentence or in a file that is not a plan', () => {
		const middle = withCursor(
			joinLines(['# Implementation Plan: X', '## 1. Technical Context', 'Some text $$CURSOR$$']),
		);
		assert.deepEqual(completions(planOf(middle.text), middle.position), []);
		const other = withCursor('# Shopping list\n\n$$CURSOR$$');
		assert.deepEqual(completions(planOf(other.text, undefined, false), other.position), []);
	});

	test('follows another template: the next milestone and its decision choice', () => {
		const { text, position } = withCursor(
			joinLines([
				'# Release Plan: 4.2',
				'## B. Milestones',
				'### Milestone 1: Beta',
				'- Decision: GO',
				'',
				'$$CURSOR$$',
			]),
		);
		const items = completions(planOf(text, releaseTemplate()), position);
		assert.equal(items.sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0].label, 'Milestone 2');
		assert.match((items[0].textEdit as TextEdit).newText, /\$\{\d+\|GO,NO-GO,DEFER\|\}/);
	});
});

describe('choice completion', () => {
	test("offers the template's options after a choice label, replacing the option list", () => {
		const { text, position } = withCursor(
			joinLines([
				'# Implementation Plan: X',
				'## 2. Constitution Check',
				'### 2.2 Gate Evaluation',
				'**Gate 1**: Security',
				'- Status: $$CURSOR$$PASS / FAIL / CONDITIONAL',
				'- Justification: ok',
			]),
		);
		const items = completions(planOf(text), position);
		assert.deepEqual(
			items.map(item => item.label),
			['PASS', 'FAIL', 'CONDITIONAL'],
		);
		assert.equal(apply(text, items[2]), text.replace('PASS / FAIL / CONDITIONAL', 'CONDITIONAL'));
	});

	test("offers a choice's options in the value cell of a two-column table row, and keeps the row's closing pipe", () => {
		const template = inferTemplate(
			joinLines([
				'# RFC: [Title]',
				'| Field | Value |',
				'|---|---|',
				'| Status | Draft / In Review / Accepted |',
				'## Summary',
			]),
			'file:///team/.specify/templates/plan-template.md',
		);
		const { text, position } = withCursor(
			joinLines(['# RFC: Rotation', '| Field | Value |', '|---|---|', '| Status | In$$CURSOR$$ |', '## Summary']),
		);
		const items = completions(planOf(text, template), position);
		assert.deepEqual(
			items.map(item => item.label),
			['Draft', 'In Review', 'Accepted'],
		);
		assert.equal(apply(text, items[1]), text.replace('| Status | In |', '| Status | In Review |'));
		const wide = withCursor(joinLines(['# RFC: Rotation', '| Status | In$$CURSOR$$ | note |', '|---|---|---|']));
		assert.deepEqual(
			completions(planOf(wide.text, template), wide.position).filter(item => item.label === 'Draft'),
			[],
			'a row of three cells is no field',
		);
	});

	test("offers a risk's impact levels only inside a risk, not for a same-named field elsewhere", () => {
		const inRisk = withCursor(
			joinLines([
				'# Implementation Plan: X',
				'## 5. Phase 2: Implementation Strategy',
				'### 5.3 Risk Mitigation',
				'**Risk 1**: Outage',
				'- **Impact**: $$CURSOR$$',
			]),
		);
		assert.deepEqual(
			completions(planOf(inRisk.text), inRisk.position).map(item => item.label),
			['High', 'Medium', 'Low'],
		);
		const elsewhere = withCursor(
			joinLines(['# Implementation Plan: X', '## 1. Technical Context', '- Impact: $$CURSOR$$']),
		);
		assert.deepEqual(completions(planOf(elsewhere.text), elsewhere.position), []);
	});
});

describe('empty plan completion', () => {
	test("offers the whole template with title, date and branch as tab stops and today's date filled in", () => {
		const items = completions(planOf(''), { line: 0, character: 0 }, new Date('2026-11-25T10:00:00Z'));
		assert.equal(items.length, 1);
		const snippet = (items[0].textEdit as TextEdit).newText;
		assert.ok(
			snippet.startsWith(
				'# Implementation Plan: ${1:[FEATURE NAME]}\n\n**Created**: ${2:2026-11-25}  \n**Status**: Draft  \n**Branch**: ${3:[BRANCH NAME]}',
			),
			snippet.slice(0, 200),
		);
		const inserted = apply('', items[0]);
		const reparsed = planOf(inserted);
		assert.equal(
			reparsed.nodes.filter(node => node.templateSectionId).length,
			reparsed.template.sections.length,
			'every template section is there',
		);
		assert.ok(!inserted.includes('Research Task 2'), 'one instance of each repeatable block');
	});
});
