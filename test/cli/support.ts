import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { assembleFixture } from '../../scripts/fixtureFolders.mjs';
import { repositoryRoot } from '../repositoryRoot';

export const root = repositoryRoot();
const cli = path.join(root, 'dist', 'cli.js');

/** Runs the built CLI in `cwd`; it must finish within 30 s (a hang is a failure, not a stuck test run). */
export function planmark(cwd: string, ...args: string[]): { stdout: string; stderr: string; status: number | null } {
	return planmarkAs(undefined, cwd, ...args);
}

/** The same, as another user (`uid`), to test files and folders that user cannot write. */
export function planmarkAs(
	uid: number | undefined,
	cwd: string,
	...args: string[]
): { stdout: string; stderr: string; status: number | null } {
	const result = spawnSync(process.execPath, [cli, ...args], {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, NO_COLOR: '1' },
		timeout: 30_000,
		...(uid === undefined ? {} : { uid, gid: uid }),
	});
	return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** A fresh copy of a CLI fixture project, with the templates it shares with other fixtures. */
export function copyFixture(name: string): string {
	return assembleFixture(
		root,
		path.join('fixtures', 'cli', name),
		fs.mkdtempSync(path.join(os.tmpdir(), `planmark-${name}-`)),
	);
}

const snapshots = path.join(root, 'test', 'fixtures', 'cli', 'snapshots');

/** Compares output with a stored snapshot; only UPDATE_SNAPSHOTS=1 writes one, so a missing snapshot fails. */
export function matchesSnapshot(name: string, actual: string): void {
	const file = path.join(snapshots, name);
	if (process.env.UPDATE_SNAPSHOTS === '1') {
		fs.writeFileSync(file, actual);
		return;
	}
	if (!fs.existsSync(file)) {
		assert.fail(
			`snapshot ${name} is missing; run with UPDATE_SNAPSHOTS=1 to write it, then review it before committing`,
		);
	}
	assert.equal(
		actual,
		fs.readFileSync(file, 'utf8'),
		`output differs from snapshot ${name}; run with UPDATE_SNAPSHOTS=1 if the change is intended`,
	);
}

/** What the tests read of a SARIF log. */
export interface SarifLog {
	runs: { results: { ruleId: string; ruleIndex: number }[]; tool: { driver: { rules: { id: string }[] } } }[];
}

/** The SARIF log `planmark check --format sarif` wrote, after asserting that it validates against the OASIS 2.1.0 schema. */
export function validSarif(stdout: string): SarifLog {
	const log = JSON.parse(stdout) as SarifLog;
	const schema = JSON.parse(
		fs.readFileSync(path.join(root, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'),
	);
	const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
	assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
	return log;
}
