import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
	formatProgress,
	wholeDocumentLabel,
	type DocumentProgress,
	type ProgressNode,
} from '../../server/src/protocol';
import { progressOf } from './taskCommands';

/**
 * "Plan 18/33 · 55%" for the active plan editor, with the sections that still have open tasks in
 * its tooltip; clicking it picks an open task. It also sets the `planmark.isPlan` context key
 * that planmark's keybindings depend on.
 */
export function createStatusBar(client: LanguageClient): vscode.Disposable[] {
	const item = vscode.window.createStatusBarItem('planmark.progress', vscode.StatusBarAlignment.Left, 50);
	item.name = 'planmark: plan progress';
	item.command = 'planmark.pickOpenTask';
	let timer: ReturnType<typeof setTimeout> | undefined;

	const update = async () => {
		const editor = vscode.window.activeTextEditor;
		const progress = editor ? await progressOf(client, editor.document) : undefined;
		if (editor !== vscode.window.activeTextEditor) {
			return;
		}
		void vscode.commands.executeCommand('setContext', 'planmark.isPlan', !!progress);
		if (!progress || progress.total === 0) {
			item.hide();
			return;
		}
		item.text = `$(checklist) ${wholeDocumentLabel} ${formatProgress(progress, 'compact')}`;
		item.tooltip = tooltipOf(progress);
		item.show();
	};
	const schedule = (delay = 250) => {
		clearTimeout(timer);
		timer = setTimeout(() => void update(), delay);
	};

	return [
		item,
		vscode.window.onDidChangeActiveTextEditor(() => schedule(0)),
		vscode.workspace.onDidChangeTextDocument(event => {
			if (event.document === vscode.window.activeTextEditor?.document) {
				schedule();
			}
		}),
		vscode.workspace.onDidChangeConfiguration(event => event.affectsConfiguration('planmark') && schedule()),
		client.onDidChangeState(() => schedule(0)),
		{ dispose: () => clearTimeout(timer) },
	];
}

function tooltipOf(progress: DocumentProgress): vscode.MarkdownString {
	const open: string[] = [];
	const visit = (node: ProgressNode, depth: number) => {
		if (node.kind !== 'title' && node.total > node.done && depth <= 2) {
			open.push(`${'  '.repeat(Math.max(0, depth - 1))}- ${node.name}: ${formatProgress(node, 'compact')}`);
		}
		for (const child of node.children) {
			visit(child, node.kind === 'title' ? depth : depth + 1);
		}
	};
	for (const node of progress.outline) {
		visit(node, 1);
	}
	const text = new vscode.MarkdownString(
		`**${progress.title}**\n\n${open.length > 0 ? `Sections with open tasks:\n\n${open.join('\n')}` : 'Every task is done.'}\n\nClick to pick an open task.`,
	);
	text.supportThemeIcons = true;
	return text;
}
