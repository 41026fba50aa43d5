import { parseInChunks } from '../markdown/chunks';
import { extractFacts } from '../markdown/markdownFacts';
import { readChoiceOptions } from '../markdown/headingText';
import { withLineEndings } from '../markdown/lineIndex';
import type { PlanTemplate } from '../template/planTemplate';

/**
 * Turns a piece of template markdown into snippet syntax: each placeholder becomes a tab stop
 * whose default is the placeholder itself, and each choice field a choice of its options.
 * Links, code and task boxes stay as they are, because the text is read as markdown.
 */
/** Snippets already made from a template's markdown: completion offers the same pieces on every request. */
const snippetCache = new WeakMap<PlanTemplate, Map<string, string>>();

export function toSnippet(
	markdown: string,
	template: PlanTemplate,
	eol: string,
	firstTabStop = 1,
	defaultFor?: (inner: string) => string | undefined,
): string {
	if (defaultFor) {
		return makeSnippet(markdown, template, eol, firstTabStop, defaultFor);
	}
	let cache = snippetCache.get(template);
	if (!cache) {
		cache = new Map();
		snippetCache.set(template, cache);
	}
	const key = `${firstTabStop}\u0000${eol}\u0000${markdown}`;
	let snippet = cache.get(key);
	if (snippet === undefined) {
		snippet = makeSnippet(markdown, template, eol, firstTabStop, undefined);
		cache.set(key, snippet);
	}
	return snippet;
}

function makeSnippet(
	markdown: string,
	template: PlanTemplate,
	eol: string,
	firstTabStop: number,
	defaultFor: ((inner: string) => string | undefined) | undefined,
): string {
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
			edits.push({
				start: field.valueStart,
				end: field.valueEnd,
				make: stop => `\${${stop}|${options.map(escapeChoice).join(',')}|}`,
			});
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

/** Escapes text so a snippet inserts it literally. */
export function escapeSnippetText(text: string): string {
	return text.replace(/[\\$}]/g, '\\$&');
}

function escapeChoice(text: string): string {
	return text.replace(/[\\$}|,]/g, '\\$&');
}
