import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { PlanmarkSettings } from '../config';
import type { PlanDocument } from '../model/planDocument';
import { formatProgress, wholeDocumentLabel } from '../protocol';
import { progressOf } from './progress';

/**
 * Progress at the end of every heading line with tasks in `range`, as `3/7 done · 43%`: the lens,
 * for editors that show inlay hints rather than lenses. Off unless `planmark.inlayHints.enabled`.
 */
export function inlayHints(
	document: PlanDocument,
	range: Range,
	settings: Pick<PlanmarkSettings, 'inlayHints' | 'progress' | 'codeLens'>,
): InlayHint[] {
	if (!document.isPlan || !settings.inlayHints.enabled) {
		return [];
	}
	const hints: InlayHint[] = [];
	for (const node of document.nodes) {
		const line = node.selectionRange.start.line;
		if (line < range.start.line || line > range.end.line || node.selectionRange.end.line !== line) {
			continue;
		}
		const progress = progressOf(document, node.kind === 'title' ? undefined : node, settings.progress);
		if (progress.total > 0) {
			const text = formatProgress(progress, settings.codeLens.format);
			hints.push({
				position: { line, character: document.lines.lineText(line).length },
				label: node.kind === 'title' ? `${wholeDocumentLabel}: ${text}` : text,
				paddingLeft: true,
			});
		}
	}
	return hints;
}
