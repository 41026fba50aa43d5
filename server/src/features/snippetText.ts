import { parseInChunks } from '../model/chunks';
import { extractFacts } from '../model/markdownFacts';
import { readChoiceOptions } from '../template/headingText';
import type { PlanTemplate } from '../template/planTemplate';

/**
 * Turns a piece of template markdown into snippet syntax: each placeholder becomes a tab stop
 * whose default is the placeholder itself, and each choice field a choice of its options.
 * Links, code and task boxes stay as they are, because the text is read as markdown.
 */
export function toSnippet(markdown: string, template: PlanTemplate, eol: string, firstTabStop = 1, defaultFor?: (inner: string) => string | undefined): string {
	const facts = extractFacts(parseInChunks(markdown));
	const edits: { start: number; end: number; make: (stop: number) => string }[] = [];
	for (const bracket of facts.brackets) {
		if (template.placeholders.matches(bracket.inner) && !template.repeatMarkers.has(bracket.inner)) {
			const text = defaultFor?.(bracket.inner) ?? markdown.slice(bracket.start, bracket.end);
			edits.push({ start: bracket.start, end: bracket.end, make: stop => `\${${stop}:${escapeSnippetText(text)}}` });
		}
	}
	for (const field of facts.fields) {
		const options = readChoiceOptions(field.value);
		if (options && template.choices.some(choice => choice.label.toLowerCase() === field.label.toLowerCase())) {
			edits.push({ start: field.valueStart, end: field.valueEnd, make: stop => `\${${stop}|${options.map(escapeChoice).join(',')}|}` });
		}
	}
	edits.sort((a, b) => a.start - b.start);
	let result = '';
	let at = 0;
	let stop = firstTabStop;
	for (const edit of edits) {
		if (edit.start < at) {
			continue;
		}
		result += escapeSnippetText(markdown.slice(at, edit.start)) + edit.make(stop++);
		at = edit.end;
	}
	result += escapeSnippetText(markdown.slice(at));
	return withLineEndings(result, eol);
}

/** Rewrites every line break as `eol`, so inserted text keeps the document's line endings. */
export function withLineEndings(text: string, eol: string): string {
	return text.replace(/\r\n|\r|\n/g, eol);
}

/** Escapes text so a snippet inserts it literally. */
export function escapeSnippetText(text: string): string {
	return text.replace(/[\\$}]/g, '\\$&');
}

function escapeChoice(text: string): string {
	return text.replace(/[\\$}|,]/g, '\\$&');
}
