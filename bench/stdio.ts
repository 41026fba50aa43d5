/*
 * Performance as the editor feels it (`npm run bench:stdio`): the built server over stdio, one
 * character typed mid-document and then the requests an editor sends, beside VS Code's own markdown
 * server (vscode-markdown-languageserver) driven as VS Code drives it, answering its `markdown/parse`
 * requests with markdown-it tokens. Both are offered what VS Code's client offers: pull diagnostics
 * and lazily resolved lenses. The floor is a server that only sends back planmark's own answers for
 * the document. Every figure is also a ratio to one markdown-it parse of the same document measured
 * in the same run, because these machines are noisy. Both servers are warmed up by the same editing
 * session first, as an editor's server is by the time an author types in a long plan. md-ls goes on
 * validating (and asking this process for parses) after its answers, so each series starts only once
 * it has been quiet for a second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import {
	createMessageConnection,
	StreamMessageReader,
	StreamMessageWriter,
	type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { CodeLens, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { typingPauseMs } from '../server/src/protocol';
import { generatePlan } from './generatePlan';

const root = path.resolve(__dirname, '..', '..');
const markdownIt = new MarkdownIt();
const rounds = process.argv.includes('--quick') ? 5 : 11;

interface Server {
	readonly name: string;
	readonly connection: MessageConnection;
	readonly process: ChildProcess;
}

/** Who waits for the diagnostics of a version (`uri@version`) to be pushed. */
const published = new Map<string, () => void>();

/** Resolves once a server pushes the diagnostics of this version of a document. */
function publishedFor(uri: string, version: number): Promise<void> {
	return new Promise(resolve => {
		published.set(`${uri}@${version}`, () => {
			published.delete(`${uri}@${version}`);
			resolve();
		});
	});
}

/** When md-ls last asked this process for a parse: it goes on working (validating) after its answers. */
let lastParseAsked = 0;

/** Waits until no server has asked for a parse for a second, so its late work does not slow what is measured next. */
async function quiet(): Promise<void> {
	const started = performance.now();
	while (performance.now() - lastParseAsked < 1_000 && performance.now() - started < 30_000) {
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

function median(samples: readonly number[]): number {
	return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

function start(name: string, modulePath: string): Server {
	const child = spawn(process.execPath, [modulePath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
	const connection = createMessageConnection(
		new StreamMessageReader(child.stdout!),
		new StreamMessageWriter(child.stdin!),
	);
	const server: Server = { name, connection, process: child };
	const documents = new Map<string, string>();
	connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
		published.get(`${params.uri}@${params.version}`)?.();
	});
	(server as { documents?: Map<string, string> }).documents = documents;
	// What VS Code's markdown extension answers for its server: markdown-it tokens, and an empty workspace.
	connection.onRequest('markdown/parse', (params: { uri: string; text?: string }) => {
		lastParseAsked = performance.now();
		return markdownIt.parse(params.text ?? documents.get(params.uri) ?? '', {});
	});
	connection.onRequest('markdown/findMarkdownFilesInWorkspace', () => []);
	connection.onRequest('markdown/fs/stat', () => undefined);
	connection.onRequest('markdown/fs/readDirectory', () => []);
	connection.onRequest('markdown/fs/readFile', () => []);
	connection.onRequest('markdown/fs/watcher/create', () => undefined);
	connection.onRequest('markdown/fs/watcher/delete', () => undefined);
	connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
	connection.onRequest(() => null);
	connection.listen();
	return server;
}

/** Initializes a server as VS Code does; `pull: false` leaves out pull diagnostics, as editors without them do. */
async function initialize(server: Server, pull = true): Promise<void> {
	await server.connection.sendRequest('initialize', {
		processId: process.pid,
		rootUri: null,
		workspaceFolders: null,
		initializationOptions: { markdownFileExtensions: ['md'] },
		capabilities: {
			textDocument: {
				synchronization: { didSave: true },
				documentSymbol: { hierarchicalDocumentSymbolSupport: true },
				publishDiagnostics: { versionSupport: true },
				...(pull ? { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } : {}),
				codeLens: { resolveSupport: { properties: ['command'] } },
			},
			workspace: {
				configuration: true,
				workspaceFolders: true,
				diagnostics: { refreshSupport: true },
				codeLens: { refreshSupport: true },
			},
		},
	});
	await server.connection.sendNotification('initialized', {});
}

function documentsOf(server: Server): Map<string, string> {
	return (server as { documents?: Map<string, string> }).documents!;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await run();
	return performance.now() - started;
}

/**
 * A mid-document keystroke as an incremental change, then `after`; the median over `rounds`
 * keystrokes after a warm-up. `typed` is a character, or a line break (Enter, which moves every line below).
 */
async function keystrokes(
	server: Server,
	uri: string,
	text: string,
	after: (version: number) => Promise<unknown>,
	typed: 'x' | '\n' = 'x',
): Promise<number> {
	let current = text;
	let version = 100;
	const samples: number[] = [];
	const line = Math.floor(text.split('\n').length / 2);
	// The first keystrokes of a series run code the JIT has not compiled yet; an author types thousands.
	const warmUp = 2 * rounds;
	for (let round = 0; round < warmUp + rounds; round++) {
		version++;
		const lines = current.split('\n');
		lines[line] = `${typed}${lines[line]}`;
		current = lines.join('\n');
		documentsOf(server).set(uri, current);
		const sample = await timed(async () => {
			await server.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version },
				contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: typed }],
			});
			await after(version);
		});
		if (round >= warmUp) {
			samples.push(sample);
		}
	}
	return median(samples);
}

