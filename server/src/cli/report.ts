import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { formatProgress, progressOf, type ProgressOptions } from '../features/progress';
import type { OutlineNode, PlanDocument } from '../model/planDocument';

export interface Style {
	bold(text: string): string;
	dim(text: string): string;
	severity(severity: DiagnosticSeverity | undefined, text: string): string;
}

export const plainStyle: Style = { bold: text => text, dim: text => text, severity: (_, text) => text };

export const colourStyle: Style = {
	bold: text => `\x1b[1m${text}\x1b[22m`,
	dim: text => `\x1b[2m${text}\x1b[22m`,
	severity: (severity, text) => `\x1b[${severity === DiagnosticSeverity.Error ? 31 : severity === DiagnosticSeverity.Warning ? 33 : 36}m${text}\x1b[39m`,
};

const severityNames: Record<DiagnosticSeverity, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** The outline of a plan with each section's progress, as the editor shows it in lenses. */
export function formatOutline(document: PlanDocument, style: Style, options: ProgressOptions): string[] {
	const lines: string[] = [];
	const visit = (node: OutlineNode, indent: string) => {
		const progress = progressOf(document, node.kind === 'title' ? undefined : node, options);
		const label = `${indent}${node.name}`;
		const suffix = progress.total > 0 ? formatProgress(progress) : '';
		lines.push(suffix ? `${label.padEnd(56)} ${style.dim(suffix)}` : label);
		for (const child of node.children) {
			visit(child, `${indent}  `);
		}
	};
	for (const node of document.outline) {
		visit(node, '');
	}
	return lines;
}

/** One line per problem, "file:line:col  severity  message  code", clickable in terminals. */
export function formatProblems(displayPath: string, diagnostics: readonly Diagnostic[], style: Style): string[] {
	return diagnostics.map(diagnostic => {
		const where = `${displayPath}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
		const severity = style.severity(diagnostic.severity, (severityNames[diagnostic.severity ?? 1] ?? 'error').padEnd(7));
		return `${where}  ${severity}  ${diagnostic.message}  ${style.dim(String(diagnostic.code ?? ''))}`;
	});
}
