import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { defaultSettings, listedSymbols, readSettings } from '../../server/src/config';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { examplePlanText, joinLines, planOf, releaseTemplate, textAt } from './support';

function tree(symbols: readonly DocumentSymbol[], indent = ''): string[] {
	return symbols.flatMap(symbol => [`${indent}${symbol.name}`, ...tree(symbol.children ?? [], `${indent}  `)]);
}

describe('outline', () => {
	const document = planOf(examplePlanText);
	const symbols = documentSymbols(document, defaultSettings.progress);

	test('nests numbered sections, unnumbered subsections and blocks as the template does', () => {
		const lines = tree(symbols);
		const expectations = [
			'  1. Technical Context',
			'    1.1 Technology Stack',
			'      Code Style & Standards',
			'    2.2 Gate Evaluation',
			'      Gate 1: Sync protocol reviewed',
			'      Gate 2: Storage budget on low-end devices',
			'      Research Task 2: SQLite WAL on Android 10',
			'      Phase 2: Sync engine',
			'      Risk 1: Data loss during the storage migration',
			'  Notes',
		];
		for (const expected of expectations) {
			assert.ok(lines.includes(expected), `outline has "${expected}"`);
		}
		assert.equal(symbols.length, 1);
		assert.equal(symbols[0].name, 'Implementation Plan: Offline Sync for Field Notes');
	});

	test('spans each symbol over its whole body and selects its heading', () => {
		const technical = symbols[0].children!.find(symbol => symbol.name === '1. Technical Context')!;
		assert.equal(textAt(document, technical.selectionRange), '## 1. Technical Context');
		const body = textAt(document, technical.range);
		assert.ok(body.startsWith('## 1. Technical Context'));
		assert.ok(
			body.endsWith('- [ ] Which conflict policy do field teams expect for photos?'),
			'ends at the last line before the --- separator and section 2',
		);
		const gate = symbols[0].children![1].children![1].children![0];
		assert.equal(textAt(document, gate.selectionRange), '**Gate 1**: Sync protocol reviewed');
		assert.ok(textAt(document, gate.range).endsWith('Reviewed with the platform team on 2026-11-04.'));
	});

	test('tells sections, blocks, gates and the title apart by kind, with progress as detail', () => {
		const plan = symbols[0];
		const strategy = plan.children!.find(symbol => symbol.name.startsWith('5.'))!;
		const phases = strategy.children![0];
		assert.equal(plan.kind, SymbolKind.File);
		assert.equal(strategy.kind, SymbolKind.Module);
		assert.equal(phases.children![0].kind, SymbolKind.Class);
		assert.equal(plan.children![1].children![1].children![0].kind, SymbolKind.Event);
		assert.equal(phases.children![0].detail, '3/4 done');
		assert.equal(plan.children![1].children![1].children![0].detail, 'Status: PASS');
	});

	test('mirrors a different template the same way', () => {
		const release = planOf(
			joinLines([
				'# Release Plan: 4.2',
				'## B. Milestones',
				'### Milestone 1: Beta',
				'- Decision: GO',
				'### Milestone 2: GA',
				'## C. Sign-off',
				'**Approver 1**: Dana, CTO',
				'- Verdict: Approved',
			]),
			releaseTemplate(),
		);
		assert.deepEqual(tree(documentSymbols(release, defaultSettings.progress)), [
			'Release Plan: 4.2',
			'  B. Milestones',
			'    Milestone 1: Beta',
			'    Milestone 2: GA',
			'  C. Sign-off',
			'    Approver 1: Dana, CTO',
		]);
	});
});

describe('symbols beside an editor that lists markdown headings itself', () => {
	const document = planOf(examplePlanText);

	test('"blocks" lists only the blocks no heading outline has (gates, risks, questions, decisions), with their kinds and details', () => {
		const symbols = documentSymbols(document, defaultSettings.progress, 'blocks');
		assert.deepEqual(
			symbols.map(symbol => `${symbol.name} (${symbol.detail ?? ''})`),
			[
				'Gate 1: Sync protocol reviewed (Status: PASS)',
				'Gate 2: Storage budget on low-end devices ()',
				'Risk 1: Data loss during the storage migration ()',
				'Risk 2: Queue growth on devices offline for weeks ()',
				'Question 1: Should photos sync over cellular by default? ()',
				'Decision 1: End-to-end encryption of notes ()',
			],
		);
		assert.deepEqual(
			symbols.map(symbol => symbol.kind),
			[SymbolKind.Event, SymbolKind.Event, SymbolKind.Struct, SymbolKind.Struct, SymbolKind.Struct, SymbolKind.Struct],
		);
		const headings = new Set(
			examplePlanText
				.split('\n')
				.filter(line => /^#{1,6} /.test(line))
				.map(line => line.replace(/^#+ /, '')),
		);
		assert.ok(
			tree(symbols).every(name => !headings.has(name.trim())),
			'no heading is listed',
		);
	});

	test('"blocks" lists bold-led blocks of another template too, and nothing for a plan without any', () => {
		const release = planOf(
			joinLines([
				'# Release Plan: 4.2',
				'## B. Milestones',
				'### Milestone 1: Beta',
				'## C. Sign-off',
				'**Approver 1**: Dana, CTO',
				'**Approver 2**: Sam, QA',
			]),
			releaseTemplate(),
		);
		assert.deepEqual(tree(documentSymbols(release, defaultSettings.progress, 'blocks')), [
			'Approver 1: Dana, CTO',
			'Approver 2: Sam, QA',
		]);
		assert.deepEqual(
			documentSymbols(
				planOf(joinLines(['# Implementation Plan: X', '## 1. Technical Context'])),
				defaultSettings.progress,
				'blocks',
			),
			[],
		);
	});

	test('"none" lists nothing', () => {
		assert.deepEqual(documentSymbols(document, defaultSettings.progress, 'none'), []);
	});

	test('"auto" is "blocks" when the editor lists headings and "all" otherwise; an explicit choice stands', () => {
		assert.equal(listedSymbols(readSettings({}), true), 'blocks');
		assert.equal(listedSymbols(readSettings({}), false), 'all');
		assert.equal(listedSymbols(readSettings({ symbols: 'all' }), true), 'all');
		assert.equal(listedSymbols(readSettings({ symbols: 'none' }), false), 'none');
		assert.equal(
			listedSymbols(readSettings({ symbols: 'everything' }), false),
			'all',
			'an unknown value is the default, auto',
		);
	});
});

describe('folding', () => {
	test('folds every section and block, and multi-line lists and code blocks', () => {
		const document = planOf(
			joinLines([
				'# Implementation Plan: X',
				'## 1. Technical Context',
				'- a',
				'- b',
				'',
				'```',
				'code',
				'```',
				'## 2. Constitution Check',
				'text',
			]),
		);
		const ranges = foldingRanges(document).map(range => `${range.startLine}-${range.endLine}`);
		assert.deepEqual(ranges, ['0-9', '1-7', '2-3', '5-7', '8-9']);
	});
});
