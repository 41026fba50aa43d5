import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { PlanmarkSettings } from '../config';
import { contains } from '../markdown/ranges';
import type { PlanDocument } from '../model/planDocument';
import { formatProgress, wholeDocumentLabel } from '../protocol';
import { progressOf } from './progress';

/**
 * On a section's or block's heading line, its progress and its next open task: what a lens shows,
 * for editors without lenses (or with them turned off).
 */
export function hover(
	document: PlanDocument,
	position: Position,
	settings: Pick<PlanmarkSettings, 'progress'>,
): Hover | undefined {
	if (!document.isPlan) {
		return undefined;
	}
	const node = [...document.nodes].reverse().find(candidate => contains(candidate.selectionRange, position));
	if (!node) {
		return undefined;
	}
	const progress = progressOf(document, node.kind === 'title' ? undefined : node, settings.progress);
	if (progress.total === 0) {
		return undefined;
	}
	const name = node.kind === 'title' ? wholeDocumentLabel : node.name;
	const next = progress.nextOpen;
	const nextLine = next ? document.lines.positionAt(next.start).line : undefined;
	const lines = [
		`**${name}**: ${formatProgress(progress)}`,
		next ? `Next open task, line ${(nextLine ?? 0) + 1}: ${next.text}` : 'Every task is done.',
	];
	return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: node.selectionRange };
}
