import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { type DocumentIds, documentIds } from '../model/featureIds';
import { type FeatureDocuments, featureDocumentsOf, featureFolderOfDocument, specsFoldersOf } from './featureFolders';
import { buildFeatureTrace, type FeatureTrace, type TraceDocument } from './featureTrace';
import { FileCache } from './fileCache';
import type { FileSystem } from './fileSystem';
import { type FeatureRole, idVocabularyOf, type VocabularySource } from './idVocabulary';
import { specsFolderName } from '../template/conventions';
import { filePathOf } from './workspacePaths';

/**
 * How many unopened documents and feature traces are kept: enough for the features a user works in,
 * while a workspace-wide symbol search over thousands of features does not keep them all in memory.
 */
const keptDocuments = 512;
const keptTraces = 64;

/** An open document's text, as the editor has it. */
export interface OpenText {
	readonly uri: string;
	readonly version: number;
	readonly text: string;
}

export interface FeatureIndexOptions {
	readonly fileSystem: FileSystem;
	/** The editor's text of a document (a file: URI), when it is open. */
	readonly openDocument: (uri: string) => OpenText | undefined;
	/** The template that governs a document, when one does (its URI and text). */
	readonly templateOf: (uri: string, text: string) => { readonly uri: string; readonly text: string } | undefined;
}

/**
 * The feature folders' IDs, each document read once per version: open documents from the editor's
 * text (by version), the others through the bounded file system (by stamp), templates by text. A
 * keystroke in tasks.md re-reads tasks.md only; the trace itself is a cheap pass over the results.
 */
export class FeatureIndex {
	private readonly open = new Map<string, DocumentIds>();
	private readonly disk: FileCache<{ readonly text: string; readonly ids: DocumentIds }>;
	private readonly templates = new Map<
		string,
		{ readonly text: string; readonly ids: DocumentIds; readonly lines: ReadonlySet<string> }
	>();
	/** Unopened files read, least recently used first, so that only the last few hundred are kept. */
	private readonly recentFiles = new Set<string>();
	/** The last trace of each folder, with the per-document values it was built from: unchanged values, same trace. */
	private readonly traces = new Map<
		string,
		{ readonly inputs: readonly DocumentIds[]; readonly trace: FeatureTrace }
	>();

	constructor(private readonly options: FeatureIndexOptions) {
		this.disk = new FileCache(options.fileSystem, (text, filePath) => ({
			text,
			ids: documentIds(URI.file(filePath).toString(), 0, text),
		}));
	}

	/** The trace of the feature a document (a file: URI) belongs to; undefined outside a feature folder. */
	traceOfDocument(uri: string, current?: OpenText): FeatureTrace | undefined {
		const documentPath = filePathOf(uri);
		const folder = documentPath && featureFolderOfDocument(documentPath);
		return folder ? this.traceOfFolder(folder, current) : undefined;
	}

	/** The trace of a feature folder (a filesystem path); undefined when it cannot be read. */
	traceOfFolder(folder: string, current?: OpenText): FeatureTrace | undefined {
		const documents = featureDocumentsOf(this.options.fileSystem, folder);
		if (!documents) {
			return undefined;
		}
		const traced: TraceDocument[] = [];
		const sources: VocabularySource[] = [];
		let tasksTemplate: DocumentIds | undefined;
		for (const [role, filePath] of documentsByRole(documents)) {
			const uri = URI.file(filePath).toString();
			const read = this.read(uri, filePath, current?.uri === uri ? current : undefined);
			if (!read) {
				continue;
			}
			const template = this.templateIds(uri, read.text);
			traced.push({ uri, role, ids: read.ids, templateLines: template?.lines });
			sources.push({ role, ids: read.ids, isTemplate: false });
			if (template) {
				sources.push({ role, ids: template.ids, isTemplate: true });
				tasksTemplate = role === 'tasks' ? template.ids : tasksTemplate;
			}
		}
		const inputs = sources.map(source => source.ids);
		const last = this.traces.get(folder);
		if (last && last.inputs.length === inputs.length && last.inputs.every((ids, index) => ids === inputs[index])) {
			return last.trace;
		}
		const trace = buildFeatureTrace(folder, traced, idVocabularyOf(sources), tasksTemplate);
		this.traces.delete(folder);
		this.traces.set(folder, { inputs, trace });
		for (const oldest of this.traces.keys()) {
			if (this.traces.size <= keptTraces) {
				break;
			}
			this.traces.delete(oldest);
		}
		return trace;
	}

