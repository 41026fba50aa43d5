import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { diagnosticSettings, diagnosticTable, tableEnd, tableStart } from '../../scripts/manifest';
import { diagnosticCodes, qualifiedCode } from '../../server/src/diagnosticCodes';

const root = join(__dirname, '..', '..', '..');

describe('generated manifest and README', () => {
	test("package.json declares each diagnostic code's setting exactly as diagnosticCodes.ts describes it (run `npm run manifest`)", () => {
		const properties = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).contributes.configuration
			.properties as Record<string, unknown>;
		const declared = Object.fromEntries(
			Object.entries(properties).filter(([key]) => key.startsWith('planmark.diagnostics.')),
		);
		assert.deepEqual(declared, diagnosticSettings());
	});

	test('the README lists every diagnostic code with its default, example, meaning and fix (run `npm run manifest`)', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const start = readme.indexOf(tableStart);
		const end = readme.indexOf(tableEnd);
		assert.ok(start >= 0 && end > start, 'the README has the generated block');
		assert.equal(readme.slice(start, end + tableEnd.length), diagnosticTable());
		for (const code of Object.keys(diagnosticCodes)) {
			assert.ok(diagnosticTable().includes(`| \`${qualifiedCode(code)}\` |`), `the table lists ${qualifiedCode(code)}`);
		}
	});
});
