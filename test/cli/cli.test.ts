import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { copyFixture, matchesSnapshot, planmark, validSarif } from './support';

// Tests that only read run in one copy each.
const speckit = copyFixture('speckit');
const custom = copyFixture('custom');

describe('planmark check', () => {
	test('finds every plan of a spec-kit repository and reports in the stylish format', () => {
		const result = planmark(speckit, 'check');
		assert.equal(result.status, 1);
		assert.equal(result.stderr, '');
		matchesSnapshot('speckit-stylish.txt', result.stdout);
		assert.ok(!result.stdout.includes('README.md'), 'files that are not plans are not checked');
	});

	test('reports the same problems as JSON with a stable schema', () => {
		const result = planmark(speckit, 'check', '--format', 'json');
		const report = JSON.parse(result.stdout);
		assert.equal(report.version, 1);
		assert.deepEqual(
			report.files.map((file: { path: string }) => file.path),
			['specs/001-search/plan.md', 'specs/002-billing/plan.md'],
		);
		matchesSnapshot('speckit.json', result.stdout);
	});

	test('writes SARIF 2.1.0 that validates against the OASIS schema', () => {
		const result = planmark(speckit, 'check', '--format', 'sarif');
		const log = validSarif(result.stdout);
		assert.ok(log.runs[0].results.length > 5);
		assert.ok(log.runs[0].results.every(entry => log.runs[0].tool.driver.rules[entry.ruleIndex].id === entry.ruleId));
		matchesSnapshot('speckit.sarif', result.stdout.replace(/"version": "\d+\.\d+\.\d+"/, '"version": "x.y.z"'));
	});

	test('writes GitHub workflow annotations', () => {
		const result = planmark(speckit, 'check', '--format', 'github');
		matchesSnapshot('speckit-github.txt', result.stdout);
		assert.match(
			result.stdout,
			/^::error file=specs\/001-search\/plan.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=plan.gate-failed::/m,
		);
	});

	test('reads settings from .planmark.json: template, plan globs and severities', () => {
		const result = planmark(custom, 'check', '--format', 'json');
		const report = JSON.parse(result.stdout);
		assert.deepEqual(
			report.files.map((file: { path: string }) => file.path),
			['releases/4.2.md'],
		);
		const problems = report.files[0].problems.map(
			(problem: { code: string; severity: string }) => `${problem.code}:${problem.severity}`,
		);
		assert.deepEqual(problems, ['plan.placeholder:error', 'plan.unresolved-choice:warning']);
		assert.equal(result.status, 1);
	});
});

describe('exit codes', () => {
	test('0 when nothing reaches the threshold, 1 when something does', () => {
		assert.equal(
			planmark(speckit, 'check', '--severity', 'error', 'specs/002-billing/plan.md').status,
			0,
			'only warnings there',
		);
		assert.equal(planmark(speckit, 'check', 'specs/002-billing/plan.md').status, 1);
		assert.equal(planmark(custom, 'check', '--severity', 'error').status, 1, 'placeholders are errors there');
		assert.equal(
			planmark(speckit, 'check', '--severity', 'error', 'specs/001-search/plan.md').status,
			1,
			'a failed gate is an error',
		);
	});

	test('--max-warnings fails the run when warnings exceed it', () => {
		assert.equal(planmark(custom, 'check', '--severity', 'error', '--quiet').status, 1);
		assert.equal(
			planmark(speckit, 'check', '--severity', 'error', '--max-warnings', '100', 'specs/002-billing/plan.md').status,
			0,
		);
		assert.equal(planmark(custom, 'check', '--severity', 'hint', '--max-warnings', '0').status, 1);
	});

	test('2 with a one-line reason for bad flags, missing files and broken configuration', () => {
		for (const [cwd, args, reason] of [
			[speckit, ['check', '--format', 'xml'], /unknown format "xml"/],
			[speckit, ['check', '--bogus'], /Unknown option '--bogus'/],
			[speckit, ['check', 'nope.md'], /no such file or folder: nope.md/],
			[speckit, ['check', '--template', 'missing-template.md'], /cannot read template/],
			[speckit, ['check', '--max-warnings', 'many'], /--max-warnings needs a whole number/],
		] as const) {
			const result = planmark(cwd, ...args);
			assert.equal(result.status, 2, `${args.join(' ')}`);
			assert.match(result.stderr, reason);
			assert.equal(result.stderr.trim().split('\n').length, 1);
		}
		const broken = copyFixture('custom');
		fs.writeFileSync(path.join(broken, '.planmark.json'), '{ "template": ');
		const result = planmark(broken, 'check');
		assert.equal(result.status, 2);
		assert.match(result.stderr, /\.planmark\.json is not valid JSON/);
	});

	test('--help and --version exit 0', () => {
		assert.match(planmark(speckit, '--help').stdout, /^usage: planmark <command>/);
		assert.match(planmark(speckit, '--version').stdout, /^\d+\.\d+\.\d+\n$/);
	});
});

