import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
	CancellationTokenSource,
	createMessageConnection,
	ErrorCodes,
	ResponseError,
	StreamMessageReader,
	StreamMessageWriter,
	type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
	ApplyWorkspaceEditRequest,
	LSPErrorCodes,
	type ApplyWorkspaceEditParams,
	type Position,
	type TextEdit,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { serverCommands } from '../../server/src/protocol';
import { DocumentShape } from '../unit/fuzzInvariants';
import { LspClient, repositoryRoot } from './lspClient';
import { exampleFolder, examplePlanText, temporaryFolder } from './support';

/*
 * The built server driven the way a buggy or hostile client drives it: requests about documents
 * it never opened, positions outside the document, malformed parameters, notifications out of
 * order, and a fast stream of changes with cancelled requests. Each request gets a proper LSP
 * error or an empty result (or an answer that stays inside the document), the server stays alive
 * and answers a normal request afterwards, and it never publishes diagnostics for a version older
 * than one it already published.
 */

const timeout = { timeout: 30_000 };

/** LspClient keeps its connection to itself; misuse needs to send what its typed helpers refuse to. */
function connectionOf(client: LspClient): MessageConnection {
	return (client as unknown as { connection: MessageConnection }).connection;
}

type Outcome = { result: unknown } | { error: ResponseError<unknown> };

/** Sends a request as is and returns its result or its error response; anything else (a crash, a hang) fails. */
async function send(client: LspClient, method: string, params: unknown): Promise<Outcome> {
	try {
		return { result: await client.request(method, params) };
	} catch (error) {
		if (error instanceof ResponseError) {
			return { error };
		}
		throw error;
	}
}

/** Error codes that say "your request was wrong" or "it failed", as opposed to a crash or a hang. */
const properErrors = new Set<number>([
	ErrorCodes.InvalidParams,
	ErrorCodes.InvalidRequest,
	ErrorCodes.InternalError,
	LSPErrorCodes.RequestFailed,
]);

function assertErrorOrEmpty(outcome: Outcome, what: string): void {
	if ('error' in outcome) {
		assert.ok(
			properErrors.has(outcome.error.code),
			`${what}: answered with error code ${outcome.error.code} (${outcome.error.message})`,
		);
		return;
	}
	const { result } = outcome;
	assert.ok(
		result === null || (Array.isArray(result) && result.length === 0) || result === 0,
		`${what}: expected an empty result or an error, got ${JSON.stringify(result).slice(0, 300)}`,
	);
}

/** Every position in an answer about the document lies inside it. */
function assertErrorOrInside(outcome: Outcome, shape: DocumentShape, what: string): void {
	if ('error' in outcome) {
		assert.ok(
			properErrors.has(outcome.error.code),
			`${what}: answered with error code ${outcome.error.code} (${outcome.error.message})`,
		);
		return;
	}
	for (const position of positionsIn(outcome.result)) {
		shape.assertPosition(position, `${what}: ${JSON.stringify(outcome.result).slice(0, 300)}`);
	}
}

function positionsIn(value: unknown): Position[] {
	if (typeof value !== 'object' || value === null) {
		return [];
	}
	if (typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number') {
		return [value as Position];
	}
	return Object.values(value).flatMap(positionsIn);
}

/** Fails when any document's published diagnostics go back to an older version within one open session. */
function assertVersionsNeverGoBack(client: LspClient): void {
	const latest = new Map<string, number>();
	for (const published of client.messages.diagnostics) {
		if (published.version === undefined) {
			// Closing a document publishes an empty list without a version; a reopened one starts again.
			latest.delete(published.uri);
			continue;
		}
		const before = latest.get(published.uri) ?? -Infinity;
		assert.ok(
			published.version >= before,
			`${published.uri}: published version ${published.version} after version ${before}`,
		);
		latest.set(published.uri, published.version);
	}
}

/**
 * Runs `body` against a fresh server with a copy of the example plan's folder, then checks that
 * the server still answers a normal request, published no stale diagnostics, and shuts down
 * cleanly. Error logs about requests the body got wrong on purpose are expected and removed first.
 */
