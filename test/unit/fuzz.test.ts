import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
	CodeActionKind,
	type CodeAction,
	type DocumentSymbol,
	type Position,
	type SelectionRange,
	type TextEdit,
} from 'vscode-languageserver-types';
import { readSettings } from '../../server/src/config';
import { fixAllKind } from '../../server/src/protocol';
import { createLanguageService, type PlanLanguageService } from '../../server/src/languageService';
import type { ProgressNode } from '../../server/src/protocol';
import { fuzzRuns, fuzzSeed, planLikeDocument, positionSeeds, rawMarkdownDocument } from './fuzzDocuments';
import {
	applyStrictly,
	assertMoveKeepsEveryLine,
	assertRemovalKeepsOtherLines,
	assertSubsequence,
	contains,
	DocumentShape,
	isBefore,
	show,
	untouchedLines,
} from './fuzzInvariants';
import { MemoryFileSystem } from './memoryFileSystem';
import { bundledTemplateText, examplePlanText } from './support';

/*
 * Property-based fuzzing of every feature of the language service: whatever the text, no
 * exception escapes, every range lies inside the document, and every quick fix applies cleanly
 * and keeps the lines it should keep. `npm run fuzz` runs many more cases (PLANMARK_FUZZ_RUNS).
 */

const folder = '/workspace';
const files = {
	[`${folder}/specs/001-fuzz/spec.md`]: '# Spec\n\n## User Scenarios\n',
	[`${folder}/specs/001-fuzz/data-model.md`]: '# Data Model\n\n## Key Entities\n- Note\n',
	[`${folder}/specs/001-fuzz/contracts/sync.md`]: '# Sync API\n',
	[`${folder}/docs/custom-template.md`]: bundledTemplateText,
};

/** Where a fuzzed document lives, which decides what governs it. */
const placements = {
	plan: `file://${folder}/specs/001-fuzz/plan.md`,
	notes: `file://${folder}/specs/001-fuzz/notes.md`,
	template: `file://${folder}/.specify/templates/plan-template.md`,
	custom: `file://${folder}/docs/rfcs/0001-fuzz.md`,
} as const;

/** Mostly the defaults: changing settings forgets every model, which would slow each case down. */
const settingsArbitrary = fc.oneof(
	{ weight: 12, arbitrary: fc.constant({ countGates: false, degraded: false, format: 'both' }) },
	{
		weight: 1,
		arbitrary: fc.record({
			countGates: fc.boolean(),
			degraded: fc.boolean(),
			format: fc.constantFrom('both', 'count', 'percentage'),
		}),
	},
);

interface Case {
	readonly text: string;
	readonly placement: keyof typeof placements;
	readonly positions: readonly { line: number; character: number }[];
	/** `degraded` sets planmark.fullAnalysisLimit so low that most documents get only their outline and progress. */
	readonly settings: { countGates: boolean; degraded: boolean; format: string };
	/** A template for the `custom` placement; the bundled one otherwise. */
	readonly template?: string;
	/** Also runs the workspace-wide features (symbols and progress of every plan) with the document open. */
	readonly workspace?: boolean;
}

/**
 * One service for all of a property's cases: each case changes the settings and the custom
 * template only when they differ from the last case's, and forgets its document afterwards.
 */
function fuzzService(): (fuzzCase: Case) => Promise<void> {
	const fileSystem = new MemoryFileSystem(files);
	const service = createLanguageService({ fileSystem, warn: () => undefined });
	service.setWorkspaceFolders([folder]);
	let template = bundledTemplateText;
	let settings = '';
	return async fuzzCase => {
		if ((fuzzCase.template ?? bundledTemplateText) !== template) {
			template = fuzzCase.template ?? bundledTemplateText;
			fileSystem.write(`${folder}/docs/custom-template.md`, template);
			service.templateChanged();
		}
		if (JSON.stringify(fuzzCase.settings) !== settings) {
			settings = JSON.stringify(fuzzCase.settings);
			service.updateSettings(
				readSettings({
					templates: { 'docs/rfcs/*.md': 'docs/custom-template.md' },
					progress: { countGates: fuzzCase.settings.countGates },
					codeLens: { format: fuzzCase.settings.format },
					fullAnalysisLimit: fuzzCase.settings.degraded ? 40 : undefined,
				}),
			);
		}
		await checkEveryFeature(service, fuzzCase);
	};
}

