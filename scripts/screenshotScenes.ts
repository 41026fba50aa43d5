// Runs inside VS Code (as the extension tests entry) while scripts/screenshots.mjs photographs the window:
// each scene arranges the editor through the API, then asks for its picture and waits until it is taken.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

interface Scene {
	/** The picture's name: images/<name>.png. */
	readonly name: string;
	/** What must be on screen before the picture is taken (a CSS selector of the workbench). */
	readonly selector: string;
	/** What to click first, for layout the API cannot reach (playwright selectors). */
	readonly clicks?: readonly string[];
	arrange(editor: vscode.TextEditor): Promise<void>;
}

const planPath = 'specs/042-offline-sync/plan.md';

const scenes: Scene[] = [
	{
		name: 'progress',
		selector: '.codelens-decoration a',
		async arrange(editor) {
			await vscode.commands.executeCommand('workbench.action.closeSidebar');
			await vscode.commands.executeCommand('workbench.action.closePanel');
			await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
			placeCursor(editor, new vscode.Position(0, 0), vscode.TextEditorRevealType.AtTop);
			await vscode.commands.executeCommand('vscode.executeCodeLensProvider', editor.document.uri);
		},
	},
	{
		name: 'quick-fix',
		selector: '.action-widget .monaco-list-row',
		async arrange(editor) {
			const choice = await waitFor(
				() =>
					planmarkDiagnostics(editor.document.uri).find(diagnostic => codeOf(diagnostic) === 'plan.unresolved-choice'),
				'an unresolved choice',
			);
			await vscode.commands.executeCommand('workbench.actions.view.problems');
			await vscode.window.showTextDocument(editor.document, { preserveFocus: false, preview: false });
			placeCursor(editor, choice.range.start, vscode.TextEditorRevealType.InCenter);
			await vscode.commands.executeCommand('editor.action.quickFix');
		},
	},
	{
		name: 'outline',
		selector: '.outline-pane .monaco-list-row',
		clicks: ['.pane-header[aria-expanded="true"]:has-text("field-notes")'],
		async arrange(editor) {
			await vscode.commands.executeCommand('workbench.action.closePanel');
			const phase = lineStartingWith(editor.document, '#### Phase 2');
			placeCursor(editor, new vscode.Position(phase, 0), vscode.TextEditorRevealType.AtTop);
			// A wider side bar for the outline's names; the scene's click collapses the folder tree.
			await vscode.commands.executeCommand('workbench.view.explorer');
			await vscode.commands.executeCommand('timeline.toggleVisibility');
			await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
			for (let step = 0; step < 3; step++) {
				await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
			}
			await vscode.commands.executeCommand('outline.focus');
		},
	},
	{
		name: 'completion',
		selector: '.suggest-widget.visible .monaco-list-row',
		async arrange(editor) {
			await vscode.commands.executeCommand('workbench.action.closeSidebar');
			await vscode.window.showTextDocument(editor.document, { preserveFocus: false, preview: false });
			// A new line after the last research task, where the next one belongs.
			const task = lineStartingWith(editor.document, '#### Research Task 2');
			let last = task;
			for (
				let line = task + 1;
				line < editor.document.lineCount && !editor.document.lineAt(line).text.startsWith('#');
				line++
			) {
				if (editor.document.lineAt(line).text.trim() !== '') {
					last = line;
				}
			}
			await editor.edit(builder => builder.insert(editor.document.lineAt(last).range.end, '\n'));
			placeCursor(editor, new vscode.Position(last + 1, 0), vscode.TextEditorRevealType.InCenter);
			await vscode.commands.executeCommand('editor.action.triggerSuggest');
			// Show the chosen item's documentation (what it inserts) beside the list.
			await new Promise(resolve => setTimeout(resolve, 1000));
			await vscode.commands.executeCommand('toggleSuggestionDetails');
		},
	},
	{
		name: 'features',
		selector: '.monaco-list-row:has-text("US2 Revoke or expire a link")',
		// Room for the Features view: the outline folds away; a feature and its stories unfold.
		clicks: [
			'.pane-header[aria-expanded="true"]:has-text("Outline")',
			'.monaco-list-row:has-text("002 shared-links") .monaco-tl-twistie',
			'.monaco-list-row:has-text("User stories")',
		],
		async arrange() {
			await vscode.commands.executeCommand('workbench.action.closePanel');
			const tasks = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'specs/002-shared-links/tasks.md');
			const editor = await vscode.window.showTextDocument(tasks, { preview: false });
			placeCursor(editor, new vscode.Position(0, 0), vscode.TextEditorRevealType.AtTop);
			await vscode.commands.executeCommand('workbench.view.explorer');
			// A wider side bar for the features' descriptions: the editor gives up the room.
			await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
			for (let step = 0; step < 6; step++) {
				await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
			}
			await vscode.commands.executeCommand('planmark.features.focus');
			await new Promise(resolve => setTimeout(resolve, 1500));
		},
	},
	{
		name: 'dashboard',
		selector: 'iframe.webview.ready',
		async arrange() {
			await vscode.commands.executeCommand('workbench.action.closeSidebar');
			await vscode.commands.executeCommand('workbench.action.closePanel');
			await vscode.commands.executeCommand('planmark.showFeatureDashboard');
			// The page draws its rows once the server has answered.
			await new Promise(resolve => setTimeout(resolve, 2500));
		},
	},
];

export async function run(): Promise<void> {
	const signals = process.env.PLANMARK_SCREENSHOT_SIGNALS;
	if (!signals) {
		throw new Error('PLANMARK_SCREENSHOT_SIGNALS is not set: run this through scripts/screenshots.mjs');
	}
	const extension = vscode.extensions.getExtension<{ ready: Promise<void> }>('planmark.planmark');
	if (!extension) {
		throw new Error('the extension planmark.planmark is not loaded');
	}
	await (await extension.activate()).ready;
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) {
		throw new Error('no workspace folder is open');
	}
	const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, planPath));
	const editor = await vscode.window.showTextDocument(document, { preview: false });
	await waitFor(() => planmarkDiagnostics(document.uri).length > 0 || undefined, "the plan's diagnostics");
	for (const scene of scenes) {
		await scene.arrange(editor);
		await photograph(signals, scene);
	}
}

function placeCursor(editor: vscode.TextEditor, position: vscode.Position, reveal: vscode.TextEditorRevealType): void {
	editor.selection = new vscode.Selection(position, position);
	editor.revealRange(new vscode.Range(position, position), reveal);
}

function lineStartingWith(document: vscode.TextDocument, prefix: string): number {
	for (let line = 0; line < document.lineCount; line++) {
		if (document.lineAt(line).text.startsWith(prefix)) {
			return line;
		}
	}
	throw new Error(`no line of the plan starts with "${prefix}"`);
}

function planmarkDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter(diagnostic => diagnostic.source === 'planmark');
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
	return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) {
			return value;
		}
		if (Date.now() > deadline) {
			throw new Error(`gave up waiting for ${what}`);
		}
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

/** Asks scripts/screenshots.mjs for the picture, through files in `signals`, and waits until it is taken. */
async function photograph(signals: string, scene: Scene): Promise<void> {
	writeFileSync(
		join(signals, `${scene.name}.ready`),
		JSON.stringify({ name: scene.name, selector: scene.selector, clicks: scene.clicks ?? [] }),
	);
	await waitFor(
		() => existsSync(join(signals, `${scene.name}.done`)) || undefined,
		`the picture ${scene.name}`,
		60_000,
	);
}
