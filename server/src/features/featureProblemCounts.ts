import type { DiagnosticCode } from '../diagnosticCodes';
import { featureFolderOfDocument } from '../workspace/featureFolders';
import { slicing } from '../workspace/planIndex';
import { filePathOf } from '../workspace/workspacePaths';
import type { PlanSummary } from './workspaceSymbols';

/** How many problems of each code a document has. */
export type ProblemCounts = Readonly<Partial<Record<DiagnosticCode, number>>>;

const none: ProblemCounts = {};

/**
 * The problems each feature finds in its documents (`trace.*`: they change with a document's
 * siblings, so no summary holds them), for the views that count problems. Counted per feature
 * folder and kept while none of the folder's documents changed: the workspace index hands out a new
 * summary exactly when a document changed (or its template, or the analysis settings), so a warm
 * Plans view over thousands of features traces none again. The first count yields to other
 * requests every few milliseconds, as the index does.
 */
export class FeatureProblemCounts {
	private folders = new Map<string, { readonly members: readonly PlanSummary[]; readonly counts: ProblemCounts[] }>();

	/** The feature folder of each summary's document, found once per summary. */
	private readonly folderOfSummary = new WeakMap<PlanSummary, string | undefined>();

	/** `counter` makes a function that counts a document's feature problems, each feature traced once. */
	constructor(private readonly counter: () => (uri: string) => ProblemCounts) {}

	/** The counts of the documents' feature problems, by URI; undefined when cancelled first. */
	async of(
		documents: readonly PlanSummary[],
		isCancelled: () => boolean,
	): Promise<((uri: string) => ProblemCounts) | undefined> {
		const byFolder = new Map<string, PlanSummary[]>();
		for (const summary of documents) {
			const folder = this.folderOf(summary);
			if (folder) {
				const members = byFolder.get(folder);
				if (members) {
					members.push(summary);
				} else {
					byFolder.set(folder, [summary]);
				}
			}
		}
		const next = new Map<string, { readonly members: readonly PlanSummary[]; readonly counts: ProblemCounts[] }>();
		const pause = slicing(isCancelled);
		for (const [folder, members] of byFolder) {
			const known = this.folders.get(folder);
			if (
				known &&
				known.members.length === members.length &&
				known.members.every((member, index) => member === members[index])
			) {
				next.set(folder, known);
				continue;
			}
			const count = this.counter();
			next.set(folder, { members, counts: members.map(member => count(member.uri)) });
			if (await pause()) {
				return undefined;
			}
		}
		this.folders = next;
		const byUri = new Map<string, ProblemCounts>();
		for (const { members, counts } of next.values()) {
			for (const [index, member] of members.entries()) {
				byUri.set(member.uri, counts[index]);
			}
		}
		return uri => byUri.get(uri) ?? none;
	}

	private folderOf(summary: PlanSummary): string | undefined {
		if (!this.folderOfSummary.has(summary)) {
			const filePath = filePathOf(summary.uri);
			this.folderOfSummary.set(summary, filePath && featureFolderOfDocument(filePath));
		}
		return this.folderOfSummary.get(summary);
	}
}
