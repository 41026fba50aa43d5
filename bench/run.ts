/*
 * planmark's benchmarks. Every figure is a ratio to a baseline measured in the same process and
 * run, because these machines are noisy: markdown-it and remark full parses of the same text.
 * `npm run bench` prints a table and writes bench/results/latest.json.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { createLanguageService, type TextDocumentLike } from '../server/src/languageService';
import { parseInChunks } from '../server/src/markdown/chunks';
import { nodeFileSystem } from '../server/src/workspace/nodeFileSystem';
import { generatePlan } from './generatePlan';

const root = path.resolve(__dirname, '..', '..');
const quick = process.argv.includes('--quick');
const sizes = quick ? [2_000, 20_000] : [2_000, 20_000, 200_000];
const markdownIt = new MarkdownIt();
const remark = unified().use(remarkParse).use(remarkGfm);

/** Median wall time of `run` in milliseconds over `times` runs (after one warm-up unless told). */
function measure(run: () => void, times: number, warmUp = true): number {
	if (warmUp) {
		run();
	}
	const samples: number[] = [];
	for (let index = 0; index < times; index++) {
		const started = performance.now();
		run();
		samples.push(performance.now() - started);
	}
	return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

function gc(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

function document(text: string, version: number, uri = 'file:///bench/plan.md'): TextDocumentLike {
	return { uri, version, getText: () => text };
}

interface SizeResult {
	lines: number;
	bytes: number;
	markdownItMs: number;
	remarkMs?: number;
	firstOpenMs: number;
	keystrokeMs: number;
	completionMs: number;
	retainedBytes: number;
}

function runSize(lines: number): SizeResult {
	const text = generatePlan(lines);
	const markdownItMs = measure(() => markdownIt.parse(text, {}), 5);
	// A whole-document remark parse of 200,000 lines takes many minutes (the cost this project avoids).
	const remarkMs = lines <= 20_000 ? measure(() => remark.parse(text), 1, false) : undefined;
	const everything = (service: ReturnType<typeof createLanguageService>, doc: TextDocumentLike) => {
		service.getDocumentSymbols(doc);
		service.getCodeLenses(doc);
		service.getDiagnostics(doc);
	};
	let round = 0;
	const firstOpenMs = measure(
		() =>
			everything(
				createLanguageService({ fileSystem: nodeFileSystem }),
				document(text, ++round, `file:///bench/${round}/plan.md`),
			),
		3,
	);
	const service = createLanguageService({ fileSystem: nodeFileSystem });
	let version = 1;
	let current = text;
	everything(service, document(current, version));
	const middle = Math.floor(text.length / 2);
	const keystrokeMs = measure(() => {
		current = `${current.slice(0, middle)}x${current.slice(middle)}`;
		everything(service, document(current, ++version));
	}, 9);
	const endOfResearch = current.indexOf('### 3.2 Technology Choices');
	const completionLine = current.slice(0, endOfResearch).split('\n').length - 2;
	const completionMs = measure(
		() => service.getCompletions(document(current, version), { line: completionLine, character: 0 }),
		9,
	);
	gc();
	const before = process.memoryUsage().heapUsed;
	const kept = createLanguageService({ fileSystem: nodeFileSystem });
	const flatText = JSON.parse(JSON.stringify(text)) as string;
	kept.getDiagnostics(document(flatText, 1));
	kept.getDocumentSymbols(document(flatText, 1));
	gc();
	const retainedBytes = process.memoryUsage().heapUsed - before;
	void kept;
	return {
		lines,
		bytes: Buffer.byteLength(text),
		markdownItMs,
		remarkMs,
		firstOpenMs,
		keystrokeMs,
		completionMs,
		retainedBytes,
	};
}

/** Whole-document remark parse against planmark's chunked parse, as documents grow. */
function growthCurve(): { lines: number; wholeMs: number; chunkedMs: number }[] {
	return (quick ? [1_000, 2_000, 5_000] : [1_000, 2_000, 5_000, 10_000, 20_000]).map(lines => {
		const text = generatePlan(lines);
		return {
			lines,
			wholeMs: measure(() => remark.parse(text), 1, false),
			chunkedMs: measure(() => parseInChunks(text), 3),
		};
	});
}

async function serverStartMs(): Promise<number> {
	const started = performance.now();
	const child = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const body = JSON.stringify({
		jsonrpc: '2.0',
		id: 1,
		method: 'initialize',
		params: { processId: null, rootUri: null, capabilities: {} },
	});
	child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
	await new Promise<void>(resolve => child.stdout.once('data', () => resolve()));
	const elapsed = performance.now() - started;
	child.kill();
	return elapsed;
}

async function nodeStartMs(): Promise<number> {
	const started = performance.now();
	await new Promise<void>(resolve => spawn(process.execPath, ['-e', '0']).once('exit', () => resolve()));
	return performance.now() - started;
}

function loadExtensionMs(): number {
	// Loading the bundle is what VS Code does first on activation; `vscode` is stubbed out here.
	const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
	const original = Module._load;
	// Any member of the stub is the stub again, usable as a value, a function or a base class: the
	// target must be a function expression, since an arrow function cannot be extended.
	// biome-ignore lint/complexity/useArrowFunction: `class extends stub` needs a constructor.
	const stub: unknown = new Proxy(function () {}, {
		get: (_, key) => (key === 'prototype' ? {} : stub),
		apply: () => stub,
		construct: () => stub as object,
	});
	Module._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? stub : original(request, ...rest));
	const started = performance.now();
	require(path.join(root, 'dist', 'extension.js'));
	const elapsed = performance.now() - started;
	Module._load = original;
	return elapsed;
}

const ratio = (value: number, baseline: number) => (value / baseline).toFixed(2);

async function main(): Promise<void> {
	const results = sizes.map(runSize);
	const growth = growthCurve();
	const startup = {
		serverInitializeMs: await serverStartMs(),
		nodeStartMs: await nodeStartMs(),
		extensionLoadMs: loadExtensionMs(),
	};
	const bundles = Object.fromEntries(
		['extension.js', 'server.js', 'cli.js'].map(file => [file, fs.statSync(path.join(root, 'dist', file)).size]),
	);

	const rows = results.map(result => [
		result.lines.toLocaleString('en-US'),
		`${result.markdownItMs.toFixed(1)} ms`,
		result.remarkMs === undefined ? '—' : `${result.remarkMs.toFixed(0)} ms`,
		`${result.firstOpenMs.toFixed(0)} ms (${ratio(result.firstOpenMs, result.markdownItMs)}× md-it${result.remarkMs ? `, ${ratio(result.firstOpenMs, result.remarkMs)}× remark` : ''})`,
		`${result.keystrokeMs.toFixed(1)} ms (${ratio(result.keystrokeMs, result.markdownItMs)}× md-it)`,
		`${result.completionMs.toFixed(2)} ms (${ratio(result.completionMs, result.markdownItMs)}× md-it)`,
		`${(result.retainedBytes / result.bytes).toFixed(1)}× text`,
	]);
	const header = [
		'lines',
		'markdown-it parse',
		'remark parse',
		'first open',
		'keystroke',
		'completion',
		'retained heap',
	];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
	const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
	console.log(line(header));
	console.log(widths.map(width => '-'.repeat(width)).join('  '));
	for (const row of rows) {
		console.log(line(row));
	}
	const [, twenty, twoHundred] = results;
	if (twoHundred) {
		console.log(
			`\nscaling 200,000 / 20,000 lines (10× the text): first open ${ratio(twoHundred.firstOpenMs, twenty.firstOpenMs)}×, keystroke ${ratio(twoHundred.keystrokeMs, twenty.keystrokeMs)}×, markdown-it ${ratio(twoHundred.markdownItMs, twenty.markdownItMs)}×`,
		);
	}
	console.log("\ngrowth: whole-document remark parse vs planmark's chunked parse");
	for (const point of growth) {
		console.log(
			`  ${point.lines.toLocaleString('en-US').padStart(7)} lines: whole ${point.wholeMs.toFixed(0).padStart(6)} ms, chunked ${point.chunkedMs.toFixed(0).padStart(5)} ms (${ratio(point.wholeMs, point.chunkedMs)}× faster)`,
		);
	}
	console.log(
		`\nserver start to initialize answer: ${startup.serverInitializeMs.toFixed(0)} ms (${ratio(startup.serverInitializeMs, startup.nodeStartMs)}× a bare node start); extension bundle load: ${startup.extensionLoadMs.toFixed(0)} ms`,
	);
	console.log(
		`bundles: ${Object.entries(bundles)
			.map(([file, size]) => `${file} ${(size / 1024).toFixed(0)} KiB`)
			.join(', ')}`,
	);

	const targets = twenty && {
		keystrokeUnderOneMarkdownIt: twenty.keystrokeMs / twenty.markdownItMs < 1,
		firstOpenWithin1_5Remark: twenty.remarkMs !== undefined && twenty.firstOpenMs / twenty.remarkMs <= 1.5,
		retainedUnder10xText: twenty.retainedBytes / twenty.bytes < 10,
	};
	console.log(`\ntargets on 20,000 lines: ${JSON.stringify(targets)}`);
	fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
	fs.writeFileSync(
		path.join(root, 'bench', 'results', 'latest.json'),
		`${JSON.stringify({ date: new Date().toISOString(), node: process.version, results, growth, startup, bundles, targets }, null, 2)}\n`,
	);
}

void main();
