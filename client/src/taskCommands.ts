import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
	documentProgressRequest,
	serverCommands,
	type DocumentProgress,
	type OpenItem,
} from '../../server/src/protocol';

/** Asks the server for a document's progress; undefined when it is not a plan or the server is not ready. */
export async function progressOf(
	client: LanguageClient,
	document: vscode.TextDocument,
): Promise<DocumentProgress | undefined> {
	if (document.languageId !== 'markdown' || !client.isRunning()) {
		return undefined;
	}
	try {
		const progress = await client.sendRequest(documentProgressRequest, { uri: document.uri.toString() });
		return progress?.isPlan ? progress : undefined;
	} catch {
		return undefined;
	}
}

/** The commands that work on tasks: toggle, next/previous open task, mark a section done, pick an open task. */
export function registerTaskCommands(client: LanguageClient): vscode.Disposable[] {
	const inPlanEditor = async (): Promise<{ editor: vscode.TextEditor; progress: DocumentProgress } | undefined> => {
		const editor = vscode.window.activeTextEditor;
		const progress = editor && (await progressOf(client, editor.document));
		if (!editor || !progress) {
			void vscode.window.showInformationMessage('planmark: the active editor is not a plan.');
			return undefined;
		}
		return { editor, progress };
	};

	return [
		vscode.commands.registerCommand(
			'planmark.revealTask',
			async (uri: string, position: { line: number; character: number } | null, name: string) => {
				if (!position) {
					void vscode.window.showInformationMessage(`${name}: every task is done.`);
					return;
				}
				const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
				moveTo(editor, position);
			},
		),
		vscode.commands.registerCommand('planmark.toggleTask', async () => {
			const editor = vscode.window.activeTextEditor;
			if (!editor) {
				return;
			}
			const ranges = editor.selections.map(selection => ({ start: plain(selection.start), end: plain(selection.end) }));
			await vscode.commands.executeCommand(serverCommands.toggleTasks, editor.document.uri.toString(), ranges);
		}),
		vscode.commands.registerCommand('planmark.completeSection', async () => {
			const editor = vscode.window.activeTextEditor;
			if (editor) {
				await vscode.commands.executeCommand(
					serverCommands.completeSection,
					editor.document.uri.toString(),
					plain(editor.selection.active),
				);
			}
		}),
		vscode.commands.registerCommand('planmark.nextOpenTask', async () => jump(await inPlanEditor(), 1)),
		vscode.commands.registerCommand('planmark.previousOpenTask', async () => jump(await inPlanEditor(), -1)),
		vscode.commands.registerCommand('planmark.pickOpenTask', async () => {
			const target = await inPlanEditor();
			if (!target) {
				return;
			}
			if (target.progress.openItems.length === 0) {
				void vscode.window.showInformationMessage(`${target.progress.title}: every task is done.`);
				return;
			}
			const picked = await vscode.window.showQuickPick(
				target.progress.openItems.map(item => ({
					label: item.text || '(empty task)',
					description: item.section,
					detail: `line ${item.position.line + 1}`,
					item,
				})),
				{ placeHolder: `Open tasks of ${target.progress.title}`, matchOnDescription: true },
			);
			if (picked) {
				moveTo(target.editor, picked.item.position);
			}
		}),
	];
}

function jump(target: { editor: vscode.TextEditor; progress: DocumentProgress } | undefined, direction: 1 | -1): void {
	if (!target) {
		return;
	}
	const items = target.progress.openItems;
	if (items.length === 0) {
		void vscode.window.showInformationMessage(`${target.progress.title}: every task is done.`);
		return;
	}
	const line = target.editor.selection.active.line;
	const next: OpenItem =
		direction > 0
			? (items.find(item => item.position.line > line) ?? items[0])
			: ([...items].reverse().find(item => item.position.line < line) ?? items[items.length - 1]);
	moveTo(target.editor, next.position);
}

function moveTo(editor: vscode.TextEditor, position: { line: number; character: number }): void {
	const target = new vscode.Position(position.line, position.character);
	editor.selection = new vscode.Selection(target, target);
	editor.revealRange(new vscode.Range(target, target), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function plain(position: vscode.Position): { line: number; character: number } {
	return { line: position.line, character: position.character };
}