describe('planmark check --fix', () => {
	test("applies every fix that needs no choice, keeps every line of the author's text, and is idempotent", () => {
		const folder = copyFixture('speckit');
		const file = path.join(folder, 'specs', '001-search', 'plan.md');
		const before = fs.readFileSync(file, 'utf8');
		const result = planmark(folder, 'check', '--fix', 'specs/001-search/plan.md');
		const after = fs.readFileSync(file, 'utf8');
		matchesSnapshot('fixed-plan.md', after);
		const removable = new Set([
			'[List the technologies being used - keep this section factual and brief]',
			'[Repeat structure]',
		]);
		for (const line of before
			.split('\n')
			.filter(candidate => candidate.trim() !== '' && !removable.has(candidate.trim()))) {
			assert.ok(after.includes(line), `kept "${line}"`);
		}
		assert.equal(result.status, 1, 'problems that need a person are still reported');
		assert.ok(!result.stdout.includes('plan.repeat-marker') && !result.stdout.includes('plan.missing-section'));
		planmark(folder, 'check', '--fix', 'specs/001-search/plan.md');
		assert.equal(fs.readFileSync(file, 'utf8'), after, 'a second --fix changes nothing');
		assert.deepEqual(
			fs.readdirSync(path.dirname(file)).sort(),
			['plan.md', 'spec.md'],
			'no temporary files are left behind',
		);
	});

	test('keeps CRLF line endings and a byte-order mark', () => {
		const folder = copyFixture('speckit');
		const file = path.join(folder, 'specs', '001-search', 'plan.md');
		fs.writeFileSync(file, `\uFEFF${fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n')}`);
		planmark(folder, 'check', '--fix', 'specs/001-search/plan.md');
		const after = fs.readFileSync(file, 'utf8');
		assert.ok(after.startsWith('\uFEFF# Implementation Plan: Search\r\n'));
		assert.ok(!/[^\r]\n/.test(after), 'every line ends with CRLF');
		assert.ok(after.includes('### 1.2 Architecture Pattern\r\n'));
	});
});

describe('planmark progress', () => {
	test('prints a table of plans with each top-level section and the total', () => {
		const result = planmark(speckit, 'progress');
		assert.equal(result.status, 0);
		matchesSnapshot('speckit-progress.txt', result.stdout);
	});

	test('prints the same as JSON', () => {
		const report = JSON.parse(planmark(custom, 'progress', '--format', 'json').stdout);
		assert.deepEqual(
			report.plans.map((plan: { path: string; done: number; total: number; percent: number }) => [
				plan.path,
				plan.done,
				plan.total,
				plan.percent,
			]),
			[['releases/4.2.md', 1, 2, 50]],
		);
		assert.deepEqual(
			report.plans[0].sections.map((section: { name: string }) => section.name),
			['Summary', 'A. Scope', 'B. Milestones'],
		);
	});
});

describe('planmark report', () => {
	test('prints the outline with progress and the problems, and exits 0 even with problems', () => {
		const result = planmark(speckit, 'report', 'specs/001-search/plan.md');
		assert.equal(result.status, 0);
		assert.match(result.stdout, /^specs\/001-search\/plan.md: Implementation Plan: Search$/m);
		assert.match(result.stdout, /^ {4}1\. Technical Context$/m);
		assert.match(result.stdout, /plan\.gate-failed/);
	});
});
