import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
	codeOf,
	describeDiagnostics,
	lineStartingWith,
	openFixtures,
	restorePlan,
	waitForDiagnostics,
	type Fixtures,
} from '../support';

describe('Problems in a plan', () => {
	let fixtures: Fixtures;

	before(async () => {
		fixtures = await openFixtures();
	});

	after(async () => {
		await restorePlan(fixtures.plan);
	});

	it('warns about the "[Service 2]" placeholder left on line 26', () => {
		const diagnostics = placeholdersOnLine(fixtures.plan, 25);
		const service = diagnostics.find(diagnostic => fixtures.plan.getText(diagnostic.range) === '[Service 2]');
		assert.ok(
			service,
			`no plan.placeholder on "[Service 2]" at line 26; line 26 has:\n${describeDiagnostics(diagnostics)}`,
		);
		assert.equal(service.range.start.character, 2);
		assert.equal(service.severity, vscode.DiagnosticSeverity.Warning);
	});

	it('warns about a gate status that still lists every choice', async () => {
		const line = lineStartingWith(fixtures.plan, '- Status: PASS / FAIL / CONDITIONAL');
		const diagnostics = await waitForDiagnostics(
			fixtures.plan.uri,
			found => found.some(diagnostic => codeOf(diagnostic) === 'plan.unresolved-choice'),
			'plan.unresolved-choice',
		);
		const choice = diagnostics.find(diagnostic => codeOf(diagnostic) === 'plan.unresolved-choice');
		assert.equal(
			choice?.range.start.line,
			line,
			`plan.unresolved-choice is not on line ${line + 1}:\n${describeDiagnostics(diagnostics)}`,
		);
	});

	it('drops the placeholder warning once "[Service 2]" is replaced with a real service', async () => {
		const line = fixtures.plan.lineAt(25);
		const start = line.text.indexOf('[Service 2]');
		assert.ok(start >= 0, `line 26 no longer holds "[Service 2]": ${line.text}`);
		const edit = new vscode.WorkspaceEdit();
		edit.replace(fixtures.plan.uri, new vscode.Range(25, start, 25, start + '[Service 2]'.length), 'Stripe');
		assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');

		// The old warning's range now covers other text, so wait for the set that names only what is left.
		await waitForDiagnostics(
			fixtures.plan.uri,
			() => {
				const left = placeholdersOnLine(fixtures.plan, 25).map(diagnostic => fixtures.plan.getText(diagnostic.range));
				return left.length === 1 && left[0] === '[Purpose and integration method]';
			},
			'only "[Purpose and integration method]" to be flagged on line 26',
		);
		assert.equal(fixtures.plan.lineAt(25).text, '- Stripe: [Purpose and integration method]');
	});
});

function placeholdersOnLine(plan: vscode.TextDocument, line: number): vscode.Diagnostic[] {
	return vscode.languages
		.getDiagnostics(plan.uri)
		.filter(
			diagnostic =>
				diagnostic.source === 'planmark' &&
				codeOf(diagnostic) === 'plan.placeholder' &&
				diagnostic.range.start.line === line,
		);
}
