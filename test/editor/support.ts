import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanmarkApi } from '../../client/src/extension';

export const planPath = 'specs/042-offline-sync/plan.md';
export const readmePath = 'README.md';

/** How long to wait for the language server to publish something a user would see. */
const publishTimeoutMs = 15_000;

/** Activates planmark (publisher.name from package.json) and waits until its language server runs. */
export async function activatePlanmark(): Promise<PlanmarkApi> {
	const extension = vscode.extensions.getExtension<PlanmarkApi>('planmark.planmark');
	assert.ok(extension, 'the extension planmark.planmark is not loaded in this editor');
	const api = await extension.activate();
	await api.ready;
	return api;
}

export function workspaceUri(relativePath: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the editor tests need test/editor/workspace open as the workspace folder');
	return vscode.Uri.joinPath(folder.uri, relativePath);
}

export interface Fixtures {
	readonly plan: vscode.TextDocument;
	readonly readme: vscode.TextDocument;
}

/**
 * Opens the README, then the plan, and waits for the plan's first planmark diagnostics. The server
 * handles documents in the order they were opened, so by then it has also judged the README: an
 * empty answer for the README means "not a plan", not "not yet".
 */
export async function openFixtures(): Promise<Fixtures> {
	await activatePlanmark();
	const readme = await openInTab(workspaceUri(readmePath));
	const plan = await openInTab(workspaceUri(planPath));
	await waitForDiagnostics(plan.uri, diagnostics => diagnostics.length > 0, 'the plan to get planmark diagnostics');
	return { plan, readme };
}

/**
 * Opens a document in a tab of its own, as an author does. VS Code pulls planmark's diagnostics
 * for documents in tabs only, so a document opened without a tab gets none.
 */
export async function openInTab(uri: vscode.Uri): Promise<vscode.TextDocument> {
	const document = await vscode.workspace.openTextDocument(uri);
	await vscode.window.showTextDocument(document, { preview: false, preserveFocus: false });
	return document;
}

/** Puts the plan's text back as it is on disk, undoing the edits a test made, without saving. */
export async function restorePlan(plan: vscode.TextDocument): Promise<void> {
	const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(plan.uri));
	if (plan.getText() === original) {
		return;
	}
	const edit = new vscode.WorkspaceEdit();
	edit.replace(plan.uri, new vscode.Range(plan.positionAt(0), plan.positionAt(plan.getText().length)), original);
	assert.ok(await vscode.workspace.applyEdit(edit), 'could not restore the plan text');
}

/** The line of the first line in a document whose text satisfies `test`. */
export function lineWhere(document: vscode.TextDocument, test: (text: string) => boolean, description: string): number {
	for (let line = 0; line < document.lineCount; line++) {
		if (test(document.lineAt(line).text)) {
			return line;
		}
	}
	assert.fail(`no line of ${vscode.workspace.asRelativePath(document.uri)} ${description}`);
}

export function lineStartingWith(document: vscode.TextDocument, prefix: string): number {
	return lineWhere(document, text => text.startsWith(prefix), `starts with "${prefix}"`);
}

export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
	return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** The diagnostics planmark (and no other extension) shows for a document. */
export function planmarkDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter(diagnostic => diagnostic.source === 'planmark');
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
	return (
		diagnostics
			.map(
				diagnostic =>
					`  ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${codeOf(diagnostic)} ${diagnostic.message}`,
			)
			.join('\n') || '  (none)'
	);
}

/**
 * Resolves with planmark's diagnostics for `uri` as soon as `accept` likes them: now, or after a
 * diagnostics change for that document. Rejects after a bounded wait, saying what it last saw.
 */
export function waitForDiagnostics(
	uri: vscode.Uri,
	accept: (diagnostics: vscode.Diagnostic[]) => boolean,
	description: string,
): Promise<vscode.Diagnostic[]> {
	return new Promise((resolve, reject) => {
		let listener: vscode.Disposable | undefined;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const settle = (): boolean => {
			const diagnostics = planmarkDiagnostics(uri);
			if (!accept(diagnostics)) {
				return false;
			}
			listener?.dispose();
			clearTimeout(timer);
			resolve(diagnostics);
			return true;
		};
		if (settle()) {
			return;
		}
		listener = vscode.languages.onDidChangeDiagnostics(event => {
			if (event.uris.some(changed => changed.toString() === uri.toString())) {
				settle();
			}
		});
		timer = setTimeout(() => {
			listener?.dispose();
			reject(
				new Error(
					`waited ${publishTimeoutMs} ms for ${description}; planmark's diagnostics were:\n${describeDiagnostics(planmarkDiagnostics(uri))}`,
				),
			);
		}, publishTimeoutMs);
	});
}

/** Document symbols from every provider (VS Code merges them, the markdown extension's included). */
export async function documentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
	return (
		(await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
			'vscode.executeDocumentSymbolProvider',
			uri,
		)) ?? []
	);
}

/** Every lens on the document, resolved as the editor resolves the ones it shows (planmark sends titles lazily). */
export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
	return (
		(await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>(
			'vscode.executeCodeLensProvider',
			uri,
			Number.MAX_SAFE_INTEGER,
		)) ?? []
	);
}

/** The lenses planmark contributes: every one of them runs a planmark command. */
export async function planmarkLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
	return (await codeLenses(uri)).filter(lens => lens.command?.command.startsWith('planmark.'));
}

/** Shows a document in the active editor with the cursor at the start of `line`, as a click there would. */
export async function showAt(document: vscode.TextDocument, line: number): Promise<vscode.TextEditor> {
	const editor = await vscode.window.showTextDocument(document);
	const position = new vscode.Position(line, 0);
	editor.selection = new vscode.Selection(position, position);
	return editor;
}

/** `text` with the given lines (0-based) rewritten, for comparing a whole document after a command. */
export function withLines(text: string, lines: readonly number[], rewrite: (line: string) => string): string {
	const all = text.split('\n');
	for (const line of lines) {
		all[line] = rewrite(all[line]);
	}
	return all.join('\n');
}

export const checked = (line: string): string => line.replace('- [ ]', '- [x]');
export const unchecked = (line: string): string => line.replace('- [x]', '- [ ]');

/** The done/total the title lens of a plan shows ("Plan: 15/37 done · 41%"). */
export async function titleLensProgress(uri: vscode.Uri): Promise<{ done: number; total: number }> {
	const title = (await planmarkLenses(uri)).find(lens => lens.range.start.line === 0);
	const match = /^Plan: (\d+)\/(\d+) done/.exec(title?.command?.title ?? '');
	assert.ok(match, `the title lens reads "${title?.command?.title ?? '(no lens)'}", not "Plan: done/total done"`);
	return { done: Number(match[1]), total: Number(match[2]) };
}

/** Asserts a document's whole text, naming the lines that differ (mocha cuts long diffs short). */
export function assertText(document: vscode.TextDocument, expected: string, what = 'the text'): void {
	const actual = document.getText();
	if (actual === expected) {
		return;
	}
	const actualLines = actual.split('\n');
	const expectedLines = expected.split('\n');
	const differing: string[] = [];
	for (let line = 0; line < Math.max(actualLines.length, expectedLines.length); line++) {
		if (actualLines[line] !== expectedLines[line]) {
			differing.push(
				`  line ${line + 1}: expected ${JSON.stringify(expectedLines[line])}, found ${JSON.stringify(actualLines[line])}`,
			);
		}
	}
	assert.fail(
		`${what} of ${vscode.workspace.asRelativePath(document.uri)} differs on ${differing.length} line${differing.length === 1 ? '' : 's'}:\n${differing.slice(0, 12).join('\n')}`,
	);
}
