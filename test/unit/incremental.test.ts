import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { defaultSettings } from '../../server/src/config';
import { codeLenses } from '../../server/src/features/codeLenses';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { aboveChildrenOf, KeptAnswers, nothingAbove } from '../../server/src/features/keptAnswers';
import { messageJson } from '../../server/src/messageJson';
import { buildPlanDocument } from '../../server/src/model/buildPlanDocument';
import { DocumentCache } from '../../server/src/model/documentCache';
import type { PlanDocument } from '../../server/src/model/planDocument';
import { bundledTemplate } from '../../server/src/template/bundledTemplate';
import type { PlanTemplate } from '../../server/src/template/planTemplate';
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
	template: PlanTemplate = bundledTemplate(),
): void {
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
		// The answers kept from the previous version, and their kept JSON, are those of the fresh model.
		for (const listed of ['all', 'blocks'] as const) {
			const symbols = documentSymbols(incremental, defaultSettings.progress, listed);
			assert.deepEqual(symbols, documentSymbols(fresh, defaultSettings.progress, listed));
			assert.equal(messageJson({ result: symbols }), JSON.stringify({ result: symbols }));
		}
		const lenses = codeLenses(incremental, defaultSettings);
		assert.deepEqual(lenses, codeLenses(fresh, defaultSettings));
		assert.equal(messageJson(lenses), JSON.stringify(lenses));
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

	test('a section the edit left alone is told again when a definition elsewhere turns its placeholder into a link', () => {
		const plan =
			'# Implementation Plan: X\n\n## 1. Technical Context\n\nStack: [Description]\n\n## 2. Constitution Check\n\ntext\n';
		const template = bundledTemplate();
		const cache = new DocumentCache();
		const first = cache.get({ uri: 'file:///plan.md', version: 1, text: plan }, template, true);
		const detail = (document: PlanDocument) =>
			documentSymbols(document, defaultSettings.progress)[0].children?.find(symbol => symbol.name.startsWith('1.'))
				?.detail;
		assert.equal(detail(first), '1 placeholder');
		const defined = `${plan}\n[description]: ./notes.md\n`;
		const second = cache.get({ uri: 'file:///plan.md', version: 2, text: defined }, template, true);
		assert.equal(detail(second), undefined, 'a bracket naming a definition is a link');
		editedModelsEqualFresh(plan, [{ at: plan.length, remove: 0, insert: '\n[description]: ./notes.md\n' }]);
	});

	test('an answer is kept only under the same sections and blocks, never for the title', () => {
		const template = bundledTemplate();
		const document = new DocumentCache().get(
			{ uri: 'file:///plan.md', version: 1, text: examplePlanText },
			template,
			true,
		);
		const kept = new KeptAnswers<string>();
		const context = kept.contextOf(document, [defaultSettings]);
		const section = document.nodes.find(node => node.kind === 'section' && node.children.length > 0)!;
		const child = section.children[0];
		const above = aboveChildrenOf(section, nothingAbove);
		kept.set(child, context, above, 'answer');
		assert.equal(kept.get(child, context, above), 'answer');
		assert.equal(
			kept.get(child, kept.contextOf(document, [defaultSettings]), aboveChildrenOf(section, nothingAbove)),
			'answer',
		);
		// A section above that governs the node's fields differently, or other settings: made again.
		assert.equal(kept.get(child, context, { ...above, sectionId: 'another' }), undefined);
		assert.equal(kept.get(child, kept.contextOf(document, [{ ...defaultSettings }]), above), undefined);
		kept.set(document.title!, context, nothingAbove, 'whole plan');
		assert.equal(
			kept.get(document.title!, context, nothingAbove),
			undefined,
			"the title counts the whole plan's tasks",
		);
	});

	test("a short title before the plan's first heading still counts the whole plan's tasks after an edit below it", () => {
		// Found by the property above: "#" makes an empty title whose own text ends before the tasks it counts.
		editedModelsEqualFresh(examplePlanText, [
			{ at: 0, remove: 0, insert: '#\n' },
			{ at: 3, remove: 0, insert: '\n' },
			{ at: 0, remove: 0, insert: '' },
		]);
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

/** The model of `text` after the model of `before`, as the server builds it. */
function modelsOf(before: string, text: string): [PlanDocument, PlanDocument] {
	const cache = new DocumentCache();
	const template = bundledTemplate();
	const first = cache.get({ uri: 'file:///plan.md', version: 1, text: before }, template, true);
	return [first, cache.get({ uri: 'file:///plan.md', version: 2, text }, template, true)];
}

describe('outline replay', () => {
	const plan = examplePlanText;
	const gate = plan.indexOf('**Gate 2**');
	const question = plan.indexOf('How many pending changes');
	// Edits that change no heading, bold block lead or rule, and none of their order: the outline is replayed.
	const replayed: [string, { at: number; remove: number; insert: string }][] = [
		['typing in a paragraph', { at: question, remove: 0, insert: 'x' }],
		['a line break in a paragraph', { at: question, remove: 0, insert: '\n' }],
		['deleting a line break', { at: plan.indexOf('\n', question), remove: 1, insert: '' }],
		["a space after a heading's text", { at: plan.indexOf('\n', plan.indexOf('### 1.2')), remove: 0, insert: '  ' }],
		['typing in a task', { at: plan.indexOf('- [ ] ') + 6, remove: 0, insert: 'Re-' }],
		['a task ticked', { at: plan.indexOf('- [ ] ') + 3, remove: 1, insert: 'x' }],
		["typing below a gate's first line", { at: plan.indexOf('\n', gate) + 1, remove: 0, insert: 'Note. ' }],
		['typing at the end of the plan', { at: plan.length, remove: 0, insert: '\nMore.' }],
	];
	for (const [name, change] of replayed) {
		test(`${name} replays the outline, as a fresh build reads it`, () => {
			const text = plan.slice(0, change.at) + change.insert + plan.slice(change.at + change.remove);
			const [first, second] = modelsOf(plan, text);
			assert.equal(second.headings.readings, first.headings.readings, 'the headings were not read again');
			// Nodes that end before the heading the edit is under are the previous version's own.
			const headingStart = plan.lastIndexOf('\n#', change.at - 1) + 1;
			const untouched = first.nodes.filter(node => node.extentEnd <= headingStart);
			assert.ok(untouched.length > 0 && untouched.every(node => second.nodes.includes(node)));
			editedModelsEqualFresh(plan, [change]);
		});
	}
	// Edits that change what the outline is built from: it is built afresh.
	const rebuilt: [string, { at: number; remove: number; insert: string }][] = [
		["a heading's text", { at: plan.indexOf('Architecture Pattern'), remove: 0, insert: 'x' }],
		['a new heading', { at: question, remove: 0, insert: '\n#### Research Task 9: New\n' }],
		['a new gate', { at: gate, remove: 0, insert: '**Gate 9**: x\n\n' }],
		["a gate's first line", { at: plan.indexOf(': ', gate) + 2, remove: 0, insert: 'x' }],
		['a rule below a gate', { at: plan.indexOf('\n', gate) + 1, remove: 0, insert: '\n---\n\n' }],
		['a fence that swallows the headings below', { at: question, remove: 0, insert: '\n```\n' }],
	];
	for (const [name, change] of rebuilt) {
		test(`${name} builds the outline afresh`, () => {
			const text = plan.slice(0, change.at) + change.insert + plan.slice(change.at + change.remove);
			const [first, second] = modelsOf(plan, text);
			assert.notEqual(second.headings.readings, first.headings.readings);
			editedModelsEqualFresh(plan, [change]);
		});
	}

	test('any sequence of keystrokes outside headings keeps the model equal to a fresh one', () => {
		const keystroke = fc.record({
			at: fc.nat(),
			remove: fc.nat({ max: 3 }),
			insert: fc.constantFrom('', 'x', ' ', '\n', '\n\n', '**', '`', '[ ]', '中文😀', '- [x] '),
		});
		fc.assert(
			fc.property(fc.array(keystroke, { minLength: 1, maxLength: 12 }), keystrokes => {
				// Keystrokes are placed where they leave every heading line as it is.
				let text = plan;
				const placed = keystrokes.map(change => {
					const at = change.at % (text.length + 1);
					const lineStart = text.lastIndexOf('\n', at - 1) + 1;
					const onHeading = text[lineStart] === '#' || (text[at] === '#' && (at === 0 || text[at - 1] === '\n'));
					const safe = onHeading ? { at, remove: 0, insert: '' } : change;
					text = text.slice(0, at) + safe.insert + text.slice(Math.min(text.length, at + safe.remove));
					return { ...safe, at };
				});
				editedModelsEqualFresh(plan, placed);
			}),
			{ numRuns: fuzzRuns(25), seed: fuzzSeed(20261203) },
		);
	});
});
