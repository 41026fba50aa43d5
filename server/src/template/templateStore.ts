import * as path from 'node:path';
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import { FileCache } from '../workspace/fileCache';
import type { FileSystem } from '../workspace/fileSystem';
import { bundledTemplate } from './bundledTemplate';
import { inferTemplate } from './inferTemplate';
import type { PlanTemplate } from './planTemplate';

/** The file access the store needs. */
export type TemplateFileSystem = Pick<FileSystem, 'readFile' | 'stamp' | 'listMarkdownFiles'>;

/** Where spec-kit keeps a project's templates, relative to the workspace folder. */
export const specKitTemplatesFolder = path.join('.specify', 'templates');

/** The template settings the store reads. */
export interface TemplateSettings {
	/** `planmark.template`: the plan template's path. */
	readonly template: string;
	/** `planmark.templates`: glob of documents → template path, for layouts other than spec-kit's. */
	readonly templates: Readonly<Record<string, string>>;
	/** `planmark.planFiles`: globs of documents the plan template governs. */
	readonly planFiles: readonly string[];
}

export interface ResolvedTemplate {
	readonly template: PlanTemplate;
	/** How the document came under the template; undefined when only a title match can make it a plan. */
	readonly governedBy?: 'setting' | 'name' | 'plan-files' | 'title';
	/** Set when a template could not be used and planmark fell back to another. */
	readonly warning?: string;
}

/**
 * Finds the template that governs a document, in this order: a `planmark.templates` glob that
 * matches it; a spec-kit template named after it (`tasks-template.md` governs `tasks.md`); the
 * plan template (`planmark.template`, else `.specify/templates/plan-template.md`, else the bundled
 * one) for files matching `planmark.planFiles`; a template whose title pattern its `# ` title
 * matches; else the bundled plan template. Each workspace folder has its own templates. Files are
 * re-read when they change on disk, so an edited template takes effect without a restart; a
 * template without sections cannot govern anything and is replaced by the bundled one, with a warning.
 */
export class TemplateStore {
	private readonly cache: FileCache<PlanTemplate>;
	private readonly listings = new Map<string, string[]>();

	constructor(private readonly fileSystem: TemplateFileSystem) {
		this.cache = new FileCache(fileSystem, (text, filePath) => inferTemplate(text, URI.file(filePath).toString()));
	}

	resolve(documentUri: string, text: string, workspaceFolders: readonly string[], settings: TemplateSettings): ResolvedTemplate {
		const folder = folderOf(documentUri, workspaceFolders);
		const documentPath = filePathOf(documentUri) ?? otherSchemePath(documentUri);
		const relative = documentPath && folder ? path.relative(folder, documentPath).split(path.sep).join('/') : documentPath;
		const warnings: string[] = [];
		const usable = (filePath: string, what: string): PlanTemplate | undefined => {
			const template = this.load(filePath);
			if (!template) {
				warnings.push(`${what}: cannot read "${filePath}"`);
			} else if (template.sections.length === 0) {
				warnings.push(`${what}: "${filePath}" has no "## " sections, so it cannot check documents`);
				return undefined;
			}
			return template;
		};
		const result = (template: PlanTemplate, governedBy: ResolvedTemplate['governedBy']): ResolvedTemplate =>
			warnings.length === 0 ? { template, governedBy } : { template, governedBy, warning: `planmark: ${warnings.join('; ')}; using ${describe(template)} instead.` };

		for (const [glob, templatePath] of Object.entries(settings.templates)) {
			if (relative && picomatch(glob, { dot: true })(relative)) {
				const template = usable(path.resolve(folder ?? process.cwd(), expandHome(templatePath)), `planmark.templates["${glob}"]`);
				if (template) {
					return result(template, 'setting');
				}
			}
		}
		const specKit = folder ? this.specKitTemplates(folder) : [];
		const name = documentPath ? path.basename(documentPath).toLowerCase() : undefined;
		const named = specKit.find(templatePath => path.basename(templatePath).toLowerCase().replace(/-template\.md$/, '.md') === name);
		if (named && !named.endsWith(`${path.sep}plan-template.md`)) {
			const template = usable(named, 'spec-kit template');
			if (template) {
				return result(template, 'name');
			}
		}
		const planTemplate = this.planTemplate(folder, settings, usable);
		if (relative && settings.planFiles.some(glob => picomatch(glob, { dot: true })(relative) || (!glob.includes('/') && picomatch(glob)(path.posix.basename(relative))))) {
			return result(planTemplate, 'plan-files');
		}
		const title = titleOf(text);
		if (title !== undefined) {
			const candidates = [planTemplate, ...specKit.map(templatePath => this.load(templatePath)).filter((template): template is PlanTemplate => !!template && template.sections.length > 0)];
			const byTitle = candidates.find(template => template.title?.pattern.test(title));
			if (byTitle) {
				return result(byTitle, 'title');
			}
		}
		return result(planTemplate, undefined);
	}

