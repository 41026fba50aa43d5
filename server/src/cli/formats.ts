import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnosticCodes, severityNameOf, type ReportedSeverity } from '../config';
import { qualifiedCode } from '../diagnosticCodes';
import type { Style } from './report';

/** The problems of one checked file. */
export interface FileResult {
	/** Path relative to the run's folder, with forward slashes. */
	readonly path: string;
	readonly title?: string;
	readonly diagnostics: readonly Diagnostic[];
}

export function severityName(diagnostic: Diagnostic): ReportedSeverity {
	return severityNameOf(diagnostic.severity);
}

/** Grouped by file, one `file:line:col  severity  message  code` line per problem, then a summary. */
export function stylish(results: readonly FileResult[], style: Style): string {
	const lines: string[] = [];
	for (const result of results.filter(candidate => candidate.diagnostics.length > 0)) {
		lines.push('', style.bold(result.path));
		for (const diagnostic of result.diagnostics) {
			const where = `${result.path}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
			const severity = severityName(diagnostic);
			lines.push(
				`  ${where}  ${style.severity(diagnostic.severity, severity.padEnd(11))}  ${diagnostic.message}  ${style.dim(String(diagnostic.code))}`,
			);
		}
	}
	const counts = countBySeverity(results);
	const total = counts.error + counts.warning + counts.information + counts.hint;
	const plans = `${results.length} plan${results.length === 1 ? '' : 's'} checked`;
	lines.push(
		'',
		total === 0
			? `${plans}, no problems`
			: `${plans}, ${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} other)`,
	);
	return `${lines.join('\n').replace(/^\n/, '')}\n`;
}

/**
 * JSON, schema version 1: `{ version, files: [{ path, title, problems: [{ code, severity, message,
 * line, column, endLine, endColumn }] }], summary: { files, error, warning, information, hint } }`.
 * Lines and columns are 1-based; columns count UTF-16 code units.
 */
export function json(results: readonly FileResult[]): string {
	const files = results.map(result => ({
		path: result.path,
		title: result.title ?? null,
		problems: result.diagnostics.map(diagnostic => ({
			code: String(diagnostic.code),
			severity: severityName(diagnostic),
			message: diagnostic.message,
			line: diagnostic.range.start.line + 1,
			column: diagnostic.range.start.character + 1,
			endLine: diagnostic.range.end.line + 1,
			endColumn: diagnostic.range.end.character + 1,
		})),
	}));
	return `${JSON.stringify({ version: 1, files, summary: { files: results.length, ...countBySeverity(results) } }, null, 2)}\n`;
}

/** SARIF 2.1.0, as GitHub code scanning accepts it: one run, a rule per diagnostic code. */
export function sarif(results: readonly FileResult[], version: string): string {
	const codes = Object.entries(diagnosticCodes);
	const level = (diagnostic: Diagnostic) =>
		diagnostic.severity === DiagnosticSeverity.Error
			? 'error'
			: diagnostic.severity === DiagnosticSeverity.Warning
				? 'warning'
				: 'note';
	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'planmark',
						version,
						informationUri: 'https://github.com/planmark/planmark',
						rules: codes.map(([code, info]) => ({
							id: qualifiedCode(code),
							name: code
								.replace(/[-.](\w)/g, (_, letter: string) => letter.toUpperCase())
								.replace(/^\w/, letter => letter.toUpperCase()),
							shortDescription: { text: info.description },
							defaultConfiguration: {
								level: info.severity === 'error' ? 'error' : info.severity === 'warning' ? 'warning' : 'note',
							},
						})),
					},
				},
				results: results.flatMap(result =>
					result.diagnostics.map(diagnostic => ({
						ruleId: String(diagnostic.code),
						ruleIndex: codes.findIndex(([code]) => qualifiedCode(code) === diagnostic.code),
						level: level(diagnostic),
						message: { text: diagnostic.message },
						locations: [
							{
								physicalLocation: {
									artifactLocation: { uri: encodeURI(result.path), uriBaseId: '%SRCROOT%' },
									region: {
										startLine: diagnostic.range.start.line + 1,
										startColumn: diagnostic.range.start.character + 1,
										endLine: diagnostic.range.end.line + 1,
										endColumn: diagnostic.range.end.character + 1,
									},
								},
							},
						],
					})),
				),
				columnKind: 'utf16CodeUnits',
			},
		],
	};
	return `${JSON.stringify(log, null, 2)}\n`;
}

/** GitHub Actions workflow commands: one annotation per problem. */
export function github(results: readonly FileResult[]): string {
	const command = (diagnostic: Diagnostic) =>
		diagnostic.severity === DiagnosticSeverity.Error
			? 'error'
			: diagnostic.severity === DiagnosticSeverity.Warning
				? 'warning'
				: 'notice';
	const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
	const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
	const lines = results.flatMap(result =>
		result.diagnostics.map(diagnostic => {
			const { start, end } = diagnostic.range;
			const properties = [
				`file=${escapeProperty(result.path)}`,
				`line=${start.line + 1}`,
				`col=${start.character + 1}`,
				`endLine=${end.line + 1}`,
				`endColumn=${end.character + 1}`,
				`title=${escapeProperty(String(diagnostic.code))}`,
			];
			return `::${command(diagnostic)} ${properties.join(',')}::${escapeData(String(diagnostic.message))}`;
		}),
	);
	return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export function countBySeverity(results: readonly FileResult[]): Record<ReportedSeverity, number> {
	const counts: Record<ReportedSeverity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
	for (const result of results) {
		for (const diagnostic of result.diagnostics) {
			counts[severityName(diagnostic)]++;
		}
	}
	return counts;
}
