import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { lineStartingWith, openFixtures, restorePlan, workspaceUri, type Fixtures } from '../support';

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

		const list = await vscode.commands.executeCommand<vscode.CompletionList>(
			'vscode.executeCompletionItemProvider',
			plan.uri,
			new vscode.Position(last + 1, 0),
		);
		const labels = list.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
		assert.ok(labels.includes('Research Task 3'), `offered: ${labels.join(', ') || 'nothing'}`);
	});

	it("offers the whole plan in a new plan.md where the author pressed Enter twice, and inserts it on the cursor's line", async () => {
		const uri = workspaceUri('specs/043-blank/plan.md');
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('\n\n'));
		try {
			const document = await vscode.workspace.openTextDocument(uri);
			const editor = await vscode.window.showTextDocument(document);
			const position = new vscode.Position(2, 0);
			// VS Code drops an item whose edit is not on the cursor's line, so the list is what it accepted.
			let skeleton: vscode.CompletionItem | undefined;
			for (
				const deadline = Date.now() + 10_000;
				!skeleton && Date.now() < deadline;
				await new Promise(resolve => setTimeout(resolve, 100))
			) {
				const list = await vscode.commands.executeCommand<vscode.CompletionList>(
					'vscode.executeCompletionItemProvider',
					uri,
					position,
				);
				skeleton = list.items.find(
					item =>
						(typeof item.label === 'string' ? item.label : item.label.label) === 'Implementation Plan: [FEATURE NAME]',
				);
			}
			assert.ok(skeleton, 'the whole plan is offered');
			editor.selection = new vscode.Selection(position, position);
			const range = skeleton.range instanceof vscode.Range ? skeleton.range : skeleton.range!.replacing;
			await editor.insertSnippet(skeleton.insertText as vscode.SnippetString, range);
			for (const edit of skeleton.additionalTextEdits ?? []) {
				await editor.edit(builder => builder.replace(edit.range, edit.newText));
			}
			assert.ok(
				document.getText().startsWith('# Implementation Plan: [FEATURE NAME]'),
				document.getText().slice(0, 80),
			);
		} finally {
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
		}
	});
});
