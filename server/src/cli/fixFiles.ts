import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';

/** Applies edits to a text as an editor does; edits must not overlap (insertions at one point keep their order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
	return TextDocument.applyEdits(TextDocument.create('file:///planmark-fix', 'markdown', 0, text), [...edits]);
}

/**
 * Writes a file so that a crash or a full disk never leaves it half written: the new text goes to
 * a temporary file beside it, which then replaces the original in one rename. A byte-order mark
 * the file had is kept.
 */
export function writeFileAtomically(filePath: string, text: string, hadBom: boolean): void {
	const temporary = path.join(path.dirname(filePath), `.${path.basename(filePath)}.planmark-${process.pid}.tmp`);
	const mode = fs.statSync(filePath).mode;
	try {
		fs.writeFileSync(temporary, (hadBom ? '\uFEFF' : '') + text, { mode });
		fs.renameSync(temporary, filePath);
	} catch (error) {
		fs.rmSync(temporary, { force: true });
		throw error;
	}
}
