/** The file access planmark needs; the server and the CLI use node's fs, tests an in-memory map. */
export interface FileSystem {
	/** The file's text, or undefined when it cannot be read (missing, a folder, too large). */
	readFile(filePath: string): string | undefined;
	/** A value that changes when the file changes, or undefined when there is no such file. */
	stamp(filePath: string): string | undefined;
	/** True when the path exists, as a file or a folder. */
	exists(filePath: string): boolean;
	/** Markdown files under a folder, skipping dependency and VCS folders; at most `limit`. */
	listMarkdownFiles(folder: string, limit: number): string[];
	/**
	 * The path with every symbolic link resolved (for a path that does not exist, its nearest
	 * existing parent's real path with the rest appended), so the workspace boundary is checked on
	 * where a file really is; undefined when it cannot be resolved.
	 */
	realPath(filePath: string): string | undefined;
	/**
	 * What a folder holds directly: its files and its folders (full paths, sorted, symbolic links and
	 * dependency or VCS folders left out), or undefined when it cannot be read.
	 */
	listDirectory(folder: string): { readonly files: string[]; readonly folders: string[] } | undefined;
}
