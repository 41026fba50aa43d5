import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
	CodeAction,
	Diagnostic,
	DocumentLink,
	Location,
	SelectionRange,
	TextEdit,
	WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { withServer } from './lspClient';
import { exampleFolder, examplePlanText, temporaryFolder, testOptions } from './support';

/* Navigation and quick-fix requests of the built server, driven over stdio as an editor drives them. */

function workspaceWithTwoPlans(): { folder: string; planUri: string } {
	const folder = temporaryFolder();
	cpSync(exampleFolder, path.join(folder, 'specs', '042-offline-sync'), { recursive: true });
	writeFileSync(
		path.join(folder, 'specs', 'billing-plan.md'),
		'# Implementation Plan: Billing\n\n## 5. Phase 2: Implementation Strategy\n\n### 5.3 Risk Mitigation\n\n**Risk 1**: Double charges\n- **Impact**: High\n',
	);
	return { folder, planUri: URI.file(path.join(folder, 'specs', '042-offline-sync', 'plan.md')).toString() };
}

function apply(text: string, edits: readonly TextEdit[]): string {
	return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), [...edits]);
}

describe('navigation over the protocol', () => {
	test('workspace/symbol finds risks in every plan, open or not, naming the plan', testOptions, async () => {
		const { folder, planUri } = workspaceWithTwoPlans();
		await withServer({ workspaceFolders: [folder] }, async client => {
			await client.didOpen(planUri, examplePlanText);
			const symbols = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'risk 1' });
			assert.deepEqual(symbols.map(symbol => `${symbol.name} (${symbol.containerName})`).sort(), [
				'Risk 1: Data loss during the storage migration (Offline Sync for Field Notes (specs/042-offline-sync/plan.md))',
				'Risk 1: Double charges (Billing (specs/billing-plan.md))',
			]);
		});
	});

	test(
		'documentLink and definition lead to the linked files; selectionRange grows to the plan',
		testOptions,
		async () => {
			const { folder, planUri } = workspaceWithTwoPlans();
			await withServer({ workspaceFolders: [folder] }, async client => {
				await client.didOpen(planUri, examplePlanText);
				const links = await client.request<DocumentLink[]>('textDocument/documentLink', {
					textDocument: { uri: planUri },
				});
				assert.ok(
					links.some(
						link =>
							link.target === URI.file(path.join(folder, 'specs', '042-offline-sync', 'data-model.md')).toString(),
					),
				);
				const line = examplePlanText
					.split('\n')
					.findIndex(candidate => candidate.includes('[data-model.md](./data-model.md)'));
				const character = examplePlanText.split('\n')[line].indexOf('./data-model.md') + 3;
				const definition = await client.request<Location | null>('textDocument/definition', {
					textDocument: { uri: planUri },
					position: { line, character },
				});
				assert.equal(
					definition?.uri,
					URI.file(path.join(folder, 'specs', '042-offline-sync', 'data-model.md')).toString(),
				);
				const [selection] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
					textDocument: { uri: planUri },
					positions: [{ line: 13, character: 5 }],
				});
				const chain: number[] = [];
				for (let at: SelectionRange | undefined = selection; at; at = at.parent) {
					chain.push(at.range.start.line);
				}
				assert.deepEqual(chain, [13, 11, 9, 0], 'line, 1.1, 1., the plan');
			});
		},
	);
});

describe('quick fixes over the protocol', () => {
	test(
		'textDocument/codeAction offers one fix per option for an unresolved choice, and applying one changes only the options',
		testOptions,
		async () => {
			const { folder, planUri } = workspaceWithTwoPlans();
			await withServer({ workspaceFolders: [folder] }, async client => {
				await client.didOpen(planUri, examplePlanText);
				const published = await client.nextDiagnostics(planUri);
				const choice = published.diagnostics.find(
					diagnostic => diagnostic.code === 'plan.unresolved-choice',
				) as Diagnostic;
				const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
					textDocument: { uri: planUri },
					range: choice.range,
					context: { diagnostics: [choice], only: ['quickfix'] },
				});
				assert.deepEqual(
					actions.map(action => action.title),
					['Set Status to PASS', 'Set Status to FAIL', 'Set Status to CONDITIONAL'],
				);
				const fixed = apply(examplePlanText, actions[0].edit!.changes![planUri]);
				assert.equal(fixed, examplePlanText.replace('- Status: PASS / FAIL / CONDITIONAL', '- Status: PASS'));
			});
		},
	);

	test(
		'source.fixAll.planmark removes a repeat marker and inserts the missing section, keeping every other line',
		testOptions,
		async () => {
			const { folder, planUri } = workspaceWithTwoPlans();
			const text = examplePlanText
				.replace('### 7.2 Deferred Decisions', '### 7.9 Removed')
				.replace(/\n\*\*Decision 1\*\*[\s\S]*?(?=\n---)/, '\n[Repeat structure]\n');
			await withServer({ workspaceFolders: [folder] }, async client => {
				await client.didOpen(planUri, text);
				await client.nextDiagnostics(planUri);
				const end = TextDocument.create(planUri, 'markdown', 1, text).positionAt(text.length);
				const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
					textDocument: { uri: planUri },
					range: { start: { line: 0, character: 0 }, end },
					context: { diagnostics: [], only: ['source.fixAll'] },
				});
				assert.deepEqual(
					actions.map(action => action.kind),
					['source.fixAll.planmark'],
				);
				const fixed = apply(text, actions[0].edit!.changes![planUri]);
				assert.ok(!fixed.includes('[Repeat structure]'));
				assert.ok(fixed.includes('### 7.2 Deferred Decisions'));
				for (const line of text.split('\n').filter(candidate => candidate.trim() !== '[Repeat structure]')) {
					assert.ok(fixed.includes(line), `kept "${line}"`);
				}
			});
		},
	);
});

describe('planmark requests over the protocol', () => {
	test('planmark/documentProgress gives the totals the title lens shows', testOptions, async () => {
		const { folder, planUri } = workspaceWithTwoPlans();
		await withServer({ workspaceFolders: [folder] }, async client => {
			await client.didOpen(planUri, examplePlanText);
			const progress = await client.request<{ done: number; total: number; openItems: unknown[] }>(
				'planmark/documentProgress',
				{ uri: planUri },
			);
			const lenses = await client.codeLenses(planUri);
			assert.equal(
				lenses[0].command?.title,
				`Plan: ${progress.done}/${progress.total} done · ${Math.round((progress.done / progress.total) * 100)}%`,
			);
			assert.equal(progress.openItems.length, progress.total - progress.done);
		});
	});
});
