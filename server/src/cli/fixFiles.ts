import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../markdown/lineIndex';

/** Applies edits to a text; edits must not overlap (insertions at one point keep their order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
	const lines = new LineIndex(text);
	const ordered = edits
		.map((edit, order) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText, order }))
		.sort((a, b) => b.start - a.start || b.order - a.order);
	let result = text;
	for (const edit of ordered) {
		result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
	}
	return result;
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
