import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CompletionItem, DocumentSymbol, Location } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { withServer } from './lspClient';
import { examplePlanText, temporaryFolder, testOptions } from './support';

/* The server reads what the client declares and never assumes VS Code's capabilities. */

function workspaceWithPlan(text = examplePlanText): { folder: string; uri: string } {
	const folder = temporaryFolder();
	writeFileSync(path.join(folder, 'spec.md'), '# Spec\n\n## User Stories\n');
	writeFileSync(path.join(folder, 'plan.md'), text);
	return { folder, uri: URI.file(path.join(folder, 'plan.md')).toString() };
}

/** The example plan up to its second section: completion at its end offers the sections still missing. */
const shortPlan = `${examplePlanText.slice(0, examplePlanText.indexOf('\n## 2.'))}\n\n`;

describe('a client without snippet support', () => {
	test(
		'gets plain text completions: the template text with its brackets to fill in, no tab-stop syntax',
		testOptions,
		async () => {
			const { folder, uri } = workspaceWithPlan(shortPlan);
			const empty = URI.file(path.join(folder, 'other', 'plan.md')).toString();
			await withServer(
				{
					workspaceFolders: [folder],
					capabilities: capabilities => ({
						...capabilities,
						textDocument: { ...capabilities.textDocument, completion: { completionItem: { snippetSupport: false } } },
					}),
				},
				async client => {
					await client.didOpen(uri, shortPlan);
					await client.didOpen(empty, '');
					const sections = await client.request<CompletionItem[]>('textDocument/completion', {
						textDocument: { uri },
						position: { line: shortPlan.split('\n').length - 1, character: 0 },
					});
					const skeleton = await client.request<CompletionItem[]>('textDocument/completion', {
						textDocument: { uri: empty },
						position: { line: 0, character: 0 },
					});
					assert.ok(
						sections.length > 0 && skeleton.length === 1,
						`${sections.length} sections, ${skeleton.length} skeleton`,
					);
					const items = [...sections, ...skeleton];
					const inserted = items.map(item =>
						item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : '',
					);
					assert.ok(
						inserted.some(text => text.includes('[')),
						"the template's brackets are there to fill in",
					);
					for (const item of items) {
						assert.equal(item.insertTextFormat ?? 1, 1, `${item.label} is plain text`);
						const newText = item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : item.insertText;
						assert.doesNotMatch(newText ?? '', /\$\{\d+[:|]/, `${item.label} has no snippet syntax`);
					}
				},
			);
		},
	);
});

describe('a client without dynamic registration', () => {
	test('is asked to register nothing', testOptions, async () => {
		const { folder, uri } = workspaceWithPlan();
		await withServer(
			{
				workspaceFolders: [folder],
				configuration: {},
				capabilities: capabilities => ({
					...capabilities,
					workspace: { ...capabilities.workspace, didChangeConfiguration: {}, didChangeWatchedFiles: {} },
				}),
			},
			async client => {
				const version = await client.didOpen(uri, examplePlanText);
				await client.nextDiagnostics(uri, version);
				assert.deepEqual(client.messages.registrations, []);
			},
		);
	});
});

describe('settings from initializationOptions', () => {
	test('hold when the client also answers workspace/configuration with null for the section', testOptions, async () => {
		const { folder, uri } = workspaceWithPlan();
		await withServer(
			{
				workspaceFolders: [folder],
				configuration: null,
				initializationOptions: { planmark: { diagnostics: { placeholder: 'off' } } },
			},
			async client => {
				const version = await client.didOpen(uri, examplePlanText);
				const published = await client.diagnosticsUntil(uri, () => true);
				void version;
				await new Promise(resolve => setTimeout(resolve, 200));
				const latest = client.messages.diagnostics.filter(params => params.uri === uri).at(-1) ?? published;
				assert.ok(
					!latest.diagnostics.some(diagnostic => diagnostic.code === 'plan.placeholder'),
					'placeholder is off, as initializationOptions said',
				);
				assert.ok(latest.diagnostics.length > 0, 'other problems are still reported');
			},
		);
	});
});

describe('files that are not plans, and links', () => {
	test(
		"a README gets no outline from planmark: its headings are the markdown server's to list",
		testOptions,
		async () => {
			const { folder } = workspaceWithPlan();
			const readme = URI.file(path.join(folder, 'README.md')).toString();
			await withServer({ workspaceFolders: [folder] }, async client => {
				await client.didOpen(readme, '# Notes\n\n## Ideas\n\n- [ ] a task\n');
				assert.deepEqual(
					await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: readme } }),
					[],
				);
			});
		},
	);

	test(
		'go to definition answers anywhere on a link, its text included, and on reference links',
		testOptions,
		async () => {
			const text = `${examplePlanText}\nSee [the spec](spec.md#user-stories) and [the stories][stories].\n\n[stories]: spec.md\n`;
			const { folder, uri } = workspaceWithPlan(text);
			const lines = text.split('\n');
			const line = lines.findIndex(candidate => candidate.startsWith('See [the spec]'));
			await withServer({ workspaceFolders: [folder] }, async client => {
				await client.didOpen(uri, text);
				const at = (character: number) =>
					client.request<Location | null>('textDocument/definition', {
						textDocument: { uri },
						position: { line, character },
					});
				const spec = URI.file(path.join(folder, 'spec.md')).toString();
				const onText = await at(lines[line].indexOf('the spec') + 2);
				assert.equal(onText?.uri, spec, 'on the link text');
				assert.equal(onText?.range.start.line, 2, 'at the linked heading');
				const onReference = await at(lines[line].indexOf('the stories') + 2);
				assert.equal(onReference?.uri, spec, 'on a reference link, through its definition');
				assert.equal(await at(1), null, 'not on plain text');
			});
		},
	);
});

