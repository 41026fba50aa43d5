import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from './nodeFileSystem';

/** planmark's settings file, read by the CLI and by the server so that editor and CI agree. */
export const projectConfigName = '.planmark.json';

/** A settings file is a few lines; anything past this is not one. */
const maximumSettingsBytes = 1024 * 1024;

export type ProjectConfig = { readonly path?: string; readonly settings: unknown } | { readonly error: string };

/**
 * Finds the project's settings: `.planmark.json`, else the `planmark` key of package.json. The
 * server reads them from the workspace folder only (`searchParents` false); the CLI also looks in
 * the folders above its own, up to the repository root (the nearest folder holding `.git`), and
 * never above the folder it runs in when there is no repository. A file that exists but cannot be
 * read or parsed is an error, not silently ignored.
 */
export function readProjectConfig(folder: string, explicitPath?: string, searchParents = false): ProjectConfig {
	if (explicitPath) {
		return readJson(path.resolve(folder, explicitPath), undefined);
	}
	const start = path.resolve(folder);
	const candidates = searchParents ? foldersUpToRepositoryRoot(start) : [start];
	for (const current of candidates) {
		const candidate = path.join(current, projectConfigName);
		if (fs.existsSync(candidate)) {
			return readJson(candidate, undefined);
		}
		const manifest = path.join(current, 'package.json');
		if (fs.existsSync(manifest)) {
			const read = readJson(manifest, 'planmark');
			if ('error' in read || read.settings !== undefined) {
				return read;
			}
		}
	}
	return { settings: undefined };
}

/** `start` and the folders above it up to the nearest holding `.git`; only `start` when none does. */
function foldersUpToRepositoryRoot(start: string): string[] {
	const folders: string[] = [];
	for (let current = start; ; current = path.dirname(current)) {
		folders.push(current);
		if (fs.existsSync(path.join(current, '.git'))) {
			return folders;
		}
		if (path.dirname(current) === current) {
			return [start];
		}
	}
}

function readJson(filePath: string, key: string | undefined): ProjectConfig {
	const bytes = readRegularFile(filePath, maximumSettingsBytes);
	if (!Buffer.isBuffer(bytes)) {
		return { error: `${filePath} ${bytes.error}` };
	}
	const text = bytes.toString('utf8');
	try {
		const value = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
		const settings = key ? value?.[key] : value;
		if (settings !== undefined && (typeof settings !== 'object' || settings === null || Array.isArray(settings))) {
			return { error: `${filePath}${key ? ` ("${key}")` : ''} must hold an object of settings` };
		}
		return { path: filePath, settings };
	} catch (error) {
		return { error: `${filePath} is not valid JSON: ${(error as Error).message}` };
	}
}

/**
 * Project settings as an untrusted workspace may have them: `template` and `templates` entries that
 * point outside the folder's `.specify/` are dropped (and named), so a workspace the user has not
 * trusted cannot make planmark read files elsewhere on the machine.
 */
export function withinSpecifyOnly(project: unknown, folder: string): { settings: unknown; dropped: string[] } {
	if (typeof project !== 'object' || project === null) {
		return { settings: project, dropped: [] };
	}
	const specify = path.join(path.resolve(folder), '.specify') + path.sep;
	const inside = (value: unknown) =>
		typeof value === 'string' && !value.startsWith('~') && path.resolve(folder, value).startsWith(specify);
	const settings = { ...(project as Record<string, unknown>) };
	const dropped: string[] = [];
	if (settings.template !== undefined && settings.template !== '' && !inside(settings.template)) {
		dropped.push(`template "${settings.template}"`);
		delete settings.template;
	}
	if (typeof settings.templates === 'object' && settings.templates !== null) {
		const kept = Object.entries(settings.templates as Record<string, unknown>).filter(([glob, value]) => {
			if (!inside(value)) {
				dropped.push(`templates["${glob}"]`);
				return false;
			}
			return true;
		});
		settings.templates = Object.fromEntries(kept);
	}
	return { settings, dropped };
}
