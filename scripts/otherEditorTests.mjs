// Runs planmark in real editors other than VS Code, offline, through exactly the configurations the
// README shows (editors/neovim/planmark.lua, editors/emacs/planmark.el): Debian's Neovim 0.7.2 and
// Emacs 28.2 with Eglot 1.9 and markdown-mode, both headless. The server comes from the npm package
// (scripts/npmPackage.mjs), installed offline into a scratch prefix, so the package is tested too.
// Exits non-zero, saying why, whenever a check fails or the editors cannot run; it never skips.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assembleFixture } from './fixtureFolders.mjs';

const root = resolve(import.meta.dirname, '..');
const aptPackages = ['neovim', 'emacs-nox', 'elpa-eglot', 'elpa-markdown-mode'];
const run = mkdtempSync(join(tmpdir(), 'planmark-editors-'));
let failures = 0;

function fail(message) {
	console.error(`\nother editors: ${message}`);
	process.exit(1);
}

function exec(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000, ...options });
	if (result.error) {
		fail(`\`${command} ${args.join(' ')}\` could not run: ${result.error.message}`);
	}
	return result;
}

function check(editor, name, ok, detail = '') {
	console.log(`  ${ok ? '✔' : '✖'} ${editor}: ${name}${ok || !detail ? '' : `\n      ${detail}`}`);
	failures += ok ? 0 : 1;
}

function installEditors() {
	const missing = aptPackages.filter(
		name => !/install ok installed/.test(exec('dpkg-query', ['-W', '-f=${Status}', name]).stdout ?? ''),
	);
	if (missing.length === 0) {
		return;
	}
	if (process.getuid?.() !== 0) {
		fail(
			`these Debian packages are missing: ${missing.join(' ')}\nInstall them (sudo apt-get install ${missing.join(' ')}) and run again.`,
		);
	}
	console.log(`other editors: installing ${missing.join(' ')} with apt-get`);
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', '--no-install-recommends', ...missing],
	]) {
		const result = exec('apt-get', args, {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			stdio: 'inherit',
		});
		if (result.status !== 0) {
			fail(`apt-get ${args[0]} failed`);
		}
	}
}

