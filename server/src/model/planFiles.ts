import * as path from 'node:path';
import picomatch from 'picomatch';
import { filePathOf, folderOf } from '../template/templateStore';

const matcherCache = new Map<string, (candidate: string) => boolean>();

/**
 * True when a document's path matches one of the plan globs. Globs are matched against the path
 * relative to the document's workspace folder (or its absolute path outside any folder); a glob
 * without a slash matches the file name alone.
 */
export function matchesPlanFiles(uri: string, workspaceFolders: readonly string[], globs: readonly string[]): boolean {
	const filePath = filePathOf(uri) ?? pathOfOtherScheme(uri);
	if (!filePath || globs.length === 0) {
		return false;
	}
	const folder = folderOf(uri, workspaceFolders);
	const relative = (folder ? path.relative(folder, filePath) : filePath).split(path.sep).join('/');
	const name = path.basename(filePath);
	return globs.some(glob => {
		const key = glob;
		let matcher = matcherCache.get(key);
		if (!matcher) {
			matcher = picomatch(glob, { dot: true, nocase: process.platform === 'win32' });
			matcherCache.set(key, matcher);
		}
		return matcher(relative) || matcher(relative.replace(/^\//, '')) || (!glob.includes('/') && matcher(name));
	});
}

/** For untitled or virtual documents, the path part of the URI, so "untitled:plan.md" still counts. */
function pathOfOtherScheme(uri: string): string | undefined {
	const match = /^[a-z][\w+.-]*:(?:\/\/[^/]*)?(.*)$/i.exec(uri);
	return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
