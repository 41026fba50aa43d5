import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeLenses, lineStartingWith, openFixtures, workspaceUri } from '../support';

describe('A template open in the editor', () => {
	let template: vscode.TextDocument;
	let lenses: vscode.CodeLens[];

	before(async () => {
		await openFixtures();
		template = await vscode.workspace.openTextDocument(workspaceUri('.specify/templates/tasks-template.md'));
		await vscode.window.showTextDocument(template);
		lenses = await codeLenses(template.uri);
	});

	const lensesOn = (line: number): string[] =>
		lenses.filter(lens => lens.range.start.line === line).map(lens => lens.command?.title ?? '(no title)');

	it('says on its first line which documents it governs and what planmark read from it', () => {
		const [summary] = lensesOn(0);
		assert.ok(
			summary?.startsWith('planmark template for tasks.md'),
			`line 1 has the lenses: ${lensesOn(0).join(' | ') || 'none'}`,
		);
		assert.match(summary, / · \d+ sections? · \d+ repeatable blocks? · \d+ choice fields? · \d+ placeholders?$/);
	});

	it('labels a repeatable block and a section', () => {
		const setup = lineStartingWith(template, '## Phase 1: Setup');
		assert.ok(
			lensesOn(setup).some(title => title.startsWith('repeatable heading block "Phase N"')),
			`"## Phase 1: Setup" has the lenses: ${lensesOn(setup).join(' | ') || 'none'}`,
		);
		const notes = lineStartingWith(template, '## Notes');
		assert.ok(
			lensesOn(notes).some(title => title.startsWith('section "Notes"')),
			`"## Notes" has the lenses: ${lensesOn(notes).join(' | ') || 'none'}`,
		);
	});

	it('shows no plan progress, though it has tasks', () => {
		const progress = lenses.filter(lens => /\d+\/\d+ done/.test(lens.command?.title ?? ''));
		assert.deepEqual(
			progress.map(lens => `${lens.range.start.line + 1}: ${lens.command?.title}`),
			[],
		);
	});
});
