import type { Diagnostic } from 'vscode-languageserver-types';
import { lspSeverities, type DiagnosticCode, type PlanmarkSettings } from '../config';
import { qualifiedCode } from '../diagnosticCodes';
import type { PlanDocument, PlanProblem } from '../model/planDocument';

export const diagnosticSource = 'planmark';

/** Diagnostics for a plan (its own problems plus any found outside the model); other files get none. */
export function diagnostics(
	document: PlanDocument,
	settings: PlanmarkSettings,
	moreProblems: readonly PlanProblem[] = [],
): Diagnostic[] {
	if (!document.isPlan) {
		return [];
	}
	const result: Diagnostic[] = [];
	for (const problem of [...document.problems, ...moreProblems]) {
		const code = codeOf(problem);
		const severity = settings.diagnostics[code];
		if (severity === 'off') {
			continue;
		}
		result.push({
			range: problem.range,
			severity: lspSeverities[severity],
			code: qualifiedCode(code),
			source: diagnosticSource,
			message: messageOf(problem),
			data: problem,
		});
	}
	return result.sort(
		(a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
	);
}

function codeOf(problem: PlanProblem): DiagnosticCode {
	return problem.kind;
}

function messageOf(problem: PlanProblem): string {
	const where = problem.section ? `in ${problem.section}` : 'in the plan header';
	switch (problem.kind) {
		case 'placeholder':
			return `Unfilled placeholder ${problem.placeholder} ${where}.`;
		case 'needs-clarification':
			return problem.question ? `Needs clarification ${where}: ${problem.question}` : `Needs clarification ${where}.`;
		case 'repeat-marker':
			return `Leftover repeat marker ${problem.marker} ${where}: add the next block or remove the marker.`;
		case 'template-text':
			return `Template text left unchanged ${where}: ${problem.text}`;
		case 'unresolved-choice':
			return `Choose one value for "${problem.label}" ${where}: ${listOf(problem.options)}.`;
		case 'invalid-choice':
			return `"${problem.value}" is not a value for "${problem.label}" ${where}; expected ${listOf(problem.options)}.`;
		case 'gate-failed':
			return `${problem.gate} failed (${problem.value}): the plan is blocked until it passes.`;
		case 'gate-conditional':
			return `${problem.gate} passed with conditions (${problem.value}).`;
		case 'missing-section':
			return `Missing section "${problem.heading}"${problem.section ? ` in ${problem.section}` : ''}.`;
		case 'section-order':
			return problem.before.startsWith('after ')
				? `Section "${problem.heading}" belongs ${problem.before} in the template's order.`
				: `Section "${problem.heading}" belongs before "${problem.before}" in the template's order.`;
		case 'section-number':
			return `Section "${problem.heading}" should be numbered ${problem.expected}.`;
		case 'duplicate-section':
			return `Section "${problem.heading}" appears twice; the first is on line ${problem.firstLine + 1}.`;
		case 'empty-section':
			return `Section "${problem.heading}" is empty.`;
		case 'task-id-duplicate':
			return `Task ID ${problem.id} is used twice; the first is on line ${problem.firstLine + 1}.`;
		case 'task-id-order':
			return `Task ID ${problem.id} comes after a higher ID; the next free one is ${problem.expected}.`;
		case 'degraded':
			return problem.reason === 'too-large'
				? `This plan has ${problem.size.toLocaleString('en-US')} characters, more than planmark.fullAnalysisLimit (${problem.limit.toLocaleString('en-US')}): only its outline and progress are shown.`
				: `Lines ${problem.lines[0]}–${problem.lines[1]} are nested too deeply or too long to analyse fully: only their outline and tasks are read, placeholders and choices there are not checked.`;
		case 'broken-link':
			return problem.reason === 'missing-file'
				? `Link target "${problem.target}" ${where} does not exist.`
				: `Link target "${problem.target}" ${where} names a heading that does not exist.`;
	}
}

function listOf(options: readonly string[]): string {
	return options.length <= 1
		? options.join('')
		: `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
}
