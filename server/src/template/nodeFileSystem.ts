import * as fs from 'node:fs';
import type { TemplateFileSystem } from './templateStore';

/** Reads templates from disk; files larger than this are refused rather than parsed. */
const maximumTemplateBytes = 2 * 1024 * 1024;

export const nodeFileSystem: TemplateFileSystem = {
	readFile(filePath) {
		try {
			if (fs.statSync(filePath).size > maximumTemplateBytes) {
				return undefined;
			}
			return fs.readFileSync(filePath, 'utf8');
		} catch {
			return undefined;
		}
	},
	stamp(filePath) {
		try {
			const stat = fs.statSync(filePath);
			return stat.isFile() ? `${stat.mtimeMs}:${stat.size}` : undefined;
		} catch {
			return undefined;
		}
	},
};
