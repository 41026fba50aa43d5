import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import snippetsFile from '../../snippets/plan.code-snippets';
import { staticSnippets } from '../../server/src/features/staticSnippets';
import { bundledTemplate } from '../../server/src/template/bundledTemplate';
import { expandSnippet } from './support';

describe('static snippets', () => {
	const generated = staticSnippets(bundledTemplate());

	test('snippets/plan.code-snippets is what the bundled template generates (run `npm run snippets` after changing the template)', () => {
		assert.deepEqual(snippetsFile, generated);
	});

	test('has a snippet for every section and every repeatable block of the template', () => {
		const template = bundledTemplate();
		assert.equal(Object.keys(generated).length, template.sections.length + template.blocks.length);
		assert.deepEqual(generated['Plan section: 7.2 Deferred Decisions'].prefix, ['plan-7.2', 'plan-deferred-decisions']);
	});

	test('turns placeholders into tab stops and choice fields into choices', () => {
		const gate = generated['Plan block: Gate (2.2 Gate Evaluation)'].body.join('\n');
		assert.equal(
			gate,
			'**Gate ${1:1}**: ${2:[Gate name]}\n- Status: ${3|PASS,FAIL,CONDITIONAL|}\n- Justification: ${4:[Reason]}',
		);
		assert.equal(expandSnippet(gate), '**Gate 1**: [Gate name]\n- Status: PASS\n- Justification: [Reason]');
	});
});
