import type { Position } from 'vscode-languageserver-types';
import releaseTemplateText from '../fixtures/templates/release-template.md';
import examplePlanText from '../fixtures/example/plan.md';
import { buildPlanDocument } from '../../server/src/model/buildPlanDocument';
import { LineIndex } from '../../server/src/markdown/lineIndex';
import type { PlanDocument } from '../../server/src/model/planDocument';
import { bundledTemplate, bundledTemplateText } from '../../server/src/template/bundledTemplate';
import { inferTemplate } from '../../server/src/template/inferTemplate';
import type { PlanTemplate } from '../../server/src/template/planTemplate';

export { bundledTemplateText, examplePlanText, releaseTemplateText };

export const cursorMarker = '$$CURSOR$$';

/** Joins fixture lines with LF, or with the given line ending. */
export function joinLines(lines: readonly string[], eol = '\n'): string {
	return lines.join(eol);
}

export function releaseTemplate(): PlanTemplate {
	return inferTemplate(releaseTemplateText, 'file:///fixtures/release-template.md');
}

export function planOf(text: string, template: PlanTemplate = bundledTemplate(), nameIsPlan = true): PlanDocument {
	return buildPlanDocument({ uri: 'file:///workspace/specs/001-feature/plan.md', version: 1, text }, template, {
		nameIsPlan,
	});
}

/** Removes the `$$CURSOR$$` marker and returns the text and the marker's position. */
export function withCursor(text: string): { text: string; position: Position } {
	const offset = text.indexOf(cursorMarker);
	if (offset < 0) {
		throw new Error('fixture has no $$CURSOR$$ marker');
	}
	const clean = text.slice(0, offset) + text.slice(offset + cursorMarker.length);
	return { text: clean, position: new LineIndex(clean).positionAt(offset) };
}

/** The text a range covers, for asserting ranges by what they select. */
export function textAt(document: PlanDocument, range: { start: Position; end: Position }): string {
	return document.lines.text.slice(document.lines.offsetAt(range.start), document.lines.offsetAt(range.end));
}

/** Applies a snippet's text as the editor would with every tab stop left at its default. */
export function expandSnippet(snippet: string): string {
	let text = snippet;
	let previous: string;
	do {
		previous = text;
		text = text
			.replace(/\$\{\d+\|([^|]*)\|\}/g, (_, choices: string) => choices.split(/(?<!\\),/)[0])
			.replace(/\$\{\d+:((?:[^{}\\]|\\.)*)\}/g, '$1')
			.replace(/\$\d+/g, '');
	} while (text !== previous);
	return text.replace(/\\([\\$}|,])/g, '$1');
}

/** Applies LSP text edits to a text, as an editor applies a WorkspaceEdit. */
export { applyTextEdits as applyEdits } from '../../server/src/cli/fixFiles';
