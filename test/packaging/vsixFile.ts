import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import * as yauzl from 'yauzl';

/** Runs `npm run package` (scripts/package.mjs), writing the package to `out`. */
export function packageExtension(root: string, out: string): void {
	const result = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', out], {
		cwd: root,
		encoding: 'utf8',
	});
	if (result.status !== 0) {
		throw new Error(
			`scripts/package.mjs failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${result.stdout}\n${result.stderr}`,
		);
	}
}

/** Every file of a .vsix (a zip archive) by its path inside the archive. */
export async function readVsix(file: string): Promise<Map<string, Buffer>> {
	// Lazy entries: yauzl reads the next entry only when asked, so none is emitted before a listener.
	const archive = await yauzl.openPromise(file, { autoClose: false, lazyEntries: true });
	const files = new Map<string, Buffer>();
	try {
		const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
			const listed: yauzl.Entry[] = [];
			archive.on('entry', (entry: yauzl.Entry) => {
				listed.push(entry);
				archive.readEntry();
			});
			archive.once('end', () => resolve(listed));
			archive.once('error', reject);
			archive.readEntry();
		});
		for (const entry of entries.filter(entry => !entry.fileName.endsWith('/'))) {
			files.set(entry.fileName, await buffer(await archive.openReadStreamPromise(entry)));
		}
	} finally {
		archive.close();
	}
	return files;
}
