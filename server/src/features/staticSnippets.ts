import type { PlanTemplate } from '../template/planTemplate';
import { toSnippet } from './snippetText';

/** One entry of a VS Code snippets file. */
export interface SnippetEntry {
	readonly prefix: string[];
	readonly body: string[];
	readonly description: string;
}

const numberSentinel = '\u0000';

/**
 * Snippets for every section and repeatable block of a template, in VS Code's snippet-file shape.
 * `npm run snippets` writes them for the bundled template to `snippets/plan.code-snippets`; a test
 * fails when that file and the template drift apart.
 */
export function staticSnippets(template: PlanTemplate): Record<string, SnippetEntry> {
	const entries: Record<string, SnippetEntry> = {};
	for (const section of template.sections) {
		const slug = slugOf(section.title);
		const prefix = section.number ? [`plan-${section.number}`, `plan-${slug}`] : [`plan-${slug}`];
		entries[`Plan section: ${section.heading}`] = {
			prefix,
			body: toSnippet(section.insertText, template, '\n').split('\n'),
			description: `Section "${section.heading}" of the plan template, with its template body.`,
		};
	}
	for (const block of template.blocks) {
		const section = template.sections.find(candidate => candidate.id === block.sectionId);
		const markdown = `${block.lineBeforeNumber}${numberSentinel}${block.lineAfterNumber}${block.body ? `\n${block.body}` : ''}`;
		const body = toSnippet(markdown, template, '\n', 2).replace(numberSentinel, `\${1:${block.firstNumber}}`);
		entries[`Plan block: ${block.label}${section ? ` (${section.heading})` : ''}`] = {
			prefix: [`plan-${slugOf(block.label)}`],
			body: body.split('\n'),
			description: `A new ${block.label.toLowerCase()}${section ? ` for "${section.heading}"` : ''}; change the number to the next free one.`,
		};
	}
	return entries;
}

function slugOf(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '');
}
