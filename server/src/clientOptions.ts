import type { InitializeParams } from 'vscode-languageserver/node';
import { filePathOf } from './workspace/workspacePaths';

/*
 * What a client says about itself at initialize, read defensively: any editor may send anything,
 * and only planmark's VS Code client sends the `editor` options.
 */

export function workspaceFolderPaths(params: InitializeParams): string[] {
	const uris = params.workspaceFolders?.map(folder => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
	return uris.map(uri => filePathOf(uri)).filter((folder): folder is string => folder !== undefined);
}

/** `initializationOptions.editor.listsMarkdownHeadings`: the client lists markdown headings as symbols itself (see planmark.symbols). */
export function listsHeadings(options: unknown): boolean {
	const editor = typeof options === 'object' && options !== null ? (options as { editor?: unknown }).editor : undefined;
	return (
		typeof editor === 'object' &&
		editor !== null &&
		(editor as { listsMarkdownHeadings?: unknown }).listsMarkdownHeadings === true
	);
}

/** `initializationOptions.editor.revealTaskCommand`: a client command of its own for progress lenses (planmark's VS Code client has one). */
export function clientLensCommand(options: unknown): string | undefined {
	const editor = typeof options === 'object' && options !== null ? (options as { editor?: unknown }).editor : undefined;
	const command =
		typeof editor === 'object' && editor !== null
			? (editor as { revealTaskCommand?: unknown }).revealTaskCommand
			: undefined;
	return typeof command === 'string' && command !== '' ? command : undefined;
}

/** `initializationOptions.workspaceTrusted`: false only when the client says so; editors without workspace trust trust it. */
export function isTrusted(options: unknown): boolean {
	return !(
		typeof options === 'object' &&
		options !== null &&
		(options as { workspaceTrusted?: unknown }).workspaceTrusted === false
	);
}

/** `base` with `override` laid over it, key by key through nested objects; null or a non-object override changes nothing. */
export function mergeSettings(base: unknown, override: unknown): unknown {
	const isObject = (value: unknown): value is Record<string, unknown> =>
		typeof value === 'object' && value !== null && !Array.isArray(value);
	if (!isObject(override)) {
		return base;
	}
	if (!isObject(base)) {
		return override;
	}
	const merged: Record<string, unknown> = { ...base };
	for (const [key, value] of Object.entries(override)) {
		merged[key] = isObject(value) && isObject(base[key]) ? mergeSettings(base[key], value) : value;
	}
	return merged;
}

/** Editors other than VS Code pass settings as initializationOptions, with or without a `planmark` key. */
export function initializationSettings(options: unknown): unknown {
	if (typeof options === 'object' && options !== null && 'planmark' in options) {
		return (options as { planmark: unknown }).planmark;
	}
	return options;
}
