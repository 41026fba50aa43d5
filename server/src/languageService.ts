import * as path from 'node:path';
import type {
	CodeAction,
	CodeLens,
	CompletionItem,
	Diagnostic,
	DocumentHighlight,
	DocumentLink,
	DocumentSymbol,
	FoldingRange,
	Hover,
	InlayHint,
	Location,
	Position,
	Range,
	SelectionRange,
	TextEdit,
	WorkspaceEdit,
	WorkspaceSymbol,
} from 'vscode-languageserver-types';
import { defaultSettings, listedSymbols, type PlanmarkSettings } from './config';
import { codeActions, fixAllEdits } from './features/codeActions';
import { codeLenses } from './features/codeLenses';
import { completions } from './features/completions';
import { diagnostics } from './features/diagnostics';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/foldingRanges';
import { hover } from './features/hover';
import { featureIdRequests } from './features/featureIdRequests';
import type { RenameAnswer, RenameOptions } from './features/idRename';
import { matrixMarkdown, type FeatureMatrix } from './features/traceMatrix';
import { inlayHints } from './features/inlayHints';
import { documentLinks, linkDefinition, linkProblems, resolveLinks, type ResolvedLink } from './features/links';
import { documentFromTemplate, templateChoices, type NewDocument } from './features/newDocument';
import { documentInfo, documentProgress, type DocumentInfo } from './features/progressReport';
import { selectionRanges } from './features/selectionRanges';
import { completeSectionEdits, toggleTaskEdits } from './features/taskEdits';
import { templateDiagnostics, templateLenses } from './features/templateAuthoring';
import { workspaceFeatures } from './features/workspaceFeatures';
import { WorkspacePlans } from './features/workspacePlans';
import { FeatureProblemCounts } from './features/featureProblemCounts';
import { summaryProgress, workspaceSymbols } from './features/workspaceSymbols';
import { buildPlanDocument } from './model/buildPlanDocument';
import { DocumentCache, TemplateDocumentCache } from './model/documentCache';
import type { PlanDocument } from './model/planDocument';
import type { DocumentProgress, FeatureStatus, TemplateInfo } from './protocol';
import { specsFoldersOf } from './workspace/featureFolders';
import { FeatureIndex } from './workspace/featureIndex';
import type { FileSystem } from './workspace/fileSystem';
import { LinkTargets } from './workspace/linkTargets';
import { configuredTemplatePaths, TemplateStore, type ResolvedTemplate } from './workspace/templateStore';
import { boundedFileSystem, type BoundaryRoots } from './workspace/boundary';
import { filePathOf, folderOf } from './workspace/workspacePaths';

export type { DocumentInfo } from './features/progressReport';
export type { FeatureMatrix, TraceItem, TraceRow } from './features/traceMatrix';
export type { RenameAnswer, RenameOptions } from './features/idRename';

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
	/** The command progress lenses run; without, the server's own `planmark.server.revealTask`. */
	readonly lensCommand?: () => string | undefined;
	/** Whether the client can insert snippets (`completionItem.snippetSupport`); without, completions are plain text. */
	readonly snippetSupport?: () => boolean;
	/** Files and folders readable besides the workspace folders and configured templates (the CLI's command-line paths). */
	readonly readablePaths?: readonly string[];
	/** The editor's text of an open document: a feature's other documents are read from it rather than from disk. */
	readonly openDocument?: (uri: string) => TextDocumentLike | undefined;
}

/**
 * planmark's language features over plan documents, independent of any LSP connection: the one
 * door through which the server, the CLI, tests and benchmarks reach the features. Every method is
 * synchronous but the two workspace-wide ones, never throws on content, and shares one cached model per document version; a
 * request whose token is already cancelled gets an empty answer.
 */
