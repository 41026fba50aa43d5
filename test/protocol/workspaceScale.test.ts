import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { DocumentSymbol, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { DocumentProgress } from '../../server/src/protocol';
import { withServer } from './lspClient';
import { examplePlanText, temporaryFolder } from './support';

/*
 * The workspace index at a scale that runs in seconds (`npm run bench:workspace` runs 2,000 plans
 * beside 20,000 other files and 5,000 pages): every plan listed once, an open document answered
 * while the index works, cancellation, limits that are said, and settings that re-read nothing.
 */

const planCount = 120;
const pageCount = 1500;
const otherFileCount = 2000;

/** A workspace of `planCount` plans (numbered risks), `pageCount` markdown pages that are not plans, and other files. */
function bigWorkspace(): string {
	const workspace = temporaryFolder('planmark-scale-');
	for (let plan = 1; plan <= planCount; plan++) {
		const folder = path.join(workspace, 'specs', `${String(plan).padStart(3, '0')}-feature`);
		mkdirSync(folder, { recursive: true });
		writeFileSync(path.join(folder, 'plan.md'), examplePlanText.replace('**Risk 1**', `**Risk 1**: Marker${plan}`));
	}
	mkdirSync(path.join(workspace, 'docs', 'pages'), { recursive: true });
	for (let page = 1; page <= pageCount; page++) {
		writeFileSync(
			path.join(workspace, 'docs', 'pages', `page-${page}.md`),
			`# Page ${page}\n\nSome text [with brackets].\n`,
		);
	}
	mkdirSync(path.join(workspace, 'src'), { recursive: true });
	for (let file = 1; file <= otherFileCount; file++) {
		writeFileSync(path.join(workspace, 'src', `file-${file}.ts`), `export const value${file} = ${file};\n`);
	}
	return workspace;
}

const workspace = bigWorkspace();
const openPlanUri = URI.file(path.join(workspace, 'specs', '001-feature', 'plan.md')).toString();
const options = { timeout: 60_000 };

describe('the workspace index at scale', () => {
	test('lists every plan once, even with a nested workspace folder, and none of the other pages', options, async () => {
		await withServer({ workspaceFolders: [workspace, path.join(workspace, 'specs')] }, async client => {
			const progress = await client.requestCancellable<DocumentProgress[]>('planmark/workspaceProgress', {}, 30_000)
				.result;
			assert.equal(progress.length, planCount);
			assert.equal(new Set(progress.map(plan => plan.uri)).size, planCount, 'no plan is listed twice');
			assert.ok(progress.every(plan => plan.title.startsWith('Implementation Plan')));
			const compact = await client.request<DocumentProgress[]>('planmark/workspaceProgress', { outline: false });
			assert.deepEqual(
				compact.map(plan => [plan.uri, plan.done, plan.total, plan.outline.length]),
				progress.map(plan => [plan.uri, plan.done, plan.total, 0]),
				'without outlines, the same plans and progress',
			);
			const expanded = await client.request<DocumentProgress | null>('planmark/documentProgress', {
				uri: progress[5].uri,
			});
			assert.deepEqual(
				expanded?.outline,
				progress[5].outline,
				'a plan that is not open still answers with its outline',
			);
		});
	});

	test("an open plan's outline is answered while the index reads the workspace", options, async () => {
		await withServer({ workspaceFolders: [workspace] }, async client => {
			await client.didOpen(openPlanUri, examplePlanText);
			const order: string[] = [];
			const symbols = client
				.requestCancellable<WorkspaceSymbol[]>('workspace/symbol', { query: 'Marker' }, 60_000)
				.result.then(result => {
					order.push('workspace');
					return result;
				});
			const outline = client.documentSymbols(openPlanUri).then(result => {
				order.push('document');
				return result;
			});
			const [found, tree] = await Promise.all([symbols, outline]);
			assert.deepEqual(order, ['document', 'workspace'], 'the document was not queued behind the index');
			assert.ok((tree as DocumentSymbol[]).length > 0);
			assert.equal(
				found.filter(symbol => /Marker\d+/.test(symbol.name)).length,
				planCount - 1,
				'the open plan has no marker',
			);
		});
	});

	test(
		'a cancelled workspace request is answered at once as cancelled, and the index carries on',
		options,
		async () => {
			await withServer({ workspaceFolders: [workspace] }, async client => {
				const request = client.requestCancellable('workspace/symbol', { query: 'Marker' });
				request.cancel();
				await assert.rejects(request.result, (error: { code?: number }) => error.code === -32800);
				const found = await client.requestCancellable<WorkspaceSymbol[]>(
					'workspace/symbol',
					{ query: 'Marker' },
					30_000,
				).result;
				assert.equal(found.length, planCount);
			});
		},
	);

	test('a limit on listed files is a setting, and reaching it is said', options, async () => {
		await withServer(
			{ workspaceFolders: [workspace], initializationOptions: { planmark: { indexLimit: 100 } } },
			async client => {
				const progress = await client.request<DocumentProgress[]>('planmark/workspaceProgress', {});
				assert.ok(progress.length <= 100);
				assert.ok(
					client.messages.shown.some(message =>
						/more than 100 markdown files.*planmark\.indexLimit/.test(message.message),
					),
					'the user is told the index stopped short',
				);
			},
		);
	});

	test(
		'a severity setting re-reads no plan: the index keeps its summaries and only recounts problems',
		options,
		async () => {
			const small = temporaryFolder('planmark-settings-');
			const plan = path.join(small, 'specs', '001-a', 'plan.md');
			mkdirSync(path.dirname(plan), { recursive: true });
			writeFileSync(plan, examplePlanText);
			await withServer({ workspaceFolders: [small] }, async client => {
				const [before] = await client.request<DocumentProgress[]>('planmark/workspaceProgress', {});
				assert.ok(before.problems > 0);
				// Changed on disk without a file event: only a re-read would see it.
				writeFileSync(plan, examplePlanText.replace('# Implementation Plan: ', '# Implementation Plan: Renamed '));
				await client.didChangeConfiguration({ diagnostics: { placeholder: 'off' } });
				const [after] = await client.request<DocumentProgress[]>('planmark/workspaceProgress', {});
				assert.equal(after.title, before.title, 'the plan was not read again');
				assert.ok(after.problems < before.problems, 'the new severities are applied');
			});
		},
	);
});
