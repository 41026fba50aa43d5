import type { Position, Range, SelectionRange } from 'vscode-languageserver-types';
import type { PlanDocument } from '../model/planDocument';

/** Expand selection: the line's text, then each block and section around it, out to the plan. */
export function selectionRanges(document: PlanDocument, positions: readonly Position[]): SelectionRange[] {
	return positions.map(position => {
		const offset = document.lines.offsetAt(position);
		const lineText = document.lines.lineText(position.line);
		const indent = lineText.length - lineText.trimStart().length;
		const content = lineText.trim();
		const ranges: Range[] = [];
		if (content) {
			ranges.push({ start: { line: position.line, character: indent }, end: { line: position.line, character: indent + content.length } });
		}
		const containing = document.nodes.filter(node => node.start <= offset && offset <= node.end).sort((a, b) => b.start - a.start || a.end - b.end);
		for (const node of containing) {
			ranges.push(node.range);
		}
		let selection: SelectionRange | undefined;
		for (const range of ranges.reverse()) {
			selection = { range, parent: selection };
		}
		return selection ?? { range: { start: position, end: position } };
	});
}
