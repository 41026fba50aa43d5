import type { PlanmarkSettings } from '../config';
import type { PlanDocument, PlanProblem } from '../model/planDocument';
import type { BoundedFileSystem } from '../workspace/boundary';
import { featureFolderOfDocument } from '../workspace/featureFolders';
import { PlanIndex, type IndexCancellation } from '../workspace/planIndex';
import { filePathOf } from '../workspace/workspacePaths';
import { summarizePlan, type PlanSummary } from './workspaceSymbols';

/** What the workspace's plans need from the language service. */
export interface WorkspacePlanSources {
	readonly fileSystem: BoundedFileSystem;
	readonly folders: () => readonly string[];
	readonly settings: () => PlanmarkSettings;
	/** Whether a file is a plan, from its path and the start of its text. */
	isPlan(uri: string, head: string): boolean;
	/** The model of a file that is not open. */
	build(uri: string, text: string): PlanDocument;
	/** Problems of a plan found outside its model (broken links). */
	moreProblems(document: PlanDocument): PlanProblem[];
	/** Told when the workspace has more markdown files than `planmark.indexLimit`. */
	onLimit(limit: number): void;
}

/**
 * Every plan of the workspace as a summary, and every document of a feature folder (spec.md,
 * plan.md, tasks.md, checklists) whether planmark governs it or not: open documents from their
 * current model, the others from the background index. A change of analysis (templates, plan globs, aliases, requirements,
 * the analysis limit, whether gates count) re-reads plans; any other setting does not.
 */
export class WorkspacePlans {
	private readonly index: PlanIndex<PlanSummary>;
	private readonly openSummaries = new WeakMap<PlanDocument, PlanSummary>();
	private templatesGeneration = 0;

	constructor(private readonly sources: WorkspacePlanSources) {
		this.index = new PlanIndex(
			sources.fileSystem,
			{
				isPlan: (uri, head) => isFeatureDocument(uri) || sources.isPlan(uri, head),
				summarize: (uri, text) => this.summarize(sources.build(uri, text)),
			},
			() => sources.settings().indexLimit,
			limit => sources.onLimit(limit),
		);
	}

	/** The summaries of every plan, open or not, or undefined when the request was cancelled first. */
	async summaries(open: readonly PlanDocument[], token?: IndexCancellation): Promise<PlanSummary[] | undefined> {
		return (await this.documents(open, token))?.filter(summary => summary.isPlan);
	}

	/** The summaries of every plan and every document of a feature folder, or undefined when cancelled first. */
	async documents(open: readonly PlanDocument[], token?: IndexCancellation): Promise<PlanSummary[] | undefined> {
		const indexed = await this.index.plans(this.sources.folders(), this.analysisKey(), token);
		if (!indexed) {
			return undefined;
		}
		const openByUri = new Map(
			open
				.filter(document => document.isPlan || isFeatureDocument(document.uri))
				.map(document => [document.uri, document]),
		);
		const summaries = indexed.map(plan => {
			const document = openByUri.get(plan.uri);
			openByUri.delete(plan.uri);
			return document ? this.summarize(document) : plan.summary;
		});
		for (const document of openByUri.values()) {
			// A file deleted from disk whose document the editor has not closed yet is no longer part of the
			// workspace; one outside the boundary (or not on disk at all) is the editor's to know about.
			const filePath = filePathOf(document.uri);
			const deleted =
				filePath !== undefined && this.sources.fileSystem.allows(filePath) && !this.sources.fileSystem.exists(filePath);
			if (!deleted) {
				summaries.push(this.summarize(document));
			}
		}
		return summaries;
	}

	/** Files changed on disk, as the editor's file events say. */
	filesChanged(
		changes: readonly { readonly filePath: string; readonly kind: 'created' | 'changed' | 'deleted' }[],
	): void {
		this.index.filesChanged(changes);
	}

	/** The editor sends file events: from now on only the files they name are read again. */
	trustFileEvents(): void {
		this.index.trustFileEvents();
	}

	/** Templates changed: every plan is summarized again when next asked for. */
	templatesChanged(): void {
		this.templatesGeneration++;
	}

	/** The workspace folders changed: everything is listed and read again. */
	clear(): void {
		this.index.clear();
	}

	private summarize(document: PlanDocument): PlanSummary {
		let summary = this.openSummaries.get(document);
		if (!summary) {
			summary = summarizePlan(
				document,
				document.isPlan ? this.sources.moreProblems(document) : [],
				this.sources.folders(),
				this.sources.settings(),
			);
			this.openSummaries.set(document, summary);
		}
		return summary;
	}

	private analysisKey(): string {
		const settings = this.sources.settings();
		return JSON.stringify([
			this.templatesGeneration,
			settings.template,
			settings.templates,
			settings.planFiles,
			settings.headingAliases,
			settings.sectionRequirements,
			settings.fullAnalysisLimit,
			settings.progress.countGates,
		]);
	}
}

/** A file named as a feature's document: spec.md, plan.md, tasks.md or a checklist (workspace/featureFolders.ts). */
function isFeatureDocument(uri: string): boolean {
	const filePath = filePathOf(uri);
	return filePath !== undefined && featureFolderOfDocument(filePath) !== undefined;
}
