import type { Position, Range, SelectionRange } from 'vscode-languageserver-types';
import type { PlanDocument } from '../model/planDocument';
import { contains, sameRange, union } from '../markdown/ranges';

/**
 * Expand selection: the line's text, then each block and section around it, out to the plan.
 * Editors reject a chain in which a range does not contain the one before it (or the first does
 * not contain the cursor), so the chain is widened where the model's ranges disagree: a cursor
 * in a line's indentation starts with the whole line, and a position past the end is clamped.
 */
export function selectionRanges(document: PlanDocument, positions: readonly Position[]): SelectionRange[] {
	return positions.map(requested => {
		const offset = document.lines.offsetAt(requested);
		const position = document.lines.positionAt(offset);
		const lineText = document.lines.lineText(position.line);
		const indent = lineText.length - lineText.trimStart().length;
		const content = lineText.trim();
		const ranges: Range[] = [];
		if (content) {
			const text = {
				start: { line: position.line, character: indent },
				end: { line: position.line, character: indent + content.length },
			};
			ranges.push(
				contains(text, position)
					? text
					: { start: { line: position.line, character: 0 }, end: { line: position.line, character: lineText.length } },
			);
		}
		const containing = document.nodes
			.filter(node => node.start <= offset && offset <= node.end)
			.sort((a, b) => b.start - a.start || a.end - b.end);
		ranges.push(...containing.map(node => node.range));
		// Innermost first, each widened to contain the one before it.
		const chain: Range[] = [];
		let previous: Range = { start: position, end: position };
		for (const range of ranges) {
			const widened = union(range, previous);
			if (chain.length === 0 || !sameRange(widened, previous)) {
				chain.push(widened);
				previous = widened;
			}
		}
		let selection: SelectionRange | undefined;
		for (const range of (chain.length > 0 ? chain : [previous]).reverse()) {
			selection = { range, parent: selection };
		}
		return selection!;
	});
}
