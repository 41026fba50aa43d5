import * as path from 'node:path';
import type { FileSystem } from '../../server/src/workspace/fileSystem';

/** An in-memory file system: paths map to file contents; folders exist implicitly. */
export class MemoryFileSystem implements FileSystem {
	private readonly files = new Map<string, { text: string; stamp: number }>();
	private clock = 0;

	constructor(files: Record<string, string> = {}) {
		for (const [filePath, text] of Object.entries(files)) {
			this.write(filePath, text);
		}
	}

	write(filePath: string, text: string): void {
		this.files.set(path.resolve(filePath), { text, stamp: ++this.clock });
	}

	delete(filePath: string): void {
		this.files.delete(path.resolve(filePath));
	}

	readFile(filePath: string): string | undefined {
		return this.files.get(path.resolve(filePath))?.text;
	}

	stamp(filePath: string): string | undefined {
		const file = this.files.get(path.resolve(filePath));
		return file ? String(file.stamp) : undefined;
	}

	exists(filePath: string): boolean {
		const resolved = path.resolve(filePath);
		return this.files.has(resolved) || [...this.files.keys()].some(file => file.startsWith(resolved + path.sep));
	}

	realPath(filePath: string): string | undefined {
		return path.resolve(filePath);
	}

	listDirectory(folder: string): { files: string[]; folders: string[] } | undefined {
		const prefix = path.resolve(folder) + path.sep;
		const inside = [...this.files.keys()]
			.filter(file => file.startsWith(prefix))
			.map(file => file.slice(prefix.length));
		if (inside.length === 0) {
			return undefined;
		}
		const files = inside.filter(rest => !rest.includes(path.sep)).map(rest => prefix + rest);
		const folders = [
			...new Set(inside.filter(rest => rest.includes(path.sep)).map(rest => prefix + rest.split(path.sep)[0])),
		];
		return { files: files.sort(), folders: folders.sort() };
	}

	listMarkdownFiles(folder: string, limit: number): string[] {
		return [...this.files.keys()]
			.filter(file => file.startsWith(path.resolve(folder) + path.sep) && file.endsWith('.md'))
			.sort()
			.slice(0, limit);
	}
}
