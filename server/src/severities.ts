/** Severity names as settings and the CLI write them, and as LSP numbers them: the one map between the two. */
import { DiagnosticSeverity } from 'vscode-languageserver-types';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const severityNames: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

/** A severity a reported diagnostic has, by the name settings and the CLI use. */
export type ReportedSeverity = Exclude<SeverityName, 'off'>;

/** Each severity name as LSP numbers it; the one map between the two. */
export const lspSeverities: Readonly<Record<ReportedSeverity, DiagnosticSeverity>> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

/** The name of an LSP severity; a diagnostic without one is an error, as LSP says clients should read it. */
export function severityNameOf(severity: DiagnosticSeverity | undefined): ReportedSeverity {
	return (Object.keys(lspSeverities) as ReportedSeverity[]).find(name => lspSeverities[name] === severity) ?? 'error';
}
