import GithubSlugger from 'github-slugger';
import { parseInChunks } from '../markdown/chunks';
import { extractFacts } from '../markdown/markdownFacts';
import { FileCache } from './fileCache';
import type { BoundedFileSystem } from './boundary';

/** Heading anchors of a markdown file: GitHub-style slug → zero-based line of the heading. */
export type Anchors = ReadonlyMap<string, number>;

/** Answers "does this link target exist?" for files on disk, caching anchors until a file changes. */
export class LinkTargets {
	private readonly cache: FileCache<Anchors>;

	constructor(private readonly fileSystem: BoundedFileSystem) {
		this.cache = new FileCache(fileSystem, anchorsOf);
	}

	/** True when the target really is inside the workspace (symbolic links resolved): only then is it looked at. */
	allows(filePath: string): boolean {
		return this.fileSystem.allows(filePath);
	}

	exists(filePath: string): boolean {
		return this.fileSystem.exists(filePath);
	}

	/** Anchors of a markdown file, or undefined when it cannot be read. */
	anchors(filePath: string): Anchors | undefined {
		return this.cache.get(filePath);
	}
}

/** Files longer than this are scanned line by line for their anchors rather than parsed. */
const parsedAnchorCharacters = 200_000;

/**
 * Slugs every heading the way GitHub does, numbering repeats ("notes", "notes-1"). A file of
 * ordinary size is parsed, so setext headings count too; a longer one is only scanned line by line
 * for ATX headings (fences respected): a link into a megabytes-long file costs a scan, once per version.
 */
export function anchorsOf(text: string): Anchors {
	const slugger = new GithubSlugger();
	const anchors = new Map<string, number>();
	let line = 0;
	let lineOffset = 0;
	const scanOnly = text.length > parsedAnchorCharacters;
	for (const heading of extractFacts(parseInChunks(text, undefined, false, scanOnly)).headings) {
		// Headings arrive in order, so counting line breaks incrementally stays linear.
		for (; lineOffset < heading.start; lineOffset++) {
			const code = text.charCodeAt(lineOffset);
			if (code === 10 || (code === 13 && text.charCodeAt(lineOffset + 1) !== 10)) {
				line++;
			}
		}
		anchors.set(slugger.slug(heading.text), line);
	}
	return anchors;
}
