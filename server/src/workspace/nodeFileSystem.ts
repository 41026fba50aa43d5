import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystem } from './fileSystem';

/** Files larger than this are not read: planmark reports them instead of parsing them. */
export const maximumFileBytes = 8 * 1024 * 1024;

const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

export const nodeFileSystem: FileSystem = {
	readFile(filePath) {
		try {
			if (fs.statSync(filePath).size > maximumFileBytes) {
				return undefined;
			}
			return fs.readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
		} catch {
			return undefined;
		}
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