let version = 0;

/** Runs every feature on the case's document and checks what must hold of each answer. */
async function checkEveryFeature(service: PlanLanguageService, fuzzCase: Case): Promise<void> {
	const uri = placements[fuzzCase.placement];
	const text = fuzzCase.text;
	const document = { uri, version: ++version, getText: () => text };
	const shape = new DocumentShape(text);
	const positions: Position[] = fuzzCase.positions.map(seed => {
		const line = seed.line % shape.lineCount;
		return { line, character: seed.character % (shape.lines[line].length + 1) };
	});
	try {
		checkSymbols(shape, service.getDocumentSymbols(document));
		for (const range of service.getFoldingRanges(document)) {
			assert.ok(
				range.startLine >= 0 && range.startLine <= range.endLine && range.endLine < shape.lineCount,
				`folding range ${range.startLine}–${range.endLine} is outside the document's ${shape.lineCount} lines`,
			);
		}
		for (const lens of service.getCodeLenses(document)) {
			shape.assertRange(lens.range, `code lens "${lens.command?.title}"`);
		}
		for (const link of service.getDocumentLinks(document)) {
			shape.assertRange(link.range, `document link to ${link.target}`);
		}
		checkProgress(shape, service, document);
		// Requests at one position each use the first and the last of the case's positions; the toggle spans the lines between them.
		const first = positions[0];
		const last = positions[positions.length - 1];
		checkCompletions(shape, service, document, first);
		service.getDefinition(document, last);
		const [from, to] = isBefore(last, first) ? [last, first] : [first, last];
		checkToggles(shape, service.getToggleTaskEdits(document, [{ start: from, end: to }]), 'toggling tasks');
		checkToggles(shape, service.getCompleteSectionEdits(document, last), 'marking the section done');
		checkSelectionRanges(shape, service.getSelectionRanges(document, positions), positions);
		checkFixes(shape, service, document);
		if (fuzzCase.workspace) {
			for (const symbol of await service.getWorkspaceSymbols('', [document])) {
				if ('range' in symbol.location && symbol.location.uri === uri) {
					shape.assertRange(symbol.location.range, `workspace symbol "${symbol.name}"`);
				}
			}
			await service.getWorkspaceProgress([document]);
		}
	} finally {
		service.closeDocument(uri);
	}
}

function checkSymbols(shape: DocumentShape, symbols: readonly DocumentSymbol[], parent?: DocumentSymbol): void {
	for (const symbol of symbols) {
		shape.assertRange(symbol.range, `symbol "${symbol.name}"`);
		shape.assertRange(symbol.selectionRange, `selection range of symbol "${symbol.name}"`);
		assert.ok(
			contains(symbol.range, symbol.selectionRange),
			`symbol "${symbol.name}": its selection range ${show(symbol.selectionRange.start)}–${show(symbol.selectionRange.end)} is outside its range ${show(symbol.range.start)}–${show(symbol.range.end)}`,
		);
		if (parent) {
			assert.ok(
				contains(parent.range, symbol.range),
				`symbol "${symbol.name}" ${show(symbol.range.start)}–${show(symbol.range.end)} reaches outside its parent "${parent.name}" ${show(parent.range.start)}–${show(parent.range.end)}`,
			);
		}
		checkSymbols(shape, symbol.children ?? [], symbol);
	}
}

function checkProgress(
	shape: DocumentShape,
	service: PlanLanguageService,
	document: { uri: string; version: number; getText(): string },
): void {
	const progress = service.getDocumentProgress(document)!;
	assert.ok(progress.done >= 0 && progress.done <= progress.total, `progress ${progress.done}/${progress.total}`);
	const visit = (nodes: readonly ProgressNode[]) => {
		for (const node of nodes) {
			shape.assertRange(node.range, `progress node "${node.name}"`);
			assert.ok(node.done >= 0 && node.done <= node.total, `progress node "${node.name}": ${node.done}/${node.total}`);
			if (node.nextOpen) {
				shape.assertPosition(node.nextOpen, `next open item of "${node.name}"`);
			}
			visit(node.children);
		}
	};
	visit(progress.outline);
	for (const item of progress.openItems) {
		shape.assertPosition(item.position, `open item "${item.text}"`);
	}
}

