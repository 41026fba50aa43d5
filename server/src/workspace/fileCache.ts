import type { FileSystem } from './fileSystem';

/**
 * What was computed from a file's text, kept until the file changes on disk (its stamp changes),
 * so templates, link targets and unopened plans are read and analysed once per version.
 */
export class FileCache<T> {
	private readonly entries = new Map<string, { stamp: string; value: T }>();

	constructor(
		private readonly fileSystem: Pick<FileSystem, 'readFile' | 'stamp'>,
		private readonly compute: (text: string, filePath: string) => T,
	) {}

	/** The value for a file, or undefined when it does not exist or cannot be read. */
	get(filePath: string): T | undefined {
		const stamp = this.fileSystem.stamp(filePath);
		if (stamp === undefined) {
			this.entries.delete(filePath);
			return undefined;
		}
		const cached = this.entries.get(filePath);
		if (cached?.stamp === stamp) {
			return cached.value;
		}
		const text = this.fileSystem.readFile(filePath);
		if (text === undefined) {
			return undefined;
		}
		const value = this.compute(text, filePath);
		this.entries.set(filePath, { stamp, value });
		return value;
	}

	/** The paths currently cached. */
	paths(): IterableIterator<string> {
		return this.entries.keys();
	}

	delete(filePath: string): void {
		this.entries.delete(filePath);
	}

	clear(): void {
		this.entries.clear();
	}
}
