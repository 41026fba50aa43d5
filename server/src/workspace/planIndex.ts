import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { PlanDocument } from '../model/planDocument';
import type { FileSystem } from './fileSystem';

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
	private readonly cache = new Map<string, { stamp: string; document: PlanDocument }>();

	constructor(
		private readonly fileSystem: FileSystem,
		private readonly build: (uri: string, text: string) => PlanDocument,
	) {}

	plans(folders: readonly string[], openDocuments: readonly PlanDocument[]): IndexedPlan[] {
		const open = new Map(openDocuments.map(document => [document.uri, document]));
		const plans: IndexedPlan[] = [];
		const seen = new Set<string>();
		for (const folder of folders) {
			for (const filePath of this.fileSystem.listMarkdownFiles(folder, maximumIndexedFiles)) {
				const uri = URI.file(filePath).toString();
				seen.add(filePath);
				const document = open.get(uri) ?? this.fromDisk(filePath, uri);
				if (document?.isPlan) {
					plans.push({ filePath, document });
				}
			}
		}
		for (const document of openDocuments) {
			const filePath = URI.parse(document.uri).fsPath;
			if (document.isPlan && !seen.has(filePath)) {
				plans.push({ filePath, document });
			}
		}
		for (const filePath of this.cache.keys()) {
			if (!seen.has(filePath)) {
				this.cache.delete(filePath);
			}
		}
		return plans;
	}

	clear(): void {
		this.cache.clear();
	}

	private fromDisk(filePath: string, uri: string): PlanDocument | undefined {
		if (/template\.md$/i.test(path.basename(filePath))) {
			return undefined;
		}
		const stamp = this.fileSystem.stamp(filePath);
		if (stamp === undefined) {
			return undefined;
		}
		const cached = this.cache.get(filePath);
		if (cached?.stamp === stamp) {
			return cached.document;
		}
		const text = this.fileSystem.readFile(filePath);
		if (text === undefined) {
			return undefined;
		}
		const document = this.build(uri, text);
		this.cache.set(filePath, { stamp, document });
		return document;
	}
}
