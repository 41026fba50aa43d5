import * as path from 'node:path';
import type { PlanTemplate } from '../template/planTemplate';
import { isoDate, splitSkeleton } from './skeleton';

export interface NewDocument {
	/** Filesystem path of the file to create. */
	readonly filePath: string;
	readonly text: string;
}

/**
 * A new document from a template: named after the template (`tasks-template.md` → `tasks.md`, the
 * bundled one → `plan.md`), in spec-kit's `specs/NNN-feature-name/` folder when the workspace has
 * `specs/` (the feature's folder if it has one, else the next number), else in `feature-name/`, with the feature name,
 * branch and date filled in and every other placeholder left for completion.
 */
export function newDocument(template: PlanTemplate, templatePath: string | undefined, featureName: string, folder: string, specsFolders: readonly string[] | undefined, today: Date): NewDocument {
	const slug = featureName
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60) || 'feature';
	const fileName = templatePath ? path.basename(templatePath).replace(/-template(\.md)$/i, '$1') : 'plan.md';
	const numbered = (specsFolders ?? []).map(name => /^(\d{3,})-(.+)$/.exec(name)).filter((match): match is RegExpExecArray => match !== null);
	const own = numbered.find(match => match[2] === slug);
	const next = String(Math.max(0, ...numbered.map(match => Number(match[1]))) + 1).padStart(3, '0');
	const branch = own ? own[0] : `${next}-${slug}`;
	// Without spec-kit's layout (no `specs/` folder), the document goes in a folder named after the feature.
	const filePath = specsFolders ? path.join(folder, 'specs', branch, fileName) : path.join(folder, slug, fileName);
	const fill = (markdown: string) =>
		markdown.replace(/\[([^\[\]\r\n]+)\]/g, (whole, inner: string) => {
			if (/feature name|^title$|^name$/i.test(inner)) {
				return featureName;
			}
			if (/\bdate\b/i.test(inner)) {
				return isoDate(today);
			}
			if (/branch|###-feature-name/i.test(inner)) {
				return branch;
			}
			return whole;
		});
	const { header, body } = splitSkeleton(template);
	return { filePath, text: `${fill(header)}\n\n${body}\n` };
}
