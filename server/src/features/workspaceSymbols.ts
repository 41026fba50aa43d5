import * as path from 'node:path';
import type { Range, SymbolKind, WorkspaceSymbol } from 'vscode-languageserver-types';
import type { DiagnosticCode, PlanmarkSettings, SymbolsSetting } from '../config';
import type { PlanDocument, PlanProblem } from '../model/planDocument';
import type { DocumentProgress } from '../protocol';
import { featureFolderOfDocument } from '../workspace/featureFolders';
import { filePathOf } from '../workspace/workspacePaths';
import { isNotHeading, symbolKindOf } from './documentSymbols';
import { featureDocumentFacts, type FeatureDocumentFacts } from './featureDocumentFacts';
import { documentProgress } from './progressReport';

/**
 * What the workspace index keeps of a plan that is not open: enough for workspace symbols and the
 * Plans view, and nothing of its text or syntax, so thousands of plans fit in little memory.
 */
export interface PlanSummary {
	readonly uri: string;
	/**
	 * False for a document of a feature folder (spec.md, plan.md, tasks.md, a checklist) that planmark
	 * does not govern: the feature views count its tasks, the Plans view and symbol search leave it out.
	 */
	readonly isPlan: boolean;
	/** The plan's name in symbol search: its feature (or title) and its path, "Offline Sync (specs/042/plan.md)". */
	readonly containerName: string;
	readonly symbols: readonly {
		readonly name: string;
		readonly kind: SymbolKind;
		readonly isHeading: boolean;
		readonly range: Range;
	}[];
	/** Its progress, without open items (the Plans view does not list them) and with problems counted later. */
	readonly progress: DocumentProgress;
	/** How many problems of each code it has, so a severity setting can change without reading it again. */
	readonly problems: Readonly<Partial<Record<DiagnosticCode, number>>>;
	/** For a document of a feature folder: its clarifications, phases and stories. */
	readonly feature?: FeatureDocumentFacts;
	/** Whether its `# ` title matches its template's ("Feature Specification: Photo Albums"). */
	readonly titleMatches: boolean;
}

/** The summary of a plan, from its model and the problems found outside it (broken links). */
export function summarizePlan(
	document: PlanDocument,
	moreProblems: readonly PlanProblem[],
	folders: readonly string[],
	settings: Pick<PlanmarkSettings, 'progress'>,
): PlanSummary {
	const filePath = filePathOf(document.uri) ?? document.uri;
	const folder = folders.find(candidate => filePath.startsWith(candidate + path.sep));
	const where = folder ? path.relative(folder, filePath).split(path.sep).join('/') : path.basename(filePath);
	const feature = document.title && document.template.title?.pattern.exec(document.title.name)?.[1];
	const problems: Partial<Record<DiagnosticCode, number>> = {};
	// A document planmark does not govern gets no diagnostics, so it has no problems to count.
	for (const problem of document.isPlan ? [...document.problems, ...moreProblems] : []) {
		problems[problem.kind] = (problems[problem.kind] ?? 0) + 1;
	}
	return {
		uri: document.uri,
		isPlan: document.isPlan,
		containerName: `${feature || document.title?.name || 'Plan'} (${where})`,
		symbols: document.nodes
			.filter(node => node.kind !== 'title')
			.map(node => ({
				name: node.name,
				kind: symbolKindOf(node),
				isHeading: !isNotHeading(node),
				range: node.selectionRange,
			})),
		progress: { ...documentProgress(document, settings.progress, 0), openItems: [] },
		problems,
		feature: featureFolderOfDocument(filePath) === undefined ? undefined : featureDocumentFacts(document),
		titleMatches: !!document.title && !!document.template.title?.pattern.test(document.title.name),
	};
}

/**
 * A plan's progress as the Plans view shows it, with its problems counted under the current
 * severities: its own, and those its feature finds in it (`featureProblems`, which change with its
 * siblings and so are not part of the summary).
 */
export function summaryProgress(
	summary: PlanSummary,
	settings: Pick<PlanmarkSettings, 'diagnostics'>,
	withOutline: boolean,
	featureProblems: Readonly<Partial<Record<DiagnosticCode, number>>>,
): DocumentProgress {
	let problems = 0;
	for (const counts of [summary.problems, featureProblems]) {
		for (const [code, count] of Object.entries(counts) as [DiagnosticCode, number][]) {
			problems += settings.diagnostics[code] === 'off' ? 0 : count;
		}
	}
	return { ...summary.progress, problems, outline: withOutline ? summary.progress.outline : [] };
}

/** Sections and blocks of every plan whose name contains the query's letters in order; with `blocks`, only blocks that are not headings (see documentSymbols). */
export function workspaceSymbols(
	plans: readonly PlanSummary[],
	query: string,
	listed: Exclude<SymbolsSetting, 'auto'> = 'all',
): WorkspaceSymbol[] {
	if (listed === 'none') {
		return [];
	}
	const symbols: WorkspaceSymbol[] = [];
	for (const plan of plans) {
		for (const symbol of plan.symbols) {
			if ((listed === 'blocks' && symbol.isHeading) || !matchesQuery(symbol.name, query)) {
				continue;
			}
			symbols.push({
				name: symbol.name,
				kind: symbol.kind,
				containerName: plan.containerName,
				location: { uri: plan.uri, range: symbol.range },
			});
		}
	}
	return symbols;
}

/** Case-insensitive subsequence match, as editors filter symbol names. */
function matchesQuery(name: string, query: string): boolean {
	const haystack = name.toLowerCase();
	let at = 0;
	for (const character of query.toLowerCase().replace(/\s+/g, '')) {
		at = haystack.indexOf(character, at);
		if (at < 0) {
			return false;
		}
		at++;
	}
	return true;
}
