import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repositoryRoot } from '../repositoryRoot';
import { packageExtension, readVsix } from './vsixFile';

interface Manifest {
	name: string;
	publisher: string;
	version: string;
	displayName?: string;
	description?: string;
	categories?: string[];
	keywords?: string[];
	icon?: string;
	license?: string;
	repository?: { url?: string };
	engines: { vscode: string };
	devDependencies: Record<string, string>;
	contributes: { snippets?: { path: string }[]; grammars?: { path: string }[] };
}

const root = repositoryRoot();
const scratch = mkdtempSync(join(tmpdir(), 'planmark-vsix-test-'));
const vsix = join(scratch, 'planmark.vsix');
const unpacked = join(scratch, 'unpacked');
let files: Map<string, Buffer>;

function packaged(path: string): Buffer {
	const contents = files.get(`extension/${path}`);
	assert.ok(contents, `the package has no ${path}`);
	return contents;
}

function packagedManifest(): Manifest {
	return JSON.parse(packaged('package.json').toString('utf8')) as Manifest;
}

/** The lowest version a `^1.91.0`-style range accepts, as [major, minor, patch]. */
function lowestVersion(range: string): number[] {
	const match = /^\^?(\d+)\.(\d+)\.(\d+)$/.exec(range);
	assert.ok(match, `"${range}" is not a plain ^x.y.z range`);
	return match.slice(1).map(Number);
}

function compareVersions(left: number[], right: number[]): number {
	return left.map((part, index) => part - (right[index] ?? 0)).find(difference => difference !== 0) ?? 0;
}