	/** The feature folders under the workspace folders' `specs/`. */
	featureFolders(workspaceFolders: readonly string[]): string[] {
		return workspaceFolders.flatMap(folder =>
			(specsFoldersOf(this.options.fileSystem, folder) ?? []).map(name => path.join(folder, specsFolderName, name)),
		);
	}

	/** The other documents of the feature a document belongs to (URIs), to check again when it changes. */
	siblingsOf(uri: string): string[] {
		const documentPath = filePathOf(uri);
		const folder = documentPath && featureFolderOfDocument(documentPath);
		const documents = folder ? featureDocumentsOf(this.options.fileSystem, folder) : undefined;
		return documents
			? documentsByRole(documents)
					.map(([, filePath]) => URI.file(filePath).toString())
					.filter(other => other !== uri)
			: [];
	}

	/** Forgets what was read, after template or settings changes. */
	clear(): void {
		this.open.clear();
		this.disk.clear();
		this.recentFiles.clear();
		this.templates.clear();
		this.traces.clear();
	}

	/** Forgets a closed document's editor text; its file is read from disk next time. */
	closeDocument(uri: string): void {
		this.open.delete(uri);
	}

	private read(
		uri: string,
		filePath: string,
		current: OpenText | undefined,
	): { readonly text: string; readonly ids: DocumentIds } | undefined {
		const opened = current ?? this.options.openDocument(uri);
		if (!opened) {
			const read = this.disk.get(filePath);
			this.recentFiles.delete(filePath);
			this.recentFiles.add(filePath);
			for (const oldest of this.recentFiles) {
				if (this.recentFiles.size <= keptDocuments) {
					break;
				}
				this.recentFiles.delete(oldest);
				this.disk.delete(oldest);
			}
			return read;
		}
		let ids = this.open.get(uri);
		if (ids?.version !== opened.version || ids.lines.text !== opened.text) {
			ids = documentIds(uri, opened.version, opened.text);
			this.open.set(uri, ids);
		}
		return { text: opened.text, ids };
	}

	private templateIds(
		uri: string,
		text: string,
	): { readonly ids: DocumentIds; readonly lines: ReadonlySet<string> } | undefined {
		const template = this.options.templateOf(uri, text);
		if (!template) {
			return undefined;
		}
		const cached = this.templates.get(template.uri);
		if (cached?.text === template.text) {
			return cached;
		}
		const ids = documentIds(template.uri, 0, template.text);
		const lines = explanatoryLines(ids);
		const entry = { text: template.text, ids, lines };
		this.templates.set(template.uri, entry);
		return entry;
	}
}

function documentsByRole(documents: FeatureDocuments): [FeatureRole, string][] {
	return [
		...(documents.spec ? [['spec', documents.spec] as [FeatureRole, string]] : []),
		...(documents.plan ? [['plan', documents.plan] as [FeatureRole, string]] : []),
		...(documents.tasks ? [['tasks', documents.tasks] as [FeatureRole, string]] : []),
		...documents.checklists.map(filePath => ['checklist', filePath] as [FeatureRole, string]),
		...documents.others.map(filePath => ['other', filePath] as [FeatureRole, string]),
	];
}

/**
 * The template's lines that explain rather than stand for a story or phase: those under no heading
 * naming a numbered thing ("Phase 3", "User Story 1"). Kept in a document, "(e.g., US1, US2, US3)"
 * cites nothing, while "### Implementation for User Story 1" still cites its story.
 */
function explanatoryLines(template: DocumentIds): ReadonlySet<string> {
	const { headings, names, lines } = template;
	const numbered = headings.map(heading =>
		names.some(name => name.start >= heading.textStart && name.end <= heading.end),
	);
	// A heading stands for a numbered thing when it or a heading it sits under names one.
	const within: boolean[] = [];
	const stack: number[] = [];
	headings.forEach((heading, index) => {
		while (stack.length > 0 && headings[stack.at(-1)!].depth >= heading.depth) {
			stack.pop();
		}
		within[index] = numbered[index] || stack.some(parent => within[parent]);
		stack.push(index);
	});
	const explanatory = new Set<string>();
	let heading = -1;
	for (let line = 0; line < lines.lineCount; line++) {
		const start = lines.lineStart(line);
		while (heading + 1 < headings.length && headings[heading + 1].start <= start) {
			heading++;
		}
		const text = lines.lineText(line).trim();
		if (text.length > 0 && (heading < 0 || !within[heading])) {
			explanatory.add(text);
		}
	}
	return explanatory;
}