function checkCompletions(
	shape: DocumentShape,
	service: PlanLanguageService,
	document: { uri: string; version: number; getText(): string },
	position: Position,
): void {
	for (const item of service.getCompletions(document, position)) {
		for (const additional of item.additionalTextEdits ?? []) {
			shape.assertRange(additional.range, `additional edit of completion "${item.label}" at ${show(position)}`);
		}
		const edit = item.textEdit;
		if (!edit) {
			continue;
		}
		const ranges = 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
		for (const range of ranges) {
			shape.assertRange(range, `completion "${item.label}" at ${show(position)}`);
			assert.ok(
				range.start.line === position.line && range.end.line === position.line && contains(range, position),
				`completion "${item.label}" at ${show(position)} edits ${show(range.start)}–${show(range.end)}: an editor accepts only a range on the cursor's line that contains the cursor`,
			);
		}
	}
}

function checkToggles(shape: DocumentShape, edits: readonly TextEdit[], what: string): void {
	const result = applyStrictly(shape, edits, what).split(/\r\n|\r|\n/);
	assert.equal(result.length, shape.lineCount, `${what} changed the number of lines`);
	result.forEach((line, index) => {
		const original = shape.lines[index];
		if (line === original) {
			return;
		}
		const differing = Array.from(line, (_, at) => at).flatMap(at =>
			line[at] === original[at] ? [] : [[original[at], line[at]]],
		);
		assert.ok(
			line.length === original.length &&
				differing.length === 1 &&
				/^[ xX]$/.test(differing[0][0]) &&
				/^[ xX]$/.test(differing[0][1]),
			`${what} changed line ${index} from ${JSON.stringify(original)} to ${JSON.stringify(line)}, not just its box`,
		);
	});
}

function checkSelectionRanges(
	shape: DocumentShape,
	selections: readonly SelectionRange[],
	positions: readonly Position[],
): void {
	assert.equal(selections.length, positions.length, 'one selection range per position');
	selections.forEach((selection, index) => {
		const position = positions[index];
		let previous: SelectionRange | undefined;
		for (let at: SelectionRange | undefined = selection; at; at = at.parent) {
			shape.assertRange(at.range, `selection range at ${show(position)}`);
			if (previous) {
				assert.ok(
					contains(at.range, previous.range),
					`selection range at ${show(position)}: ${show(at.range.start)}–${show(at.range.end)} does not contain the range before it, ${show(previous.range.start)}–${show(previous.range.end)}`,
				);
			} else {
				assert.ok(
					contains(at.range, position),
					`selection range at ${show(position)}: the first range ${show(at.range.start)}–${show(at.range.end)} does not contain the cursor`,
				);
			}
			previous = at;
		}
	});
}

