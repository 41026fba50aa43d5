import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { defaultSettings } from '../../server/src/config';
import { codeActions } from '../../server/src/features/codeActions';
import { fixAllKind } from '../../server/src/protocol';
import { diagnostics } from '../../server/src/features/diagnostics';
import { applyEdits, joinLines, planOf } from './support';

function problemsOf(text: string): Diagnostic[] {
	return diagnostics(planOf(text), defaultSettings);
}

function fixesFor(text: string, code: string): CodeAction[] {
	const found = problemsOf(text).filter(diagnostic => diagnostic.code === code);
	assert.ok(found.length > 0, `expected a ${code} diagnostic`);
	return codeActions(planOf(text), found, [CodeActionKind.QuickFix]);
}

function apply(text: string, action: CodeAction): string {
	return applyEdits(text, Object.values(action.edit!.changes!)[0] as TextEdit[]);
}

const complete = (body: string[]) => joinLines(['# Implementation Plan: X', '', ...body]);

describe('content diagnostics', () => {
	test('reports NEEDS CLARIFICATION markers with their question', () => {
		const found = problemsOf(
			complete(['## 1. Technical Context', '- Auth: [NEEDS CLARIFICATION: SSO or passwords?]']),
		).filter(diagnostic => diagnostic.code === 'plan.needs-clarification');
		assert.deepEqual(
			found.map(diagnostic => diagnostic.message),
			['Needs clarification in 1. Technical Context: SSO or passwords?'],
		);
		assert.deepEqual(found[0].range, { start: { line: 3, character: 8 }, end: { line: 3, character: 48 } });
	});

	test('reports failed gates as errors and conditional ones as information', () => {
		const found = problemsOf(
			complete([
				'## 2. Constitution Check',
				'### 2.2 Gate Evaluation',
				'**Gate 1**: Security',
				'- Status: FAIL',
				'',
				'**Gate 2**: Budget',
				'- Status: CONDITIONAL',
				'',
				'**Gate 3**: Legal',
				'- Status: PASS',
			]),
		);
		const gates = found.filter(diagnostic => String(diagnostic.code).startsWith('plan.gate'));
		assert.deepEqual(
			gates.map(diagnostic => [diagnostic.code, diagnostic.severity, diagnostic.message]),
			[
				['plan.gate-failed', 1, 'Gate 1: Security failed (FAIL): the plan is blocked until it passes.'],
				['plan.gate-conditional', 3, 'Gate 2: Budget passed with conditions (CONDITIONAL).'],
			],
		);
	});

	test('reports duplicate sections', () => {
		const found = problemsOf(
			complete(['## 9. Appendix', '### 9.1 References', '- a', '### 9.1 References', '- b']),
		).filter(diagnostic => diagnostic.code === 'plan.duplicate-section');
		assert.deepEqual(
			found.map(diagnostic => diagnostic.message),
			['Section "9.1 References" appears twice; the first is on line 4.'],
		);
	});

	test('a fully filled plan gets no diagnostics at all', () => {
		const filled = planOf(joinLines(['# Implementation Plan: X'])).template.sections.map(
			section => `${'#'.repeat(section.depth)} ${section.heading}\nDone.`,
		);
		assert.deepEqual(
			problemsOf(complete(filled)).map(diagnostic => diagnostic.message),
			[],
		);
	});
});

