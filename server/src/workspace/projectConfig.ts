import * as fs from 'node:fs';
import * as path from 'node:path';

/** planmark's settings file, read by the CLI and by the server so that editor and CI agree. */
export const projectConfigName = '.planmark.json';

export type ProjectConfig = { readonly path?: string; readonly settings: unknown } | { readonly error: string };

/**
 * Finds the project's settings: `.planmark.json`, else the `planmark` key of package.json, in
 * `folder` or the nearest folder above it, stopping at a repository root. A file that exists but
 * cannot be read or parsed is an error, not silently ignored.
 */
export function readProjectConfig(folder: string, explicitPath?: string): ProjectConfig {
	if (explicitPath) {
		return readJson(path.resolve(folder, explicitPath), undefined);
	}
	for (let current = path.resolve(folder); ; current = path.dirname(current)) {
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
		if (fs.existsSync(path.join(current, '.git')) || path.dirname(current) === current) {
			return { settings: undefined };
		}
	}
}

function readJson(filePath: string, key: string | undefined): ProjectConfig {
	let text: string;
	try {
		text = fs.readFileSync(filePath, 'utf8');
	} catch (error) {
		return { error: `cannot read ${filePath}: ${(error as NodeJS.ErrnoException).code ?? error}` };
	}
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