/** Every quick fix of every diagnostic, and the fix-all, applied to the text. */
function checkFixes(
	shape: DocumentShape,
	service: PlanLanguageService,
	document: { uri: string; version: number; getText(): string },
): void {
	const diagnostics = service.getDiagnostics(document);
	for (const diagnostic of diagnostics) {
		shape.assertRange(diagnostic.range, `diagnostic ${diagnostic.code}`);
	}
	// One request for every diagnostic, as an editor asks for a line's fixes; each fix names its diagnostic.
	for (const action of service.getCodeActions(document, diagnostics, [CodeActionKind.QuickFix])) {
		const [diagnostic, ...others] = action.diagnostics ?? [];
		assert.ok(diagnostic && others.length === 0, `quick fix "${action.title}" names the one diagnostic it fixes`);
		const what = `quick fix "${action.title}" for ${diagnostic.code} at ${show(diagnostic.range.start)}`;
		const edits = editsOf(action, document.uri);
		const result = applyStrictly(shape, edits, what);
		assertSubsequence(result.split(/\r\n|\r|\n/), untouchedLines(shape, edits), what);
		if (diagnostic.code === 'plan.repeat-marker' || diagnostic.code === 'plan.template-text') {
			assertRemovalKeepsOtherLines(shape, result, diagnostic.range, what);
		} else if (diagnostic.code === 'plan.section-order') {
			assertMoveKeepsEveryLine(shape, result, what);
		}
	}
	for (const action of service.getCodeActions(document, diagnostics, [fixAllKind])) {
		const edits = editsOf(action, document.uri);
		const result = applyStrictly(shape, edits, action.title);
		assertSubsequence(result.split(/\r\n|\r|\n/), untouchedLines(shape, edits), action.title);
	}
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
	assert.ok(action.edit?.changes, `"${action.title}" carries its edit`);
	assert.deepEqual(Object.keys(action.edit.changes), [uri], `"${action.title}" edits only its own document`);
	return action.edit.changes[uri];
}

const placementArbitrary = fc.constantFrom<keyof typeof placements>(
	'plan',
	'plan',
	'plan',
	'plan',
	'notes',
	'template',
	'custom',
);

/** A run of the example plan's lines, cut and pasted at random: realistic plans, kept small. */
const examplePlanExcerpt = fc
	.record({
		from: fc.nat(),
		length: fc.integer({ min: 3, max: 30 }),
		edits: fc.array(
			fc.record({ at: fc.nat(), remove: fc.nat({ max: 60 }), insert: planLikeDocument.map(text => text.slice(0, 80)) }),
			{ maxLength: 3 },
		),
	})
	.map(({ from, length, edits }) => {
		const lines = examplePlanText.split('\n');
		const start = from % lines.length;
		const excerpt = [lines[0], ...lines.slice(start, start + length)].join('\n');
		return edits.reduce((text, edit) => {
			const at = edit.at % (text.length + 1);
			return text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
		}, excerpt);
	});

/** The properties, each with its default number of cases (10,000 in all) and its seed. */
const properties = {
	'plan-like documents: no exception, every range inside the document, every quick fix applies cleanly and keeps the lines it should':
		{
			cases: fc.record({
				text: planLikeDocument,
				placement: placementArbitrary,
				positions: positionSeeds,
				settings: settingsArbitrary,
			}),
			runs: 4000,
			seed: 20261201,
		},
	'raw markdown with any code point, NUL, lone surrogates and mixed line endings: the same guarantees': {
		cases: fc.record({
			text: rawMarkdownDocument,
			placement: placementArbitrary,
			positions: positionSeeds,
			settings: settingsArbitrary,
		}),
		runs: 5000,
		seed: 20261202,
	},
	'plans governed by a fuzzed template: the same guarantees, whatever the template says': {
		cases: fc.record({
			text: planLikeDocument,
			placement: fc.constant('custom' as const),
			positions: positionSeeds,
			settings: settingsArbitrary,
			template: planLikeDocument,
			workspace: fc.constant(true),
		}),
		runs: 600,
		seed: 20261203,
	},
	'excerpts of the example plan cut and pasted at random: the same guarantees on realistic plans': {
		cases: fc.record({
			text: examplePlanExcerpt,
			placement: fc.constant('plan' as const),
			positions: positionSeeds,
			settings: settingsArbitrary,
			workspace: fc.constant(true),
		}),
		runs: 400,
		seed: 20261204,
	},
} satisfies Record<string, { cases: fc.Arbitrary<Case>; runs: number; seed: number }>;

describe('fuzzing every feature of the language service', () => {
	for (const [name, { cases, runs, seed }] of Object.entries(properties)) {
		test(name, async () => {
			// fast-check reports a failing case as JSON, ready to paste into a unit test.
			await fc.assert(fc.asyncProperty(cases, fuzzService()), {
				numRuns: fuzzRuns(runs),
				seed: fuzzSeed(seed),
				includeErrorInReport: true,
			});
		});
	}
});
