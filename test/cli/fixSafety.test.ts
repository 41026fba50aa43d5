import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { encodeFile } from '../../server/src/cli/fileEncoding';
import { readFile, replaceFile } from '../../server/src/cli/fixFiles';
import { copyFixture, planmark, planmarkAs } from './support';

const planPath = path.join('specs', '001-search', 'plan.md');

/** A fresh spec-kit project, its plan's text, and that text as `planmark check --fix` leaves it in plain UTF-8. */
function project(): { folder: string; file: string; original: string; fixed: string } {
	const reference = copyFixture('speckit');
	const original = fs.readFileSync(path.join(reference, planPath), 'utf8');
	planmark(reference, 'check', '--fix', planPath);
	const fixed = fs.readFileSync(path.join(reference, planPath), 'utf8');
	assert.notEqual(fixed, original, 'the fixture has fixes to apply');
	const folder = copyFixture('speckit');
	return { folder, file: path.join(folder, planPath), original, fixed };
}

/** Lines with their own terminators: ["# Title\r\n", "\n", "last"]. */
function linesWithBreaks(text: string): string[] {
	return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

describe('planmark check --fix keeps every byte it does not target', () => {
	for (const encoding of ['utf-16le', 'utf-16be', 'utf-8-bom'] as const) {
		test(`a ${encoding} file is fixed and stays ${encoding}, byte-order mark included`, () => {
			const { folder, file, original, fixed } = project();
			fs.writeFileSync(file, encodeFile(original, encoding));
			const result = planmark(folder, 'check', '--fix', planPath);
			assert.equal(result.status, 1, result.stderr);
			assert.deepEqual(fs.readFileSync(file), encodeFile(fixed, encoding));
		});
	}

	test('a file that is not valid UTF-8 is left byte for byte as it was, and the run says why and exits 2', () => {
		const { folder, file, original } = project();
		const bytes = Buffer.from(
			original.replace('# Implementation Plan: Search', '# Implementation Plan: Search caf\u0000'),
			'utf8',
		);
		bytes[bytes.indexOf(0)] = 0xe9; // Latin-1 "é" on a line no fix touches.
		fs.writeFileSync(file, bytes);
		const result = planmark(folder, 'check', '--fix', planPath);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /specs\/001-search\/plan\.md is not valid UTF-8.*not fixed/);
		assert.deepEqual(fs.readFileSync(file), bytes);
		assert.match(result.stdout, /plan\.missing-section/, 'its problems are still reported');
	});

	test('with mixed line endings, every line keeps its own terminator', () => {
		const { folder, file, original } = project();
		const mixed = linesWithBreaks(original)
			.map((line, index) => (index % 2 === 0 ? line.replace(/\n$/, '\r\n') : line))
			.join('');
		fs.writeFileSync(file, mixed);
		planmark(folder, 'check', '--fix', planPath);
		const after = linesWithBreaks(fs.readFileSync(file, 'utf8'));
		// Every line of the original that the fixes keep is still there, in order, with its own terminator.
		const removed = new Set([
			'[List the technologies being used - keep this section factual and brief]',
			'[Repeat structure]',
		]);
		const kept = linesWithBreaks(mixed).filter(line => !removed.has(line.trim()));
		let at = 0;
		for (const line of after) {
			if (at < kept.length && line === kept[at]) {
				at++;
			}
		}
		assert.equal(
			at,
			kept.length,
			`line ${at + 1} of the kept lines, ${JSON.stringify(kept[at])}, lost its terminator or went missing`,
		);
	});

	test('a read-only file is not rewritten: it is reported and keeps its text and mode', () => {
		const { folder, file } = project();
		const before = fs.readFileSync(file);
		fs.chmodSync(file, 0o444);
		const result = planmark(folder, 'check', '--fix', planPath);
		assert.equal(result.status, 2);
		assert.match(result.stderr, /plan\.md is read-only; not fixed/);
		assert.deepEqual(fs.readFileSync(file), before);
		assert.equal(fs.statSync(file).mode & 0o777, 0o444);
	});

	test('a fixed file keeps its mode, whatever the umask', () => {
		const { folder, file, fixed } = project();
		fs.chmodSync(file, 0o664);
		planmark(folder, 'check', '--fix', planPath);
		assert.equal(fs.readFileSync(file, 'utf8'), fixed);
		assert.equal(fs.statSync(file).mode & 0o777, 0o664);
	});

	test('a symbolic link stays a link: the fix is written to the file it points at', () => {
		const { folder, file, original, fixed } = project();
		const real = path.join(folder, 'store', 'plan.md');
		fs.mkdirSync(path.dirname(real));
		fs.writeFileSync(real, original);
		fs.rmSync(file);
		fs.symlinkSync(path.relative(path.dirname(file), real), file);
		planmark(folder, 'check', '--fix', planPath);
		assert.ok(fs.lstatSync(file).isSymbolicLink(), 'the link is still a link');
		assert.equal(fs.readFileSync(real, 'utf8'), fixed);
	});

	test('a file in a folder the user cannot write is reported, and the other plans are still fixed', () => {
		const { folder, file, original } = project();
		const other = path.join(folder, 'specs', '002-billing', 'plan.md');
		const otherBefore = fs.readFileSync(other, 'utf8');
		// Run as an unprivileged user when the tests run as root, who may write anywhere.
		const uid = process.getuid?.() === 0 ? 65534 : undefined;
		// The project's own folders only: the temporary folder holding it (often /tmp) keeps its mode.
		for (let current = folder; current.startsWith(path.dirname(folder) + path.sep); current = path.dirname(current)) {
			fs.chmodSync(current, 0o755);
		}
		execFileSync('chmod', ['-R', 'a+rX', folder]);
		fs.chmodSync(path.join(folder, 'specs', '002-billing'), 0o777);
		fs.chmodSync(path.dirname(file), 0o555);
		try {
			const result = planmarkAs(uid, folder, 'check', '--fix');
			assert.equal(result.status, 2, result.stderr);
			assert.match(result.stderr, /specs\/001-search\/plan\.md cannot write it: EACCES; not fixed/);
			assert.equal(fs.readFileSync(file, 'utf8'), original);
			assert.notEqual(fs.readFileSync(other, 'utf8'), otherBefore, 'the run went on to fix the next plan');
			assert.match(result.stdout, /plans? checked/, 'and reported as usual');
		} finally {
			fs.chmodSync(path.dirname(file), 0o755);
		}
	});

	test('a file changed by someone else while the run was fixing it is left with their change', () => {
		const { file } = project();
		const read = readFile(file);
		assert.ok(!('error' in read));
		fs.appendFileSync(file, '\nAn edit made meanwhile.\n');
		const meanwhile = fs.readFileSync(file, 'utf8');
		assert.match(replaceFile(read, 'the fixed text') ?? '', /changed on disk while planmark was fixing it/);
		assert.equal(fs.readFileSync(file, 'utf8'), meanwhile);
	});
});

describe('planmark reads only regular files of bounded size', () => {
	test('a glob that matches nothing is a mistake: exit 2, as ESLint does', () => {
		const folder = copyFixture('speckit');
		const result = planmark(folder, 'check', 'specs/**/plna.md');
		assert.equal(result.status, 2);
		assert.match(result.stderr, /no markdown files match specs\/\*\*\/plna\.md/);
	});

	test('a FIFO or a device as template or settings file is refused at once, never read', () => {
		const folder = copyFixture('speckit');
		execFileSync('mkfifo', [path.join(folder, 'pipe.md')]);
		for (const args of [
			['--template', 'pipe.md'],
			['--template', '/dev/zero'],
		]) {
			const result = planmark(folder, 'check', ...args);
			assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
			assert.match(result.stderr, /cannot read template/);
		}
		execFileSync('mkfifo', [path.join(folder, '.planmark.json')]);
		const result = planmark(folder, 'check');
		assert.equal(result.status, 2, result.stderr);
		assert.match(result.stderr, /\.planmark\.json is not a regular file/);
	});
});
