import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { normalizeTitle } from '../markdown/headingText';
import { governingChoice } from '../model/choices';
import type { PlanDocument } from '../model/planDocument';

const fieldPrefix = /^([ \t]*(?:[-*+][ \t]+)?)(?:\*\*|__)?([^:*_[\]`\r\n]{1,60}?)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*/;
/** The first cell of a two-column table row and the space before the second ("| Status | "). */
const tableRowPrefix = /^[ \t]*\|[ \t]*(?:\*\*|__)?([^|:*_[\]`\r\n]{1,60}?)(?:\*\*|__)?[ \t]*\|[ \t]*/;
const twoColumnRow = /^[ \t]*\|(?:[^|\\]|\\.)*\|(?:[^|\\]|\\.)*\|?[ \t]*$/;

/**
 * After a choice field's label ("- Status: ", or "| Status | " in a two-column table), the
 * template's options for that field in this section or block, replacing whatever value the line (or
 * the cell) holds. Undefined when the cursor is not in a choice field's value.
 */
export function choiceCompletions(
	document: PlanDocument,
	position: Position,
	typed: string,
): CompletionItem[] | undefined {
	const lineStart = document.lines.lineStart(position.line);
	const lineEnd = document.lines.lineContentEnd(position.line);
	const line = document.lines.text.slice(lineStart, lineEnd);
	const field = fieldPrefix.exec(typed);
	// In a table row, the value is the second cell: up to the pipe after the cursor.
	const row = field ? undefined : twoColumnRow.test(line) ? tableRowPrefix.exec(typed) : undefined;
	const label = field?.[2] ?? row?.[1];
	if (label === undefined || (row && typed.slice(row[0].length).includes('|'))) {
		return undefined;
	}
	const choice = governingChoice(normalizeTitle(label.trim()), lineStart, document.template.choices, document.nodes);
	if (!choice) {
		return undefined;
	}
	const valueStart = { line: position.line, character: (field ?? row)![0].length };
	const closingPipe = row ? line.indexOf('|', position.character) : -1;
	const rest = line.slice(position.character, closingPipe < 0 ? line.length : closingPipe);
	const end = { line: position.line, character: position.character + rest.replace(/[ \t]+$/, '').length };
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
