import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ClientCapabilities, CodeLens, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { type LspClient, withServer } from './lspClient';
import { examplePlanText, placeholderLine, pullingDiagnostics, temporaryFolder, testOptions } from './support';

/*
 * A client that pulls diagnostics and resolves lenses (VS Code's does both) is sent less: an
 * unchanged set of problems is answered by its id, and lenses carry their titles only when shown.
 * What it finally sees is what a client that is pushed everything sees.
 */

/** What VS Code's client declares: pull diagnostics, and lenses resolved when shown. */
const pulling = (capabilities: ClientCapabilities): ClientCapabilities => {
	const pulled = pullingDiagnostics(capabilities);
	return {
		...pulled,
		textDocument: { ...pulled.textDocument, codeLens: { resolveSupport: { properties: ['command'] } } },
	};
};

function workspaceWithPlan(): { folder: string; uri: string } {
	const folder = temporaryFolder();
	writeFileSync(path.join(folder, 'plan.md'), examplePlanText);
	return { folder, uri: URI.file(path.join(folder, 'plan.md')).toString() };
}

function pull(client: LspClient, uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
	return client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
		textDocument: { uri },
		identifier: 'planmark',
		previousResultId,
	});
}

/** The line of the example plan's placeholder, where typing changes no problem but the placeholder's own. */
const placeholderAt = examplePlanText.split('\n').indexOf(placeholderLine);

describe('a client that pulls diagnostics', () => {
	test(
		'gets the same problems as a pushed client, "unchanged" while they stay the same, and nothing pushed',
		testOptions,
		async () => {
			const { folder, uri } = workspaceWithPlan();
			let pushed: unknown[] = [];
			await withServer({ workspaceFolders: [folder] }, async client => {
				await client.didOpen(uri, examplePlanText);
				pushed = (await client.nextDiagnostics(uri)).diagnostics;
			});
			assert.ok(pushed.length > 0, 'the example plan has problems');
			await withServer({ workspaceFolders: [folder], capabilities: pulling }, async client => {
				await client.didOpen(uri, examplePlanText);
				const first = await pull(client, uri);
				assert.equal(first.kind, 'full');
				assert.deepEqual(first.kind === 'full' && first.items, pushed);
				const again = await pull(client, uri, first.resultId);
				assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });

				// A keystroke in a paragraph far from every problem: the same problems, so nothing is sent again.
				const calm = examplePlanText.split('\n').findIndex(line => /^[A-Z][a-z].{30,}$/.test(line));
				await client.didChange(uri, [
					{ range: { start: { line: calm, character: 1 }, end: { line: calm, character: 1 } }, text: 'a' },
				]);
				assert.deepEqual(await pull(client, uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });

				// Filling in a placeholder removes its problem: a full report with a new id.
				const column = placeholderLine.indexOf('[Service 2]');
				await client.didChange(uri, [
					{
						range: {
							start: { line: placeholderAt, character: column },
							end: { line: placeholderAt, character: column + '[Service 2]'.length },
						},
						text: 'Billing API',
					},
				]);
				const changed = await pull(client, uri, first.resultId);
				assert.equal(changed.kind, 'full');
				assert.notEqual(changed.resultId, first.resultId);
				assert.equal(changed.kind === 'full' && changed.items.length, pushed.length - 1);
				await client.didClose(uri);
				assert.equal(client.messages.diagnostics.length, 0, 'no publishDiagnostics to a client that pulls');
			});
		},
	);

	test('is asked to pull again when a template changes on disk', testOptions, async () => {
		const { folder, uri } = workspaceWithPlan();
		const templatePath = path.join(folder, '.specify', 'templates', 'plan-template.md');
		await withServer({ workspaceFolders: [folder], capabilities: pulling }, async client => {
			let refreshes = 0;
			client.onRequest('workspace/diagnostic/refresh', () => {
				refreshes++;
				return null;
			});
			await client.didOpen(uri, examplePlanText);
			await pull(client, uri);
			mkdirSync(path.dirname(templatePath), { recursive: true });
			writeFileSync(templatePath, '# Implementation Plan: [FEATURE]\n\n## 1. Summary\n[Summary]\n');
			await client.didChangeWatchedFiles([{ uri: URI.file(templatePath).toString(), type: FileChangeType.Created }]);
			for (let waited = 0; refreshes === 0 && waited < 2000; waited += 20) {
				await new Promise(resolve => setTimeout(resolve, 20));
			}
			assert.equal(refreshes, 1, 'one refresh request');
			const after = await pull(client, uri);
			assert.equal(after.kind, 'full');
		});
	});
});

describe('a client that resolves lenses', () => {
	test(
		'gets lenses without titles, and resolving each gives what a client without resolve sees',
		testOptions,
		async () => {
			const { folder, uri } = workspaceWithPlan();
			let whole: CodeLens[] = [];
			await withServer({ workspaceFolders: [folder] }, async client => {
				await client.didOpen(uri, examplePlanText);
				whole = await client.codeLenses(uri);
			});
			assert.ok(whole.length > 3 && whole.every(lens => lens.command?.title));
			await withServer({ workspaceFolders: [folder], capabilities: pulling }, async client => {
				await client.didOpen(uri, examplePlanText);
				const bare = await client.codeLenses(uri);
				assert.equal(bare.length, whole.length);
				assert.ok(bare.every(lens => lens.command === undefined));
				assert.ok(
					JSON.stringify(bare).length < JSON.stringify(whole).length / 2,
					`${JSON.stringify(bare).length} bytes unresolved against ${JSON.stringify(whole).length} whole`,
				);
				const resolved = await Promise.all(bare.map(lens => client.request<CodeLens>('codeLens/resolve', lens)));
				assert.deepEqual(
					resolved.map(lens => ({ range: lens.range, command: lens.command })),
					whole.map(lens => ({ range: lens.range, command: lens.command })),
				);
			});
		},
	);
});
