// Bundles the client, the server and the CLI with esbuild; with --tests, also every test file. With
// --production (what `npm run package` ships) the bundles are minified and have no source maps;
// --outdir <folder> puts them somewhere other than dist/; --watch rebuilds on every change.
// --editor-tests bundles the in-editor suites to out/editor-tests/ and copies their workspace to
// .vscode-test/debug-workspace/, for the "Editor tests" launch configuration in desktop VS Code.
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { assembleFixture } from './fixtureFolders.mjs';

const tests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const outdir = process.argv.includes('--outdir') ? process.argv[process.argv.indexOf('--outdir') + 1] : 'dist';
const common = {
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	sourcemap: !production,
	minify: production,
	loader: { '.md': 'text', '.code-snippets': 'json' },
	external: ['vscode'],
	logLevel: 'warning',
	define: { 'process.env.PLANMARK_VERSION': JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};

const builds = [
	{ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir },
	{ ...common, entryPoints: { server: 'server/src/main.ts' }, outdir, banner: { js: '#!/usr/bin/env node' } },
	{ ...common, entryPoints: { cli: 'server/src/cli.ts' }, outdir, banner: { js: '#!/usr/bin/env node' } },
];
if (tests) {
	rmSync('out', { recursive: true, force: true });
	builds.push({ ...common, entryPoints: findTests('test'), outdir: 'out/test', outbase: 'test' });
}

function findTests(folder) {
	return readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) {
			return entry.name === 'fixtures' ? [] : findTests(path);
		}
		return entry.name.endsWith('.test.ts') ? [path] : [];
	});
}

if (process.argv.includes('--editor-tests')) {
	const suites = readdirSync(join('test', 'editor', 'suite'))
		.filter(name => name.endsWith('.ts'))
		.map(name => join('test', 'editor', 'suite', name));
	await esbuild.build({
		...common,
		entryPoints: [join('test', 'editor', 'index.ts'), ...suites],
		outdir: join('out', 'editor-tests'),
		outbase: join('test', 'editor'),
		external: ['vscode', 'mocha'],
	});
	const workspace = join('.vscode-test', 'debug-workspace');
	rmSync(workspace, { recursive: true, force: true });
	assembleFixture('.', join('editor', 'workspace'), workspace);
	process.exit(0);
}

if (process.argv.includes('--bench')) {
	await esbuild.build({
		...common,
		entryPoints: {
			run: 'bench/run.ts',
			workspace: 'bench/workspace.ts',
			stdio: 'bench/stdio.ts',
			floorServer: 'bench/floorServer.ts',
		},
		outdir: 'out/bench',
	});
	process.exit(0);
}

if (process.argv.includes('--manifest')) {
	await esbuild.build({
		...common,
		entryPoints: { generateManifest: 'scripts/generateManifest.ts' },
		outdir: 'out/scripts',
	});
	execFileSync(process.execPath, ['out/scripts/generateManifest.js'], { stdio: 'inherit' });
	process.exit(0);
}

if (process.argv.includes('--snippets')) {
	await esbuild.build({
		...common,
		entryPoints: { generateSnippets: 'scripts/generateSnippets.ts' },
		outdir: 'out/scripts',
	});
	execFileSync(process.execPath, ['out/scripts/generateSnippets.js'], { stdio: 'inherit' });
	process.exit(0);
}

if (watch) {
	for (const options of builds) {
		await (await esbuild.context(options)).watch();
	}
} else {
	if (production) {
		// Maps of an earlier development build would no longer match the minified bundles.
		for (const name of ['extension', 'server', 'cli']) {
			rmSync(join(outdir, `${name}.js.map`), { force: true });
		}
	}
	await Promise.all(builds.map(options => esbuild.build(options)));
}
