import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseInChunks } from '../../server/src/markdown/chunks';
import { buildPlanDocument } from '../../server/src/model/buildPlanDocument';
import { bundledTemplate } from '../../server/src/template/bundledTemplate';
import { examplePlanText, joinLines, planOf, releaseTemplate, textAt } from './support';

const header = [
	'# Implementation Plan: Offline Sync',
	'',
	'## 1. Technical Context',
	'',
	'### 1.3 Key Integration Points',
];

describe('placeholders in a plan', () => {
	test('flags each unfilled template placeholder with its exact range', () => {
		const document = planOf(joinLines([...header, '- [Service 2]: [Purpose and integration method]']));
		assert.deepEqual(
			document.placeholders.map(placeholder => textAt(document, placeholder.range)),
			['[Service 2]', '[Purpose and integration method]'],
		);
		assert.deepEqual(document.placeholders[0].range, {
			start: { line: 5, character: 2 },
			end: { line: 5, character: 13 },
		});
	});

	test('flags a placeholder after CJK text and emoji at its UTF-16 column', () => {
		const document = planOf(joinLines([...header, '- 决策😀: [Service 3]']));
		assert.deepEqual(
			document.placeholders.map(placeholder => placeholder.range.start),
			[{ line: 5, character: 8 }],
		);
		assert.equal(textAt(document, document.placeholders[0].range), '[Service 3]');
	});

	test('gives the same ranges with CRLF line endings', () => {
		const lf = planOf(joinLines([...header, 'Text', '- [Service 2]: [Purpose and integration method]']));
		const crlf = planOf(joinLines([...header, 'Text', '- [Service 2]: [Purpose and integration method]'], '\r\n'));
		assert.deepEqual(
			crlf.placeholders.map(placeholder => placeholder.range),
			lf.placeholders.map(placeholder => placeholder.range),
		);
		assert.deepEqual(
			crlf.placeholders.map(placeholder => textAt(crlf, placeholder.range)),
			['[Service 2]', '[Purpose and integration method]'],
		);
	});

	test('does not flag links, reference links, task boxes, footnotes, code or escaped brackets', () => {
		const document = planOf(
			joinLines([
				...header,
				'- See [Service 2](./service.md) and [Service 1][ref] and [DATE]',
				'- [ ] Task with no placeholder',
				'- [x] Done task',
				'- A footnote[^1] and `[Service 2]` in code and \\[Service 4\\] escaped',
				'',
				'```markdown',
				'- [Service 5]: [Purpose and integration method]',
				'```',
				'',
				'    [Service 6] indented code',
				'',
				'[ref]: https://example.com',
				'[DATE]: https://example.com/date',
				'[^1]: A footnote.',
			]),
		);
		assert.deepEqual(
			document.placeholders.map(placeholder => placeholder.text),
			[],
		);
	});

	test('recognises reference definitions made in another section', () => {
		const document = planOf(
			joinLines([
				...header,
				'See [Service 2] for details.',
				'',
				'## 9. Appendix',
				'',
				'[Service 2]: https://example.com',
			]),
		);
		assert.deepEqual(document.placeholders, []);
	});

	test('does not flag bracketed text that was never a template placeholder', () => {
		const document = planOf(joinLines([...header, '- Ticket [JIRA-123] and [WIP] notes']));
		assert.deepEqual(document.placeholders, []);
	});

	test('still flags a placeholder that markdown reads as a link definition', () => {
		const document = planOf(joinLines([...header, '- [Service 1]: Stripe']));
		assert.deepEqual(
			document.placeholders.map(placeholder => textAt(document, placeholder.range)),
			['[Service 1]'],
		);
	});

	test('follows the governing template: another template has other placeholders', () => {
		const text = joinLines([
			'# Release Plan: 4.2',
			'',
			'## A. Scope',
			'',
			'### In scope',
			'- [Feature 3]',
			'- [Service 2]',
		]);
		const document = planOf(text, releaseTemplate());
		assert.deepEqual(
			document.placeholders.map(placeholder => placeholder.text),
			['[Feature 3]'],
		);
	});
});

