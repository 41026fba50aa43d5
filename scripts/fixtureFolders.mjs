// Assembles a fixture folder (the editor tests' workspace, a CLI project) into a target folder: its
// own files, plus the files it shares with other fixtures as test/fixtures/sharedFiles.json lists
// them, so that no fixture is kept twice in the repository.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Copies the fixture at `fixture` (relative to `root`/test/, e.g. "editor/workspace") into `target`. */
export function assembleFixture(root, fixture, target) {
	const testFolder = join(root, 'test');
	cpSync(join(testFolder, fixture), target, { recursive: true });
	const shared = JSON.parse(readFileSync(join(testFolder, 'fixtures', 'sharedFiles.json'), 'utf8'))[fixture] ?? {};
	for (const [inside, source] of Object.entries(shared)) {
		cpSync(join(testFolder, source), join(target, inside), { recursive: true });
	}
	return target;
}
