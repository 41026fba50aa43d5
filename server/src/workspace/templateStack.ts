import * as path from 'node:path';
import type { FileSystem } from './fileSystem';
import { specKitFolderName, specKitTemplatesFolderName, templateNameParts } from '../template/conventions';

/*
 * spec-kit's template stack, as its scripts resolve a template name (scripts/bash/common.sh,
 * resolve_template): `.specify/templates/overrides/`, then each preset in `.specify/presets/` by
 * priority (from `.specify/presets/.registry`, lower first, then by id; alphabetical without a
 * registry), then each extension in `.specify/extensions/` the same way, then `.specify/templates/`.
 * The first layer holding `<name>.md` wins.
 */

export type StackFileSystem = Pick<FileSystem, 'readFile' | 'listMarkdownFiles'>;

/** A template name resolved through the stack, e.g. "spec-template-quick" → its file. */
export interface StackTemplate {
	readonly name: string;
	/** The kind of document it governs: "spec" for spec-template.md and spec-template-quick.md. */
	readonly kind: string;
	/** The variant after the kind, "quick" for spec-template-quick.md; undefined for the base template. */
	readonly variant?: string;
	readonly filePath: string;
	/** Which layer it came from, for messages: "core", "override", "preset compliance", "extension jira". */
	readonly layer: string;
}

/** Every template name of the project at `root` (the folder holding `.specify/`), each resolved through the stack. */
export function resolveStack(root: string, fileSystem: StackFileSystem): StackTemplate[] {
	const specify = path.join(root, specKitFolderName);
	const files = fileSystem.listMarkdownFiles(specify, 2000);
	const inFolder = (folder: string) => files.filter(file => path.dirname(file) === folder);
	const layers: { folder: string; layer: string }[] = [
		{ folder: path.join(specify, specKitTemplatesFolderName, 'overrides'), layer: 'override' },
	];
	for (const id of ordered(path.join(specify, 'presets'), 'presets', files, fileSystem)) {
		layers.push(
			{ folder: path.join(specify, 'presets', id, 'templates'), layer: `preset ${id}` },
			{ folder: path.join(specify, 'presets', id), layer: `preset ${id}` },
		);
	}
	for (const id of ordered(path.join(specify, 'extensions'), 'extensions', files, fileSystem)) {
		layers.push(
			{ folder: path.join(specify, 'extensions', id, 'templates'), layer: `extension ${id}` },
			{ folder: path.join(specify, 'extensions', id), layer: `extension ${id}` },
		);
	}
	layers.push({ folder: path.join(specify, specKitTemplatesFolderName), layer: 'core' });
	const resolved = new Map<string, StackTemplate>();
	for (const { folder, layer } of layers) {
		for (const file of inFolder(folder)) {
			const name = path.basename(file).replace(/\.md$/i, '');
			const parts = templateNameParts(path.basename(file));
			if (parts && !resolved.has(name.toLowerCase())) {
				resolved.set(name.toLowerCase(), { name, kind: parts.kind, variant: parts.variant, filePath: file, layer });
			}
		}
	}
	return [...resolved.values()].sort(
		(a, b) => a.kind.localeCompare(b.kind) || (a.variant ?? '').localeCompare(b.variant ?? ''),
	);
}

/** Preset or extension ids in the order spec-kit searches them. */
function ordered(
	folder: string,
	key: 'presets' | 'extensions',
	files: readonly string[],
	fileSystem: StackFileSystem,
): string[] {
	const present = [
		...new Set(
			files
				.filter(file => file.startsWith(folder + path.sep))
				.map(file => path.relative(folder, file).split(path.sep)[0]),
		),
	].filter(id => /^[a-z0-9-]+$/.test(id));
	const registry = readRegistry(path.join(folder, '.registry'), key, fileSystem);
	if (!registry) {
		return present.sort();
	}
	const priority = (meta: Record<string, unknown> | undefined) => {
		const value = meta?.priority;
		return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 10;
	};
	const ranked = present
		.filter(id => key === 'extensions' || id in registry)
		.filter(id => registry[id]?.enabled !== false)
		.map(id => ({ id, priority: priority(registry[id]) }));
	return ranked.sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id)).map(entry => entry.id);
}

function readRegistry(
	filePath: string,
	key: string,
	fileSystem: StackFileSystem,
): Record<string, Record<string, unknown> | undefined> | undefined {
	const text = fileSystem.readFile(filePath);
	if (text === undefined) {
		return undefined;
	}
	try {
		const value = (JSON.parse(text) as Record<string, unknown>)?.[key];
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, Record<string, unknown>>)
			: undefined;
	} catch {
		return undefined;
	}
}
