import { fillInOf } from '../template/conventions';
import type { PlanTemplate } from '../template/planTemplate';
import { withLineEndings } from '../markdown/lineIndex';
import { escapeSnippetText, toSnippet } from './snippetText';

/** The template's skeleton split where its first section starts: the header (title, metadata lines) and the rest. */
export function splitSkeleton(template: PlanTemplate): { header: string; body: string } {
	// The template's own front matter ("description: Task list template") describes the template, not the document.
	const skeleton = template.skeleton.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n)+/, '');
	const firstSection = /^ {0,3}#{2,6}[ \t]/m.exec(skeleton)?.index ?? skeleton.length;
	return { header: skeleton.slice(0, firstSection).trimEnd(), body: skeleton.slice(firstSection) };
}

/**
 * The whole template as a snippet for an empty plan: the header fields (feature name, date,
 * branch…) are tab stops, a date field is prefilled with today's date, and everything else
 * follows with one instance of each repeatable block.
 */
export function skeletonSnippet(template: PlanTemplate, eol: string, today: Date): string {
	const date = isoDate(today);
	const { header, body } = splitSkeleton(template);
	const headerSnippet = toSnippet(header, template, eol, 1, inner => (fillInOf(inner) === 'date' ? date : undefined));
	return `${headerSnippet}${withLineEndings(`\n\n${escapeSnippetText(body)}\n`, eol)}`;
}

/** The same as plain text, for editors without snippet support: the date filled in, every other bracket left to fill. */
export function skeletonText(template: PlanTemplate, eol: string, today: Date): string {
	const { header, body } = splitSkeleton(template);
	const filled = header.replace(/\[([^[\]\r\n]+)\]/g, (whole, inner: string) =>
		fillInOf(inner) === 'date' ? isoDate(today) : whole,
	);
	return withLineEndings(`${filled}\n\n${body}\n`, eol);
}

export function isoDate(day: Date): string {
	return day.toISOString().slice(0, 10);
}
