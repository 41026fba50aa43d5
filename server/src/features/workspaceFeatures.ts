import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { PlanmarkSettings } from '../config';
import type { FeatureDocument, FeatureStatus } from '../protocol';
import { featureDocumentNames, featureFolderPattern, specsFolderName } from '../template/conventions';
import { featureFolderOfDocument } from '../workspace/featureFolders';
import { filePathOf } from '../workspace/workspacePaths';
import { featurePhase } from './featurePhase';
import type { ProblemCounts } from './featureProblemCounts';
import { summaryProgress, type PlanSummary } from './workspaceSymbols';

/**
 * The features of the workspace, from the summaries of its documents: every folder under `specs/`
 * named `NNN-name`, and every other folder holding a spec.md, plan.md or tasks.md that planmark
 * governs and whose title is its template's, sorted by number and name. A feature's phase follows from its documents (featurePhase.ts).
 */
export function workspaceFeatures(
	summaries: readonly PlanSummary[],
	folders: readonly string[],
	settings: Pick<PlanmarkSettings, 'diagnostics'>,
	/** The problems each document's feature finds in it, by code (cross-document IDs). */
	featureProblems: (uri: string) => ProblemCounts,
): FeatureStatus[] {
	const byFolder = new Map<string, { filePath: string; summary: PlanSummary }[]>();
	for (const summary of summaries) {
		const filePath = filePathOf(summary.uri);
		const folder = filePath && featureFolderOfDocument(filePath);
		if (folder && summary.feature) {
			byFolder.set(folder, [...(byFolder.get(folder) ?? []), { filePath, summary }]);
		}
	}
	const features: FeatureStatus[] = [];
	for (const [folder, members] of byFolder) {
		const named = (name: string) =>
			members.find(
				member => path.dirname(member.filePath) === folder && path.basename(member.filePath).toLowerCase() === name,
			);
		const spec = named(featureDocumentNames.spec);
		const plan = named(featureDocumentNames.plan);
		const tasks = named(featureDocumentNames.tasks);
		const inSpecs =
			path.basename(path.dirname(folder)).toLowerCase() === specsFolderName &&
			featureFolderPattern.test(path.basename(folder));
		// Elsewhere a spec.md is not always spec-kit's (OpenSpec keeps capabilities in `openspec/specs/<name>/spec.md`):
		// a document planmark governs whose title is its template's makes the folder a feature.
		if (!inSpecs && ![spec, plan, tasks].some(member => member?.summary.isPlan && member.summary.titleMatches)) {
			continue;
		}
		const checklists = members
			.filter(member => path.dirname(member.filePath) !== folder)
			.sort((a, b) => a.filePath.localeCompare(b.filePath));
		const documentOf = (member: { filePath: string; summary: PlanSummary }): FeatureDocument => {
			const progress = summaryProgress(member.summary, settings, false, featureProblems(member.summary.uri));
			return {
				uri: member.summary.uri,
				path: relativePath(folders, member.filePath),
				title: progress.title,
				isPlan: member.summary.isPlan,
				done: progress.done,
				total: progress.total,
				clarifications: member.summary.feature?.clarifications ?? 0,
				problems: progress.problems,
			};
		};
		const documents = {
			spec: spec && documentOf(spec),
			plan: plan && documentOf(plan),
			tasks: tasks && documentOf(tasks),
			checklists: checklists.map(documentOf),
		};
		const all = [documents.spec, documents.plan, documents.tasks, ...documents.checklists].filter(
			(document): document is FeatureDocument => document !== undefined,
		);
		const checklistItems = sum(documents.checklists);
		const match = featureFolderPattern.exec(path.basename(folder));
		features.push({
			folderUri: URI.file(folder).toString(),
			folder: relativePath(folders, folder),
			number: match?.[1],
			name: match?.[2] ?? path.basename(folder),
			phase: featurePhase({
				hasSpec: spec !== undefined,
				specClarifications: documents.spec?.clarifications ?? 0,
				hasPlan: plan !== undefined,
				tasks: documents.tasks && { done: documents.tasks.done, total: documents.tasks.total },
				checklistItems,
			}),
			documents,
			tasks: documents.tasks ? { done: documents.tasks.done, total: documents.tasks.total } : { done: 0, total: 0 },
			taskPhases: tasks?.summary.feature?.taskPhases ?? [],
			stories: tasks?.summary.feature?.stories ?? [],
			checklistItems,
			clarifications: all.reduce((count, document) => count + document.clarifications, 0),
			problems: all.reduce((count, document) => count + document.problems, 0),
		});
	}
	return features.sort(
		(a, b) =>
			(a.number === undefined ? 1 : 0) - (b.number === undefined ? 1 : 0) ||
			Number(a.number ?? 0) - Number(b.number ?? 0) ||
			a.name.localeCompare(b.name) ||
			a.folder.localeCompare(b.folder),
	);
}

function sum(documents: readonly FeatureDocument[]): { done: number; total: number } {
	return documents.reduce(
		(total, document) => ({ done: total.done + document.done, total: total.total + document.total }),
		{
			done: 0,
			total: 0,
		},
	);
}

/** A path from the workspace folder that holds it, with forward slashes; the full path outside every folder. */
function relativePath(folders: readonly string[], filePath: string): string {
	const folder = folders
		.filter(candidate => filePath === candidate || filePath.startsWith(candidate + path.sep))
		.sort((a, b) => b.length - a.length)[0];
	return (folder ? path.relative(folder, filePath) || '.' : filePath).split(path.sep).join('/');
}
