import * as path from 'node:path';
import {
	bundledDocumentName,
	featureFolderPattern,
	fillInOf,
	governedDocumentName,
	specsFolderName,
} from '../template/conventions';
import type { PlanTemplate } from '../template/planTemplate';
import type { TemplateInfo } from '../protocol';
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
export function newDocument(
	template: PlanTemplate,
	templatePath: string | undefined,
	featureName: string,
	folder: string,
	specsFolders: readonly string[] | undefined,
	today: Date,
): NewDocument {
	const slug =
		featureName
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'feature';
	const fileName = documentNameFor(templatePath);
	const numbered = (specsFolders ?? [])
		.map(name => featureFolderPattern.exec(name))
		.filter((match): match is RegExpExecArray => match !== null);
	const own = numbered.find(match => match[2] === slug);
	const next = String(Math.max(0, ...numbered.map(match => Number(match[1]))) + 1).padStart(3, '0');
	const branch = own ? own[0] : `${next}-${slug}`;
	// Without spec-kit's layout (no `specs/` folder), the document goes in a folder named after the feature.
	const filePath = specsFolders
		? path.join(folder, specsFolderName, branch, fileName)
		: path.join(folder, slug, fileName);
	const fill = (markdown: string) =>
		markdown.replace(/\[([^[\]\r\n]+)\]/g, (whole, inner: string) => {
			const fillIn = fillInOf(inner);
			return fillIn === 'feature'
				? featureName
				: fillIn === 'date'
					? isoDate(today)
					: fillIn === 'branch'
						? branch
						: whole;
		});
	const { header, body } = splitSkeleton(template);
	return { filePath, text: `${fill(header)}\n\n${body}\n` };
}

/** The file a document from a template gets: `tasks-template.md` → `tasks.md`, the bundled template → `plan.md`. */
export function documentNameFor(templatePath: string | undefined): string {
	const name = templatePath ? path.basename(templatePath) : undefined;
	return (name && governedDocumentName(name)) ?? name ?? bundledDocumentName;
}

/** A template a new document can be made from: its file (none for the bundled one) and its schema. */
export interface AvailableTemplate {
	readonly filePath?: string;
	readonly template: PlanTemplate;
}

/** The templates offered by *New Document from Template…*: each with the file it makes and its title. */
export function templateChoices(available: readonly AvailableTemplate[]): TemplateInfo[] {
	return available.map(({ filePath, template }) => ({
		uri: template.uri,
		documentName: documentNameFor(filePath),
		title: template.title?.text ?? path.basename(filePath ?? documentNameFor(undefined)),
	}));
}

/** The new document a request asks for, from the template it names; whether a file is there already. */
export function documentFromTemplate(
	available: readonly AvailableTemplate[],
	request: {
		readonly templateUri: string;
		readonly featureName: string;
		readonly folder: string;
		readonly today?: Date;
	},
	specsFolders: readonly string[] | undefined,
	exists: (filePath: string) => boolean,
): (NewDocument & { readonly exists: boolean }) | undefined {
	const entry = available.find(candidate => candidate.template.uri === request.templateUri);
	if (!entry) {
		return undefined;
	}
	const created = newDocument(
		entry.template,
		entry.filePath,
		request.featureName,
		request.folder,
		specsFolders,
		request.today ?? new Date(),
	);
	return { ...created, exists: exists(created.filePath) };
}