describe('the .vsix that `npm run package` builds', () => {
	before(async () => {
		packageExtension(root, vsix);
		files = await readVsix(vsix);
		for (const [path, contents] of files) {
			if (path.startsWith('extension/')) {
				mkdirSync(dirname(join(unpacked, path)), { recursive: true });
				writeFileSync(join(unpacked, path), contents);
			}
		}
	});

	after(() => rmSync(scratch, { recursive: true, force: true }));

	test('holds exactly the bundles, the contributed snippets and grammars, the icon and the documents', () => {
		const manifest = packagedManifest();
		const contributed = [...(manifest.contributes.snippets ?? []), ...(manifest.contributes.grammars ?? [])].map(
			({ path }) => path.replace(/^\.\//, ''),
		);
		const expected = [
			'[Content_Types].xml',
			'extension.vsixmanifest',
			...[
				'LICENSE.txt',
				'changelog.md',
				'readme.md',
				'package.json',
				'dist/extension.js',
				'dist/server.js',
				'dist/cli.js',
				manifest.icon ?? 'no icon',
				...contributed,
			].map(path => `extension/${path}`),
		];
		assert.deepEqual([...files.keys()].sort(), expected.sort());
	});

	test('is smaller than 1 MB', () => {
		const size = statSync(vsix).size;
		assert.ok(size < 1_000_000, `the package is ${size} bytes`);
	});

	test('ships minified bundles without source maps', () => {
		for (const bundle of ['extension', 'server', 'cli']) {
			const code = packaged(`dist/${bundle}.js`).toString('utf8');
			assert.doesNotMatch(code, /sourceMappingURL/, `${bundle}.js points at a source map`);
			// Readable esbuild output averages a few dozen characters a line; minified code, thousands.
			const lineLength = code.length / code.split('\n').length;
			assert.ok(lineLength > 500, `${bundle}.js has ${Math.round(lineLength)} characters a line: it is not minified`);
		}
	});

	test('has a manifest complete for the Marketplace', () => {
		const manifest = packagedManifest();
		assert.equal(`${manifest.publisher}.${manifest.name}`, 'planmark.planmark');
		assert.match(manifest.displayName ?? '', /planmark/);
		assert.ok((manifest.description ?? '').length > 40, 'the description says too little');
		assert.ok((manifest.categories ?? []).length > 0, 'no categories');
		assert.ok(
			(manifest.keywords ?? []).length >= 3 && (manifest.keywords ?? []).length <= 30,
			'the Marketplace wants 1 to 30 keywords',
		);
		assert.equal(manifest.license, 'MIT');
		assert.equal(manifest.repository?.url, 'https://github.com/planmark/planmark.git');
		const vsixManifest = files.get('extension.vsixmanifest')?.toString('utf8') ?? '';
		assert.match(
			vsixManifest,
			new RegExp(`<Identity [^>]*Id="planmark" [^>]*Version="${manifest.version}"[^>]*Publisher="planmark"`),
		);
	});

	test('has a 128×128 PNG icon', () => {
		const icon = packaged(packagedManifest().icon ?? 'no icon');
		assert.deepEqual(
			[...icon.subarray(0, 8)],
			[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
			'the icon is not a PNG',
		);
		assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
	});

	test('asks for a VS Code at least as new as its language client and API types need', () => {
		const manifest = packagedManifest();
		const engine = lowestVersion(manifest.engines.vscode);
		const clientManifest = JSON.parse(
			readFileSync(join(root, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'),
		) as Manifest;
		assert.ok(
			compareVersions(engine, lowestVersion(clientManifest.engines.vscode)) >= 0,
			`vscode-languageclient needs ${clientManifest.engines.vscode}, the manifest says ${manifest.engines.vscode}`,
		);
		assert.equal(
			compareVersions(lowestVersion(manifest.devDependencies['@types/vscode'] ?? ''), engine),
			0,
			'the code is typed against a different VS Code API than engines.vscode promises',
		);
	});

	test('has a README whose images and links work on the Marketplace', () => {
		const readme = packaged('readme.md').toString('utf8');
		const relative = [...readme.matchAll(/!?\[[^\]]*\]\((?!https:|#)([^)]+)\)/g)].map(match => match[1]);
		assert.deepEqual(relative, [], 'links and images must be absolute https addresses in the packaged README');
	});

	test('runs its command-line checker on a plan', () => {
		const result = spawnSync(
			process.execPath,
			[join(unpacked, 'extension', 'dist', 'cli.js'), 'report', join(root, 'test', 'fixtures', 'example', 'plan.md')],
			{ encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
		);
		assert.equal(result.status, 0, result.stderr);
		assert.match(result.stdout, /Implementation Plan: Offline Sync for Field Notes/);
		assert.match(result.stdout, /Progress: \d+\/\d+ done/);
	});

	test('starts its language server and answers initialize', async () => {
		const server = spawn(process.execPath, [join(unpacked, 'extension', 'dist', 'server.js'), '--stdio'], {
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		try {
			const body = JSON.stringify({
				jsonrpc: '2.0',
				id: 1,
				method: 'initialize',
				params: { processId: null, rootUri: null, capabilities: {} },
			});
			server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
			const answer = await new Promise<{ result?: { capabilities?: Record<string, unknown> } }>((resolve, reject) => {
				let pending = Buffer.alloc(0);
				server.stdout.on('data', (chunk: Buffer) => {
					pending = Buffer.concat([pending, chunk]);
					for (;;) {
						const headerEnd = pending.indexOf('\r\n\r\n');
						const length = Number(/Content-Length: (\d+)/i.exec(pending.subarray(0, headerEnd).toString('ascii'))?.[1]);
						if (headerEnd < 0 || pending.length < headerEnd + 4 + length) {
							return;
						}
						const message = JSON.parse(pending.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as {
							id?: number;
							result?: { capabilities?: Record<string, unknown> };
						};
						pending = pending.subarray(headerEnd + 4 + length);
						if (message.id === 1) {
							resolve(message);
						}
					}
				});
				server.once('exit', code => reject(new Error(`the server exited with ${code} before answering initialize`)));
			});
			assert.ok(answer.result?.capabilities?.documentSymbolProvider, 'the server offers no outline');
		} finally {
			server.kill();
		}
	});
});
