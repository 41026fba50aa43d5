import * as path from 'node:path';
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import { FileCache } from './fileCache';
import type { FileSystem } from './fileSystem';
import { filePathOf, folderOf } from './workspacePaths';
import { bundledTemplate } from '../template/bundledTemplate';
import { adaptTemplate } from '../template/adaptTemplate';
import { inferTemplate } from '../template/inferTemplate';
import { isTemplateFileName, specKitFolderName, specKitTemplatesFolderName } from '../template/conventions';
import { resolveStack, type StackTemplate } from './templateStack';
import { chooseVariant, documentKind, titleOf } from './templateVariants';
import type { PlanTemplate } from '../template/planTemplate';

/** The file access the store needs. */
export type TemplateFileSystem = Pick<FileSystem, 'readFile' | 'stamp' | 'exists' | 'listMarkdownFiles'>;

/** Where spec-kit keeps a project's templates, relative to the project's folder. */
export const specKitTemplatesFolder = path.join(specKitFolderName, specKitTemplatesFolderName);

/** The template settings the store reads. */
export interface TemplateSettings {
	/** `planmark.template`: the plan template's path. */
	readonly template: string;
	/** `planmark.templates`: glob of documents → template path, for layouts other than spec-kit's. */
	readonly templates: Readonly<Record<string, string>>;
	/** `planmark.planFiles`: globs of documents the plan template governs. */
	readonly planFiles: readonly string[];
	/** `planmark.headingAliases`: a heading a team writes → the template heading it stands for. */
	readonly headingAliases?: Readonly<Record<string, string>>;
	/** `planmark.sectionRequirements`: glob of documents → template heading (or "*") → required or optional. */
	readonly sectionRequirements?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface ResolvedTemplate {
	readonly template: PlanTemplate;
	/** How the document came under the template; undefined when only a title match can make it a plan. */
	readonly governedBy?: 'setting' | 'name' | 'plan-files' | 'title';
	/** Set when a template could not be used and planmark fell back to another. */
	readonly warning?: string;
	/** Where the template comes from, for the report: "preset compliance", "override", "core"… */
	readonly layer?: string;
}

/**
 * Finds the template that governs a document, in this order: a `planmark.templates` glob that
 * matches it; a spec-kit template named after it (`tasks-template.md` governs `tasks.md`, and
 * `checklist-template.md` the files of a `checklists/` folder), resolved through spec-kit's stack
 * (overrides, presets by priority, extensions, core) of the nearest folder above the document that
 * holds `.specify/`, choosing among variants such as `spec-template-quick.md` by title and then by
 * how well their sections fit; the plan template (`planmark.template`, else the project's
 * `plan-template.md`, else the bundled one) for files matching `planmark.planFiles`; a template
 * whose title pattern its `# ` title matches; else the bundled plan template. Files are re-read
 * when they change on disk; a template without sections cannot govern anything and is replaced by
 * the bundled one, with a warning.
 */
export class TemplateStore {
	private readonly cache: FileCache<PlanTemplate>;
	private readonly roots = new Map<string, string | null>();
	private readonly stacks = new Map<string, StackTemplate[]>();
	private readonly adapted = new WeakMap<PlanTemplate, Map<string, PlanTemplate>>();
	private readonly stackTemplates = new WeakMap<readonly StackTemplate[], PlanTemplate[]>();

	constructor(private readonly fileSystem: TemplateFileSystem) {
		this.cache = new FileCache(fileSystem, (text, filePath) => inferTemplate(text, URI.file(filePath).toString()));
	}

