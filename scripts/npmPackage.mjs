// Packs the language server and the CLI as an npm package for editors other than VS Code, offline:
// `planmark-language-server-<version>.tgz` with the bins `planmark-language-server` (start it with
// --stdio) and `planmark`, and no runtime dependencies (everything is in the two bundles). Install
// it with `npm install -g ./planmark-language-server-<version>.tgz`; test/packaging checks it.
//
//   node scripts/npmPackage.mjs [--out <folder>]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = process.argv.includes('--out') ? resolve(process.argv[process.argv.indexOf('--out') + 1]) : root;
const name = 'planmark-language-server';

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
	if (result.status !== 0) {
		console.error(`npm package: \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
		process.exit(1);
	}
	return result.stdout;
}

const staging = mkdtempSync(join(tmpdir(), 'planmark-npm-'));
try {
	run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', '--outdir', join(staging, 'dist')], root);
	rmSync(join(staging, 'dist', 'extension.js'), { force: true });
	for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
		cpSync(join(root, file), join(staging, file));
	}
	mkdirSync(join(staging, 'editors'), { recursive: true });
	cpSync(join(root, 'editors'), join(staging, 'editors'), { recursive: true });
	writeFileSync(
		join(staging, 'package.json'),
		`${JSON.stringify(
			{
				name,
				version: manifest.version,
				description:
					'The planmark language server and CLI: outline, diagnostics, completions and checkbox progress for markdown implementation plans, learned from your plan template. For Neovim, Emacs, Helix, Zed and any LSP editor.',
				license: manifest.license,
				repository: manifest.repository,
				homepage: manifest.homepage,
				bugs: manifest.bugs,
				keywords: manifest.keywords,
				engines: { node: manifest.engines.node },
				bin: { 'planmark-language-server': 'dist/server.js', planmark: 'dist/cli.js' },
				files: ['dist/server.js', 'dist/cli.js', 'editors', 'README.md', 'CHANGELOG.md', 'LICENSE'],
			},
			null,
			2,
		)}\n`,
	);
	const tarball = run('npm', ['pack', '--silent', '--pack-destination', staging], staging).trim().split('\n').at(-1);
	mkdirSync(out, { recursive: true });
	renameSync(join(staging, tarball), join(out, tarball));
	console.log(join(out, tarball));
} finally {
	rmSync(staging, { recursive: true, force: true });
}
