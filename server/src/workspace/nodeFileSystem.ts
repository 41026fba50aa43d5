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
	listDirectory(folder) {
		let entries: fs.Dirent[];
		try {
			entries = fs.readdirSync(folder, { withFileTypes: true });
		} catch {
			return undefined;
		}
		const files: string[] = [];
		const folders: string[] = [];
		for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
			if (entry.isDirectory() && !skippedFolders.has(entry.name)) {
				folders.push(path.join(folder, entry.name));
			} else if (entry.isFile()) {
				files.push(path.join(folder, entry.name));
			}
		}
		return { files, folders };
	},
	listMarkdownFiles(folder, limit) {
		const found: string[] = [];
		const pending = [folder];
		while (pending.length > 0 && found.length < limit) {
			const listing = nodeFileSystem.listDirectory(pending.shift()!);
			found.push(...(listing?.files.filter(file => /\.md$/i.test(file)) ?? []).slice(0, limit - found.length));
			pending.push(...(listing?.folders ?? []));
		}
		return found;
	},
};