/**
 * An editing session before anything is measured: the JIT compiles a server's hot paths only after
 * hundreds of requests, and an author's editor has long been running by the time it matters. Both
 * servers get the same session: opens, and keystrokes each followed by what the editor asks.
 */
async function warmUp(server: Server, text: string, lenses: boolean): Promise<void> {
	const line = Math.floor(text.split('\n').length / 2);
	for (let open = 0; open < 10; open++) {
		const uri = `file:///bench/${server.name}/warm-up/${open}/plan.md`;
		documentsOf(server).set(uri, text);
		await server.connection.sendNotification('textDocument/didOpen', {
			textDocument: { uri, languageId: 'markdown', version: 1, text },
		});
		let current = text;
		for (let version = 2; version <= (open === 0 ? 300 : 2); version++) {
			current = current
				.split('\n')
				.map((content, index) => (index === line ? `x${content}` : content))
				.join('\n');
			documentsOf(server).set(uri, current);
			await server.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version },
				contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }],
			});
			await Promise.all([
				server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
				lenses ? server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) : undefined,
			]);
		}
		await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
	}
}

function headingDense(lines: number): string {
	const out = ['# Implementation Plan: Heading Dense', ''];
	for (let section = 1; out.length < lines; section++) {
		out.push(
			`## ${section}. Area ${section}`,
			'',
			`### ${section}.1 Detail`,
			`- [ ] Task ${section}`,
			'',
			`#### Research Task ${section}: Topic`,
			'Text.',
			'',
		);
	}
	return out.join('\n');
}

function rss(server: Server): number {
	try {
		const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
	} catch {
		return Number.NaN;
	}
}

