// Packs the extension into planmark-<version>.vsix with @vscode/vsce, offline. The bundles are built
// minified (scripts/build.mjs --production) into a copy of the project, so dist/ keeps its development
// build with source maps and tests running alongside never see it change. What the package holds is
// decided by the allow-list .vscodeignore; test/packaging checks the result.
//
//   node scripts/package.mjs [--out <file.vsix>]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = process.argv.includes('--out')
	? resolve(process.argv[process.argv.indexOf('--out') + 1])
	: join(root, `${name}-${version}.vsix`);
// Folders that are never part of the package and are large or change under other runs.
const notCopied = new Set(['.git', 'node_modules', '.vscode-test', 'dist', 'out']);

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(
			`package: \`${basename(command)} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`,
		);
		process.exit(1);
	}
}

const staging = mkdtempSync(join(tmpdir(), 'planmark-package-'));
try {
	cpSync(root, staging, {
		recursive: true,
		filter: source => {
			const relative = source.slice(root.length + 1);
			return !notCopied.has(relative.split('/')[0]) && !relative.endsWith('.vsix');
		},
	});
	run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', '--outdir', join(staging, 'dist')], root);
	// Runtime dependencies are in the bundles, so vsce has no node_modules to look at.
	run(
		process.execPath,
		[join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out],
		staging,
	);
} finally {
	rmSync(staging, { recursive: true, force: true });
}
