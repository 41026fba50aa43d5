import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { severityNameOf } from '../config';
import { formatProgress, type DocumentProgress, type ProgressNode } from '../protocol';

export interface Style {
	bold(text: string): string;
	dim(text: string): string;
	severity(severity: DiagnosticSeverity | undefined, text: string): string;
}

export const plainStyle: Style = { bold: text => text, dim: text => text, severity: (_, text) => text };

export const colourStyle: Style = {
	bold: text => `\x1b[1m${text}\x1b[22m`,
	dim: text => `\x1b[2m${text}\x1b[22m`,
	severity: (severity, text) =>
		`\x1b[${severity === DiagnosticSeverity.Error ? 31 : severity === DiagnosticSeverity.Warning ? 33 : 36}m${text}\x1b[39m`,
};

/** The outline of a plan with each section's progress, as the editor shows it in lenses. */
export function formatOutline(progress: DocumentProgress, style: Style): string[] {
	const lines: string[] = [];
	const visit = (node: ProgressNode, indent: string) => {
		const label = `${indent}${node.name}`;
		const suffix = node.total > 0 ? formatProgress(node) : '';
		lines.push(suffix ? `${label.padEnd(56)} ${style.dim(suffix)}` : label);
		for (const child of node.children) {
			visit(child, `${indent}  `);
		}
	};
	for (const node of progress.outline) {
		visit(node, '');
	}
	return lines;
}

/** One line per problem, "file:line:col  severity  message  code", clickable in terminals. */
export function formatProblems(displayPath: string, diagnostics: readonly Diagnostic[], style: Style): string[] {
	return diagnostics.map(diagnostic => {
		const where = `${displayPath}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
		const severity = style.severity(diagnostic.severity, severityNameOf(diagnostic.severity).padEnd(11));
		return `${where}  ${severity}  ${diagnostic.message}  ${style.dim(String(diagnostic.code ?? ''))}`;
	});
}