async function main(): Promise<void> {
	const documents: [string, string][] = [
		['realistic plan', readFileSync(path.join(root, 'test', 'fixtures', 'example', 'plan.md'), 'utf8')],
		['2,000 lines', generatePlan(2_000)],
		['20,000 lines', generatePlan(20_000)],
		['20,000 lines, heading-dense', headingDense(20_000)],
	];
	const planmark = start('planmark', path.join(root, 'dist', 'server.js'));
	const markdown = start(
		'md-ls',
		path.join(root, 'node_modules', 'vscode-markdown-languageserver', 'dist', 'node', 'workerMain.js'),
	);
	// The same server for an editor without pull diagnostics: they are pushed after every change.
	const pushing = start('planmark-push', path.join(root, 'dist', 'server.js'));
	const floor = start('floor', path.join(root, 'out', 'bench', 'floorServer.js'));
	await Promise.all([initialize(planmark), initialize(markdown), initialize(pushing, false)]);
	await warmUp(markdown, documents[0][1], false);
	await warmUp(planmark, documents[0][1], true);
	await warmUp(pushing, documents[0][1], true);
	await quiet();
	const rows: Record<string, number | string>[] = [];
	let index = 0;
	for (const [name, text] of documents) {
		await quiet();
		const markdownItMs = median(Array.from({ length: rounds }, () => timedSync(() => markdownIt.parse(text, {}))));
		const editLine = Math.floor(text.split('\n').length / 2);
		const opened = (server: Server) => {
			const uri = `file:///bench/${server.name}/${++index}/plan.md`;
			documentsOf(server).set(uri, text);
			return uri;
		};
		const open = (server: Server, uri: string) =>
			server.connection.sendNotification('textDocument/didOpen', {
				textDocument: { uri, languageId: 'markdown', version: 100, text },
			});
		const symbols = (server: Server, uri: string) =>
			server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
		const lenses = (server: Server, uri: string) =>
			server.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
		// What an editor showing 50 lines around the edit resolves.
		const resolveVisible = (server: Server, found: CodeLens[]) =>
			Promise.all(
				found
					.filter(lens => Math.abs(lens.range.start.line - editLine) <= 25)
					.map(lens => server.connection.sendRequest('codeLens/resolve', lens)),
			);
		const firstOpen = async (server: Server) => {
			const samples: number[] = [];
			for (let round = 0; round < 3; round++) {
				const uri = opened(server);
				samples.push(
					await timed(async () => {
						await open(server, uri);
						await symbols(server, uri);
					}),
				);
				await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
			}
			return median(samples);
		};
		const typing = async (
			server: Server,
			after: (uri: string, version: number) => Promise<unknown>,
			typed: 'x' | '\n' = 'x',
		) => {
			const uri = opened(server);
			await open(server, uri);
			await after(uri, 100);
			const keystroke = await keystrokes(server, uri, text, version => after(uri, version), typed);
			await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
			return keystroke;
		};
		const pulled = new Map<string, string | undefined>();
		const pull = async (server: Server, uri: string) => {
			const report = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
				textDocument: { uri },
				previousResultId: pulled.get(uri),
			});
			pulled.set(uri, report.resultId);
			return report;
		};
		const symbolsAndLenses = (uri: string) => Promise.all([symbols(planmark, uri), lenses(planmark, uri)]);
		const planmarkSymbolsAndLenses = await typing(planmark, symbolsAndLenses);
		const planmarkEnter = await typing(planmark, symbolsAndLenses, '\n');
		const planmarkResolved = await typing(planmark, async uri => {
			const [, found] = await symbolsAndLenses(uri);
			await resolveVisible(planmark, found);
		});
		const planmarkSymbols = await typing(planmark, uri => symbols(planmark, uri));
		const planmarkDiagnostics = await typing(planmark, uri => pull(planmark, uri));
		// Answered only after the server's pause for typing, which is taken off the figure.
		const planmarkPushed = await typing(pushing, (uri, version) => publishedFor(uri, version));
		const markdownSymbols = await typing(markdown, uri => symbols(markdown, uri));
		await quiet();
		// The floor: planmark's own answers for this document, only encoded, sent and decoded.
		const floorUri = opened(planmark);
		await open(planmark, floorUri);
		const [symbolAnswer, lensAnswer] = await Promise.all([symbols(planmark, floorUri), lenses(planmark, floorUri)]);
		await planmark.connection.sendNotification('textDocument/didClose', { textDocument: { uri: floorUri } });
		await floor.connection.sendRequest('floor/store', { name: 'symbols', payload: symbolAnswer });
		await floor.connection.sendRequest('floor/store', { name: 'lenses', payload: lensAnswer });
		const floorSamples: number[] = [];
		for (let round = 0; round < rounds; round++) {
			floorSamples.push(
				await timed(() =>
					Promise.all([
						floor.connection.sendRequest('floor/answer', { name: 'symbols' }),
						floor.connection.sendRequest('floor/answer', { name: 'lenses' }),
					]),
				),
			);
		}
		const ratio = (ms: number) => `${ms.toFixed(1)} ms (${(ms / markdownItMs).toFixed(2)}×)`;
		rows.push({
			document: name,
			lines: text.split('\n').length,
			'markdown-it parse': `${markdownItMs.toFixed(1)} ms`,
			'planmark keystroke → symbols + lenses': ratio(planmarkSymbolsAndLenses),
			'floor (the same answers, only sent)': ratio(median(floorSamples)),
			'planmark Enter → symbols + lenses': ratio(planmarkEnter),
			'planmark keystroke → symbols + lenses + visible lenses resolved': ratio(planmarkResolved),
			'planmark keystroke → symbols': ratio(planmarkSymbols),
			'md-ls keystroke → symbols': ratio(markdownSymbols),
			'planmark keystroke → diagnostics pulled': ratio(planmarkDiagnostics),
			[`planmark keystroke → diagnostics pushed (no pull; the ${typingPauseMs} ms pause taken off)`]: ratio(
				planmarkPushed - typingPauseMs,
			),
			'planmark first open → symbols': ratio(await firstOpen(planmark)),
			'md-ls first open → symbols': ratio(await firstOpen(markdown)),
			'answer sizes (symbols, lenses)': `${(JSON.stringify(symbolAnswer).length / 1024).toFixed(0)} KB, ${(JSON.stringify(lensAnswer).length / 1024).toFixed(0)} KB`,
		});
	}
	console.log(
		'Over stdio; each figure a median, and in brackets a ratio to one markdown-it parse of the document in this run.\n',
	);
	for (const row of rows) {
		console.log(`${row.document} (${row.lines} lines; markdown-it ${row['markdown-it parse']})`);
		for (const [key, value] of Object.entries(row)) {
			if (!['document', 'lines', 'markdown-it parse'].includes(key)) {
				console.log(`  ${key}: ${value}`);
			}
		}
	}
	console.log(`\nRSS after the run: planmark ${rss(planmark).toFixed(0)} MB, md-ls ${rss(markdown).toFixed(0)} MB`);
	planmark.process.kill();
	pushing.process.kill();
	markdown.process.kill();
	floor.process.kill();
}

function timedSync(run: () => unknown): number {
	const started = performance.now();
	run();
	return performance.now() - started;
}

void main().catch(error => {
	console.error(error);
	process.exitCode = 1;
});
