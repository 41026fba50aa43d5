import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activatePlanmark, lineStartingWith, workspaceUri } from '../support';

const tasksPath = 'specs/042-offline-sync/tasks.md';
const specPath = 'specs/042-offline-sync/spec.md';

/** Waits until the editor's active document is `uri` (commands that open an editor return before it shows). */
async function activeEditorFor(uri: vscode.Uri, timeoutMs = 10_000): Promise<vscode.TextEditor> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const editor = vscode.window.activeTextEditor;
		if (editor?.document.uri.toString() === uri.toString()) {
			return editor;
		}
		if (Date.now() > deadline) {
			assert.fail(`the active editor is ${editor?.document.uri.toString() ?? 'none'}, not ${uri.toString()}`);
		}
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

describe('Feature IDs across documents', () => {
	let tasks: vscode.TextDocument;

	before(async () => {
		await activatePlanmark();
		tasks = await vscode.workspace.openTextDocument(workspaceUri(tasksPath));
	});

	it('Go to Definition on [US1] in tasks.md opens spec.md at the story', async () => {
		const line = lineStartingWith(tasks, '- [x] T003');
		const character = tasks.lineAt(line).text.indexOf('US1') + 1;
		const editor = await vscode.window.showTextDocument(tasks);
		editor.selection = new vscode.Selection(line, character, line, character);
		await vscode.commands.executeCommand('editor.action.revealDefinition');

		const spec = await activeEditorFor(workspaceUri(specPath));
		const at = spec.selection.active;
		assert.equal(
			spec.document.lineAt(at.line).text,
			'### US1: Edit notes without coverage',
			'the cursor is not on the story',
		);
	});

	it('hover on [US2] shows the story with its tasks and how many are done', async () => {
		const line = lineStartingWith(tasks, '- [ ] T005');
		const position = new vscode.Position(line, tasks.lineAt(line).text.indexOf('US2') + 1);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
			'vscode.executeHoverProvider',
			tasks.uri,
			position,
		);
		const text = hovers
			.flatMap(hover => hover.contents)
			.map(content => (typeof content === 'string' ? content : content.value))
			.join('\n');
		assert.match(text, /Sync on reconnect/);
		assert.match(text, /US2: 2 tasks · 0 done · 0%/);
	});
});
