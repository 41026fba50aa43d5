import type { CodeAction, CodeLens, Range, TextEdit, CompletionItem, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Location, Position, SelectionRange, WorkspaceSymbol } from 'vscode-languageserver-types';
import { defaultSettings, listedSymbols, type PlanmarkSettings } from './config';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLenses';
import { completions } from './features/completions';
import { diagnostics } from './features/diagnostics';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/foldingRanges';
import { templateDiagnostics, templateLenses } from './features/templateAuthoring';
import { documentProgress } from './features/progressReport';
import { completeSectionEdits, toggleTaskEdits } from './features/taskEdits';
import { documentLinks, linkDefinition, resolveLinks, type ResolvedLink } from './features/links';
import { selectionRanges } from './features/selectionRanges';
import { workspaceSymbols } from './features/workspaceSymbols';
import { buildPlanDocument } from './model/buildPlanDocument';
import { sectionNameAt } from './model/nodeQueries';
import { DocumentCache } from './model/documentCache';
import type { PlanDocument, PlanProblem } from './model/planDocument';
import type { DocumentProgress, TemplateInfo } from './protocol';
import { newDocument, type NewDocument } from './features/newDocument';
import { inferTemplate } from './template/inferTemplate';
import type { PlanTemplate } from './template/planTemplate';
import { LineIndex } from './markdown/lineIndex';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { folderOf, TemplateStore, type ResolvedTemplate } from './workspace/templateStore';
import type { FileSystem } from './workspace/fileSystem';
import { LinkTargets } from './workspace/linkTargets';
import { PlanIndex } from './workspace/planIndex';

/** What the service needs of a text document: the shape of vscode-languageserver-textdocument's. */
export interface TextDocumentLike {
	readonly uri: string;
	readonly version: number;
	getText(): string;
}

/** The part of an LSP cancellation token the service reads. */
export interface CancellationToken {
	readonly isCancellationRequested: boolean;
}

export interface LanguageServiceOptions {
	readonly fileSystem: FileSystem;
	/** Where messages a user can act on go (the server forwards them to the client). */
	readonly warn?: (message: string) => void;
	/** Whether the editor lists markdown headings as symbols itself, which makes `planmark.symbols: auto` list only blocks. */
	readonly editorListsHeadings?: () => boolean;
}

/**
 * planmark's language features over plan documents, independent of any LSP connection. Every
 * method is synchronous, never throws on content, and shares one cached model per document
 * version; a request whose token is already cancelled gets an empty answer.
 */
export interface PlanLanguageService {
	/** The model of a document, built once per version. */
	getPlanDocument(document: TextDocumentLike): PlanDocument;
	/** The outline: title, sections and repeatable blocks, nested as in the template. */
	getDocumentSymbols(document: TextDocumentLike, token?: CancellationToken): DocumentSymbol[];
	getFoldingRanges(document: TextDocumentLike, token?: CancellationToken): FoldingRange[];
	/** Checkbox-progress lenses per section and for the whole plan. */
	getCodeLenses(document: TextDocumentLike, token?: CancellationToken): CodeLens[];
	/** Section and block snippets from the template where a section can start. */
	getCompletions(document: TextDocumentLike, position: Position, token?: CancellationToken): CompletionItem[];
	/** Unfilled placeholders, unresolved or invalid choices and broken links, with configured severities. */
	getDiagnostics(document: TextDocumentLike, token?: CancellationToken): Diagnostic[];
	/** Quick fixes for the given diagnostics, and the fix-all source action; `only` filters by kind. */
	getCodeActions(document: TextDocumentLike, diagnostics: readonly Diagnostic[], only?: readonly string[], token?: CancellationToken): CodeAction[];
	/** Relative links to files and headings (spec.md, data-model.md#entities, contracts/). */
	getDocumentLinks(document: TextDocumentLike, token?: CancellationToken): DocumentLink[];
	/** Go to definition on a relative link: the target file, at the linked heading. */
	getDefinition(document: TextDocumentLike, position: Position, token?: CancellationToken): Location | undefined;
	/** Expand selection: line, block, section, parent section, plan. */
	getSelectionRanges(document: TextDocumentLike, positions: readonly Position[], token?: CancellationToken): SelectionRange[];
	/** Sections and blocks matching `query` across every plan in the workspace, open or not. */
	getWorkspaceSymbols(query: string, openDocuments: readonly TextDocumentLike[], token?: CancellationToken): WorkspaceSymbol[];
	/** The progress tree of a document, with its open items and problem count. */
	getDocumentProgress(document: TextDocumentLike): DocumentProgress;
	/** The progress of every plan in the workspace, open or not. */
	getWorkspaceProgress(openDocuments: readonly TextDocumentLike[], token?: CancellationToken): DocumentProgress[];
	/** Edits that toggle the task boxes on the lines a range touches. */
	getToggleTaskEdits(document: TextDocumentLike, range: Range): TextEdit[];
	/** Edits that check every open task of the section or block around a position. */
	getCompleteSectionEdits(document: TextDocumentLike, position: Position): TextEdit[];
	/** The templates a new document in a folder can be created from. */
	getTemplates(folder: string | undefined): TemplateInfo[];
	/** Where a new document from a template goes and its text; `specsFolders` lists `specs/` when the folder has one. */
	getNewDocument(templateUri: string, featureName: string, folder: string, specsFolders: readonly string[] | undefined, today?: Date): NewDocument | undefined;
	/** Replaces the settings; documents are re-analysed on their next request. */
	updateSettings(settings: PlanmarkSettings): void;
	/** Sets the workspace folders (filesystem paths) used to find templates and match plan globs. */
	setWorkspaceFolders(folders: readonly string[]): void;
	/** True for a template file: one in `.specify/templates/`, or one the settings name. */
	isTemplateFile(uri: string): boolean;
	/** Tells the service that template files changed on disk: they are read again. */
	templateChanged(): void;
	/** Forgets a closed document. */
	closeDocument(uri: string): void;
	readonly settings: PlanmarkSettings;
}