	/** Every template a document in `folder` can be created from: configured ones, spec-kit's, and the bundled one. */
	available(folder: string | undefined, settings: TemplateSettings): { filePath?: string; template: PlanTemplate }[] {
		const base = folder ?? process.cwd();
		const paths = [settings.template, ...Object.values(settings.templates)].filter(Boolean).map(templatePath => path.resolve(base, expandHome(templatePath)));
		const all = [...new Set([...paths, ...(folder ? this.specKitTemplates(folder) : [])])];
		const found: { filePath?: string; template: PlanTemplate }[] = all
			.map(filePath => ({ filePath, template: this.load(filePath) }))
			.filter((entry): entry is { filePath: string; template: PlanTemplate } => !!entry.template && entry.template.sections.length > 0);
		return [...found, { template: bundledTemplate() }];
	}

	/** True for a template file itself: one in spec-kit's templates folder, or one the settings name. */
	isTemplateFile(uri: string, workspaceFolders: readonly string[], settings: TemplateSettings): boolean {
		const filePath = filePathOf(uri);
		if (!filePath) {
			return false;
		}
		const folder = folderOf(uri, workspaceFolders) ?? process.cwd();
		const configured = [settings.template, ...Object.values(settings.templates)].filter(Boolean).map(templatePath => path.resolve(folder, expandHome(templatePath)));
		return path.dirname(filePath).endsWith(specKitTemplatesFolder) || configured.includes(filePath);
	}

	/** Forgets cached templates and folder listings so the next request reads them again. */
	invalidate(): void {
		this.cache.clear();
		this.listings.clear();
	}

	private planTemplate(folder: string | undefined, settings: TemplateSettings, usable: (filePath: string, what: string) => PlanTemplate | undefined): PlanTemplate {
		if (settings.template) {
			const configured = usable(path.resolve(folder ?? process.cwd(), expandHome(settings.template)), 'planmark.template');
			if (configured) {
				return configured;
			}
		}
		const specKitPlan = folder && path.join(folder, specKitTemplatesFolder, 'plan-template.md');
		if (specKitPlan && this.fileSystem.stamp(specKitPlan) !== undefined) {
			return usable(specKitPlan, 'spec-kit plan template') ?? bundledTemplate();
		}
		return bundledTemplate();
	}

	private specKitTemplates(folder: string): string[] {
		let listing = this.listings.get(folder);
		if (!listing) {
			const templatesFolder = path.join(folder, specKitTemplatesFolder);
			listing = this.fileSystem.listMarkdownFiles(templatesFolder, 200).filter(file => path.dirname(file) === templatesFolder && /-template\.md$/i.test(file));
			this.listings.set(folder, listing);
		}
		return listing;
	}

	private load(filePath: string): PlanTemplate | undefined {
		return this.cache.get(filePath);
	}
}

/** The text of a document's first `# ` title, read cheaply from its first lines. */
export function titleOf(text: string): string | undefined {
	const head = text.slice(0, 8192).replace(/^\uFEFF/, '').replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/, '');
	const match = /^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$/m.exec(head);
	return match?.[1].replace(/[*_`]/g, '').trim();
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

/** For untitled or virtual documents, the path part of the URI, so "untitled:plan.md" still counts. */
function otherSchemePath(uri: string): string | undefined {
	const match = /^[a-z][\w+.-]*:(?:\/\/[^/]*)?(.*)$/i.exec(uri);
	try {
		return match?.[1] ? decodeURIComponent(match[1]) : undefined;
	} catch {
		return match?.[1];
	}
}

function expandHome(filePath: string): string {
	const home = process.env.HOME ?? process.env.USERPROFILE;
	return home && (filePath === '~' || filePath.startsWith('~/')) ? path.join(home, filePath.slice(1)) : filePath;
}

function describe(template: PlanTemplate): string {
	return template.uri.startsWith('bundled:') ? 'the bundled plan template' : URI.parse(template.uri).fsPath;
}
