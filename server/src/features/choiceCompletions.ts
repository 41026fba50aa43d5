import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { normalizeTitle } from '../markdown/headingText';
import { governingChoice } from '../model/choices';
import type { PlanDocument } from '../model/planDocument';

const fieldPrefix = /^([ \t]*(?:[-*+][ \t]+)?)(?:\*\*|__)?([^:*_[\]`\r\n]{1,60}?)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*/;

/**
 * After a choice field's label ("- Status: "), the template's options for that field in this
 * section or block, replacing whatever value the line holds. Undefined when the cursor is not in
 * a choice field's value.
 */
export function choiceCompletions(
	document: PlanDocument,
	position: Position,
	typed: string,
): CompletionItem[] | undefined {
	const match = fieldPrefix.exec(typed);
	if (!match) {
		return undefined;
	}
	const lineStart = document.lines.lineStart(position.line);
	const choice = governingChoice(normalizeTitle(match[2].trim()), lineStart, document.template.choices, document.nodes);
	if (!choice) {
		return undefined;
	}
	const valueStart = { line: position.line, character: match[0].length };
	const lineEnd = document.lines.positionAt(document.lines.lineContentEnd(position.line));
	const trailing = document.lines.text
		.slice(document.lines.offsetAt(position), document.lines.lineContentEnd(position.line))
		.match(/[ \t]*$/)![0].length;
	const end = { line: position.line, character: lineEnd.character - trailing };
	return choice.options.map((option, index) => ({
		label: option,
		kind: CompletionItemKind.EnumMember,
		detail: `${choice.label}${choice.blockLabel ? ` of a ${choice.blockLabel.toLowerCase()}` : ''}`,
		sortText: String(index).padStart(3, '0'),
		filterText: option,
		textEdit: {
			range: { start: valueStart, end: end.character >= position.character ? end : position },
			newText: option,
		},
	}));
}