describe('choice fields', () => {
	test('finds unresolved, chosen and invalid choices only where the template has them', () => {
		const document = planOf(
			joinLines([
				'# Implementation Plan: X',
				'',
				'**Status**: Draft',
				'',
				'## 2. Constitution Check',
				'### 2.2 Gate Evaluation',
				'',
				'**Gate 1**: Security',
				'- Status: PASS / FAIL / CONDITIONAL',
				'',
				'**Gate 2**: Budget',
				'- Status: CONDITIONAL (pending finance)',
				'',
				'**Gate 3**: Legal',
				'- Status: MAYBE',
			]),
		);
		assert.deepEqual(
			document.choices.map(choice => `${choice.label}=${choice.state}`),
			['Status=unresolved', 'Status=chosen', 'Status=invalid'],
		);
		assert.deepEqual(
			document.problems.map(problem => problem.kind).filter(kind => kind.endsWith('choice')),
			['unresolved-choice', 'invalid-choice'],
		);
		assert.equal(textAt(document, document.choices[0].valueRange), 'PASS / FAIL / CONDITIONAL');
	});
});

describe('tasks', () => {
	test('counts nested task items and ignores checkboxes inside code blocks', () => {
		const document = planOf(
			joinLines([
				'# Implementation Plan: X',
				'## 5. Phase 2: Implementation Strategy',
				'- [x] Parent',
				'  - [ ] Child',
				'    - [X] Grandchild',
				'```',
				'- [ ] not a task',
				'```',
				'> - [ ] quoted task',
			]),
		);
		assert.deepEqual(
			document.tasks.map(task => `${task.checked}:${task.text}`),
			['true:Parent', 'false:Child', 'true:Grandchild', 'false:quoted task'],
		);
		assert.equal(document.lines.text.slice(document.tasks[1].boxStart, document.tasks[1].boxStart + 3), '[ ]');
	});
});

describe('which files are plans', () => {
	test('a file whose title matches the template title is a plan whatever its name', () => {
		assert.equal(planOf('# Implementation Plan: Search\n', bundledTemplate(), false).isPlan, true);
	});

	test('a markdown file with another title and name is not a plan', () => {
		assert.equal(planOf('# My project\n\n[Service 2]\n', bundledTemplate(), false).isPlan, false);
	});
});

describe('building the model', () => {
	test('never throws, whatever the text', () => {
		const inputs = [
			'',
			'\u0000\u0001\uFFFF',
			'\uD800 lone surrogate [Service 2]',
			'['.repeat(5000),
			'#'.repeat(100),
			'```\n# fence never closed\n- [ ] x',
			`${'> '.repeat(500)}# deep`,
			'\r\r\r\n\n',
			'**Gate 1**',
			'#### Research Task 1',
		];
		for (const text of inputs) {
			const document = planOf(text);
			for (const node of document.nodes) {
				assert.ok(node.start <= node.end && node.end <= text.length);
			}
		}
	});

	test('re-parses only changed chunks, and the result equals a fresh parse', () => {
		const first = parseInChunks(examplePlanText);
		const edited = examplePlanText.replace('Sentry: crash', 'Sentry: error');
		const incremental = parseInChunks(edited, first);
		const fresh = parseInChunks(edited);
		assert.deepEqual(
			incremental.chunks.map(chunk => [chunk.start, chunk.length]),
			fresh.chunks.map(chunk => [chunk.start, chunk.length]),
		);
		const reused = incremental.chunks.filter(chunk => first.chunks.some(old => old.facts === chunk.facts)).length;
		assert.equal(reused, incremental.chunks.length - 1, 'every chunk but the edited one is reused');
		const template = bundledTemplate();
		const strip = (value: unknown) =>
			JSON.parse(
				JSON.stringify(value, (key, inner) =>
					key === 'parsed' || key === 'lines' || key === 'template' ? undefined : inner,
				),
			);
		const source = { uri: 'file:///plan.md', version: 2, text: edited };
		assert.deepEqual(
			strip(buildPlanDocument(source, template, { nameIsPlan: true, previous: { parsed: first } })),
			strip(buildPlanDocument(source, template, { nameIsPlan: true })),
		);
	});

	test('keeps a heading inside a fenced code block out of the outline', () => {
		const document = planOf(
			joinLines([
				'# Implementation Plan: X',
				'## 1. Technical Context',
				'~~~',
				'## not a section',
				'~~~',
				'## 9. Appendix',
			]),
		);
		assert.deepEqual(
			document.nodes.map(node => node.name),
			['Implementation Plan: X', '1. Technical Context', '9. Appendix'],
		);
	});
});
