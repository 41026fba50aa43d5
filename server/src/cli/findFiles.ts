import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { nodeFileSystem } from '../workspace/nodeFileSystem';

/** How many markdown files one run looks at, so a stray path like `/` cannot run forever. */
const maximumFiles = 100_000;

export type FoundFiles =
	| { readonly files: readonly string[]; readonly explicit: ReadonlySet<string> }
	| { readonly error: string };

/**
 * The markdown files a run looks at: each path that names a file, the markdown files under each
 * folder, and the files under `root` matching each glob. Without paths, every markdown file under
 * `root`. Files named explicitly are reported even when they are not plans.
 */
export function findFiles(root: string, paths: readonly string[]): FoundFiles {
	const found = new Set<string>();
	const explicit = new Set<string>();
	let everything: string[] | undefined;
	const all = () => (everything ??= nodeFileSystem.listMarkdownFiles(root, maximumFiles));
	for (const given of paths.length > 0 ? paths : ['.']) {
		const absolute = path.resolve(root, given);
		let stat: fs.Stats | undefined;
		try {
			stat = fs.statSync(absolute);
		} catch {
			stat = undefined;
		}
		if (stat?.isFile()) {
			found.add(absolute);
			explicit.add(absolute);
		} else if (stat?.isDirectory()) {
			for (const file of nodeFileSystem.listMarkdownFiles(absolute, maximumFiles)) {
				found.add(file);
			}
		} else if (picomatch.scan(given).isGlob) {
			const matches = picomatch(given.replace(/^\.\//, ''), { dot: true });
			const matched = all().filter(candidate => matches(path.relative(root, candidate).split(path.sep).join('/')));
			if (matched.length === 0) {
				// As in ESLint: a pattern that matches nothing is a mistake, not a clean run.
				return { error: `no markdown files match ${given}` };
			}
			for (const file of matched) {
				found.add(file);
			}
		} else {
			return { error: `no such file or folder: ${given}` };
		}
	}
	return { files: [...found].sort(), explicit };
}
