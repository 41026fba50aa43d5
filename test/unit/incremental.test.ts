import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildPlanDocument } from '../../server/src/model/buildPlanDocument';
import { DocumentCache } from '../../server/src/model/documentCache';
import type { PlanDocument } from '../../server/src/model/planDocument';
import { bundledTemplate } from '../../server/src/template/bundledTemplate';
import { fuzzRuns, fuzzSeed, planLikeDocument } from './fuzzDocuments';
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

/** Applies `edits` one after another, each model built from the previous one as the server builds it. */
function editedModelsEqualFresh(
	initial: string,
	edits: readonly { at: number; remove: number; insert: string }[],
): void {
	const template = bundledTemplate();
	// The server's own cache: each version reuses the previous one's chunks, heading readings and outline nodes.
	const cache = new DocumentCache();
	let text = initial;
	cache.get({ uri: 'file:///plan.md', version: 0, text }, template, true);
	edits.forEach((change, index) => {
		const at = change.at % (text.length + 1);
		text = text.slice(0, at) + change.insert + text.slice(Math.min(text.length, at + change.remove));
		const source = { uri: 'file:///plan.md', version: index + 1, text };
		const incremental = cache.get(source, template, true);
		const fresh = buildPlanDocument(source, template, { nameIsPlan: true });
		assert.deepEqual(observable(incremental), observable(fresh));
	});
}

describe('incremental analysis', () => {
	test('after any sequence of edits, the model reusing unchanged chunks equals one built from scratch', () => {
		fc.assert(
			fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), edits =>
				editedModelsEqualFresh(examplePlanText, edits),
			),
			{ numRuns: fuzzRuns(25), seed: fuzzSeed(20261125) },
		);
	});

	test('the same holds on generated plans full of headings, blocks, fences and line-ending mixes', () => {
		fc.assert(
			fc.property(planLikeDocument, fc.array(edit, { minLength: 1, maxLength: 8 }), (document, edits) =>
				editedModelsEqualFresh(document, edits),
			),
			{ numRuns: fuzzRuns(40), seed: fuzzSeed(20261202) },
		);
	});

	test('a node on the edited line is built again, its columns moved, though its text did not change', () => {
		const plan = '# Implementation Plan: X\n\n## 1. A\n\n ### 1.1 B\n\ntext\n\n## 2. C\n';
		const indent = plan.indexOf(' ###');
		// Indenting the heading further moves where it starts, on the same line, and nothing after it.
		editedModelsEqualFresh(plan, [{ at: indent, remove: 0, insert: ' ' }]);
		editedModelsEqualFresh(plan, [{ at: indent, remove: 1, insert: '' }]);
		// A line break inserted before it moves it a line down and to the start of its line.
		editedModelsEqualFresh(plan, [{ at: indent, remove: 0, insert: '\n' }]);
		editedModelsEqualFresh(plan, [{ at: indent - 1, remove: 1, insert: '' }]);
	});

	test('a keystroke keeps the outline nodes before it and moves those after it', () => {
		const template = bundledTemplate();
		const cache = new DocumentCache();
		const first = cache.get({ uri: 'file:///plan.md', version: 1, text: examplePlanText }, template, true);
		// A line of text in the middle of the plan, not a heading: typing there changes no section.
		let line = Math.floor(first.lines.lineCount / 2);
		while (/^(#|\s*$)/.test(first.lines.lineText(line))) {
			line++;
		}
		const at = first.lines.lineStart(line);
		const text = `${examplePlanText.slice(0, at)}x${examplePlanText.slice(at)}`;
		const second = cache.get({ uri: 'file:///plan.md', version: 2, text }, template, true);
		const before = first.nodes.filter(node => node.extentEnd <= at);
		// From the next heading on, the text was not parsed again.
		const next = first.nodes.find(node => node.start > at && examplePlanText[node.start] === '#');
		const after = first.nodes.filter(node => next && node.start >= next.start);
		assert.ok(before.length > 3 && after.length > 3, 'the edit is mid-document');
		for (const node of before) {
			assert.ok(second.nodes.includes(node), `${node.name} is taken over`);
		}
		for (const node of after) {
			const moved = second.nodes.find(candidate => candidate.start === node.start + 1);
			assert.ok(moved && moved !== node, `${node.name} is moved`);
			// No line was added: the moved node keeps its ranges, and its symbol can be sent as it was.
			assert.equal(moved.range, node.range);
			assert.equal(moved.selectionRange, node.selectionRange);
		}
	});
});
