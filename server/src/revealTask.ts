import { MessageType, ShowMessageNotification, type Connection, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * What a progress lens does in an editor other than VS Code (the server command
 * planmark.server.revealTask): the next open task is shown where the client can show documents,
 * else named with its line, so the lens does something in every editor.
 */
export async function revealTask(
	connection: Connection,
	task: { readonly uri: string; readonly position: Position | undefined; readonly name: string },
	client: { readonly showsDocuments: boolean; readonly text: TextDocument | undefined },
): Promise<boolean> {
	const inform = (message: string) =>
		void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
	const { uri, position, name } = task;
	if (!position) {
		inform(`${name}: every task is done.`);
		return true;
	}
	if (client.showsDocuments) {
		const shown = await connection.window
			.showDocument({ uri, takeFocus: true, selection: { start: position, end: position } })
			.catch(() => ({ success: false }));
		if (shown.success) {
			return true;
		}
	}
	const line = client.text?.getText({
		start: { line: position.line, character: 0 },
		end: { line: position.line + 1, character: 0 },
	});
	inform(`Next open task of ${name}: line ${position.line + 1}${line ? `: ${line.trim()}` : ''}`);
	return true;
}