async function withMisusedServer(
	body: (client: LspClient, context: { folder: string; uri: string; edits: TextEdit[][] }) => Promise<void>,
	expectedLogs: RegExp = /$^/,
): Promise<void> {
	const folder = temporaryFolder();
	cpSync(exampleFolder, folder, { recursive: true });
	const uri = URI.file(path.join(folder, 'plan.md')).toString();
	const client = LspClient.start();
	const edits: TextEdit[][] = [];
	try {
		await client.initialize({ workspaceFolders: [folder] });
		connectionOf(client).onRequest(ApplyWorkspaceEditRequest.type, (params: ApplyWorkspaceEditParams) => {
			edits.push(...Object.values(params.edit.changes ?? {}));
			return { applied: true };
		});
		await body(client, { folder, uri, edits });
		// A plan by its title, beside the files it links to.
		const probe = URI.file(path.join(folder, 'probe.md')).toString();
		await client.didOpen(probe, examplePlanText);
		assert.deepEqual(
			(await client.nextDiagnostics(probe)).diagnostics.map(diagnostic => diagnostic.code),
			['plan.placeholder', 'plan.placeholder', 'plan.unresolved-choice'],
			'the server still checks a plan afterwards',
		);
		assert.ok((await client.documentSymbols(probe)).length > 0, 'the server still answers a normal request afterwards');
		assertVersionsNeverGoBack(client);
	} catch (error) {
		client.dispose();
		throw error;
	}
	client.messages.logs.splice(
		0,
		client.messages.logs.length,
		...client.messages.logs.filter(log => !expectedLogs.test(log.message)),
	);
	await client.shutdown();
}

