import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultSettings, readSettings } from '../../server/src/config';
import { codeLenses } from '../../server/src/features/codeLenses';
import { diagnostics } from '../../server/src/features/diagnostics';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { buildPlanDocument } from '../../server/src/model/buildPlanDocument';
import { bundledTemplate } from '../../server/src/template/bundledTemplate';

const header = '# Implementation Plan: Stress\n\n## 1. Technical Context\n- [ ] before\n\n';

const documents: Record<string, string> = {
	'20,000 nested block quotes': `${header + '> '.repeat(20_000)}deep\n`,
	'thousands of nested lists':
		header + Array.from({ length: 3_000 }, (_, depth) => `${'  '.repeat(depth)}- [ ] item ${depth}`).join('\n'),
	'100,000 brackets on one line': header + '[a]'.repeat(33_334),
	'a single 1 MB line': header + 'word '.repeat(200_000),
	'20,000 headings': header + Array.from({ length: 20_000 }, (_, index) => `### ${index}. Heading`).join('\n'),
	'an emphasis bomb': header + '*a **b _c __d '.repeat(20_000),
	'binary garbage':
		header + Array.from({ length: 100_000 }, (_, index) => String.fromCharCode((index * 7919) % 65536)).join(''),
	'unclosed links': header + '[a]('.repeat(30_000),
	// One chunk of 0.9 MB, read by the plain reader: its searches stay within each paragraph.
	'25,000 tasks in one section': header + '- [ ] item with `code` and **bold**\n'.repeat(25_000),
};

describe('pathological documents', () => {
	for (const [name, text] of Object.entries(documents)) {
		test(`${name}: every feature answers with ranges inside the document`, () => {
			const document = buildPlanDocument({ uri: 'file:///stress/plan.md', version: 1, text }, bundledTemplate(), {
				nameIsPlan: true,
			});
			const lastLine = document.lines.lineCount - 1;
			const found = diagnostics(document, defaultSettings);
			for (const range of [...found.map(diagnostic => diagnostic.range), ...document.nodes.map(node => node.range)]) {
				assert.ok(range.start.line >= 0 && range.end.line <= lastLine);
			}
			documentSymbols(document, defaultSettings.progress);
			foldingRanges(document);
			const lenses = codeLenses(document, defaultSettings);
			assert.ok(lenses.length > 0, 'the outline and progress survive');
			assert.equal(document.title?.name, 'Implementation Plan: Stress');
		});
	}

	test('reports the part it could only scan, with its lines', () => {
		const document = buildPlanDocument(
			{ uri: 'file:///stress/plan.md', version: 1, text: documents['20,000 nested block quotes'] },
			bundledTemplate(),
			{ nameIsPlan: true },
		);
		const degraded = diagnostics(document, defaultSettings).filter(diagnostic => diagnostic.code === 'plan.degraded');
		assert.deepEqual(
			degraded.map(diagnostic => diagnostic.message),
			[
				'Lines 3–6 are nested too deeply or too long to analyse fully: only their outline and tasks are read, placeholders and choices there are not checked.',
			],
		);
	});

	test('above the size limit, shows only outline and progress and says why', () => {
		const text = `${header}- [x] after [Service 2]\n`.repeat(3);
		const settings = readSettings({ fullAnalysisLimit: 100 });
		const document = buildPlanDocument({ uri: 'file:///stress/plan.md', version: 1, text }, bundledTemplate(), {
			nameIsPlan: true,
			fullAnalysisLimit: settings.fullAnalysisLimit,
		});
		const found = diagnostics(document, settings);
		assert.deepEqual(
			found.map(diagnostic => diagnostic.code),
			['plan.degraded'],
		);
		assert.equal(
			found[0].message,
			`This plan has ${text.length} characters, more than planmark.fullAnalysisLimit (100): only its outline and progress are shown.`,
		);
		assert.equal(codeLenses(document, settings)[0].command?.title, 'Plan: 3/6 done · 50%');
	});
});
