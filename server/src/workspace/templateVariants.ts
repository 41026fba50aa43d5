import * as path from 'node:path';
import { readHeading, sectionKey } from '../markdown/headingText';
import type { PlanTemplate } from '../template/planTemplate';
import type { StackTemplate } from './templateStack';

/* Which of a project's templates governs a document: its kind, and among variants of the kind the best fit. */

/**
 * Among variants of one kind (spec-template.md, spec-template-quick.md…), the one whose title
 * the document's matches most specifically; else the one whose required sections the
 * document's headings cover best; ties go to the base template.
 */
export function chooseVariant(
	candidates: readonly StackTemplate[],
	text: string,
	usable: (filePath: string, what: string) => PlanTemplate | undefined,
): { entry: StackTemplate; template: PlanTemplate } | undefined {
	const loaded = candidates
		.map(entry => ({
			entry,
			template: usable(entry.filePath, entry.kind === 'plan' ? 'spec-kit plan template' : 'spec-kit template'),
		}))
		.filter(
			(candidate): candidate is { entry: StackTemplate; template: PlanTemplate } => candidate.template !== undefined,
		);
	if (loaded.length <= 1) {
		return loaded[0];
	}
	const title = titleOf(text);
	const literal = (template: PlanTemplate) => (template.title?.text ?? '').replace(/\[[^\]]*\]/g, '').trim().length;
	const byTitle =
		title === undefined
			? []
			: loaded
					.filter(candidate => candidate.template.title?.pattern.test(title))
					.sort((a, b) => literal(b.template) - literal(a.template));
	if (byTitle.length === 1 || (byTitle.length > 1 && literal(byTitle[0].template) > literal(byTitle[1].template))) {
		return byTitle[0];
	}
	const pool = byTitle.length > 0 ? byTitle : loaded;
	const headings = new Set(
		[...text.matchAll(/^ {0,3}#{2,6}[ \t]+(.+?)[ \t#]*$/gm)].map(match =>
			sectionKey(
				readHeading(match[1].replace(/[*_`]/g, '')).kind === 'numbered'
					? match[1].replace(/^[\d.]+\s*/, '')
					: match[1].replace(/[*_`]/g, ''),
			),
		),
	);
	const fitness = (template: PlanTemplate) => {
		const required = template.sections.filter(section => section.requirement === 'required');
		return required.length === 0 ? 0 : required.filter(section => headings.has(section.key)).length / required.length;
	};
	return [...pool].sort(
		(a, b) =>
			fitness(b.template) - fitness(a.template) ||
			(a.entry.variant === undefined ? -1 : b.entry.variant === undefined ? 1 : 0),
	)[0];
}

/** The kind of document a file is: its name ("tasks" for tasks.md), or the kind its folder is named after ("checklist" for checklists/ux.md). */
export function documentKind(documentPath: string, stack: readonly StackTemplate[]): string | undefined {
	const name = path.basename(documentPath).toLowerCase().replace(/\.md$/, '');
	if (stack.some(entry => entry.kind === name)) {
		return name;
	}
	const folderName = path.basename(path.dirname(documentPath)).toLowerCase();
	return stack.find(entry => `${entry.kind}s` === folderName)?.kind;
}

/** The text of a document's first `# ` title, read cheaply from its first lines. */
export function titleOf(text: string): string | undefined {
	const head = text
		.slice(0, 8192)
		.replace(/^\uFEFF/, '')
		.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/, '');
	const match = /^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$/m.exec(head);
	return match?.[1].replace(/[*_`]/g, '').trim();
}