describe('progress in editors without VS Code', () => {
	const titleLine = 0;

	test(
		'a progress lens runs a server command, which shows the next open task where the client can show documents',
		testOptions,
		async () => {
			const { folder, uri } = workspaceWithPlan();
			await withServer(
				{
					workspaceFolders: [folder],
					capabilities: capabilities => ({
						...capabilities,
						window: { ...capabilities.window, showDocument: { support: true } },
					}),
				},
				async client => {
					await client.didOpen(uri, examplePlanText);
					const [lens] = await client.codeLenses(uri);
					assert.equal(lens.command?.command, 'planmark.server.revealTask');
					const shown: unknown[] = [];
					client.onRequest('window/showDocument', params => {
						shown.push(params);
						return { success: true };
					});
					await client.request('workspace/executeCommand', {
						command: lens.command.command,
						arguments: lens.command.arguments,
					});
					const [params] = shown as { uri: string; selection: { start: { line: number } } }[];
					assert.equal(params?.uri, uri);
					assert.match(examplePlanText.split('\n')[params.selection.start.line], /- \[ \]/, 'at an open task');
				},
			);
		},
	);

	test('without showDocument, the command names the next open task and its line', testOptions, async () => {
		const { folder, uri } = workspaceWithPlan();
		await withServer({ workspaceFolders: [folder] }, async client => {
			await client.didOpen(uri, examplePlanText);
			const [lens] = await client.codeLenses(uri);
			await client.request('workspace/executeCommand', {
				command: lens.command?.command,
				arguments: lens.command?.arguments,
			});
			assert.ok(
				client.messages.shown.some(message => /^Next open task of .+: line \d+: - \[ \]/.test(message.message)),
				client.messages.shown.map(message => message.message).join('\n'),
			);
		});
	});

	test('hover on a heading shows its progress and next open task', testOptions, async () => {
		const { folder, uri } = workspaceWithPlan();
		await withServer({ workspaceFolders: [folder] }, async client => {
			await client.didOpen(uri, examplePlanText);
			const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
				textDocument: { uri },
				position: { line: titleLine, character: 3 },
			});
			assert.match(hover?.contents.value ?? '', /^\*\*Plan\*\*: \d+\/\d+ done · \d+%\n\nNext open task, line \d+: /);
			const onText = await client.request('textDocument/hover', {
				textDocument: { uri },
				position: { line: 2, character: 0 },
			});
			assert.equal(onText, null, 'nothing on ordinary lines');
		});
	});
});

describe('inlay hints', () => {
	test(
		'show progress at the end of heading lines, for clients that declare them, with the setting on',
		testOptions,
		async () => {
			const { folder, uri } = workspaceWithPlan();
			const withHints = (capabilities: import('vscode-languageserver-protocol').ClientCapabilities) => ({
				...capabilities,
				textDocument: { ...capabilities.textDocument, inlayHint: {} },
			});
			await withServer(
				{
					workspaceFolders: [folder],
					capabilities: withHints,
					initializationOptions: { planmark: { inlayHints: { enabled: true } } },
				},
				async (client, initialized) => {
					assert.ok(initialized.capabilities.inlayHintProvider, 'offered to a client that shows hints');
					await client.didOpen(uri, examplePlanText);
					const hints = await client.request<{ position: { line: number; character: number }; label: string }[]>(
						'textDocument/inlayHint',
						{ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 400, character: 0 } } },
					);
					const lines = examplePlanText.split('\n');
					assert.equal(hints[0]?.label, 'Plan: 15/37 done · 41%');
					assert.deepEqual(hints[0].position, { line: 0, character: lines[0].length }, 'at the end of the title line');
				},
			);
			await withServer({ workspaceFolders: [folder] }, async (_, initialized) => {
				assert.equal(initialized.capabilities.inlayHintProvider, undefined, 'not offered to a client without them');
			});
		},
	);
});

describe('a client without lens refresh', () => {
	test('is never asked to refresh lenses, while one that has it is, after a settings change', testOptions, async () => {
		const { folder, uri } = workspaceWithPlan();
		for (const refreshSupport of [false, true]) {
			await withServer(
				{
					workspaceFolders: [folder],
					capabilities: capabilities => ({
						...capabilities,
						workspace: { ...capabilities.workspace, codeLens: { refreshSupport } },
					}),
				},
				async client => {
					let refreshes = 0;
					client.onRequest('workspace/codeLens/refresh', () => {
						refreshes++;
						return null;
					});
					const version = await client.didOpen(uri, examplePlanText);
					await client.nextDiagnostics(uri, version);
					await client.didChangeConfiguration({ codeLens: { format: 'count' } });
					await client.diagnosticsUntil(uri, () => true);
					assert.equal(refreshes > 0, refreshSupport, `refreshSupport ${refreshSupport}: ${refreshes} refreshes`);
				},
			);
		}
	});
});
