import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { lineWhere, openFixtures, planmarkLenses, type Fixtures } from '../support';

describe('Progress lenses', () => {
	let fixtures: Fixtures;

	before(async () => {
		fixtures = await openFixtures();
	});

	it("shows the whole plan's progress above the title", async () => {
		const title = (await planmarkLenses(fixtures.plan.uri)).find(lens => lens.range.start.line === 0);
		assert.ok(title?.command, 'no planmark lens on the title line');
		assert.match(title.command.title, /^Plan: \d+\/\d+ done/);
	});

	it('moves the cursor to the next open task when the title lens is clicked', async () => {
		const title = (await planmarkLenses(fixtures.plan.uri)).find(lens => lens.range.start.line === 0);
		assert.ok(title?.command, 'no planmark lens on the title line');
		// Start from another editor, as a user clicking the lens after reading the README would.
		await vscode.window.showTextDocument(fixtures.readme);
		await vscode.commands.executeCommand(title.command.command, ...(title.command.arguments ?? []));

		const editor = vscode.window.activeTextEditor;
		assert.equal(editor?.document.uri.toString(), fixtures.plan.uri.toString(), 'the plan is not the active editor');
		const firstOpenTask = lineWhere(fixtures.plan, text => /^\s*- \[ \] /.test(text), 'is an open task');
		assert.equal(
			editor.selection.active.line + 1,
			firstOpenTask + 1,
			`the cursor is on "${fixtures.plan.lineAt(editor.selection.active.line).text}"`,
		);
	});
});
