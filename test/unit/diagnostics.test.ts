import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { defaultSettings, diagnosticCodes, readSettings, withProjectSettings } from '../../server/src/config';
import { diagnostics } from '../../server/src/features/diagnostics';
import { inferTemplate } from '../../server/src/template/inferTemplate';
import { examplePlanText, joinLines, planOf } from './support';

describe('diagnostics', () => {
	test("reports a placeholder holding a bracket of its own, as spec-kit's success criteria do, and not once it is filled", () => {
		const template = inferTemplate(
			joinLines([
				'# Feature Specification: [FEATURE NAME]',
				'## Success Criteria',
				'- **SC-001**: [Measurable metric, e.g., "Users finish in under 2 minutes"]',
				'- **SC-002**: [Business metric, e.g., "Reduce support tickets related to [X] by 50%"]',
			]),
			'file:///repo/.specify/templates/spec-template.md',
		);
		const leftOver = joinLines([
			'# Feature Specification: Export',
			'## Success Criteria',
			'- **SC-001**: Exports finish in under 2 minutes',
			'- **SC-002**: [Business metric, e.g., "Reduce support tickets related to [X] by 50%"]',
		]);
		const found = diagnostics(planOf(leftOver, template), defaultSettings);
		assert.deepEqual(
			found.map(
				diagnostic => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.code}`,
			),
			['4:15 plan.placeholder'],
		);
		assert.equal(
			found[0].range.end.character - found[0].range.start.character,
			'[Business metric, e.g., "Reduce support tickets related to [X] by 50%"]'.length,
			'the whole placeholder, its inner bracket included',
		);
		const filled = leftOver.replace(/\[Business metric.*\]$/m, 'Reduce support tickets related to [exports] by 50%');
		assert.deepEqual(diagnostics(planOf(filled, template), defaultSettings), []);
	});

	test("reads a two-column table's rows as fields, as templates write their metadata: choices and placeholders", () => {
		const template = inferTemplate(
			joinLines([
				'# RFC: [Title]',
				'',
				'| Field | Value |',
				'|-------|-------|',
				'| Author | [name, @handle] |',
				'| **Status** | Draft / In Review / Accepted |',
				'',
				'| Risk | Likelihood | Notes |',
				'|------|------------|-------|',
				'| Outage | Low / High | [notes] |',
				'',
				'## Summary',
				'',
				'[One paragraph]',
			]),
			'file:///team/.specify/templates/plan-template.md',
		);
		const shown = (text: string) =>
			diagnostics(planOf(text, template), defaultSettings).map(
				diagnostic => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.code}`,
			);
		const document = (author: string, status: string, likelihood: string) =>
			joinLines([
				'# RFC: Rotation',
				'',
				'| Field | Value |',
				'|-------|-------|',
				`| Author | ${author} |`,
				`| **Status** | ${status} |`,
				'',
				'| Risk | Likelihood | Notes |',
				'|------|------------|-------|',
				`| Outage | ${likelihood} | Rare. |`,
				'',
				'## Summary',
				'',
				'Rotate secrets on a schedule.',
			]);
		assert.deepEqual(shown(document('[someone]', 'Draft / In Review / Accepted', 'Low / High')), [
			'5:12 plan.placeholder',
			'6:16 plan.unresolved-choice',
		]);
		// Chosen, filled, and a wider table's cells are not fields: nothing to report.
		assert.deepEqual(shown(document('Amara Nwosu, @anwosu', 'In Review', 'Low / High')), []);
		const plan = planOf(document('Amara Nwosu, @anwosu', 'In Review', 'Low / High'), template);
		assert.deepEqual(
			plan.choices.map(choice => [choice.label, choice.value, choice.state]),
			[['Status', 'In Review', 'chosen']],
		);
	});

	test('reports each leftover of the example plan with source, code, section and exact range', () => {
		const found = diagnostics(planOf(examplePlanText), defaultSettings);
		assert.deepEqual(
			found.map(
				diagnostic =>
					`${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.code} ${diagnostic.message}`,
			),
			[
				'26:3 plan.placeholder Unfilled placeholder [Service 2] in 1.3 Key Integration Points.',
				'26:16 plan.placeholder Unfilled placeholder [Purpose and integration method] in 1.3 Key Integration Points.',
				'66:11 plan.unresolved-choice Choose one value for "Status" in Gate 2: Storage budget on low-end devices: PASS, FAIL or CONDITIONAL.',
			],
		);
		assert.ok(
			found.every(diagnostic => diagnostic.source === 'planmark' && diagnostic.severity === DiagnosticSeverity.Warning),
		);
	});

	test('uses the configured severity, and reports nothing for a code that is off', () => {
		const settings = readSettings({ diagnostics: { placeholder: 'error', 'unresolved-choice': 'off' } });
		const found = diagnostics(planOf(examplePlanText), settings);
		assert.deepEqual(
			found.map(diagnostic => [diagnostic.code, diagnostic.severity]),
			[
				['plan.placeholder', DiagnosticSeverity.Error],
				['plan.placeholder', DiagnosticSeverity.Error],
			],
		);
	});

	test('reports nothing in a markdown file that is not a plan', () => {
		assert.deepEqual(
			diagnostics(planOf('# README\n\n[Service 2] [FEATURE NAME]\n', undefined, false), defaultSettings),
			[],
		);
	});
});

describe('settings', () => {
	const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
	const properties = manifest.contributes.configuration.properties as Record<
		string,
		{ default: unknown; enum?: string[] }
	>;

	test('package.json declares every setting the server reads, with the same defaults', () => {
		// A setting whose value is an object (planmark.templates) is one setting, not a section.
		const flatten = (value: unknown, prefix: string): [string, unknown][] =>
			typeof value === 'object' && value !== null && !Array.isArray(value) && !(prefix in properties)
				? Object.entries(value).flatMap(([key, inner]) => flatten(inner, `${prefix}.${key}`))
				: [[prefix, value]];
		const serverDefaults = Object.fromEntries(flatten(defaultSettings, 'planmark'));
		assert.deepEqual(Object.keys(properties).sort(), Object.keys(serverDefaults).sort());
		for (const [key, value] of Object.entries(serverDefaults)) {
			assert.deepEqual(properties[key].default, value, key);
		}
	});

	test('every diagnostic code has a severity setting', () => {
		for (const code of Object.keys(diagnosticCodes)) {
			assert.deepEqual(properties[`planmark.diagnostics.${code}`].enum, [
				'error',
				'warning',
				'information',
				'hint',
				'off',
			]);
		}
	});

	test('ill-typed settings fall back to defaults instead of breaking the server', () => {
		assert.deepEqual(
			readSettings({ template: 42, planFiles: 'plan.md', codeLens: null, diagnostics: { placeholder: 'loud' } }),
			defaultSettings,
		);
		assert.deepEqual(readSettings(undefined), defaultSettings);
	});

	test('a project settings file applies where the editor keeps the default, and loses to what the user set', () => {
		const editor = readSettings({ diagnostics: { placeholder: 'hint' } });
		const merged = withProjectSettings(editor, {
			template: 'docs/t.md',
			diagnostics: { placeholder: 'error', 'missing-section': 'off' },
		});
		assert.equal(merged.template, 'docs/t.md');
		assert.equal(merged.diagnostics['missing-section'], 'off');
		assert.equal(merged.diagnostics.placeholder, 'hint');
	});
});
