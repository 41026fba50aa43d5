import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { isTemplateFileName } from '../template/conventions';
import type { BoundedFileSystem } from './boundary';

/** The part of a cancellation token the index reads. */
export interface IndexCancellation {
	readonly isCancellationRequested: boolean;
}

/** What the index needs to know of a file, supplied by the language service. */
export interface IndexCallbacks<Summary> {
	/**
	 * True when the index keeps a summary of a file: a plan (or, for the feature views, a document of
	 * a feature folder), judged cheaply from its path and the start of its text (its title).
	 */
	isPlan(uri: string, head: string): boolean;
	/** The compact summary kept for a plan: built from its whole text, once per version of the file. */
	summarize(uri: string, text: string): Summary;
}

export interface IndexedPlan<Summary> {
	readonly filePath: string;
	readonly uri: string;
	readonly summary: Summary;
}

/** How much of a file the index reads to tell whether it is a plan: enough for front matter and a title. */
const headBytes = 8192;
/** How long one slice of background work runs before the server answers whatever else is waiting. */
const sliceMs = 8;

interface Entry<Summary> {
	readonly stamp: string;
	/** The analysis the summary was made with; a different one makes it stale. */
	readonly key: string;
	readonly summary: Summary | undefined;
}

/**
 * The plans of the workspace, open or not, for workspace-wide features. It works in slices of a few
 * milliseconds, yielding between them, so a request about an open document is never queued behind
 * it; a cancelled request stops waiting at once. It keeps only a compact summary per plan (nothing
 * of files that are not plans), each until the file changes or the analysis does (`key`).
 *
 * With file events (`trustFileEvents`), files are re-read only when an event names them; without,
 * every request checks each file's stamp and lists the folders again.
 */
export class PlanIndex<Summary> {
	private readonly entries = new Map<string, Entry<Summary>>();
	private listed: string[] | undefined;
	private listedFolders = '';
	private listingLimited = false;
	private verified = false;
	private trustEvents = false;
	private running: Promise<void> | undefined;

	constructor(
		private readonly fileSystem: BoundedFileSystem,
		private readonly callbacks: IndexCallbacks<Summary>,
		/** The most markdown files listed per run (`planmark.indexLimit`); `onLimit` is told when a workspace has more. */
		private readonly limit: () => number,
		private readonly onLimit: (limit: number) => void = () => undefined,
	) {}

	/** The plans of the folders (nested folders count their files once), or undefined when cancelled first. */
	async plans(
		folders: readonly string[],
		key: string,
		token?: IndexCancellation,
	): Promise<IndexedPlan<Summary>[] | undefined> {
		const folderKey = JSON.stringify(folders);
		if (folderKey !== this.listedFolders) {
			this.listedFolders = folderKey;
			this.listed = undefined;
		}
		if (!this.trustEvents) {
			this.verified = false;
			this.listed = undefined;
		}
		while (!this.isCurrent(key)) {
			this.running ??= this.run(folders, key).finally(() => {
				this.running = undefined;
			});
			const waiting = { over: false };
			const done = await Promise.race([this.running.then(() => true), cancelled(token, waiting)]);
			waiting.over = true;
			if (!done) {
				return undefined;
			}
		}
		const plans: IndexedPlan<Summary>[] = [];
		for (const filePath of this.listed ?? []) {
			const summary = this.entries.get(filePath)?.summary;
			if (summary !== undefined) {
				plans.push({ filePath, uri: URI.file(filePath).toString(), summary });
			}
		}
		return plans;
	}

	/** Uses file events from now on: only the files they name are read again. */
	trustFileEvents(): void {
		this.trustEvents = true;
	}

	/**
	 * Files changed, were created or deleted: they are read again, and a new or deleted markdown file
	 * changes the listing, as does a folder created or deleted whole (the event names only the folder).
	 * Other files are not the index's business.
	 */
	filesChanged(
		changes: readonly { readonly filePath: string; readonly kind: 'created' | 'changed' | 'deleted' }[],
	): void {
		for (const change of changes) {
			if (!/\.md$/i.test(change.filePath)) {
				if (change.kind !== 'changed' && this.mayHoldMarkdown(change.filePath, change.kind)) {
					this.listed = undefined;
					this.verified = false;
				}
				continue;
			}
			this.entries.delete(change.filePath);
			if (change.kind !== 'changed') {
				this.listed = undefined;
			}
			this.verified = false;
		}
	}

