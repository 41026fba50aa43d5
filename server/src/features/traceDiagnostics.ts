import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { lspSeverities, type PlanmarkSettings } from '../config';
import { sameRange } from '../markdown/ranges';
import { diagnosticSource } from './diagnostics';
import type { TraceProblem } from './traceProblems';

/** A feature's problems in one document as diagnostics, with the configured severities. */
export function traceDiagnostics(
	problems: readonly TraceProblem[],
	settings: Pick<PlanmarkSettings, 'diagnostics'>,
): Diagnostic[] {
	return problems.flatMap(problem => {
		const severity = settings.diagnostics[problem.code];
		return severity === 'off'
			? []
			: [
					{
						range: problem.range,
						severity: lspSeverities[severity],
						code: problem.code,
						source: diagnosticSource,
						message: problem.message,
					},
				];
	});
}

/**
 * Quick fixes for the feature's diagnostics the client sends back, found again among the current
 * problems by code and range (a diagnostic's data is not trusted to carry an edit).
 */
export function traceCodeActions(
	problems: readonly TraceProblem[],
	diagnostics: readonly Diagnostic[],
	only?: readonly string[],
): CodeAction[] {
	if (only && !only.some(kind => CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`))) {
		return [];
	}
	const actions: CodeAction[] = [];
	for (const diagnostic of diagnostics) {
		const problem = problems.find(
			candidate => candidate.code === diagnostic.code && sameRange(candidate.range, diagnostic.range),
		);
		if (problem?.fix) {
			actions.push({
				title: problem.fix.title,
				kind: CodeActionKind.QuickFix,
				diagnostics: [diagnostic],
				isPreferred: true,
				edit: {
					changes: Object.fromEntries(Object.entries(problem.fix.changes).map(([uri, edits]) => [uri, [...edits]])),
				},
			});
		}
	}
	return actions;
}