	resolve(
		documentUri: string,
		text: string,
		workspaceFolders: readonly string[],
		settings: TemplateSettings,
	): ResolvedTemplate {
		const folder = folderOf(documentUri, workspaceFolders);
		const documentPath = filePathOf(documentUri) ?? otherSchemePath(documentUri);
		const relative =
			documentPath && folder ? path.relative(folder, documentPath).split(path.sep).join('/') : documentPath;
		const warnings: string[] = [];
		const usable = (filePath: string, what: string): PlanTemplate | undefined => {
			const template = this.load(filePath);
			if (!template) {
				warnings.push(`${what}: cannot read "${filePath}"`);
			} else if (template.problems.some(problem => problem.kind === 'too-large')) {
				warnings.push(`${what}: "${filePath}" is larger than planmark reads in a template`);
				return undefined;
			} else if (template.sections.length === 0) {
				warnings.push(`${what}: "${filePath}" has no "## " sections, so it cannot check documents`);
				return undefined;
			}
			return template;
		};
		const project =
			folder && documentPath && filePathOf(documentUri)
				? this.projectOf(path.dirname(documentPath), folder)
				: undefined;
		const stack = project ? this.stackOf(project) : [];
		const result = (
			template: PlanTemplate,
			governedBy: ResolvedTemplate['governedBy'],
			layer?: string,
		): ResolvedTemplate => {
			const adapted = this.adapt(template, stack, relative, settings);
			return warnings.length === 0
				? { template: adapted, governedBy, layer }
				: {
						template: adapted,
						governedBy,
						layer,
						warning: `planmark: ${warnings.join('; ')}; using ${describe(template)} instead.`,
					};
		};

		for (const [glob, templatePath] of Object.entries(settings.templates)) {
			if (relative && picomatch(glob, { dot: true })(relative)) {
				const template = usable(
					path.resolve(folder ?? process.cwd(), expandHome(templatePath)),
					`planmark.templates["${glob}"]`,
				);
				if (template) {
					return result(template, 'setting');
				}
			}
		}
		const kind = documentPath ? documentKind(documentPath, stack) : undefined;
		if (kind && kind !== 'plan') {
			const chosen = chooseVariant(
				stack.filter(candidate => candidate.kind === kind),
				text,
				usable,
			);
			if (chosen) {
				return result(chosen.template, 'name', chosen.entry.layer);
			}
		}
		const plan = this.planTemplate(folder, stack, text, settings, usable);
		if (
			relative &&
			settings.planFiles.some(
				glob =>
					picomatch(glob, { dot: true })(relative) ||
					(!glob.includes('/') && picomatch(glob)(path.posix.basename(relative))),
			)
		) {
			return result(plan.template, 'plan-files', plan.layer);
		}
		const title = titleOf(text);
		if (title !== undefined) {
			const candidates = [
				{ template: plan.template, layer: plan.layer },
				...stack.map(entry => ({ template: this.load(entry.filePath), layer: entry.layer })),
			];
			const byTitle = candidates.find(
				candidate =>
					candidate.template && candidate.template.sections.length > 0 && candidate.template.title?.pattern.test(title),
			);
			if (byTitle) {
				return result(byTitle.template!, 'title', byTitle.layer);
			}
		}
		return result(plan.template, undefined, plan.layer);
	}

	/** Every template a document in `folder` can be created from: configured ones, spec-kit's, and the bundled one. */
	available(folder: string | undefined, settings: TemplateSettings): { filePath?: string; template: PlanTemplate }[] {
		const paths = configuredTemplatePaths(settings, folder);
		const stack = folder && this.fileSystem.exists(path.join(folder, specKitFolderName)) ? this.stackOf(folder) : [];
		const all = [...new Set([...paths, ...stack.map(entry => entry.filePath)])];
		const found: { filePath?: string; template: PlanTemplate }[] = all
			.map(filePath => ({ filePath, template: this.load(filePath) }))
			.filter(
				(entry): entry is { filePath: string; template: PlanTemplate } =>
					!!entry.template && entry.template.sections.length > 0,
			);
		return [...found, { template: bundledTemplate() }];
	}

	/** True for a template file itself: one in a `.specify/` folder (core, override, preset or extension), or one the settings name. */
	isTemplateFile(uri: string, workspaceFolders: readonly string[], settings: TemplateSettings): boolean {
		const filePath = filePathOf(uri);
		if (!filePath) {
			return false;
		}
		const folder = folderOf(uri, workspaceFolders) ?? process.cwd();
		const configured = configuredTemplatePaths(settings, folder);
		const inSpecify =
			filePath.split(path.sep).includes(specKitFolderName) && isTemplateFileName(path.basename(filePath));
		return inSpecify || path.dirname(filePath).endsWith(specKitTemplatesFolder) || configured.includes(filePath);
	}

	/** Forgets cached templates, projects and stacks so the next request reads them again. */
	invalidate(): void {
		this.cache.clear();
		this.roots.clear();
		this.stacks.clear();
	}