export interface PlanLanguageService {
	/** The model of a document, built once per version (for tests and benchmarks; features take it from here too). */
	getPlanDocument(document: TextDocumentLike): PlanDocument;
	/** Whether a document is a plan, its title and its governing template. */
	getDocumentInfo(document: TextDocumentLike, token?: CancellationToken): DocumentInfo | undefined;
	/** The outline: title, sections and repeatable blocks, nested as in the template. */
	getDocumentSymbols(document: TextDocumentLike, token?: CancellationToken): DocumentSymbol[];
	/** Folding ranges for every section, block, list, table and code block. */
	getFoldingRanges(document: TextDocumentLike, token?: CancellationToken): FoldingRange[];
	/** Checkbox-progress lenses per section and for the whole plan; on a template, what planmark read from it. */
	getCodeLenses(document: TextDocumentLike, token?: CancellationToken): readonly CodeLens[];
	/** Section and block snippets from the template where a section can start, and choice values after a field's label. */
	getCompletions(document: TextDocumentLike, position: Position, token?: CancellationToken): CompletionItem[];
	/** Every problem of a plan (or of a template file), with the configured severities. */
	getDiagnostics(document: TextDocumentLike, token?: CancellationToken): Diagnostic[];
	/** Quick fixes for the given diagnostics, and the fix-all source action; `only` filters by kind. */
	getCodeActions(
		document: TextDocumentLike,
		diagnostics: readonly Diagnostic[],
		only?: readonly string[],
		token?: CancellationToken,
	): CodeAction[];
	/** The edits of every fix that needs no choice, as the fix-all action and `planmark check --fix` apply them. */
	getFixAllEdits(document: TextDocumentLike, token?: CancellationToken): TextEdit[];
	/** Progress at the end of heading lines in a range, with `planmark.inlayHints.enabled`. */
	getInlayHints(document: TextDocumentLike, range: Range, token?: CancellationToken): InlayHint[];
	/** On a section's or block's heading, its progress and next open task (for editors without lenses). */
	getHover(document: TextDocumentLike, position: Position, token?: CancellationToken): Hover | undefined;
	/** Relative links to files and headings (spec.md, data-model.md#entities, contracts/). */
	getDocumentLinks(document: TextDocumentLike, token?: CancellationToken): DocumentLink[];
	/**
	 * Go to definition on a relative link (the target file, at the linked heading), or on a feature
	 * ID (`[US2]`, `FR-003`, `[Spec §FR-001]`, `T004`, either end of `T009-T021`): where the
	 * feature's documents define it, two places when it is defined twice.
	 */
	getDefinition(
		document: TextDocumentLike,
		position: Position,
		token?: CancellationToken,
	): Location | Location[] | undefined;
	/** Every citation of the feature ID at a position across the feature's documents, ranges spanning it included; with its definition when asked. */
	getReferences(
		document: TextDocumentLike,
		position: Position,
		includeDeclaration: boolean,
		token?: CancellationToken,
	): Location[];
	/** The feature ID at a position wherever this document writes it. */
	getDocumentHighlights(document: TextDocumentLike, position: Position, token?: CancellationToken): DocumentHighlight[];
	/** What renaming the feature ID at a position would rename (its range and spelling), or why it cannot be renamed. */
	prepareRename(document: TextDocumentLike, position: Position, token?: CancellationToken): RenameAnswer | undefined;
	/**
	 * One edit renaming the feature ID at a position in its definition and every citation of the
	 * feature folder, each as written; refused when the new ID is taken or is not an ID.
	 */
	getRenameEdit(
		document: TextDocumentLike,
		position: Position,
		newName: string,
		options: RenameOptions,
		token?: CancellationToken,
	): { readonly edit: WorkspaceEdit } | { readonly refused: string } | undefined;
	/** The coverage matrix of a feature folder, or of every feature under a project's `specs/` (a filesystem path). */
	getTraceMatrix(folder: string, token?: CancellationToken): FeatureMatrix[];
	/** The matrices as markdown, to post in a pull request. */
	formatTraceMatrix(matrices: readonly FeatureMatrix[]): string;
	/** The other documents of a document's feature folder (URIs): their feature diagnostics may change when it does. */
	getFeatureSiblings(uri: string, token?: CancellationToken): string[];
	/** Expand selection: line, block, section, parent section, plan. */
	getSelectionRanges(
		document: TextDocumentLike,
		positions: readonly Position[],
		token?: CancellationToken,
	): SelectionRange[];
	/**
	 * Sections and blocks matching `query` across every plan in the workspace, open or not. The
	 * workspace is indexed in the background, in slices that let other requests through; a cancelled
	 * request stops waiting for it and gets an empty answer.
	 */
	getWorkspaceSymbols(
		query: string,
		openDocuments: readonly TextDocumentLike[],
		token?: CancellationToken,
	): Promise<WorkspaceSymbol[]>;
	/** The progress tree of a document, with its open items and problem count. */
	getDocumentProgress(document: TextDocumentLike, token?: CancellationToken): DocumentProgress | undefined;
	/** The progress of every plan in the workspace, open or not (without open items: ask per document), as getWorkspaceSymbols indexes it. */
	getWorkspaceProgress(
		openDocuments: readonly TextDocumentLike[],
		options?: { readonly outline?: boolean },
		token?: CancellationToken,
	): Promise<DocumentProgress[]>;
	/** The progress of a plan of the workspace that is not open, from the index; undefined for any other file. */
	getIndexedProgress(
		uri: string,
		openDocuments: readonly TextDocumentLike[],
		token?: CancellationToken,
	): Promise<DocumentProgress | undefined>;
	/**
	 * Every feature of the workspace (each `specs/NNN-name/` folder, and each other folder holding a
	 * spec, plan or tasks document planmark governs whose title is its template's) with its documents,
	 * phase and progress, sorted by number; open documents as they are in the editor, the others from
	 * the background index.
	 */
	getFeatures(openDocuments: readonly TextDocumentLike[], token?: CancellationToken): Promise<FeatureStatus[]>;
	/** One edit that toggles the task boxes on the lines the ranges touch (each box once). */
	getToggleTaskEdits(document: TextDocumentLike, ranges: readonly Range[], token?: CancellationToken): TextEdit[];
	/** Edits that check every open task of the section or block around a position. */
	getCompleteSectionEdits(document: TextDocumentLike, position: Position, token?: CancellationToken): TextEdit[];
	/** The templates a new document in a folder (a filesystem path) can be created from. */
	getTemplates(folder: string | undefined, token?: CancellationToken): TemplateInfo[];
	/** Where a new document from a template goes in `folder` (spec-kit's `specs/NNN-name/` when it has one) and its text. */
	getNewDocument(
		request: {
			readonly templateUri: string;
			readonly featureName: string;
			readonly folder: string;
			readonly today?: Date;
		},
		token?: CancellationToken,
	): (NewDocument & { readonly exists: boolean }) | undefined;
	/** Replaces the settings; documents are re-analysed on their next request. */
	updateSettings(settings: PlanmarkSettings): void;
	/** Sets the workspace folders (filesystem paths) used to find templates and match plan globs. */
	setWorkspaceFolders(folders: readonly string[]): void;
	/** True for a template file: one in `.specify/`, or one the settings name. */
	isTemplateFile(uri: string): boolean;
	/** Files changed on disk (from the editor's file events): the workspace index reads them again. */
	filesChanged(
		changes: readonly { readonly filePath: string; readonly kind: 'created' | 'changed' | 'deleted' }[],
	): void;
	/** The editor sends file events: the index re-reads only the files they name instead of checking every file. */
	trustFileEvents(): void;
	/** Tells the service that template files changed on disk: they are read again. */
	templateChanged(): void;
	/** Forgets a closed document. */
	closeDocument(uri: string): void;
	/** The settings in force. */
	readonly settings: PlanmarkSettings;
}

