import type { CodeLens } from 'vscode-languageserver-types';
import type { PlanmarkSettings } from '../config';
import type { PlanDocument } from '../model/planDocument';
import { formatProgress, progressOf } from './progress';

/** The client command a progress lens runs: reveal a position in a document, or say "complete". */
export const revealTaskCommand = 'planmark.revealTask';

/**
 * A progress lens on every section or block holding tasks (its subsections included),
 * and on the title for the whole plan. Sections without tasks get no lens.
 */
export function codeLenses(document: PlanDocument, settings: Pick<PlanmarkSettings, 'codeLens' | 'progress'>): CodeLens[] {
	if (!document.isPlan) {
		return [];
	}
	const lenses: CodeLens[] = [];
	for (const node of document.nodes) {
		const progress = progressOf(document, node.kind === 'title' ? undefined : node, settings.progress);
		if (progress.total === 0) {
			continue;
		}
		const target = progress.nextOpen ? document.lines.positionAt(progress.nextOpen.start) : null;
		lenses.push({
			range: node.selectionRange,
			command: {
				title: node.kind === 'title' ? `Plan: ${formatProgress(progress, settings.codeLens.format)}` : formatProgress(progress, settings.codeLens.format),
				command: revealTaskCommand,
				arguments: [document.uri, target, node.name],
			},
		});
	}
	return lenses;
}
