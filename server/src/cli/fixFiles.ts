import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { readRegularFile } from '../workspace/nodeFileSystem';
import { decodeFile, encodeFile, type FileEncoding } from './fileEncoding';

/** A file as the CLI read it: its text for checking and, when it can be rewritten exactly, how. */
export interface ReadFile {
	readonly filePath: string;
	readonly text: string;
	/** Where writes go: the file itself, or the target of a symbolic link. */
	readonly target: string;
	readonly bytes: Buffer;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	/** The encoding to write it back in; undefined when its bytes do not decode exactly. */
	readonly encoding?: FileEncoding;
	/** Why `--fix` must leave it alone, if it must. */
	readonly unfixable?: string;
}

/** Reads a regular file of bounded size (never a FIFO or a device), decoding UTF-8 and UTF-16 with a byte-order mark. */
export function readFile(filePath: string): ReadFile | { readonly error: string } {
	let target: string;
	let stat: fs.Stats;
	try {
		target = fs.realpathSync(filePath);
		stat = fs.statSync(target);
	} catch (error) {
		return { error: `${filePath} cannot be read (${(error as NodeJS.ErrnoException).code ?? error}); skipped` };
	}
	const bytes = readRegularFile(target);
	if (!Buffer.isBuffer(bytes)) {
		return { error: `${filePath} ${bytes.error}; skipped` };
	}
	const decoded = decodeFile(bytes);
	const readOnly = (stat.mode & 0o222) === 0 ? 'is read-only' : undefined;
	return {
		filePath,
		text: decoded.text,
		target,
		bytes,
		mode: stat.mode & 0o7777,
		uid: stat.uid,
		gid: stat.gid,
		encoding: 'encoding' in decoded ? decoded.encoding : undefined,
		unfixable: 'error' in decoded ? decoded.error : readOnly,
	};
}

/** Applies edits to a text as an editor does; edits must not overlap (insertions at one point keep their order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
	return TextDocument.applyEdits(TextDocument.create('file:///planmark-fix', 'markdown', 0, text), [...edits]);
}

/**
 * Replaces a file's text, so that a crash or a full disk never leaves it half written and nothing
 * but the fixed text changes: the new bytes, in the file's own encoding, go to a temporary file beside
 * the target (through a symbolic link, to the file it points at) with the file's mode and owner, which
 * then replaces it in one rename. A file that changed on disk since it was read is left alone.
 * Returns why it could not, if it could not.
 */
export function replaceFile(file: ReadFile, text: string): string | undefined {
	if (file.unfixable || !file.encoding) {
		return `${file.unfixable ?? 'cannot be decoded exactly'}; not fixed`;
	}
	const current = readRegularFile(file.target);
	if (!Buffer.isBuffer(current)) {
		return `${current.error} now; not fixed`;
	}
	if (!current.equals(file.bytes)) {
		return 'changed on disk while planmark was fixing it; not fixed, run again';
	}
	const temporary = path.join(path.dirname(file.target), `.${path.basename(file.target)}.planmark-${process.pid}.tmp`);
	try {
		fs.rmSync(temporary, { force: true });
		fs.writeFileSync(temporary, encodeFile(text, file.encoding), { flag: 'wx', mode: 0o600 });
		fs.chmodSync(temporary, file.mode);
		try {
			fs.chownSync(temporary, file.uid, file.gid);
		} catch {
			// Only the owner's own files can be given to them; the mode is kept either way.
		}
		fs.renameSync(temporary, file.target);
		return undefined;
	} catch (error) {
		try {
			fs.rmSync(temporary, { force: true });
		} catch {
			// Nothing was written there, or it cannot be removed either: the original is untouched.
		}
		return `cannot write it: ${(error as NodeJS.ErrnoException).code ?? error}; not fixed`;
	}
}
