import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding this repository's package.json, found from wherever the bundled test runs. */
export function repositoryRoot(): string {
	for (let folder = __dirname; ; folder = dirname(folder)) {
		const manifest = join(folder, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'planmark') {
			return folder;
		}
		if (dirname(folder) === folder) {
			throw new Error(`cannot find the planmark repository above ${__dirname}`);
		}
	}
}