	/** A created path that is a folder, or a deleted one that held listed files. */
	private mayHoldMarkdown(filePath: string, kind: 'created' | 'deleted'): boolean {
		if (kind === 'created') {
			return this.fileSystem.listDirectory(filePath) !== undefined;
		}
		const prefix = filePath + path.sep;
		return (this.listed ?? []).some(listed => listed.startsWith(prefix));
	}

	/** Forgets everything: the next request lists and reads the workspace again. */
	clear(): void {
		this.entries.clear();
		this.listed = undefined;
		this.verified = false;
	}

	private isCurrent(key: string): boolean {
		return (
			this.listed !== undefined &&
			this.verified &&
			this.listed.every(filePath => this.entries.get(filePath)?.key === key)
		);
	}

	private async run(folders: readonly string[], key: string): Promise<void> {
		if (this.listed === undefined) {
			this.listed = await this.list(folders);
			this.verified = false;
		}
		const listed = this.listed;
		let sliceStart = Date.now();
		for (const filePath of listed) {
			if (Date.now() - sliceStart > sliceMs) {
				await nextTurn();
				sliceStart = Date.now();
				if (this.listed !== listed) {
					return;
				}
			}
			this.refresh(filePath, key);
		}
		const present = new Set(listed);
		for (const filePath of [...this.entries.keys()]) {
			if (!present.has(filePath)) {
				this.entries.delete(filePath);
			}
		}
		this.verified = true;
	}

	/** Reads a file again when its stamp or the analysis changed since its entry was made. */
	private refresh(filePath: string, key: string): void {
		const entry = this.entries.get(filePath);
		if (entry && this.trustEvents && entry.key === key) {
			return;
		}
		const stamp = this.fileSystem.stamp(filePath);
		if (stamp === undefined) {
			this.entries.delete(filePath);
			return;
		}
		if (entry?.stamp === stamp && entry.key === key) {
			return;
		}
		const text = this.fileSystem.readFile(filePath);
		const uri = URI.file(filePath).toString();
		const isPlan = text !== undefined && this.callbacks.isPlan(uri, text.slice(0, headBytes));
		this.entries.set(filePath, { stamp, key, summary: isPlan ? this.callbacks.summarize(uri, text) : undefined });
	}

	/** Every markdown file under the folders, breadth first, each once however the folders nest. */
	private async list(folders: readonly string[]): Promise<string[]> {
		const limit = this.limit();
		const seen = new Set<string>();
		const files: string[] = [];
		const pending = [...new Set(folders)];
		let sliceStart = Date.now();
		while (pending.length > 0) {
			if (Date.now() - sliceStart > sliceMs) {
				await nextTurn();
				sliceStart = Date.now();
			}
			const folder = pending.shift()!;
			const listing = this.fileSystem.listDirectory(folder);
			if (!listing) {
				continue;
			}
			for (const file of listing.files) {
				if (!seen.has(file) && /\.md$/i.test(file) && !isTemplateFileName(path.basename(file))) {
					seen.add(file);
					if (files.length >= limit) {
						if (!this.listingLimited) {
							this.listingLimited = true;
							this.onLimit(limit);
						}
						return files;
					}
					files.push(file);
				}
			}
			pending.push(...listing.folders);
		}
		this.listingLimited = false;
		return files;
	}
}

/**
 * Yields to the event loop with a timer, not setImmediate: a request that arrived during a slice is
 * read in the poll phase and handled in the check phase that follows, before the next slice (timers
 * come first in the next turn), so it waits for one slice at most.
 */
function nextTurn(): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, 0));
}

/**
 * Long work in a request, a slice at a time: await the returned pause after each step; once a slice
 * of `sliceMs` is over it lets waiting requests in, and it resolves true once `isCancelled` says so.
 */
export function slicing(isCancelled: () => boolean): () => Promise<boolean> {
	let sliceStart = Date.now();
	return async () => {
		if (Date.now() - sliceStart <= sliceMs) {
			return false;
		}
		await nextTurn();
		sliceStart = Date.now();
		return isCancelled();
	};
}

/** Resolves to false once the token is cancelled (checked every few milliseconds until `waiting.over`); never without a token. */
function cancelled(token: IndexCancellation | undefined, waiting: { over: boolean }): Promise<false> {
	return new Promise(resolve => {
		if (!token) {
			return;
		}
		const check = () => {
			if (token.isCancellationRequested) {
				resolve(false);
			} else if (!waiting.over) {
				setTimeout(check, 5);
			}
		};
		check();
	});
}
