import type { CodeLens } from 'vscode-languageserver-types';
import type { PlanDocument } from '../model/planDocument';
import { formatProgress, progressOf } from './progress';

/** The client command a progress lens runs: reveal a position in a document, or say "complete". */
export const revealTaskCommand = 'planmark.revealTask';

/**
 * A checkbox-progress lens on every section or block holding tasks (its subsections included),
 * and on the title for the whole plan. Sections without tasks get no lens.
 */
export function codeLenses(document: PlanDocument): CodeLens[] {
	if (!document.isPlan) {
		return [];
	}
	const lenses: CodeLens[] = [];
	for (const node of document.nodes) {
		const progress = node.kind === 'title' ? progressOf(document) : progressOf(document, node);
		if (progress.total === 0) {
			continue;
		}
		const target = progress.nextOpen ? document.lines.positionAt(progress.nextOpen.start) : null;
		lenses.push({
			range: node.selectionRange,
			command: {
				title: node.kind === 'title' ? `Plan: ${formatProgress(progress)}` : formatProgress(progress),
				command: revealTaskCommand,
				arguments: [document.uri, target, node.name],
			},
		});
	}
	return lenses;
}
