import type {
	CodeAction,
	CodeLens,
	Diagnostic,
	DocumentHighlight,
	Hover,
	Location,
	Position,
	WorkspaceEdit,
	WorkspaceSymbol,
} from 'vscode-languageserver-types';
import type { PlanmarkSettings } from '../config';
import { featureDocumentsOf, featureFolderOfDocument } from '../workspace/featureFolders';
import type { FeatureIndex } from '../workspace/featureIndex';
import type { FeatureTrace } from '../workspace/featureTrace';
import type { FileSystem } from '../workspace/fileSystem';
import { slicing } from '../workspace/planIndex';
import { filePathOf } from '../workspace/workspacePaths';
import { idHover } from './idHover';
import { idDefinitions, idHighlights, idReferences } from './idNavigation';
import { storyLenses } from './idProgress';
import { prepareIdRename, type RenameAnswer, type RenameOptions, renameId } from './idRename';
import { idSymbols } from './idSymbols';
import { traceCodeActions, traceDiagnostics } from './traceDiagnostics';
import { type FeatureMatrix, featureMatrix } from './traceMatrix';
import { type TraceCode, traceProblems } from './traceProblems';

/** A document as the editor has it (the facade's TextDocumentLike). */
interface EditorDocument {
	readonly uri: string;
	readonly version: number;
	getText(): string;
}

/**
 * The feature-ID answers for one document, each over the trace of the feature folder it belongs to
 * (with this document's own text): empty outside a feature folder. The facade delegates to these.
 */
export function featureIdRequests(
	features: FeatureIndex,
	fileSystem: Pick<FileSystem, 'listDirectory'>,
	settings: () => PlanmarkSettings,
	lensCommand: () => string | undefined,
) {
	const traceOf = (document: EditorDocument): FeatureTrace | undefined =>
		features.traceOfDocument(document.uri, { uri: document.uri, version: document.version, text: document.getText() });
	const over =
		<Args extends unknown[], T>(empty: T, answer: (trace: FeatureTrace, uri: string, ...args: Args) => T) =>
		(document: EditorDocument, ...args: Args): T => {
			const trace = traceOf(document);
			return trace ? answer(trace, document.uri, ...args) : empty;
		};
	return {
		definitions: over<[Position], Location[]>([], idDefinitions),
		references: over<[Position, boolean], Location[]>([], idReferences),
		highlights: over<[Position], DocumentHighlight[]>([], idHighlights),
		hover: over<[Position], Hover | undefined>(undefined, idHover),
		prepareRename: over<[Position], RenameAnswer | undefined>(undefined, prepareIdRename),
		rename: over<[Position, string, RenameOptions], { edit: WorkspaceEdit } | { refused: string } | undefined>(
			undefined,
			renameId,
		),
		lenses: over<[], CodeLens[]>([], (trace, uri) => storyLenses(trace, uri, settings(), lensCommand())),
		diagnostics: over<[], Diagnostic[]>([], (trace, uri) => traceDiagnostics(traceProblems(trace, uri), settings())),
		codeActions: over<[readonly Diagnostic[], readonly string[] | undefined], CodeAction[]>(
			[],
			(trace, uri, diagnostics, only) => traceCodeActions(traceProblems(trace, uri), diagnostics, only),
		),
		/** The matrix of a feature folder, or of every feature under a project's `specs/`. */
		matrices(folder: string): FeatureMatrix[] {
			const own = featureDocumentsOf(fileSystem, folder);
			const isFeature = own !== undefined && (own.spec ?? own.tasks ?? own.plan) !== undefined;
			return (isFeature ? [folder] : features.featureFolders([folder])).flatMap(feature => {
				const trace = features.traceOfFolder(feature);
				return trace ? [featureMatrix(trace)] : [];
			});
		},
		/**
		 * A counter of the feature's problems in documents (file: URIs) by code, with the editor's text of
		 * open ones, for the views that count problems; each feature is traced once per counter.
		 */
		problemCounter(): (uri: string) => Partial<Record<TraceCode, number>> {
			const traces = new Map<string, FeatureTrace | undefined>();
			return uri => {
				const documentPath = filePathOf(uri);
				const folder = documentPath && featureFolderOfDocument(documentPath);
				if (!folder) {
					return {};
				}
				if (!traces.has(folder)) {
					traces.set(folder, features.traceOfFolder(folder));
				}
				const trace = traces.get(folder);
				const counts: Partial<Record<TraceCode, number>> = {};
				for (const problem of trace ? traceProblems(trace, uri) : []) {
					counts[problem.code] = (counts[problem.code] ?? 0) + 1;
				}
				return counts;
			};
		},
		/**
		 * IDs of every feature of the workspace matching a query; none for an empty query, which would
		 * read them all for nothing. Features are traced a slice at a time, so that requests about open
		 * documents are answered in between; empty once cancelled.
		 */
		async symbols(
			workspaceFolders: readonly string[],
			query: string,
			isCancelled: () => boolean,
		): Promise<WorkspaceSymbol[]> {
			if (query.trim() === '') {
				return [];
			}
			const traces: FeatureTrace[] = [];
			const pause = slicing(isCancelled);
			for (const folder of features.featureFolders(workspaceFolders)) {
				const trace = features.traceOfFolder(folder);
				if (trace) {
					traces.push(trace);
				}
				if (await pause()) {
					return [];
				}
			}
			return idSymbols(traces, query);
		},
	};
}
