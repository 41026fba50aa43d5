import * as path from 'node:path';
import { URI } from 'vscode-uri';

/** How document URIs map to the workspace's folders and files. */

/** The workspace folder (a filesystem path) holding a document, the innermost when nested. */
export function folderOf(documentUri: string, workspaceFolders: readonly string[]): string | undefined {
	const documentPath = filePathOf(documentUri);
	if (!documentPath) {
		return workspaceFolders[0];
	}
	return workspaceFolders
		.filter(
			folder =>
				documentPath === folder || documentPath.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep),
		)
		.sort((a, b) => b.length - a.length)[0];
}

/** The filesystem path of a `file:` URI, or undefined for other schemes (untitled, remote). */
export function filePathOf(uri: string): string | undefined {
	try {
		const parsed = URI.parse(uri);
		return parsed.scheme === 'file' ? parsed.fsPath : undefined;
	} catch {
		return undefined;
	}
}
