import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
	assertText,
	checked,
	lineStartingWith,
	openFixtures,
	restorePlan,
	showAt,
	titleLensProgress,
	unchecked,
	withLines,
	type Fixtures,
} from '../support';

describe('Task commands in a plan', () => {
	let fixtures: Fixtures;
	let original: string;

	before(async () => {
		fixtures = await openFixtures();
		original = fixtures.plan.getText();
	});

	afterEach(async () => {
		await restorePlan(fixtures.plan);
	});

	const line = (prefix: string): number => lineStartingWith(fixtures.plan, prefix);

	/** Runs a command in the plan's editor, with the cursor or selection set by `place`. */
	async function runInPlan(command: string, place: (editor: vscode.TextEditor) => void): Promise<vscode.TextEditor> {
		const editor = await showAt(fixtures.plan, 0);
		place(editor);
		await vscode.commands.executeCommand(command);
		return editor;
	}

	const cursorOn = (target: number) => (editor: vscode.TextEditor) => {
		editor.selection = new vscode.Selection(target, 0, target, 0);
	};

	describe('Toggle Task Checkbox', () => {
		it("ticks the open box on the cursor's line and changes nothing else", async () => {
			const task = line('- [ ] Which conflict policy');
			await runInPlan('planmark.toggleTask', editor => {
				// Anywhere on the line will do, as for a keyboard shortcut pressed mid-sentence.
				editor.selection = new vscode.Selection(task, 20, task, 20);
			});
			assert.equal(fixtures.plan.lineAt(task).text, '- [x] Which conflict policy do field teams expect for photos?');
			assertText(fixtures.plan, withLines(original, [task], checked));
		});

		it('unticks a done box', async () => {
			const task = line('- [x] Move note storage to expo-sqlite');
			await runInPlan('planmark.toggleTask', cursorOn(task));
			assertText(fixtures.plan, withLines(original, [task], unchecked));
		});

		it('is undone by one Undo, back to the exact previous text', async () => {
			const task = line('- [ ] Batch upload with resume');
			await runInPlan('planmark.toggleTask', cursorOn(task));
			assert.notEqual(fixtures.plan.getText(), original, 'the toggle changed nothing');
			await vscode.commands.executeCommand('undo');
			assertText(fixtures.plan, original);
		});

		it('ticks every box of a multi-line selection', async () => {
			const first = line('- [ ] All functional requirements implemented');
			const last = line('- [ ] Deployment runbook tested');
			await runInPlan('planmark.toggleTask', editor => {
				editor.selection = new vscode.Selection(first, 3, last, 10);
			});
			const lines = Array.from({ length: last - first + 1 }, (_, index) => first + index);
			assertText(fixtures.plan, withLines(original, lines, checked));
		});

		it('ticks every box of a selection holding done and open tasks, as Toggle Line Comment would', async () => {
			const first = line('- [x] How large can a device queue grow');
			const open = line('- [ ] Which conflict policy');
			await runInPlan('planmark.toggleTask', editor => {
				editor.selection = new vscode.Selection(first, 0, open, fixtures.plan.lineAt(open).text.length);
			});
			assertText(fixtures.plan, withLines(original, [open], checked));
		});

		it('leaves out the line a whole-line selection ends at the start of', async () => {
			const first = line('- [x] How large can a device queue grow');
			const second = line('- [x] Does expo-sqlite support WAL mode');
			const third = line('- [ ] Which conflict policy');
			assert.equal(third, second + 1, "the fixture's three tasks of 1.4 are no longer adjacent");
			// Shift+Down twice from the start of a line selects it and the next, ending at column 0 of the third.
			await runInPlan('planmark.toggleTask', editor => {
				editor.selection = new vscode.Selection(first, 0, third, 0);
			});
			assertText(fixtures.plan, withLines(original, [first, second], unchecked));
		});

		it('toggles the box under every cursor', async () => {
			const first = line('- [ ] No security anti-patterns introduced');
			const second = line('- [ ] Scalability approach defined');
			await runInPlan('planmark.toggleTask', editor => {
				editor.selections = [new vscode.Selection(first, 0, first, 0), new vscode.Selection(second, 0, second, 0)];
			});
			assertText(fixtures.plan, withLines(original, [first, second], checked));
		});

		// Pending on a bug: client/src/taskCommands.ts runs the server's toggle once per selection, and
		// each run applies its own workspace edit, so one Undo takes back only the last cursor's box.
		it('is undone by one Undo with several cursors, as every editor command is', async () => {
			const first = line('- [ ] No security anti-patterns introduced');
			const second = line('- [ ] Scalability approach defined');
			await runInPlan('planmark.toggleTask', editor => {
				editor.selections = [new vscode.Selection(first, 0, first, 0), new vscode.Selection(second, 0, second, 0)];
			});
			assertText(fixtures.plan, withLines(original, [first, second], checked), 'the text after the toggle');
			await vscode.commands.executeCommand('undo');
			assertText(fixtures.plan, original, 'the text after one Undo');
		});
	});

	describe('Go to Next / Previous Open Task', () => {
		const cursorLineText = (editor: vscode.TextEditor): string =>
			fixtures.plan.lineAt(editor.selection.active.line).text;

		it('goes from the title to the first open task', async () => {
			const editor = await runInPlan('planmark.nextOpenTask', cursorOn(0));
			assert.equal(cursorLineText(editor), '- [ ] Which conflict policy do field teams expect for photos?');
		});

		it('skips done tasks on the way to the next open one', async () => {
			const editor = await runInPlan('planmark.nextOpenTask', cursorOn(line('- [ ] Which conflict policy')));
			assert.equal(cursorLineText(editor), '- [ ] No security anti-patterns introduced');
		});

		it('reaches an open task nested under another', async () => {
			const editor = await runInPlan('planmark.nextOpenTask', cursorOn(line('- [ ] Conflict resolution per field')));
			assert.equal(cursorLineText(editor), '  - [ ] Text fields');
		});

		it('goes back to the previous open task', async () => {
			const editor = await runInPlan(
				'planmark.previousOpenTask',
				cursorOn(line('- [ ] No security anti-patterns introduced')),
			);
			assert.equal(cursorLineText(editor), '- [ ] Which conflict policy do field teams expect for photos?');
		});

		it('wraps from after the last open task to the first', async () => {
			const editor = await runInPlan('planmark.nextOpenTask', cursorOn(fixtures.plan.lineCount - 1));
			assert.equal(cursorLineText(editor), '- [ ] Which conflict policy do field teams expect for photos?');
		});

		it('wraps from before the first open task to the last', async () => {
			const editor = await runInPlan('planmark.previousOpenTask', cursorOn(0));
			assert.equal(cursorLineText(editor), '- [ ] Deployment runbook tested');
		});

		it('does not move the cursor or edit when the active editor is not a plan', async () => {
			const editor = await showAt(fixtures.readme, 0);
			await vscode.commands.executeCommand('planmark.nextOpenTask');
			assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), fixtures.readme.uri.toString());
			assert.equal(editor.selection.active.line, 0);
		});
	});

	describe('Mark Section Done', () => {
		it('checks every open task of the block around the cursor and nothing outside it', async () => {
			const block = line('#### Phase 2: Sync engine');
			const tasks = [
				'- [ ] Batch upload with resume',
				'- [ ] Conflict resolution per field',
				'  - [ ] Text fields',
				'  - [ ] Photo attachments',
				'- [ ] Sync status indicator',
			].map(line);
			await runInPlan('planmark.completeSection', cursorOn(line('**Goal**: Changes made offline reach the server')));
			assert.ok(
				tasks.every(task => task > block),
				"the fixture's Phase 2 tasks moved",
			);
			assertText(fixtures.plan, withLines(original, tasks, checked));
			// Phase 1, the block before, keeps its open task.
			assert.equal(fixtures.plan.lineAt(line('- [ ] Add storage usage screen')).text, '- [ ] Add storage usage screen');
		});

		it('checks a whole section from its heading, and its progress lens then reads all done', async () => {
			const before = await titleLensProgress(fixtures.plan.uri);
			const heading = line('### 8.1 Pre-Launch Checklist');
			await runInPlan('planmark.completeSection', cursorOn(heading));
			const tasks = Array.from({ length: 7 }, (_, index) => heading + 1 + index);
			assertText(fixtures.plan, withLines(original, tasks, checked));
			assert.deepEqual(await titleLensProgress(fixtures.plan.uri), { done: before.done + 7, total: before.total });
		});

		it('is undone by one Undo', async () => {
			await runInPlan('planmark.completeSection', cursorOn(line('### 6.3 Documentation')));
			assert.notEqual(fixtures.plan.getText(), original, 'Mark Section Done changed nothing');
			await vscode.commands.executeCommand('undo');
			assertText(fixtures.plan, original);
		});
	});

	describe('Open Tasks of This Plan…', () => {
		it('moves the cursor to the open task picked from its list', async () => {
			const editor = await showAt(fixtures.plan, 0);
			const picking = Promise.resolve(vscode.commands.executeCommand('planmark.pickOpenTask'));
			// The user presses Enter on the list's first entry as soon as it shows.
			await acceptQuickPickWhenShown(picking);
			assert.equal(
				fixtures.plan.lineAt(editor.selection.active.line).text,
				'- [ ] Which conflict policy do field teams expect for photos?',
			);
		});
	});
});

/**
 * Accepts the selected entry of the quick pick a command opens, once it shows: accepting while no
 * quick pick is open does nothing, so this presses Enter until the command settles.
 */
async function acceptQuickPickWhenShown(command: Promise<unknown>): Promise<void> {
	let settled = false;
	const done = command.finally(() => {
		settled = true;
	});
	const deadline = Date.now() + 10_000;
	while (!settled) {
		assert.ok(Date.now() < deadline, 'the command opened no quick pick within 10 s, or it never settled');
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		await Promise.race([done, new Promise(resolve => setTimeout(resolve, 50))]);
	}
	await done;
}
