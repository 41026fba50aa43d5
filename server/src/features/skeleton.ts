import type { PlanTemplate } from '../template/planTemplate';
import { escapeSnippetText, toSnippet, withLineEndings } from './snippetText';

/**
 * The whole template as a snippet for an empty plan: the title and the header fields (feature
 * name, date, branch…) are tab stops, a date field is prefilled with today's date, and every
 * section follows with one instance of each repeatable block.
 */
export function skeletonSnippet(template: PlanTemplate, eol: string, today: Date): string {
	const date = today.toISOString().slice(0, 10);
	const header = [`# ${template.title?.text ?? ''}`, template.title?.preamble ?? ''].filter(part => part !== '').join('\n\n');
	const sections = template.sections
		.filter(section => section.parentId === undefined)
		.map(section => (section.ruleBefore ? `---\n\n${section.insertText}` : section.insertText))
		.join('\n\n');
	const headerSnippet = toSnippet(header, template, eol, 1, inner => (/\bdate\b/i.test(inner) ? date : undefined));
	return `${headerSnippet}${withLineEndings(`\n\n${escapeSnippetText(sections)}\n`, eol)}`;
}
