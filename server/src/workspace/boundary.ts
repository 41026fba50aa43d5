import * as path from 'node:path';
import type { FileSystem } from './fileSystem';

/** What planmark may read: everything inside `folders`, and the files in `files` (configured templates). */
export interface BoundaryRoots {
	readonly folders: readonly string[];
	readonly files: readonly string[];
}

/** A file system that reads nothing outside the boundary, and says whether a path is inside it. */
export interface BoundedFileSystem extends FileSystem {
	allows(filePath: string): boolean;
	/** Forgets the real paths it resolved, after file events or a settings change: links may have moved. */
	forgetRealPaths(): void;
}

/**
 * The one workspace boundary: every read planmark makes goes through this wrapper, which checks the
 * path's real location (symbolic links resolved) against the real locations of the roots. A path
 * outside reads as missing, so nothing about what lies there (files, headings) is revealed.
 */
export function boundedFileSystem(inner: FileSystem, roots: () => BoundaryRoots): BoundedFileSystem {
	let resolvedFor: BoundaryRoots | undefined;
	// Every request checks its template files: their real paths are resolved once, until forgotten.
	const realPaths = new Map<string, string | undefined>();
	const realPathOf = (filePath: string): string | undefined => {
		if (!realPaths.has(filePath)) {
			if (realPaths.size >= 50_000) {
				realPaths.clear();
			}
			realPaths.set(filePath, inner.realPath(filePath));
		}
		return realPaths.get(filePath);
	};
	let realFolders: string[] = [];
	let realFiles = new Set<string>();
	const allows = (filePath: string): boolean => {
		const current = roots();
		if (current !== resolvedFor) {
			resolvedFor = current;
			realFolders = current.folders.map(folder => withSeparator(inner.realPath(folder) ?? path.resolve(folder)));
			realFiles = new Set(current.files.map(file => inner.realPath(file) ?? path.resolve(file)));
		}
		const real = realPathOf(filePath);
		if (real === undefined) {
			return false;
		}
		return realFiles.has(real) || realFolders.some(folder => withSeparator(real) === folder || real.startsWith(folder));
	};
	return {
		allows,
		forgetRealPaths: () => realPaths.clear(),
		readFile: filePath => (allows(filePath) ? inner.readFile(filePath) : undefined),
		stamp: filePath => (allows(filePath) ? inner.stamp(filePath) : undefined),
		exists: filePath => allows(filePath) && inner.exists(filePath),
		realPath: filePath => inner.realPath(filePath),
		listDirectory: folder => {
			const listing = allows(folder) ? inner.listDirectory(folder) : undefined;
			return listing && { files: listing.files.filter(allows), folders: listing.folders.filter(allows) };
		},
		listMarkdownFiles: (folder, limit) =>
			allows(folder) ? inner.listMarkdownFiles(folder, limit).filter(file => allows(file)) : [],
	};
}

function withSeparator(folder: string): string {
	return folder.endsWith(path.sep) ? folder : folder + path.sep;
}
