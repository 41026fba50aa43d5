import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystem } from './fileSystem';

/** Files larger than this are not read: planmark reports them instead of parsing them. */
export const maximumFileBytes = 8 * 1024 * 1024;

/**
 * The bytes of a regular file no larger than `limit`, or why not. The file is opened without
 * blocking and checked through its descriptor, so a FIFO, a device such as /dev/zero or a file
 * swapped for one after a check is never read.
 */
export function readRegularFile(filePath: string, limit = maximumFileBytes): Buffer | { readonly error: string } {
	let descriptor: number | undefined;
	try {
		descriptor = fs.openSync(filePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
		const stat = fs.fstatSync(descriptor);
		if (!stat.isFile()) {
			return { error: 'is not a regular file' };
		}
		if (stat.size > limit) {
			return { error: `is larger than ${Math.round(limit / 1024 / 1024)} MB` };
		}
		const bytes = Buffer.alloc(stat.size);
		let read = 0;
		while (read < bytes.length) {
			const count = fs.readSync(descriptor, bytes, read, bytes.length - read, read);
			if (count === 0) {
				break;
			}
			read += count;
		}
		return bytes.subarray(0, read);
	} catch (error) {
		return { error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` };
	} finally {
		if (descriptor !== undefined) {
			fs.closeSync(descriptor);
		}
	}
}

const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

export const nodeFileSystem: FileSystem = {
	readFile(filePath) {
		const bytes = readRegularFile(filePath);
		return Buffer.isBuffer(bytes) ? bytes.toString('utf8').replace(/^\uFEFF/, '') : undefined;
	},
	stamp(filePath) {
		try {
			const stat = fs.statSync(filePath);
			return stat.isFile() ? `${stat.mtimeMs}:${stat.size}` : undefined;
		} catch {
			return undefined;
		}
	},
	exists(filePath) {
		return fs.existsSync(filePath);
	},
	realPath(filePath) {
		const missing: string[] = [];
		for (let current = path.resolve(filePath); ; current = path.dirname(current)) {
			try {
				return path.join(fs.realpathSync.native(current), ...missing.reverse());
			} catch {
				if (path.dirname(current) === current) {
					return undefined;
				}
				missing.push(path.basename(current));
			}
		}
	},
	listFolders(folder) {
		try {
			return fs
				.readdirSync(folder, { withFileTypes: true })
				.filter(entry => entry.isDirectory())
				.map(entry => entry.name);
		} catch {
			return undefined;
		}
	},
	listMarkdownFiles(folder, limit) {
		const found: string[] = [];
		const pending = [folder];
		while (pending.length > 0 && found.length < limit) {
			const current = pending.shift()!;
			let entries: fs.Dirent[];
			try {
				entries = fs.readdirSync(current, { withFileTypes: true });
			} catch {
				continue;
			}
			for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
				if (entry.isDirectory() && !skippedFolders.has(entry.name)) {
					pending.push(path.join(current, entry.name));
				} else if (entry.isFile() && /\.md$/i.test(entry.name) && found.length < limit) {
					found.push(path.join(current, entry.name));
				}
			}
		}
		return found;
	},
};
