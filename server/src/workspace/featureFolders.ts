import * as path from 'node:path';
import {
	checklistsFolderName,
	featureDocumentNames,
	featureFolderPattern,
	specKitFolderName,
	specsFolderName,
} from '../template/conventions';
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

/** One feature's documents, as full paths; a document the folder does not hold is absent. */
export interface FeatureDocuments {
	/** The feature folder itself (`…/specs/001-photo-albums`). */
	readonly folder: string;
	/** The number and name its folder's name gives (`001`, `photo-albums`), when it follows `NNN-name`. */
	readonly number?: string;
	readonly name: string;
	readonly spec?: string;
	readonly plan?: string;
	readonly tasks?: string;
	/** `checklists/*.md`, sorted. */
	readonly checklists: readonly string[];
	/** Every other markdown file directly in the folder (research.md, data-model.md, quickstart.md…), sorted. */
	readonly others: readonly string[];
}

/**
 * What a feature folder holds, by spec-kit's names (`spec.md`, `plan.md`, `tasks.md`,
 * `checklists/*.md`); undefined when the folder cannot be read.
 */
export function featureDocumentsOf(
	fileSystem: Pick<FileSystem, 'listDirectory'>,
	folder: string,
): FeatureDocuments | undefined {
	const listing = fileSystem.listDirectory(folder);
	if (!listing) {
		return undefined;
	}
	const markdown = listing.files.filter(file => /\.md$/i.test(file));
	const named = (name: string) => markdown.find(file => path.basename(file).toLowerCase() === name);
	const checklistsFolder = listing.folders.find(child => path.basename(child).toLowerCase() === checklistsFolderName);
	const checklists = checklistsFolder
		? (fileSystem.listDirectory(checklistsFolder)?.files.filter(file => /\.md$/i.test(file)) ?? [])
		: [];
	const base = path.basename(folder);
	const match = featureFolderPattern.exec(base);
	const known = new Set<string>(Object.values(featureDocumentNames));
	return {
		folder,
		number: match?.[1],
		name: match?.[2] ?? base,
		spec: named(featureDocumentNames.spec),
		plan: named(featureDocumentNames.plan),
		tasks: named(featureDocumentNames.tasks),
		checklists: [...checklists].sort(),
		others: markdown.filter(file => !known.has(path.basename(file).toLowerCase())).sort(),
	};
}

/**
 * The feature folder a document belongs to: its own folder, or the folder above `checklists/` for
 * a checklist. Only for documents named as a feature's (spec, plan, tasks or a checklist), so a
 * README beside them does not make a folder a feature.
 */
export function featureFolderOfDocument(documentPath: string): string | undefined {
	const folder = path.dirname(documentPath);
	const base = path.basename(documentPath).toLowerCase();
	if (path.basename(folder).toLowerCase() === checklistsFolderName) {
		return base.endsWith('.md') ? path.dirname(folder) : undefined;
	}
	return (Object.values(featureDocumentNames) as string[]).includes(base) ? folder : undefined;
}
