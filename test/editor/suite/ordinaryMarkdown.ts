import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import { describeDiagnostics, openFixtures, planmarkDiagnostics, planmarkLenses, type Fixtures } from '../support';

describe('An ordinary markdown file', () => {
	let fixtures: Fixtures;

	before(async () => {
		fixtures = await openFixtures();
	});

	it('gets no planmark problems, though it has brackets and tasks', () => {
		assert.ok(planmarkDiagnostics(fixtures.plan.uri).length > 0, 'the plan itself has no planmark problems');
		const diagnostics = planmarkDiagnostics(fixtures.readme.uri);
		assert.equal(diagnostics.length, 0, `README.md has planmark problems:\n${describeDiagnostics(diagnostics)}`);
	});

	it('gets no progress lenses, though it has tasks', async () => {
		assert.ok((await planmarkLenses(fixtures.plan.uri)).length > 0, 'the plan itself has no planmark lenses');
		const lenses = await planmarkLenses(fixtures.readme.uri);
		assert.deepEqual(
			lenses.map(lens => `${lens.range.start.line + 1}: ${lens.command?.title}`),
			[],
		);
	});
});
