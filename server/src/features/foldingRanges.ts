import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { PlanDocument } from '../model/planDocument';

/** Folds every section and block, and multi-line code blocks, tables, lists, quotes and HTML. */
export function foldingRanges(document: PlanDocument): FoldingRange[] {
	const ranges = new Map<string, FoldingRange>();
	const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
		if (endLine > startLine && !ranges.has(`${startLine}:${endLine}`)) {
			ranges.set(`${startLine}:${endLine}`, kind ? { startLine, endLine, kind } : { startLine, endLine });
		}
	};
	for (const node of document.nodes) {
		add(node.range.start.line, node.range.end.line, FoldingRangeKind.Region);
	}
	for (const region of document.regions) {
		const isComment = region.kind === 'html' && /^\s*<!--/.test(document.lines.lineText(region.startLine));
		add(region.startLine, region.endLine, isComment ? FoldingRangeKind.Comment : undefined);
	}
	return [...ranges.values()].sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
