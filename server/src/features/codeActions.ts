import {
	CodeActionKind,
	type CodeAction,
	type Diagnostic,
	type Range,
	type TextEdit,
} from 'vscode-languageserver-types';
import { diagnosticCodes, type DiagnosticCodeInfo } from '../diagnosticCodes';
import { fixAllKind } from '../protocol';
import type { PlainEdit, PlanDocument, PlanProblem } from '../model/planDocument';
import { isBefore, isEmptyRange } from '../markdown/ranges';
import { diagnosticSource } from './diagnostics';

/** Problems whose fix is safe to apply without asking (diagnosticCodes.ts says which): it removes leftovers or restores the template's shape. */
const safeKinds = new Set(
	Object.entries(diagnosticCodes)
		.filter(([, info]) => 'fixAll' in info && info.fixAll)
		.map(([code]) => code),
);

/**
 * Quick fixes for planmark's diagnostics, each built from the problem the diagnostic carries, and
 * the fix-all source action. `only` narrows the kinds as the client asks.
 */
export function codeActions(
	document: PlanDocument,
	diagnostics: readonly Diagnostic[],
	only?: readonly string[],
): CodeAction[] {
	if (!document.isPlan) {
		return [];
	}
	const wants = (kind: string) => !only || only.some(prefix => kind === prefix || kind.startsWith(`${prefix}.`));
	const actions: CodeAction[] = [];
	if (wants(CodeActionKind.QuickFix)) {
		for (const diagnostic of diagnostics) {
			// Some clients send back a diagnostic without its source; its code and data still say it is planmark's.
			const ours = diagnostic.source === diagnosticSource || String(diagnostic.code ?? '').startsWith('plan.');
			if (ours && isProblem(diagnostic.data)) {
				actions.push(...quickFixes(document.uri, diagnostic.data, diagnostic));
			}
		}
	}
	if (wants(fixAllKind)) {
		const edits = fixAllEdits(document.problems);
		if (edits.length > 0) {
			actions.push({
				title: 'Fix all planmark problems that need no choice',
				kind: fixAllKind,
				edit: { changes: { [document.uri]: edits } },
			});
		}
	}
	return actions;
}

/** Every safe fix in the document, without overlaps, in an order that keeps inserted sections in template order. */
export function fixAllEdits(problems: readonly PlanProblem[]): TextEdit[] {
	const candidates = problems.filter(problem => safeKinds.has(problem.kind)).flatMap(problem => editsOf(problem));
	const accepted: TextEdit[] = [];
	for (const edit of candidates) {
		if (!accepted.some(other => overlaps(other.range, edit.range))) {
			accepted.push(edit);
		}
	}
	return accepted;
}

function quickFixes(uri: string, problem: PlanProblem, diagnostic: Diagnostic): CodeAction[] {
	const action = (title: string, edits: readonly PlainEdit[], isPreferred = false): CodeAction => ({
		title,
		kind: CodeActionKind.QuickFix,
		diagnostics: [diagnostic],
		isPreferred,
		edit: { changes: { [uri]: edits.map(edit => ({ range: edit.range, newText: edit.newText })) } },
	});
	switch (problem.kind) {
		case 'unresolved-choice':
		case 'invalid-choice':
			return problem.options.map(option =>
				action(`Set ${problem.label} to ${option}`, [{ range: problem.range, newText: option }]),
			);
		case 'repeat-marker':
			return [action(`Remove ${problem.marker}`, [problem.fix], true)];
		case 'template-text':
			return [action('Remove the template text', [problem.fix], true)];
		case 'missing-section':
			return [action(`Insert section "${problem.heading}"`, [problem.fix], true)];
		case 'section-order':
			return [
				action(
					problem.before.startsWith('after ')
						? `Move "${problem.heading}" ${problem.before}`
						: `Move "${problem.heading}" before "${problem.before}"`,
					problem.fix,
					true,
				),
			];
		case 'section-number':
			return [action(`Renumber to ${problem.expected}`, [problem.fix], true)];
		case 'empty-section':
			return problem.fix ? [action(`Insert the template's content for "${problem.heading}"`, [problem.fix])] : [];
		default: {
			// A code with a mechanical fix needs no case of its own: its `fix` is offered under the README's name for it.
			const info: DiagnosticCodeInfo = diagnosticCodes[problem.kind];
			const edits = editsOf(problem);
			return edits.length > 0 ? [action(info.fix ?? 'Fix it', edits, true)] : [];
		}
	}
}

/** The edits of a problem's own fix, if it carries one. */
function editsOf(problem: PlanProblem): TextEdit[] {
	const fix = 'fix' in problem ? problem.fix : undefined;
	return (fix === undefined ? [] : Array.isArray(fix) ? fix : [fix]).map((edit: PlainEdit) => ({
		range: edit.range,
		newText: edit.newText,
	}));
}

/** True when two edits touch the same text; two insertions at one point do not overlap. */
function overlaps(a: Range, b: Range): boolean {
	if (isEmptyRange(a) && isEmptyRange(b)) {
		return false;
	}
	return isBefore(a.start, b.end) && isBefore(b.start, a.end);
}

function isProblem(data: unknown): data is PlanProblem {
	return (
		typeof data === 'object' &&
		data !== null &&
		typeof (data as { kind?: unknown }).kind === 'string' &&
		typeof (data as { range?: unknown }).range === 'object'
	);
}
