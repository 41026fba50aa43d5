/** Copies the fixture at `fixture` (relative to `root`/test/, e.g. "editor/workspace") and the files it shares with other fixtures into `target`; returns `target`. */
export function assembleFixture(root: string, fixture: string, target: string): string;
