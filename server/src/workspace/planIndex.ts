import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { PlanDocument } from '../model/planDocument';
import { isTemplateFileName } from '../template/conventions';
import { FileCache } from './fileCache';
import type { BoundedFileSystem } from './boundary';

/** How many markdown files per workspace folder the index reads, so huge repositories stay responsive. */
export const maximumIndexedFiles = 5000;

export interface IndexedPlan {
	readonly filePath: string;
	readonly document: PlanDocument;
}

/**
 * The plans of the workspace, open or not, for workspace-wide features. Files are re-read only
 * when they change on disk; open documents are passed in and take precedence over their file.
 */
export class PlanIndex {
	private readonly cache: FileCache<PlanDocument>;

	constructor(
		private readonly fileSystem: BoundedFileSystem,
		build: (uri: string, text: string) => PlanDocument,
	) {
		this.cache = new FileCache(fileSystem, (text, filePath) => build(URI.file(filePath).toString(), text));
	}

	plans(folders: readonly string[], openDocuments: readonly PlanDocument[]): IndexedPlan[] {
		const open = new Map(openDocuments.map(document => [document.uri, document]));
		const plans: IndexedPlan[] = [];
		const seen = new Set<string>();
		for (const folder of folders) {
			for (const filePath of this.fileSystem.listMarkdownFiles(folder, maximumIndexedFiles)) {
				const uri = URI.file(filePath).toString();
				seen.add(filePath);
				const document = open.get(uri) ?? this.fromDisk(filePath);
				if (document?.isPlan) {
					plans.push({ filePath, document });
				}
			}
		}
		for (const document of openDocuments) {
			const filePath = URI.parse(document.uri).fsPath;
			// A file deleted from disk whose document the editor has not closed yet is no longer part of the
			// workspace; one outside the boundary is the editor's to know about.
			const deleted =
				document.uri.startsWith('file:') && this.fileSystem.allows(filePath) && !this.fileSystem.exists(filePath);
			if (document.isPlan && !seen.has(filePath) && !deleted) {
				plans.push({ filePath, document });
			}
		}
		for (const filePath of [...this.cache.paths()]) {
			if (!seen.has(filePath)) {
				this.cache.delete(filePath);
			}
		}
		return plans;
	}

	clear(): void {
		this.cache.clear();
	}

	private fromDisk(filePath: string): PlanDocument | undefined {
		return isTemplateFileName(path.basename(filePath)) ? undefined : this.cache.get(filePath);
	}
}
