import * as path from 'node:path';
import { specKitFolderName, specsFolderName } from '../template/conventions';
import type { FileSystem } from './fileSystem';

/**
 * The feature folders under a workspace folder's `specs/` (spec-kit's layout): their names, an
 * empty list for a spec-kit project that has none yet, undefined for a workspace without the layout.
 */
export function specsFoldersOf(
	fileSystem: Pick<FileSystem, 'listDirectory' | 'exists'>,
	folder: string,
): string[] | undefined {
	return (
		fileSystem.listDirectory(path.join(folder, specsFolderName))?.folders.map(child => path.basename(child)) ??
		(fileSystem.exists(path.join(folder, specKitFolderName)) ? [] : undefined)
	);
}