/** Documents governed by a setting, their name or the plan globs are plans whatever their title. */
function governsByName(resolved: ResolvedTemplate): boolean {
	return resolved.governedBy === 'setting' || resolved.governedBy === 'name' || resolved.governedBy === 'plan-files';
}

export function createLanguageService(options: LanguageServiceOptions): PlanLanguageService {
	const templates = new TemplateStore(options.fileSystem);
	const cache = new DocumentCache();
	const linkTargets = new LinkTargets(options.fileSystem);
	const index = new PlanIndex(options.fileSystem, (uri, text) => {
		const resolved = templates.resolve(uri, text, folders, settings);
		return buildPlanDocument({ uri, version: 0, text }, resolved.template, { nameIsPlan: governsByName(resolved), isTemplate: templates.isTemplateFile(uri, folders, settings), fullAnalysisLimit: settings.fullAnalysisLimit });
	});
	const forgetModels = () => {
		cache.clear();
		index.clear();
	};
	const reportedWarnings = new Set<string>();
	let settings = defaultSettings;
	let folders: readonly string[] = [];

	const getPlanDocument = (document: TextDocumentLike): PlanDocument => {
		const text = document.getText();
		const resolved = templates.resolve(document.uri, text, folders, settings);
		if (resolved.warning && !reportedWarnings.has(resolved.warning)) {
			reportedWarnings.add(resolved.warning);
			options.warn?.(resolved.warning);
		}
		const isTemplate = templates.isTemplateFile(document.uri, folders, settings);
		return cache.get({ uri: document.uri, version: document.version, text }, resolved.template, governsByName(resolved), isTemplate, settings.fullAnalysisLimit);
	};

	/** A template file as planmark reads it, from its current (possibly unsaved) text. */
	const templateModels = new Map<string, { version: number; template: PlanTemplate; lines: LineIndex }>();
	const asTemplate = (document: TextDocumentLike) => {
		const cached = templateModels.get(document.uri);
		if (cached?.version === document.version) {
			return cached;
		}
		const text = document.getText();
		const model = { version: document.version, template: inferTemplate(text, document.uri), lines: new LineIndex(text) };
		templateModels.set(document.uri, model);
		return model;
	};
	const governedName = (uri: string) => {
		const name = path.basename(URI.parse(uri).path);
		return /-template\.md$/i.test(name) ? name.replace(/-template\.md$/i, '.md') : 'the documents mapped to it';
	};

	const linksOf = (document: PlanDocument): ResolvedLink[] => resolveLinks(document, linkTargets, folderOf(document.uri, folders));

	const linkProblems = (document: PlanDocument): PlanProblem[] =>
		linksOf(document)
			.filter(link => link.broken)
			.map(link => ({ kind: 'broken-link', range: link.link.range, target: link.link.target, reason: link.broken!, section: sectionNameAt(document.nodes, document.lines.offsetAt(link.link.range.start)) }));

	const diagnosticsOf = (plan: PlanDocument): Diagnostic[] =>
		diagnostics(plan, settings, plan.isPlan && settings.diagnostics['broken-link'] !== 'off' ? linkProblems(plan) : []);

	const symbolsListed = () => listedSymbols(settings, options.editorListsHeadings?.() ?? false);

	const guarded = <T>(token: CancellationToken | undefined, empty: T, compute: () => T): T => (token?.isCancellationRequested ? empty : compute());

	return {
		get settings() {
			return settings;
		},
		getPlanDocument,
		getDocumentSymbols: (document, token) => guarded(token, [], () => documentSymbols(getPlanDocument(document), settings.progress, symbolsListed())),
		getFoldingRanges: (document, token) => guarded(token, [], () => foldingRanges(getPlanDocument(document))),
		getCodeLenses: (document, token) =>
			guarded(token, [], () => {
				if (!settings.codeLens.enabled) {
					return [];
				}
				if (templates.isTemplateFile(document.uri, folders, settings)) {
					const { template, lines } = asTemplate(document);
					return templateLenses(template, lines, governedName(document.uri));
				}
				return codeLenses(getPlanDocument(document), settings);
			}),
		getCompletions: (document, position, token) => guarded(token, [], () => completions(getPlanDocument(document), position)),
		getDiagnostics: (document, token) =>
			guarded(token, [], () => {
				if (templates.isTemplateFile(document.uri, folders, settings)) {
					const { template, lines } = asTemplate(document);
					return templateDiagnostics(template, lines);
				}
				return diagnosticsOf(getPlanDocument(document));
			}),
		getDocumentProgress: document => {
			const plan = getPlanDocument(document);
			return documentProgress(plan, settings.progress, diagnosticsOf(plan).length);
		},
		getWorkspaceProgress: (openDocuments, token) =>
			guarded(token, [], () => index.plans(folders, openDocuments.map(getPlanDocument)).map(({ document }) => documentProgress(document, settings.progress, diagnosticsOf(document).length))),
		getToggleTaskEdits: (document, range) => toggleTaskEdits(getPlanDocument(document), range),
		getCompleteSectionEdits: (document, position) => completeSectionEdits(getPlanDocument(document), position),
		getCodeActions: (document, diagnosticsInRange, only, token) => guarded(token, [], () => codeActions(getPlanDocument(document), diagnosticsInRange, only)),
		getDocumentLinks: (document, token) => guarded(token, [], () => documentLinks(linksOf(getPlanDocument(document)))),
		getDefinition: (document, position, token) => guarded(token, undefined, () => linkDefinition(linksOf(getPlanDocument(document)), position)),
		getSelectionRanges: (document, positions, token) => guarded(token, [], () => selectionRanges(getPlanDocument(document), positions)),
		getWorkspaceSymbols: (query, openDocuments, token) =>
			guarded(token, [], () => workspaceSymbols(index.plans(folders, openDocuments.map(getPlanDocument)), query, folders, symbolsListed())),
		updateSettings(next) {
			settings = next;
			reportedWarnings.clear();
			forgetModels();
		},
		setWorkspaceFolders(next) {
			folders = next;
			forgetModels();
		},
		isTemplateFile: uri => templates.isTemplateFile(uri, folders, settings),
		getTemplates: folder =>
			templates.available(folder, settings).map(({ filePath, template }) => ({
				uri: template.uri,
				documentName: filePath ? path.basename(filePath).replace(/-template(\.md)$/i, '$1') : 'plan.md',
				title: template.title?.text ?? path.basename(filePath ?? 'plan.md'),
			})),
		getNewDocument: (templateUri, featureName, folder, specsFolders, today = new Date()) => {
			const entry = templates.available(folder, settings).find(candidate => candidate.template.uri === templateUri);
			return entry && newDocument(entry.template, entry.filePath, featureName, folder, specsFolders, today);
		},
		templateChanged() {
			templates.invalidate();
			forgetModels();
		},
		closeDocument(uri) {
			cache.delete(uri);
			templateModels.delete(uri);
		},
	};
}