	private planTemplate(
		folder: string | undefined,
		stack: readonly StackTemplate[],
		text: string,
		settings: TemplateSettings,
		usable: (filePath: string, what: string) => PlanTemplate | undefined,
	): { template: PlanTemplate; layer?: string } {
		if (settings.template) {
			const configured = usable(
				path.resolve(folder ?? process.cwd(), expandHome(settings.template)),
				'planmark.template',
			);
			if (configured) {
				return { template: configured };
			}
		}
		const plans = stack.filter(entry => entry.kind === 'plan');
		if (plans.length > 0) {
			const chosen = chooseVariant(plans, text, (filePath, what) => usable(filePath, what));
			return chosen ? { template: chosen.template, layer: chosen.entry.layer } : { template: bundledTemplate() };
		}
		return { template: bundledTemplate() };
	}

	/** The nearest folder at or above `directory`, inside the workspace folder, that holds `.specify/`. */
	private projectOf(directory: string, folder: string): string | undefined {
		const chain: string[] = [];
		let found: string | undefined;
		for (let current = directory; ; current = path.dirname(current)) {
			const known = this.roots.get(current);
			if (known !== undefined) {
				found = known ?? undefined;
				break;
			}
			chain.push(current);
			if (this.fileSystem.exists(path.join(current, specKitFolderName))) {
				found = current;
				break;
			}
			if (current === folder || path.dirname(current) === current || !current.startsWith(folder)) {
				break;
			}
		}
		for (const visited of chain) {
			this.roots.set(visited, found && visited.startsWith(found) ? found : null);
		}
		return found;
	}

	private stackOf(project: string): StackTemplate[] {
		let stack = this.stacks.get(project);
		if (!stack) {
			stack = resolveStack(project, this.fileSystem);
			this.stacks.set(project, stack);
		}
		return stack;
	}

	/**
	 * The template as one document sees it: task markers of the project's other templates ("[P]"
	 * in the tasks template) are content in this one too, and the team's heading aliases and
	 * section requirements apply.
	 */
	private adapt(
		template: PlanTemplate,
		stack: readonly StackTemplate[],
		relative: string | undefined,
		settings: TemplateSettings,
	): PlanTemplate {
		const siblings = this.templatesOf(stack).filter(candidate => candidate.uri !== template.uri);
		const requirements = Object.entries(settings.sectionRequirements ?? {}).filter(
			([glob]) =>
				relative &&
				(picomatch(glob, { dot: true })(relative) ||
					(!glob.includes('/') && picomatch(glob)(path.posix.basename(relative)))),
		);
		const aliases = Object.entries(settings.headingAliases ?? {});
		if (siblings.length === 0 && requirements.length === 0 && aliases.length === 0) {
			return template;
		}
		const key = JSON.stringify([siblings.map(sibling => sibling.uri), requirements, aliases]);
		let byKey = this.adapted.get(template);
		const cached = byKey?.get(key);
		if (cached) {
			return cached;
		}
		const adapted = adaptTemplate(
			template,
			siblings,
			requirements.map(([, rules]) => rules),
			aliases,
		);
		if (!byKey) {
			byKey = new Map();
			this.adapted.set(template, byKey);
		}
		byKey.set(key, adapted);
		return adapted;
	}

	/**
	 * The templates of a project's stack, read once per stack: every request of every document
	 * adapts its template to them, and a change to any of them invalidates the stacks anyway.
	 */
	private templatesOf(stack: readonly StackTemplate[]): PlanTemplate[] {
		let loaded = this.stackTemplates.get(stack);
		if (!loaded) {
			loaded = stack
				.map(entry => this.load(entry.filePath))
				.filter((candidate): candidate is PlanTemplate => candidate !== undefined);
			this.stackTemplates.set(stack, loaded);
		}
		return loaded;
	}

	private load(filePath: string): PlanTemplate | undefined {
		return this.cache.get(filePath);
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

/** The template files the settings name (`planmark.template`, `planmark.templates`), resolved against a workspace folder. */
export function configuredTemplatePaths(settings: TemplateSettings, folder: string | undefined): string[] {
	return [settings.template, ...Object.values(settings.templates)]
		.filter(Boolean)
		.map(templatePath => path.resolve(folder ?? process.cwd(), expandHome(templatePath)));
}

function expandHome(filePath: string): string {
	const home = process.env.HOME ?? process.env.USERPROFILE;
	return home && (filePath === '~' || filePath.startsWith('~/')) ? path.join(home, filePath.slice(1)) : filePath;
}

function describe(template: PlanTemplate): string {
	return template.uri.startsWith('bundled:') ? 'the bundled plan template' : URI.parse(template.uri).fsPath;
}
