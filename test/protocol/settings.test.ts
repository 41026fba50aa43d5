import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { withServer } from './lspClient';
import { codes, examplePlanText, exampleUri, testOptions } from './support';

/* Settings as editors send them: initializationOptions, pushed or pulled configuration. */

describe('settings', () => {
	test('turns placeholder diagnostics off through initializationOptions', testOptions, async () => {
		await withServer({ initializationOptions: { planmark: { diagnostics: { placeholder: 'off' } } } }, async client => {
			await client.didOpen(exampleUri, examplePlanText);
			assert.deepEqual(codes(await client.nextDiagnostics(exampleUri)), ['plan.unresolved-choice']);
		});
	});

	test('applies settings pushed with workspace/didChangeConfiguration to open plans', testOptions, async () => {
		await withServer({}, async client => {
			await client.didOpen(exampleUri, examplePlanText);
			assert.deepEqual(codes(await client.nextDiagnostics(exampleUri)), [
				'plan.placeholder',
				'plan.placeholder',
				'plan.unresolved-choice',
			]);
			await client.didChangeConfiguration({ diagnostics: { 'unresolved-choice': 'off', placeholder: 'error' } });
			const published = await client.nextDiagnostics(exampleUri);
			assert.deepEqual(codes(published), ['plan.placeholder', 'plan.placeholder']);
			assert.deepEqual(
				published.diagnostics.map(diagnostic => diagnostic.severity),
				[DiagnosticSeverity.Error, DiagnosticSeverity.Error],
			);
		});
	});

	test('pulls settings with workspace/configuration, and pulls them again on a change', testOptions, async () => {
		await withServer({ configuration: { diagnostics: { placeholder: 'off' } } }, async client => {
			await client.didOpen(exampleUri, examplePlanText);
			const first = await client.diagnosticsUntil(
				exampleUri,
				published => !codes(published).includes('plan.placeholder'),
			);
			assert.deepEqual(codes(first), ['plan.unresolved-choice']);
			await client.didChangeConfiguration({ diagnostics: { placeholder: 'hint' } });
			const published = await client.nextDiagnostics(exampleUri);
			assert.deepEqual(codes(published), ['plan.placeholder', 'plan.placeholder', 'plan.unresolved-choice']);
			assert.equal(published.diagnostics[0].severity, DiagnosticSeverity.Hint);
		});
	});

	test(
		'lists only non-heading blocks as symbols when the editor says it lists markdown headings itself, and everything otherwise',
		testOptions,
		async () => {
			const names = (symbols: { name: string; children?: unknown[] }[]) => symbols.map(symbol => symbol.name);
			await withServer({ initializationOptions: { editor: { listsMarkdownHeadings: true } } }, async client => {
				await client.didOpen(exampleUri, examplePlanText);
				assert.deepEqual(names(await client.documentSymbols(exampleUri)), [
					'Gate 1: Sync protocol reviewed',
					'Gate 2: Storage budget on low-end devices',
					'Risk 1: Data loss during the storage migration',
					'Risk 2: Queue growth on devices offline for weeks',
					'Question 1: Should photos sync over cellular by default?',
					'Decision 1: End-to-end encryption of notes',
				]);
				await client.didChangeConfiguration({ symbols: 'all' });
				await client.nextDiagnostics(exampleUri);
				assert.deepEqual(
					names(await client.documentSymbols(exampleUri)),
					['Implementation Plan: Offline Sync for Field Notes'],
					'planmark.symbols: all brings the whole tree back',
				);
			});
			await withServer({}, async client => {
				await client.didOpen(exampleUri, examplePlanText);
				assert.deepEqual(
					names(await client.documentSymbols(exampleUri)),
					['Implementation Plan: Offline Sync for Field Notes'],
					'other editors get the whole tree',
				);
			});
		},
	);

	test(
		'corrects the diagnostics of a plan opened before a slow editor answered workspace/configuration',
		testOptions,
		async () => {
			await withServer({ configuration: { diagnostics: { placeholder: 'off' } } }, async client => {
				const release = client.holdConfiguration();
				await client.didOpen(exampleUri, examplePlanText);
				// The round trip makes sure the server has the document before its settings arrive.
				await client.documentSymbols(exampleUri);
				release();
				const published = await client.diagnosticsUntil(
					exampleUri,
					candidate => !codes(candidate).includes('plan.placeholder'),
					1000,
				);
				assert.deepEqual(codes(published), ['plan.unresolved-choice']);
			});
		},
	);
});