/** The npm package, packed and installed offline into a scratch prefix; returns its bin folder. */
function installPackage() {
	const packed = exec(process.execPath, [join(root, 'scripts', 'npmPackage.mjs'), '--out', run]);
	if (packed.status !== 0) {
		fail(`packing the npm package failed:\n${packed.stderr}`);
	}
	const tarball = packed.stdout.trim().split('\n').at(-1);
	const prefix = join(run, 'prefix');
	const installed = exec('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball]);
	check('npm package', `installs offline (${tarball.split('/').at(-1)})`, installed.status === 0, installed.stderr);
	const bin = join(prefix, 'bin');
	const server = exec(join(bin, 'planmark-language-server'), ['--version']);
	check(
		'npm package',
		'planmark-language-server runs',
		/planmark language server \d/.test(server.stdout),
		server.stderr,
	);
	const cli = exec(join(bin, 'planmark'), ['--version']);
	check('npm package', 'planmark runs', /^\d+\.\d+\.\d+/.test(cli.stdout), cli.stderr);
	const manifest = JSON.parse(
		readFileSync(join(prefix, 'lib', 'node_modules', 'planmark-language-server', 'package.json'), 'utf8'),
	);
	check(
		'npm package',
		'has no runtime dependencies',
		!manifest.dependencies || Object.keys(manifest.dependencies).length === 0,
	);
	return bin;
}

/** Where the example plan's problems are, found in its text independently of the server. */
function expectedProblems(text) {
	const lines = text.split('\n');
	const at = (needle, code) => {
		const line = lines.findIndex(candidate => candidate.includes(needle));
		return { line, col: lines[line].indexOf(needle), code };
	};
	return [
		at('[Service 2]', 'plan.placeholder'),
		at('[Purpose and integration method]', 'plan.placeholder'),
		at('PASS / FAIL / CONDITIONAL', 'plan.unresolved-choice'),
	].sort((a, b) => a.line - b.line || a.col - b.col);
}

function checkCommon(editor, result, expected) {
	check(editor, 'runs the script without an error', result.error === null || result.error === undefined, result.error);
	const attached = editor === 'Neovim' ? result.checks?.attached : result.attached;
	check(editor, 'attaches to the plan', attached === true);
	const found = [...(result.diagnostics ?? [])]
		.map(({ line, col, code }) => ({ line, col, code }))
		.sort((a, b) => a.line - b.line || a.col - b.col);
	check(
		editor,
		'shows every problem at its line and column',
		JSON.stringify(found) === JSON.stringify(expected),
		`${JSON.stringify(found)}\n      expected ${JSON.stringify(expected)}`,
	);
	const placeholders = (result.diagnostics ?? []).filter(diagnostic => diagnostic.code === 'plan.placeholder');
	check(
		editor,
		'applies the settings of its configuration (placeholders as hints)',
		placeholders.length > 0 && placeholders.every(diagnostic => diagnostic.severity === 4),
		JSON.stringify(placeholders),
	);
	check(
		editor,
		'lists the plan outline',
		(result.symbols ?? []).includes('Implementation Plan: Offline Sync for Field Notes'),
	);
	check(editor, 'shows progress on hover', /^\*\*Plan\*\*: 15\/37 done · 41%/.test(result.hover ?? ''), result.hover);
	check(
		editor,
		'completes the next block as plain text',
		result.completions === 1 &&
			result.completionFormat === 1 &&
			/^#### Research Task 3: \[Topic\]/.test(result.completionText ?? ''),
		`${result.completions} items, format ${result.completionFormat}: ${result.completionText}`,
	);
	check(editor, 'applies a quick fix', result.statusLine === '- Status: PASS', result.statusLine);
	const readme = editor === 'Neovim' ? result.checks : result;
	check(
		editor,
		'leaves a README alone',
		readme?.readmeDiagnostics === 0 && readme?.readmeSymbols === 0,
		JSON.stringify(readme),
	);
}

installEditors();
const bin = installPackage();
const workspace = assembleFixture(root, join('editor', 'workspace'), join(run, 'workspace'));
const planText = readFileSync(join(workspace, 'specs', '042-offline-sync', 'plan.md'), 'utf8');
const expected = expectedProblems(planText);
const environment = {
	...process.env,
	PATH: `${bin}:${process.env.PATH}`,
	PLANMARK_WORKSPACE: workspace,
	PLANMARK_REPOSITORY: root,
};

console.log(`other editors: ${exec('nvim', ['--version']).stdout.split('\n')[0]}`);
mkdirSync(join(run, 'nvim'), { recursive: true });
const nvimResult = join(run, 'neovim.json');
exec(
	'nvim',
	[
		'--headless',
		'--clean',
		'--cmd',
		"lua vim.g.planmark_settings = { diagnostics = { placeholder = 'hint' } }",
		'-u',
		join(root, 'editors', 'neovim', 'planmark.lua'),
		'-c',
		`luafile ${join(root, 'test', 'editors', 'neovim.lua')}`,
	],
	{
		env: {
			...environment,
			PLANMARK_RESULT: nvimResult,
			XDG_STATE_HOME: join(run, 'nvim'),
			XDG_CACHE_HOME: join(run, 'nvim'),
			XDG_DATA_HOME: join(run, 'nvim'),
		},
	},
);
let neovim;
try {
	neovim = JSON.parse(readFileSync(nvimResult, 'utf8'));
} catch {
	fail('Neovim wrote no result: it did not run the test script');
}
checkCommon('Neovim', neovim, expected);
check(
	'Neovim',
	'shows progress lenses that run the server command',
	(neovim.lenses ?? []).some(
		lens => lens.title === 'Plan: 15/37 done · 41%' && lens.command === 'planmark.server.revealTask',
	),
);
const nvimLog = (neovim.log ?? '').split('\n').filter(line => /\b(WARN|ERROR)\b/.test(line));
check('Neovim', 'keeps a clean LSP log', nvimLog.length === 0, nvimLog.join('\n      '));

console.log(`other editors: ${exec('emacs', ['--version']).stdout.split('\n')[0]}`);
const emacsResult = join(run, 'emacs.json');
exec('emacs', ['--batch', '-l', join(root, 'test', 'editors', 'emacs.el')], {
	env: { ...environment, PLANMARK_RESULT: emacsResult, HOME: join(run, 'emacs-home') },
});
let emacs;
try {
	emacs = JSON.parse(readFileSync(emacsResult, 'utf8'));
} catch {
	fail('Emacs wrote no result: it did not run the test script');
}
checkCommon('Emacs', emacs, expected);
const emacsWarnings = (emacs.messages ?? '')
	.split('\n')
	.filter(line => /unsupported capability|Choose an option|error|warning/i.test(line));
check('Emacs', 'keeps a clean log (*Messages*)', emacsWarnings.length === 0, emacsWarnings.join('\n      '));

if (failures > 0) {
	fail(`${failures} check${failures === 1 ? '' : 's'} failed (the run is kept in ${run})`);
}
rmSync(run, { recursive: true, force: true });
console.log('other editors: passed');