/** Diagnostics in document order, a document's own and its feature's together. */
function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
	return diagnostics.sort(
		(a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
	);
}

/** Documents governed by a setting, their name or the plan globs are plans whatever their title. */
function governsByName(resolved: ResolvedTemplate): boolean {
	return resolved.governedBy === 'setting' || resolved.governedBy === 'name' || resolved.governedBy === 'plan-files';
}

export function createLanguageService(options: LanguageServiceOptions): PlanLanguageService {
	let settings = defaultSettings;
	let folders: readonly string[] = [];
	// Without workspace folders, a document's own folder is its boundary, as it is for its links.
	const looseFolders = new Set<string>();
	let roots: BoundaryRoots = { folders: [], files: [] };
	const updateRoots = () => {
		const workspace = folders.length > 0 ? folders : [...looseFolders];
		roots = {
			folders: [...workspace, ...(options.readablePaths ?? [])],
			files: (workspace.length > 0 ? workspace : [undefined]).flatMap(folder =>
				configuredTemplatePaths(settings, folder),
			),
		};
	};
	const fileSystem = boundedFileSystem(options.fileSystem, () => roots);
	const templates = new TemplateStore(fileSystem);
	const cache = new DocumentCache();
	const templateCache = new TemplateDocumentCache();
	const linkTargets = new LinkTargets(fileSystem);
	const features = new FeatureIndex({
		fileSystem,
		openDocument: uri => {
			const open = options.openDocument?.(uri);
			return open && { uri: open.uri, version: open.version, text: open.getText() };
		},
		templateOf: (uri, text) => {
			const resolved = templates.resolve(uri, text, folders, settings);
			return resolved.governedBy === 'name' || resolved.governedBy === 'setting'
				? { uri: resolved.template.uri, text: resolved.template.text }
				: undefined;
		},
	});
	const ids = featureIdRequests(
		features,
		fileSystem,
		() => settings,
		() => options.lensCommand?.(),
	);
	const buildFromDisk = (uri: string, text: string): PlanDocument => {
		const resolved = templates.resolve(uri, text, folders, settings);
		return buildPlanDocument({ uri, version: 0, text }, resolved.template, {
			nameIsPlan: governsByName(resolved),
			isTemplate: templates.isTemplateFile(uri, folders, settings),
			fullAnalysisLimit: settings.fullAnalysisLimit,
		});
	};
	const workspacePlans = new WorkspacePlans({
		fileSystem,
		folders: () => folders,
		settings: () => settings,
		isPlan: (uri, head) => {
			const resolved = templates.resolve(uri, head, folders, settings);
			return !templates.isTemplateFile(uri, folders, settings) && resolved.governedBy !== undefined;
		},
		build: buildFromDisk,
		moreProblems: document => linkProblems(document, linksOf(document)),
		onLimit: limit =>
			options.warn?.(
				`planmark: this workspace has more than ${limit.toLocaleString('en-US')} markdown files; the Plans view and workspace symbols cover the first ${limit.toLocaleString('en-US')} (planmark.indexLimit).`,
			),
	});
	const forgetModels = () => {
		cache.clear();
		features.clear();
	};
	const reportedWarnings = new Set<string>();
	updateRoots();

	const getPlanDocument = (document: TextDocumentLike): PlanDocument => {
		const documentFolder = folders.length === 0 ? filePathOf(document.uri) : undefined;
		if (documentFolder && !looseFolders.has(path.dirname(documentFolder))) {
			looseFolders.add(path.dirname(documentFolder));
			updateRoots();
		}
		const text = document.getText();
		const resolved = templates.resolve(document.uri, text, folders, settings);
		if (resolved.warning && !reportedWarnings.has(resolved.warning)) {
			reportedWarnings.add(resolved.warning);
			options.warn?.(resolved.warning);
		}
		const isTemplate = templates.isTemplateFile(document.uri, folders, settings);
		return cache.get(
			{ uri: document.uri, version: document.version, text },
			resolved.template,
			governsByName(resolved),
			isTemplate,
			settings.fullAnalysisLimit,
		);
	};
	const isTemplateFile = (uri: string) => templates.isTemplateFile(uri, folders, settings);
	const templateOf = (document: TextDocumentLike) =>
		templateCache.get({ uri: document.uri, version: document.version, text: document.getText() });
	const linksOf = (document: PlanDocument): ResolvedLink[] =>
		resolveLinks(document, linkTargets, folderOf(document.uri, folders));
	const diagnosticsOf = (plan: PlanDocument): Diagnostic[] =>
		diagnostics(
			plan,
			settings,
			plan.isPlan && settings.diagnostics['broken-link'] !== 'off' ? linkProblems(plan, linksOf(plan)) : [],
		);
	/** A document's progress, with every problem the editor shows for it counted: its own and its feature's. */
	const progressOf = (document: TextDocumentLike) => {
		const plan = getPlanDocument(document);
		return documentProgress(plan, settings.progress, diagnosticsOf(plan).length + ids.diagnostics(document).length);
	};
	const featureProblems = new FeatureProblemCounts(() => ids.problemCounter());
	/** Every plan and feature document of the workspace, with their feature problems; undefined when cancelled first. */
	const countedDocuments = async (openDocuments: readonly TextDocumentLike[], token?: CancellationToken) => {
		const documents = await workspacePlans.documents(openDocuments.map(getPlanDocument), token);
		const problems = documents && (await featureProblems.of(documents, () => token?.isCancellationRequested ?? false));
		return documents && problems ? { documents, problems } : undefined;
	};
	const symbolsListed = () => listedSymbols(settings, options.editorListsHeadings?.() ?? false);
	const guarded = <T>(token: CancellationToken | undefined, empty: T, compute: () => T): T =>
		token?.isCancellationRequested ? empty : compute();

	return {
		get settings() {
			return settings;
		},
		getPlanDocument,
		getDocumentInfo: (document, token) => guarded(token, undefined, () => documentInfo(getPlanDocument(document))),
		getDocumentSymbols: (document, token) =>
			guarded(token, [], () => documentSymbols(getPlanDocument(document), settings.progress, symbolsListed())),
		getFoldingRanges: (document, token) => guarded(token, [], () => foldingRanges(getPlanDocument(document))),
		getCodeLenses: (document, token) =>
			guarded(token, [], () =>
				isTemplateFile(document.uri)
					? templateLenses(templateOf(document), settings)
					: [...codeLenses(getPlanDocument(document), settings, options.lensCommand?.()), ...ids.lenses(document)],
			),
		getCompletions: (document, position, token) =>
			guarded(token, [], () =>
				completions(getPlanDocument(document), position, new Date(), options.snippetSupport?.() ?? true),
			),
		getDiagnostics: (document, token) =>
			guarded(token, [], () =>
				isTemplateFile(document.uri)
					? templateDiagnostics(templateOf(document))
					: byPosition([...diagnosticsOf(getPlanDocument(document)), ...ids.diagnostics(document)]),
			),
		getCodeActions: (document, diagnosticsInRange, only, token) =>
			guarded(token, [], () => [
				...codeActions(getPlanDocument(document), diagnosticsInRange, only),
				...ids.codeActions(document, diagnosticsInRange, only),
			]),
		getFixAllEdits: (document, token) => guarded(token, [], () => fixAllEdits(getPlanDocument(document).problems)),
		getInlayHints: (document, range, token) =>
			guarded(token, [], () => inlayHints(getPlanDocument(document), range, settings)),
		getHover: (document, position, token) =>
			guarded(
				token,
				undefined,
				() => ids.hover(document, position) ?? hover(getPlanDocument(document), position, settings),
			),
		getDocumentLinks: (document, token) => guarded(token, [], () => documentLinks(linksOf(getPlanDocument(document)))),
		getDefinition: (document, position, token) =>
			guarded(token, undefined, () => {
				const link = linkDefinition(linksOf(getPlanDocument(document)), position);
				const found = link ? [] : ids.definitions(document, position);
				return link ?? (found.length === 0 ? undefined : found.length === 1 ? found[0] : found);
			}),
		getReferences: (document, position, includeDeclaration, token) =>
			guarded(token, [], () => ids.references(document, position, includeDeclaration)),
		getDocumentHighlights: (document, position, token) => guarded(token, [], () => ids.highlights(document, position)),
		prepareRename: (document, position, token) =>
			guarded(token, undefined, () => ids.prepareRename(document, position)),
		getRenameEdit: (document, position, newName, renameOptions, token) =>
			guarded(token, undefined, () => ids.rename(document, position, newName, renameOptions)),
		getTraceMatrix: (folder, token) => guarded(token, [], () => ids.matrices(folder)),
		formatTraceMatrix: matrices => matrixMarkdown(matrices),
		getFeatureSiblings: (uri, token) => guarded(token, [], () => features.siblingsOf(uri)),
		getSelectionRanges: (document, positions, token) =>
			guarded(token, [], () => selectionRanges(getPlanDocument(document), positions)),
		getWorkspaceSymbols: async (query, openDocuments, token) => {
			const sections = workspaceSymbols(
				(await workspacePlans.summaries(openDocuments.map(getPlanDocument), token)) ?? [],
				query,
				symbolsListed(),
			);
			if (token?.isCancellationRequested) {
				return sections;
			}
			const featureIds = await ids.symbols(folders, query, () => token?.isCancellationRequested ?? false);
			return token?.isCancellationRequested ? sections : [...featureIds, ...sections];
		},
		getDocumentProgress: (document, token) => guarded(token, undefined, () => progressOf(document)),
		getWorkspaceProgress: async (openDocuments, progressOptions, token) => {
			const counted = await countedDocuments(openDocuments, token);
			return (counted?.documents ?? [])
				.filter(summary => summary.isPlan)
				.map(summary =>
					summaryProgress(summary, settings, progressOptions?.outline ?? true, counted!.problems(summary.uri)),
				);
		},
		getIndexedProgress: async (uri, openDocuments, token) => {
			const summary = (await workspacePlans.summaries(openDocuments.map(getPlanDocument), token))?.find(
				candidate => candidate.uri === uri,
			);
			// One plan: its own feature is traced, not every feature of the workspace.
			return summary && summaryProgress(summary, settings, true, ids.problemCounter()(uri));
		},
		getFeatures: async (openDocuments, token) => {
			const counted = await countedDocuments(openDocuments, token);
			return counted ? workspaceFeatures(counted.documents, folders, settings, counted.problems) : [];
		},
		getToggleTaskEdits: (document, ranges, token) =>
			guarded(token, [], () => toggleTaskEdits(getPlanDocument(document), ranges)),
		getCompleteSectionEdits: (document, position, token) =>
			guarded(token, [], () => completeSectionEdits(getPlanDocument(document), position)),
		getTemplates: (folder, token) => guarded(token, [], () => templateChoices(templates.available(folder, settings))),
		getNewDocument: (request, token) =>
			guarded(token, undefined, () =>
				documentFromTemplate(
					templates.available(request.folder, settings),
					request,
					specsFoldersOf(fileSystem, request.folder),
					filePath => fileSystem.exists(filePath),
				),
			),
		updateSettings(next) {
			settings = next;
			updateRoots();
			reportedWarnings.clear();
			forgetModels();
		},
		setWorkspaceFolders(next) {
			folders = next;
			updateRoots();
			forgetModels();
			workspacePlans.clear();
		},
		isTemplateFile,
		filesChanged: changes => {
			fileSystem.forgetRealPaths();
			workspacePlans.filesChanged(changes);
		},
		trustFileEvents: () => workspacePlans.trustFileEvents(),
		templateChanged() {
			fileSystem.forgetRealPaths();
			templates.invalidate();
			forgetModels();
			workspacePlans.templatesChanged();
		},
		closeDocument(uri) {
			cache.delete(uri);
			features.closeDocument(uri);
			templateCache.delete(uri);
		},
	};
}
