import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { FileSystem } from '../workspace/fileSystem';
import { bundledTemplate } from './bundledTemplate';
import { inferTemplate } from './inferTemplate';
import type { PlanTemplate } from './planTemplate';

/** The file access the store needs. */
export type TemplateFileSystem = Pick<FileSystem, 'readFile' | 'stamp'>;

/** Where spec-kit keeps a project's plan template, relative to the workspace folder. */
export const specKitTemplatePath = path.join('.specify', 'templates', 'plan-template.md');

export interface ResolvedTemplate {
	readonly template: PlanTemplate;
	/** Set when the configured template could not be used and planmark fell back to another. */
	readonly warning?: string;
}

/**
 * Finds the template that governs a document: the `planmark.template` setting, else the
 * workspace folder's spec-kit template, else the bundled default. Files are re-read when they
 * change on disk, so an edited template takes effect without a restart.
 */
export class TemplateStore {
	private readonly cache = new Map<string, { stamp: string; template: PlanTemplate }>();

	constructor(private readonly fileSystem: TemplateFileSystem) {}

	resolve(documentUri: string, workspaceFolders: readonly string[], configuredPath: string): ResolvedTemplate {
		const folder = folderOf(documentUri, workspaceFolders);
		if (configuredPath) {
			const absolute = path.resolve(folder ?? process.cwd(), expandHome(configuredPath));
			const template = this.load(absolute);
			if (template) {
				return { template };
			}
			const fallback = (folder && this.load(path.join(folder, specKitTemplatePath))) || bundledTemplate();
			return { template: fallback, warning: `planmark.template: cannot read "${absolute}"; using ${describe(fallback)} instead.` };
		}
		return { template: (folder && this.load(path.join(folder, specKitTemplatePath))) || bundledTemplate() };
	}

	/** Forgets a cached template so the next request reads it again. */
	invalidate(filePath?: string): void {
		if (filePath === undefined) {
			this.cache.clear();
		} else {
			this.cache.delete(path.resolve(filePath));
		}
	}

	private load(filePath: string): PlanTemplate | undefined {
		const stamp = this.fileSystem.stamp(filePath);
		if (stamp === undefined) {
			this.cache.delete(filePath);
			return undefined;
		}
		const cached = this.cache.get(filePath);
		if (cached?.stamp === stamp) {
			return cached.template;
		}
		const text = this.fileSystem.readFile(filePath);
		if (text === undefined) {
			return undefined;
		}
		const template = inferTemplate(text, URI.file(filePath).toString());
		this.cache.set(filePath, { stamp, template });
		return template;
	}
}

/** The workspace folder (a filesystem path) holding a document, the innermost when nested. */
export function folderOf(documentUri: string, workspaceFolders: readonly string[]): string | undefined {
	const documentPath = filePathOf(documentUri);
	if (!documentPath) {
		return workspaceFolders[0];
	}
	return workspaceFolders
		.filter(folder => documentPath === folder || documentPath.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep))
		.sort((a, b) => b.length - a.length)[0];
}

/** The filesystem path of a `file:` URI, or undefined for other schemes (untitled, remote). */
export function filePathOf(uri: string): string | undefined {
	try {
		const parsed = URI.parse(uri);
		return parsed.scheme === 'file' ? parsed.fsPath : undefined;
	} catch {
		return undefined;
	}
}

function expandHome(filePath: string): string {
	const home = process.env.HOME ?? process.env.USERPROFILE;
	return home && (filePath === '~' || filePath.startsWith('~/')) ? path.join(home, filePath.slice(1)) : filePath;
}

function describe(template: PlanTemplate): string {
	return template.uri.startsWith('bundled:') ? 'the bundled plan template' : URI.parse(template.uri).fsPath;
}

/** True for a template file itself: the template governing it, or any file in spec-kit's templates folder. */
export function isTemplateFile(uri: string, template: PlanTemplate): boolean {
	if (uri === template.uri) {
		return true;
	}
	const filePath = filePathOf(uri);
	return filePath !== undefined && path.dirname(filePath).endsWith(path.dirname(specKitTemplatePath));
}