describe('quick fixes', () => {
	test('sets a choice to one option, replacing only the option list', () => {
		const text = complete([
			'## 2. Constitution Check',
			'### 2.2 Gate Evaluation',
			'**Gate 1**: Security',
			'- Status: PASS / FAIL / CONDITIONAL  ',
			'- Justification: ok',
		]);
		const actions = fixesFor(text, 'plan.unresolved-choice');
		assert.deepEqual(
			actions.map(action => action.title),
			['Set Status to PASS', 'Set Status to FAIL', 'Set Status to CONDITIONAL'],
		);
		assert.equal(apply(text, actions[1]), text.replace('- Status: PASS / FAIL / CONDITIONAL  ', '- Status: FAIL  '));
	});

	test('removes a leftover repeat marker line and nothing else', () => {
		const text = complete([
			'## 3. Phase 0: Research & Decisions',
			'### 3.1 Research Tasks',
			'#### Research Task 1: Queue',
			'**Question**: How big?',
			'',
			'#### Research Task 2: WAL',
			'[Repeat structure]',
			'',
			'### 3.2 Technology Choices',
			'Done.',
		]);
		const [action] = fixesFor(text, 'plan.repeat-marker');
		assert.equal(action.title, 'Remove [Repeat structure]');
		assert.equal(apply(text, action), text.replace('[Repeat structure]\n', ''));
	});

	test('removes untouched template instructions and example tasks', () => {
		const text = complete([
			'## 1. Technical Context',
			'### 1.1 Technology Stack',
			'[List the technologies being used - keep this section factual and brief]',
			'',
			'- Frontend: React',
			'',
			'## 5. Phase 2: Implementation Strategy',
			'**Tasks**:',
			'- [ ] Task 1',
			'- [ ] Ship the sync engine',
		]);
		const actions = fixesFor(text, 'plan.template-text');
		assert.equal(actions.length, 2);
		const once = apply(text, actions[0]);
		assert.equal(once, text.replace('[List the technologies being used - keep this section factual and brief]\n', ''));
		assert.equal(apply(text, actions[1]), text.replace('- [ ] Task 1\n', ''));
	});

	test('renumbers a section to the template number', () => {
		const text = complete([
			'## 3. Phase 0: Research & Decisions',
			'### 3.2 Research Tasks',
			'Done.',
			'### 3.2 Technology Choices',
			'Done.',
		]);
		const actions = fixesFor(text, 'plan.section-number');
		assert.deepEqual(
			actions.map(action => action.title),
			['Renumber to 3.1'],
		);
		assert.equal(apply(text, actions[0]), text.replace('### 3.2 Research Tasks', '### 3.1 Research Tasks'));
	});

	test("inserts a missing section at its place, with the template body and its first block, without the template's instructions", () => {
		const text = complete([
			'## 7. Open Issues & Decisions',
			'',
			'### 7.1 Unresolved Questions',
			'None.',
			'',
			'---',
			'',
			'## 8. Success Validation',
			'Done.',
		]);
		const action = fixesFor(text, 'plan.missing-section').find(
			candidate => candidate.title === 'Insert section "7.2 Deferred Decisions"',
		)!;
		assert.equal(
			apply(text, action),
			complete([
				'## 7. Open Issues & Decisions',
				'',
				'### 7.1 Unresolved Questions',
				'None.',
				'',
				'### 7.2 Deferred Decisions',
				'',
				"**Decision 1**: [What's being deferred]",
				'- **Rationale**: [Why deferring is OK]',
				'- **Revisit Trigger**: [When to reconsider]',
				'',
				'---',
				'',
				'## 8. Success Validation',
				'Done.',
			]),
		);
	});

	test("inserts a missing top-level section with the template's --- separator, keeping CRLF", () => {
		const text = joinLines(
			['# Implementation Plan: X', '', '## 8. Success Validation', 'Done.', '', '---', '', '## Notes', '- n'],
			'\r\n',
		);
		const action = fixesFor(text, 'plan.missing-section').find(
			candidate => candidate.title === 'Insert section "9. Appendix"',
		)!;
		const result = apply(text, action);
		assert.ok(
			result.includes('Done.\r\n\r\n---\r\n\r\n## 9. Appendix\r\n\r\n### 9.1 References\r\n- Feature Spec: [Link]'),
			result,
		);
		assert.ok(result.endsWith('- **[Term 2]**: [Definition]\r\n\r\n---\r\n\r\n## Notes\r\n- n'));
		assert.ok(!/[^\r]\n/.test(result));
	});

	test('moves a misordered section before the one it precedes in the template', () => {
		const text = complete([
			'## 1. Technical Context',
			'### 1.1 Technology Stack',
			'a',
			'',
			'### 1.3 Key Integration Points',
			'c',
			'',
			'### 1.2 Architecture Pattern',
			'b',
			'',
			'### 1.4 Unknowns & Research Needs',
			'd',
		]);
		const [action] = fixesFor(text, 'plan.section-order');
		assert.equal(action.title, 'Move "1.2 Architecture Pattern" before "1.3 Key Integration Points"');
		assert.equal(
			apply(text, action),
			complete([
				'## 1. Technical Context',
				'### 1.1 Technology Stack',
				'a',
				'',
				'### 1.2 Architecture Pattern',
				'b',
				'',
				'### 1.3 Key Integration Points',
				'c',
				'',
				'### 1.4 Unknowns & Research Needs',
				'd',
			]),
		);
	});

	test('fills an empty section with the template content on request', () => {
		const text = complete(['## 9. Appendix', '### 9.1 References', '### 9.2 Glossary', '- **Queue**: pending changes']);
		const [action] = fixesFor(text, 'plan.empty-section');
		assert.equal(
			apply(text, action),
			text.replace(
				'### 9.1 References\n',
				'### 9.1 References\n\n- Feature Spec: [Link]\n- Research Documents: [Links]\n- Related Features: [Links]\n- External Documentation: [Links]\n',
			),
		);
	});

	test('fix all applies every fix that needs no choice, loses no line, and a second run changes nothing', () => {
		const text = complete([
			'## 1. Technical Context',
			'### 1.1 Technology Stack',
			'[List the technologies being used - keep this section factual and brief]',
			'- Frontend: React [Service 2]',
			'### 1.3 Key Integration Points',
			'- Stripe',
			'## 2. Constitution Check',
			'### 2.2 Gate Evaluation',
			'**Gate 1**: Security',
			'- Status: PASS / FAIL / CONDITIONAL',
			'**Gate 2**: Budget',
			'[Repeat structure]',
		]);
		const [fixAll] = codeActions(planOf(text), [], [fixAllKind]);
		const result = apply(text, fixAll);
		for (const line of [
			'- Frontend: React [Service 2]',
			'- Stripe',
			'**Gate 1**: Security',
			'- Status: PASS / FAIL / CONDITIONAL',
			'**Gate 2**: Budget',
		]) {
			assert.ok(result.includes(line), `kept "${line}"`);
		}
		assert.ok(!result.includes('[Repeat structure]') && !result.includes('[List the technologies'));
		assert.ok(
			result.indexOf('### 1.2 Architecture Pattern') > result.indexOf('### 1.1') &&
				result.indexOf('### 1.2') < result.indexOf('### 1.3'),
			'inserted 1.2 between 1.1 and 1.3',
		);
		assert.ok(result.indexOf('### 1.4 Unknowns') > result.indexOf('### 1.3'));
		assert.ok(result.indexOf('### 2.1 Alignment Verification') < result.indexOf('### 2.2'));
		const codes = new Set(problemsOf(result).map(diagnostic => diagnostic.code));
		for (const code of ['plan.missing-section', 'plan.repeat-marker', 'plan.template-text', 'plan.section-number']) {
			assert.ok(!codes.has(code), `no ${code} left`);
		}
		assert.deepEqual(codeActions(planOf(result), [], [fixAllKind]), [], 'a second fix-all has nothing left to do');
	});

	test('offers nothing in a file that is not a plan', () => {
		const document = planOf('# Notes\n[Repeat structure]\n', undefined, false);
		assert.deepEqual(codeActions(document, [], [fixAllKind]), []);
	});

	test('removing a line after a lone CR and before an LF keeps every other line', () => {
		const text =
			'# Implementation Plan: X\n## 1. Technical Context\r[List the technologies being used - keep this section factual and brief]\n\nAfter';
		const [action] = fixesFor(text, 'plan.template-text');
		assert.equal(apply(text, action), '# Implementation Plan: X\n## 1. Technical Context\n\nAfter');
	});
});
