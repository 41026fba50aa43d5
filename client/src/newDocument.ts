import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { newDocumentRequest, templatesRequest } from '../../server/src/protocol';

/**
 * "planmark: New Document from Template…": pick a workspace folder and a template, name the
 * feature, and get the new document (spec-kit's `specs/NNN-feature/` numbering where the
 * workspace uses it) open with its placeholders ready for completion.
 */
export function registerNewDocumentCommand(client: LanguageClient): vscode.Disposable {
	return vscode.commands.registerCommand('planmark.newDocument', async () => {
		const folders = vscode.workspace.workspaceFolders ?? [];
		if (folders.length === 0) {
			void vscode.window.showInformationMessage('planmark: open a folder first; new documents are created inside it.');
			return;
		}
		const folder =
			folders.length === 1
				? folders[0]
				: await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new document' });
		if (!folder) {
			return;
		}
		const templates = await client.sendRequest(templatesRequest, { folderUri: folder.uri.toString() });
		const picked = await vscode.window.showQuickPick(
			templates.map(template => ({
				label: template.documentName,
				description: template.title,
				detail: template.uri.startsWith('bundled:')
					? 'bundled with planmark'
					: vscode.workspace.asRelativePath(vscode.Uri.parse(template.uri)),
				template,
			})),
			{ placeHolder: 'Template for the new document' },
		);
		if (!picked) {
			return;
		}
		const featureName = await vscode.window.showInputBox({
			prompt: 'Feature name',
			placeHolder: 'e.g. Offline sync for field notes',
			validateInput: value => (value.trim() ? undefined : 'A feature name is needed'),
		});
		if (!featureName) {
			return;
		}
		const created = await client.sendRequest(newDocumentRequest, {
			templateUri: picked.template.uri,
			featureName,
			folderUri: folder.uri.toString(),
		});
		const uri = vscode.Uri.parse(created.uri);
		if (created.exists) {
			void vscode.window.showInformationMessage(
				`planmark: ${vscode.workspace.asRelativePath(uri)} already exists; opening it.`,
			);
		} else {
			await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(created.text));
		}
		await vscode.window.showTextDocument(uri);
	});
}
