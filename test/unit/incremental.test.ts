import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildPlanDocument } from '../../server/src/model/buildPlanDocument';
import type { PlanDocument } from '../../server/src/model/planDocument';
import { bundledTemplate } from '../../server/src/template/bundledTemplate';
import { examplePlanText } from './support';

/** Everything a user can observe of a model, without the caches that make it incremental. */
function observable(document: PlanDocument): unknown {
	return JSON.parse(JSON.stringify({ ...document, lines: undefined, parsed: undefined, template: undefined }));
}

const fragments = [
	'\n',
	'\r\n',
	'#',
	'## ',
	'### 3.4 New\n',
	'```\n',
	'~~~',
	'- [ ] ',
	'- [x] done\n',
	'[Service 2]',
	'**Gate 3**: x\n',
	'- Status: FAIL\n',
	'[ref]: ./a.md\n',
	'<!--',
	'-->',
	'> ',
	'|a|b|\n|-|-|\n',
	'中文😀',
	' ',
	'text',
];

const edit = fc.record({
	at: fc.nat(),
	remove: fc.nat({ max: 40 }),
	insert: fc.array(fc.constantFrom(...fragments), { maxLength: 4 }).map(parts => parts.join('')),
});

describe('incremental analysis', () => {
	test('after any sequence of edits, the model reusing unchanged chunks equals one built from scratch', () => {
		const template = bundledTemplate();
		fc.assert(
			fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), edits => {
				let text = examplePlanText;
				let previous = buildPlanDocument({ uri: 'file:///plan.md', version: 0, text }, template, { nameIsPlan: true });
				edits.forEach((change, index) => {
					const at = change.at % (text.length + 1);
					text = text.slice(0, at) + change.insert + text.slice(Math.min(text.length, at + change.remove));
					const source = { uri: 'file:///plan.md', version: index + 1, text };
					const incremental = buildPlanDocument(source, template, { nameIsPlan: true, previous: previous.parsed });
					const fresh = buildPlanDocument(source, template, { nameIsPlan: true });
					assert.deepEqual(observable(incremental), observable(fresh));
					previous = incremental;
				});
			}),
			{
				numRuns: Number(process.env.PLANMARK_FUZZ_RUNS ?? 25),
				seed: process.env.PLANMARK_FUZZ_RUNS ? undefined : 20261125,
			},
		);
	});
});
