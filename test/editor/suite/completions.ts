import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { lineStartingWith, openFixtures, restorePlan, type Fixtures } from '../support';

describe('Completions in a plan', () => {
	let fixtures: Fixtures;

	before(async () => {
		fixtures = await openFixtures();
	});

	after(async () => {
		await restorePlan(fixtures.plan);
	});

	it('offers "Research Task 3" on a new line after Research Task 2', async () => {
		const plan = fixtures.plan;
		const task = lineStartingWith(plan, '#### Research Task 2');
		// The last line of Research Task 2's content: the new line goes right after it.
		let last = task;
		for (let line = task + 1; line < plan.lineCount && !plan.lineAt(line).text.startsWith('#'); line++) {
			if (plan.lineAt(line).text.trim() !== '') {
				last = line;
			}
		}
		const edit = new vscode.WorkspaceEdit();
		edit.insert(plan.uri, plan.lineAt(last).range.end, '\n');
		assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');

		const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', plan.uri, new vscode.Position(last + 1, 0));
		const labels = list.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
		assert.ok(labels.includes('Research Task 3'), `offered: ${labels.join(', ') || 'nothing'}`);
	});
});
