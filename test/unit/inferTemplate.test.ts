import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledTemplate } from '../../server/src/template/bundledTemplate';
import { inferTemplate } from '../../server/src/template/inferTemplate';
import { releaseTemplate } from './support';

describe('template inference on the bundled spec-kit plan template', () => {
	const template = bundledTemplate();

	test('reads the title as a pattern where the placeholder matches any feature name', () => {
		assert.equal(template.title?.text, 'Implementation Plan: [FEATURE NAME]');
		assert.ok(template.title?.pattern.test('Implementation Plan: Offline Sync'));
		assert.ok(template.title?.pattern.test('implementation plan:   Search v2'));
		assert.ok(!template.title?.pattern.test('Release notes'));
		assert.match(template.title?.preamble ?? '', /^\*\*Created\*\*: \[DATE\]/);
	});

	test('learns the numbered section tree in order, with unnumbered sections such as Notes', () => {
		const top = template.sections.filter(section => section.depth === 2).map(section => section.heading);
		assert.deepEqual(top, [
			'1. Technical Context',
			'2. Constitution Check',
			'3. Phase 0: Research & Decisions',
			'4. Phase 1: Design Artifacts',
			'5. Phase 2: Implementation Strategy',
			'6. Phase 3: Deployment & Operations',
			'7. Open Issues & Decisions',
			'8. Success Validation',
			'9. Appendix',
			'Notes',
		]);
		const firstChildren = template.sections
			.filter(section => section.parentId === '1')
			.map(section => `${section.number} ${section.title}`);
		assert.deepEqual(firstChildren, [
			'1.1 Technology Stack',
			'1.2 Architecture Pattern',
			'1.3 Key Integration Points',
			'1.4 Unknowns & Research Needs',
		]);
		const unnumbered = template.sections.filter(section => section.parentId === '2.1').map(section => section.title);
		assert.deepEqual(unnumbered, [
			'Code Style & Standards',
			'Security & Privacy',
			'Performance & Scalability',
			'Testing & Quality',
		]);
	});

	test('learns repeatable blocks as headings and as bold leads, each in its section', () => {
		const blocks = template.blocks.map(block => `${block.style}:${block.label}@${block.sectionId}`);
		assert.deepEqual(blocks, [
			'bold:Gate@2.2',
			'heading:Research Task@3.1',
			'heading:Choice@3.2',
			'heading:Integration@3.3',
			'heading:Phase@5.1',
			'bold:Risk@5.3',
			'bold:Question@7.1',
			'bold:Decision@7.2',
		]);
		const research = template.blocks.find(block => block.label === 'Research Task')!;
		assert.equal(`${research.lineBeforeNumber}4${research.lineAfterNumber}`, '#### Research Task 4: [Topic]');
		assert.match(research.body, /^\*\*Question\*\*: \[What needs to be researched\]/);
		const gate = template.blocks.find(block => block.label === 'Gate')!;
		assert.equal(`${gate.lineBeforeNumber}3${gate.lineAfterNumber}`, '**Gate 3**: [Gate name]');
	});

	test('learns the repeat marker from a second instance that only holds a marker', () => {
		assert.deepEqual([...template.repeatMarkers], ['Repeat structure']);
		const section = template.sections.find(candidate => candidate.id === '3.1')!;
		assert.ok(section.insertText.includes('#### Research Task 1: [Topic]'));
		assert.ok(!section.insertText.includes('Research Task 2'), 'the marker-only second instance is not inserted');
	});

	test('learns choice fields with their options, scoped to the block they belong to', () => {
		const choices = template.choices.map(choice => `${choice.blockLabel}/${choice.label}: ${choice.options.join('|')}`);
		assert.deepEqual(choices, [
			'Gate/Status: PASS|FAIL|CONDITIONAL',
			'Risk/Impact: High|Medium|Low',
			'Risk/Probability: High|Medium|Low',
		]);
		assert.ok(
			!template.choices.some(choice => choice.label === 'Status' && choice.blockLabel === undefined),
			'"**Status**: Draft" is not a choice',
		);
	});

	test('treats bracket text as placeholders, numbered ones for any number, but not links or code', () => {
		assert.ok(template.placeholders.matches('Service 2'));
		assert.ok(template.placeholders.matches('Service 7'), 'numbered placeholders generalise');
		assert.ok(template.placeholders.matches('FEATURE NAME'));
		assert.ok(!template.placeholders.matches('data-model.md'), 'link text is not a placeholder');
		assert.ok(!template.placeholders.matches('METHOD'), 'text in a code span is not a placeholder');
		assert.ok(!template.placeholders.matches('Anything else'));
	});

	test('reports no problems for a well-formed template', () => {
		assert.deepEqual(template.problems, []);
	});
});

describe('template inference on a different template', () => {
	const template = releaseTemplate();

	test('learns its own title, sections, blocks, marker and choices with nothing carried over', () => {
		assert.ok(template.title?.pattern.test('Release Plan: 4.2 "Lighthouse"'));
		assert.ok(!template.title?.pattern.test('Implementation Plan: Offline Sync'));
		assert.deepEqual(
			template.sections.map(section => section.heading),
			['Summary', 'A. Scope', 'In scope', 'Out of scope', 'B. Milestones', 'C. Sign-off', 'Appendix'],
		);
		assert.deepEqual(
			template.blocks.map(block => `${block.style}:${block.label}`),
			['heading:Milestone', 'bold:Approver'],
		);
		assert.deepEqual([...template.repeatMarkers], ['Repeat as needed']);
		assert.deepEqual(
			template.choices.map(choice => `${choice.label}: ${choice.options.join('|')}`),
			['Decision: GO|NO-GO|DEFER', 'Verdict: Approved|Rejected'],
		);
		assert.ok(template.placeholders.matches('Feature 9'));
		assert.ok(!template.placeholders.matches('Service 2'));
	});
});

describe('template inference on broken templates', () => {
	test('never throws, and says what is missing', () => {
		for (const text of [
			'',
			'just text',
			'## 1. Only a section',
			'# Title only',
			'```\n# not a heading\n',
			'[[[[',
			'\u0000\uD800',
		]) {
			const template = inferTemplate(text, 'file:///broken.md');
			assert.ok(Array.isArray(template.problems));
		}
		assert.deepEqual(
			inferTemplate('## 1. Only a section', 'file:///t.md').problems.map(problem => problem.kind),
			['no-title'],
		);
		assert.deepEqual(
			inferTemplate('# Title only', 'file:///t.md').problems.map(problem => problem.kind),
			['no-sections'],
		);
	});
});
