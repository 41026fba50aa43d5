import {
	CompletionItemKind,
	InsertTextFormat,
	MarkupKind,
	type CompletionItem,
	type Position,
} from 'vscode-languageserver-types';
import type { PlanDocument } from '../model/planDocument';
import { choiceCompletions } from './choiceCompletions';
import { sectionDrafts, type Draft } from './sectionCompletions';
import { skeletonSnippet, skeletonText } from './skeleton';
import { withLineEndings } from '../markdown/lineIndex';
import { toSnippet } from './snippetText';

/** The most section and block completions offered at once. */
const maximumSectionItems = 100;

/**
 * Completion from the governing template, by where the cursor is: the whole skeleton in an empty
 * plan, a choice's options after its label ("- Status: "), and where a section can start, the
 * next repeatable block and the sections still missing. Files that are not plans get nothing.
 */
export function completions(
	document: PlanDocument,
	position: Position,
	today: Date = new Date(),
	snippets = true,
): CompletionItem[] {
	if (!document.isPlan) {
		return [];
	}
	const lineStart = document.lines.lineStart(position.line);
	const offset = document.lines.offsetAt(position);
	const typed = document.lines.text.slice(lineStart, offset);
	const replace = { start: document.lines.positionAt(lineStart), end: position };
	if (document.lines.text.trim() === '' && document.template.title) {
		const lineEndOffset = document.lines.lineContentEnd(position.line);
		const lineEnd = document.lines.positionAt(lineEndOffset);
		const markdown = `# ${document.template.title.text}`;
		return [
			{
				label: document.template.title.text,
				kind: CompletionItemKind.Snippet,
				detail: 'The whole plan template',
				documentation: {
					kind: MarkupKind.Markdown,
					value: 'Inserts every section of the template, with the title, date and branch as tab stops.',
				},
				filterText: markdown,
				sortText: '0',
				insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
				// An editor accepts a completion edit only on the cursor's line; the blank lines around it go in additional edits.
				textEdit: {
					range: { start: replace.start, end: lineEnd },
					newText: snippets
						? skeletonSnippet(document.template, document.lines.eol, today)
						: skeletonText(document.template, document.lines.eol, today),
				},
				additionalTextEdits: [
					...(lineStart > 0 ? [{ range: { start: { line: 0, character: 0 }, end: replace.start }, newText: '' }] : []),
					...(lineEndOffset < document.lines.text.length
						? [{ range: { start: lineEnd, end: document.lines.positionAt(document.lines.text.length) }, newText: '' }]
						: []),
				],
			},
		];
	}
	const choices = choiceCompletions(document, position, typed);
	if (choices) {
		return choices;
	}
	if (!/^ {0,3}(?:#{1,6}(?:[ \t].*)?|\*{1,2}[^*]*)?$/.test(typed)) {
		return [];
	}
	// Nearest first, and no more than a person can read: a template of thousands of sections would
	// otherwise turn every completion into thousands of snippets.
	const drafts = sectionDrafts(document, offset, typed)
		.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0))
		.slice(0, maximumSectionItems);
	return drafts.map((draft: Draft) => ({
		label: draft.label,
		kind: CompletionItemKind.Snippet,
		detail: draft.detail,
		sortText: draft.sortText,
		filterText: draft.markdown.split(/\r\n|\r|\n/, 1)[0],
		documentation: {
			kind: MarkupKind.Markdown,
			value: ['```markdown', withLineEndings(draft.markdown, '\n'), '```'].join('\n'),
		},
		// Without snippet support the template's own text goes in, its brackets left as the placeholders to fill.
		insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
		textEdit: {
			range: replace,
			newText: snippets
				? toSnippet(draft.markdown, document.template, document.lines.eol)
				: withLineEndings(draft.markdown, document.lines.eol),
		},
	}));
}