const outOfRange: Position[] = [
	{ line: 1_000_000, character: 0 },
	{ line: 0, character: 1_000_000 },
	{ line: -1, character: -1 },
	{ line: 5, character: -7 },
	{ line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
	{ line: 1.5, character: 0.5 },
];

describe('protocol misuse', () => {
	test('requests about a document that was never opened get empty results', timeout, async () => {
		await withMisusedServer(async (client, { uri }) => {
			const textDocument = { uri };
			const position = { line: 3, character: 1 };
			const range = { start: position, end: position };
			const requests: [string, unknown][] = [
				['textDocument/documentSymbol', { textDocument }],
				['textDocument/foldingRange', { textDocument }],
				['textDocument/codeLens', { textDocument }],
				['textDocument/completion', { textDocument, position }],
				['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
				['textDocument/documentLink', { textDocument }],
				['textDocument/definition', { textDocument, position }],
				['textDocument/selectionRange', { textDocument, positions: [position] }],
				['planmark/documentProgress', { uri: `${uri}-not-on-disk.md` }],
				['workspace/executeCommand', { command: serverCommands.toggleTasks, arguments: [uri, range] }],
				['workspace/executeCommand', { command: serverCommands.completeSection, arguments: [uri, position] }],
				['textDocument/documentSymbol', { textDocument: { uri: 'untitled:Untitled-1' } }],
				['textDocument/documentSymbol', { textDocument: { uri: 'not a uri at all' } }],
			];
			for (const [method, params] of requests) {
				assertErrorOrEmpty(await send(client, method, params), `${method} ${JSON.stringify(params)}`);
			}
			// A plan of the workspace that is not open answers from the index, as the Plans view needs.
			const indexed = await client.request<{ title?: string } | null>('planmark/documentProgress', { uri });
			assert.equal(indexed?.title, 'Implementation Plan: Offline Sync for Field Notes');
		});
	});

	test(
		'positions outside the document get an error or answers that stay inside it, and commands edit nothing outside it',
		timeout,
		async () => {
			await withMisusedServer(async (client, { uri, edits }) => {
				await client.didOpen(uri, examplePlanText);
				await client.nextDiagnostics(uri, 1);
				const shape = new DocumentShape(examplePlanText);
				const textDocument = { uri };
				for (const position of outOfRange) {
					const range = { start: { line: 0, character: 0 }, end: position };
					const requests: [string, unknown][] = [
						['textDocument/completion', { textDocument, position }],
						['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
						[
							'textDocument/codeAction',
							{
								textDocument,
								range: { start: position, end: position },
								context: { diagnostics: [], only: ['quickfix'] },
							},
						],
					];
					requests.push([
						'textDocument/selectionRange',
						{ textDocument, positions: [position, { line: 3, character: 0 }] },
					]);
					for (const [method, params] of requests) {
						assertErrorOrInside(await send(client, method, params), shape, `${method} at ${JSON.stringify(position)}`);
					}
					const definition = await send(client, 'textDocument/definition', { textDocument, position });
					assert.ok(
						'error' in definition || definition.result === null || typeof definition.result === 'object',
						`definition at ${JSON.stringify(position)}`,
					);
					for (const [command, where] of [
						[serverCommands.toggleTasks, range],
						[serverCommands.toggleTasks, [range, { start: position, end: position }]],
						[serverCommands.completeSection, position],
					] as const) {
						assertErrorOrInside(
							await send(client, 'workspace/executeCommand', { command, arguments: [uri, where] }),
							shape,
							`${command} at ${JSON.stringify(position)}`,
						);
					}
				}
				for (const edit of edits.flat()) {
					shape.assertRange(edit.range, `a command's edit ${JSON.stringify(edit)}`);
				}
			});
		},
	);

	test('malformed parameters get an error or an empty result, and the server keeps running', timeout, async () => {
		await withMisusedServer(async (client, { uri }) => {
			await client.didOpen(uri, examplePlanText);
			await client.nextDiagnostics(uri, 1);
			const textDocument = { uri };
			const requests: [string, unknown][] = [
				['textDocument/documentSymbol', {}],
				['textDocument/documentSymbol', null],
				['textDocument/documentSymbol', { textDocument: 42 }],
				['textDocument/documentSymbol', { textDocument: { uri: 42 } }],
				['textDocument/foldingRange', { textDocument: null }],
				['textDocument/codeLens', []],
				['textDocument/completion', { textDocument }],
				['textDocument/completion', { textDocument, position: 'x' }],
				['textDocument/completion', { textDocument, position: { line: '3', character: {} } }],
				[
					'textDocument/codeAction',
					{ textDocument, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
				],
				[
					'textDocument/codeAction',
					{
						textDocument,
						range: null,
						context: { diagnostics: [{ range: null, message: 7, data: { kind: 'missing-section', range: 'x' } }] },
					},
				],
				[
					'textDocument/codeAction',
					{
						textDocument,
						range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
						context: { diagnostics: 'none', only: 'quickfix' },
					},
				],
				['textDocument/selectionRange', { textDocument }],
				['textDocument/selectionRange', { textDocument, positions: 'all' }],
				['textDocument/selectionRange', { textDocument, positions: [null, 'x', { line: 'a' }] }],
				['textDocument/definition', { textDocument, position: null }],
				['textDocument/documentLink', { textDocument: { uri: null } }],
				['planmark/documentProgress', {}],
				['planmark/documentProgress', { uri: { path: '/x' } }],
				['planmark/newDocument', {}],
				['planmark/newDocument', { templateUri: 42, featureName: null, folderUri: 'file:///' }],
				['planmark/templates', { folderUri: 42 }],
				['workspace/symbol', {}],
				['workspace/symbol', { query: { $regex: '.*' } }],
				['workspace/executeCommand', {}],
				['workspace/executeCommand', { command: serverCommands.toggleTasks }],
				['workspace/executeCommand', { command: serverCommands.toggleTasks, arguments: [uri, 'everything'] }],
				['workspace/executeCommand', { command: serverCommands.completeSection, arguments: [null, null] }],
				['workspace/executeCommand', { command: 'planmark.no-such-command', arguments: [uri] }],
				['no/such/method', { textDocument }],
			];
			for (const [method, params] of requests) {
				const outcome = await send(client, method, params);
				if ('error' in outcome && method === 'no/such/method') {
					assert.equal(outcome.error.code, ErrorCodes.MethodNotFound);
					continue;
				}
				if ('error' in outcome || !['workspace/symbol', 'planmark/templates'].includes(method)) {
					assertErrorOrEmpty(outcome, `${method} ${JSON.stringify(params)}`);
				}
			}
			const connection = connectionOf(client);
			for (const [method, params] of [
				['textDocument/didOpen', {}],
				['textDocument/didOpen', { textDocument: { uri: 42, text: null } }],
				['textDocument/didChange', { textDocument }],
				['textDocument/didChange', { textDocument: { uri, version: 99 }, contentChanges: 'all' }],
				['textDocument/didClose', null],
				['workspace/didChangeConfiguration', { settings: { planmark: { fullAnalysisLimit: 'huge', diagnostics: 7 } } }],
				['workspace/didChangeWatchedFiles', { changes: 'all' }],
				['$/cancelRequest', { id: 'nothing' }],
				['$/no-such-notification', {}],
			] as const) {
				await connection.sendNotification(method, params);
			}
			assert.ok((await client.documentSymbols(uri)).length > 0, 'the open plan still has its outline');
		}, /^(Notification handler|Request handler|planmark: .* failed|(Notification|Request) \S+ defines parameters by name)/);
	});

	test(
		'notifications out of order: changes before opening or after closing are ignored, closing twice is harmless, opening twice takes the newest text',
		timeout,
		async () => {
			await withMisusedServer(async (client, { uri }) => {
				const connection = connectionOf(client);
				const change = (version: number, text: string) =>
					connection.sendNotification('textDocument/didChange', {
						textDocument: { uri, version },
						contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text }],
					});
				await change(1, '# Not opened yet\n');
				assert.deepEqual(await client.documentSymbols(uri), [], 'a change to an unopened document opens nothing');

				await client.didOpen(uri, examplePlanText, 1);
				await client.didOpen(uri, examplePlanText, 1);
				const renamed = examplePlanText.replace(
					'# Implementation Plan: Offline Sync for Field Notes',
					'# Implementation Plan: Reopened',
				);
				await client.didOpen(uri, renamed, 2);
				const [title] = await client.documentSymbols(uri);
				assert.equal(title.name, 'Implementation Plan: Reopened', 'the newest open wins');
				assert.equal((await client.diagnosticsUntil(uri, published => published.version === 2)).version, 2);

				await client.didClose(uri);
				await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
				await change(3, '# Closed\n');
				assert.deepEqual(await client.documentSymbols(uri), [], 'a closed document is forgotten, whatever comes after');
				assert.deepEqual(
					(await client.diagnosticsUntil(uri, published => published.version === undefined)).diagnostics,
					[],
					'closing clears its diagnostics',
				);

				await client.didOpen(uri, examplePlanText, 1);
				assert.equal((await client.nextDiagnostics(uri, 1)).diagnostics.length, 3, 'reopened, it is checked again');
			});
		},
	);

	test('selection ranges at a line outside the document get an error or ranges inside it', timeout, async () => {
		await withMisusedServer(async (client, { uri }) => {
			await client.didOpen(uri, examplePlanText);
			const shape = new DocumentShape(examplePlanText);
			for (const position of [
				{ line: -1, character: -1 },
				{ line: 1_000_000, character: 0 },
				{ line: 1.5, character: 0.5 },
			]) {
				assertErrorOrInside(
					await send(client, 'textDocument/selectionRange', { textDocument: { uri }, positions: [position] }),
					shape,
					`selectionRange at ${JSON.stringify(position)}`,
				);
			}
		});
	});

	test(
		'a request without its textDocument, or planmark/newDocument without its strings, is answered with InvalidParams',
		timeout,
		async () => {
			await withMisusedServer(async client => {
				for (const [method, params] of [
					['textDocument/documentSymbol', {}],
					['textDocument/foldingRange', { textDocument: null }],
					['planmark/newDocument', {}],
				] as const) {
					const outcome = await send(client, method, params);
					assert.ok(
						'error' in outcome && outcome.error.code === ErrorCodes.InvalidParams,
						`${method} ${JSON.stringify(params)}: ${JSON.stringify('error' in outcome ? [outcome.error.code, outcome.error.message] : outcome.result)}`,
					);
				}
			});
		},
	);

	test('a fast stream of changes with cancelled requests: every request is answered or cancelled, and diagnostics end on the last version', {
		timeout: 60_000,
	}, async context => {
		await withMisusedServer(async (client, { uri }) => {
			await client.didOpen(uri, examplePlanText);
			await client.nextDiagnostics(uri, 1);
			const connection = connectionOf(client);
			const pending: Promise<unknown>[] = [];
			const outcomes = { answered: 0, empty: 0, cancelled: 0 };
			const methods = [
				'textDocument/documentSymbol',
				'textDocument/codeLens',
				'textDocument/foldingRange',
				'textDocument/completion',
				'textDocument/selectionRange',
				'textDocument/codeAction',
				'planmark/documentProgress',
			];
			const placeholderLine = '- [Service 2]: [Purpose and integration method]';
			const line = examplePlanText.split('\n').indexOf(placeholderLine);
			let version = 1;
			// Typing at the end of the placeholder line, one character a message, each followed by a
			// request that two times out of three is cancelled at once: nothing waits for the server,
			// so cancellations reach it while their requests are still queued.
			for (let keystroke = 0; keystroke < 400; keystroke++) {
				const position = { line, character: placeholderLine.length + keystroke };
				pending.push(
					client.didChange(uri, [
						{ range: { start: position, end: position }, text: 'Fly.io, hosting and deploys; '[keystroke % 29] },
					]),
				);
				version++;
				const method = methods[keystroke % methods.length];
				const params = {
					textDocument: { uri },
					uri,
					position,
					positions: [position],
					range: { start: position, end: position },
					context: { diagnostics: [] },
				};
				const source = new CancellationTokenSource();
				const cancelled = keystroke % 3 !== 2;
				pending.push(
					connection.sendRequest(method, params, source.token).then(
						result =>
							cancelled && (result === null || (Array.isArray(result) && result.length === 0))
								? outcomes.empty++
								: outcomes.answered++,
						(error: unknown) => {
							assert.ok(
								cancelled &&
									error instanceof ResponseError &&
									[
										LSPErrorCodes.RequestCancelled,
										LSPErrorCodes.ServerCancelled,
										LSPErrorCodes.ContentModified,
									].includes(error.code),
								`${method}: ${error}`,
							);
							outcomes.cancelled++;
						},
					),
				);
				if (cancelled) {
					source.cancel();
				}
			}
			await Promise.all(pending);
			assert.equal(outcomes.answered + outcomes.empty + outcomes.cancelled, 400);
			assert.ok(
				outcomes.cancelled > 0,
				'a request cancelled while queued is answered with RequestCancelled, as LSP recommends',
			);
			context.diagnostic(
				`of 400 requests (267 cancelled): ${outcomes.answered} answered in full, ${outcomes.empty} cancelled ones answered empty, ${outcomes.cancelled} answered with RequestCancelled`,
			);
			const last = await client.nextDiagnostics(uri, version);
			assert.equal(last.version, version);
			assert.equal(client.document(uri).getText().split('\n')[line].length, placeholderLine.length + 400);
			assert.deepEqual(
				last.diagnostics.map(diagnostic => diagnostic.code),
				['plan.placeholder', 'plan.placeholder', 'plan.unresolved-choice'],
				'the final diagnostics are those of the final text',
			);
		});
	});
});

describe('a client that goes away', () => {
	/** Starts the built server over stdio, initializes it, then closes its input as a crashed editor would. */
	async function exitCodeAfterClosedInput(shutDownFirst: boolean): Promise<number | null> {
		const child = spawn(process.execPath, [path.join(repositoryRoot(), 'dist', 'server.js'), '--stdio'], {
			stdio: ['pipe', 'pipe', 'ignore'],
		});
		const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
		const connection = createMessageConnection(
			new StreamMessageReader(child.stdout!),
			new StreamMessageWriter(child.stdin!),
		);
		connection.onRequest(() => null);
		connection.listen();
		await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
		await connection.sendNotification('initialized', {});
		if (shutDownFirst) {
			await connection.sendRequest('shutdown');
		}
		child.stdin!.end();
		const code = await Promise.race([
			exited,
			new Promise<'running'>(resolve => setTimeout(() => resolve('running'), 10_000)),
		]);
		connection.dispose();
		if (code === 'running') {
			child.kill('SIGKILL');
			assert.fail('the server kept running after its input closed');
		}
		return code;
	}

	test('the server exits when its input closes: 0 after a shutdown request, 1 without', timeout, async () => {
		assert.equal(await exitCodeAfterClosedInput(true), 0);
		assert.equal(await exitCodeAfterClosedInput(false), 1);
	});
});
