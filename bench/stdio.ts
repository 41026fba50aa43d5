/*
 * Performance as the editor feels it (`npm run bench:stdio`): the built server over stdio, one
 * character typed mid-document and then the requests an editor sends, beside VS Code's own markdown
 * server (vscode-markdown-languageserver) driven as VS Code drives it, answering its `markdown/parse`
 * requests with markdown-it tokens. Every figure is also a ratio to one markdown-it parse of the same
 * document measured in the same run, because these machines are noisy.
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
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generatePlan } from './generatePlan';

const root = path.resolve(__dirname, '..', '..');
const markdownIt = new MarkdownIt();
const rounds = process.argv.includes('--quick') ? 5 : 11;

interface Server {
	readonly name: string;
	readonly connection: MessageConnection;
	readonly process: ChildProcess;
	readonly published: Map<string, number>;
	readonly waiters: Map<string, (version: number) => void>;
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
	const server: Server = { name, connection, process: child, published: new Map(), waiters: new Map() };
	const documents = new Map<string, string>();
	(server as { documents?: Map<string, string> }).documents = documents;
	connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
		if (params.version !== undefined) {
			server.published.set(params.uri, params.version);
			server.waiters.get(params.uri)?.(params.version);
		}
	});
	// What VS Code's markdown extension answers for its server: markdown-it tokens, and an empty workspace.
	connection.onRequest('markdown/parse', (params: { uri: string; text?: string }) =>
		markdownIt.parse(params.text ?? documents.get(params.uri) ?? '', {}),
	);
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

async function initialize(server: Server): Promise<void> {
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
				diagnostic: {},
				codeLens: {},
			},
			workspace: { configuration: true, workspaceFolders: true },
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

/** A mid-document keystroke as an incremental change, then `after`; the median over `rounds` keystrokes. */
async function keystrokes(
	server: Server,
	uri: string,
	text: string,
	after: (version: number) => Promise<unknown>,
): Promise<number> {
	let current = text;
	let version = 100;
	const samples: number[] = [];
	const line = Math.floor(text.split('\n').length / 2);
	for (let round = 0; round < rounds; round++) {
		version++;
		const lines = current.split('\n');
		lines[line] = `x${lines[line]}`;
		current = lines.join('\n');
		documentsOf(server).set(uri, current);
		samples.push(
			await timed(async () => {
				await server.connection.sendNotification('textDocument/didChange', {
					textDocument: { uri, version },
					contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }],
				});
				await after(version);
			}),
		);
	}
	return median(samples);
}

function published(server: Server, uri: string, version: number): Promise<void> {
	if ((server.published.get(uri) ?? 0) >= version) {
		return Promise.resolve();
	}
	return new Promise(resolve => {
		server.waiters.set(uri, seen => {
			if (seen >= version) {
				server.waiters.delete(uri);
				resolve();
			}
		});
	});
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
	await Promise.all([initialize(planmark), initialize(markdown)]);
	const rows: Record<string, number | string>[] = [];
	let index = 0;
	for (const [name, text] of documents) {
		const markdownItMs = median(Array.from({ length: rounds }, () => timedSync(() => markdownIt.parse(text, {}))));
		const measure = async (server: Server, after: (uri: string, version: number) => Promise<unknown>) => {
			const uri = `file:///bench/${server.name}/${++index}/plan.md`;
			documentsOf(server).set(uri, text);
			const firstOpen = await timed(async () => {
				await server.connection.sendNotification('textDocument/didOpen', {
					textDocument: { uri, languageId: 'markdown', version: 100, text },
				});
				await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
			});
			const keystroke = await keystrokes(server, uri, text, version => after(uri, version));
			await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
			return { firstOpen, keystroke };
		};
		const symbols = (server: Server) => (uri: string) =>
			server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
		const planmarkSymbolsAndLenses = await measure(planmark, uri =>
			Promise.all([
				symbols(planmark)(uri),
				planmark.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }),
			]),
		);
		const planmarkSymbols = await measure(planmark, symbols(planmark));
		const planmarkDiagnostics = await measure(planmark, (uri, version) => published(planmark, uri, version));
		const markdownSymbols = await measure(markdown, symbols(markdown));
		const ratio = (ms: number) => `${ms.toFixed(1)} ms (${(ms / markdownItMs).toFixed(2)}×)`;
		rows.push({
			document: name,
			lines: text.split('\n').length,
			'markdown-it parse': `${markdownItMs.toFixed(1)} ms`,
			'planmark keystroke → symbols + lenses': ratio(planmarkSymbolsAndLenses.keystroke),
			'planmark keystroke → symbols': ratio(planmarkSymbols.keystroke),
			'md-ls keystroke → symbols': ratio(markdownSymbols.keystroke),
			'planmark keystroke → diagnostics': ratio(planmarkDiagnostics.keystroke),
			'planmark first open → symbols': ratio(planmarkSymbols.firstOpen),
			'md-ls first open → symbols': ratio(markdownSymbols.firstOpen),
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
	markdown.process.kill();
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
