import { DiagnosticSeverity, type CodeLens, type Diagnostic } from 'vscode-languageserver-types';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { PlanmarkSettings } from '../config';
import type { LineIndex } from '../markdown/lineIndex';
import { governedDocumentName } from '../template/conventions';
import type { PlanTemplate } from '../template/planTemplate';
import { diagnosticSource } from './diagnostics';

/**
 * What planmark understood from a template, shown on the template itself so a team can see how its
 * template will be read: a summary on the first line, and a lens on every section, repeatable
 * block and choice field.
 */
export function templateLenses(
	{ template, lines }: { readonly template: PlanTemplate; readonly lines: LineIndex },
	settings: Pick<PlanmarkSettings, 'codeLens'>,
): CodeLens[] {
	if (!settings.codeLens.enabled) {
		return [];
	}
	const governs =
		governedDocumentName(path.posix.basename(URI.parse(template.uri).path)) ?? 'the documents mapped to it';
	const lens = (line: number, title: string): CodeLens => {
		const range = { start: { line, character: 0 }, end: { line, character: lines.lineText(line).length } };
		return { range, command: { title, command: '' } };
	};
	const placeholders = countPlaceholders(template);
	const summary = [
		`planmark template for ${governs}`,
		`${template.sections.length} section${template.sections.length === 1 ? '' : 's'}`,
		`${template.blocks.length} repeatable block${template.blocks.length === 1 ? '' : 's'}`,
		`${template.choices.length} choice field${template.choices.length === 1 ? '' : 's'}`,
		`${placeholders} placeholder${placeholders === 1 ? '' : 's'}`,
	].join(' · ');
	const lenses = [lens(0, summary)];
	for (const section of template.sections) {
		const blocks = template.blocks.filter(block => block.sectionId === section.id).map(block => block.label);
		const required =
			section.ownBody !== '' || template.sections.some(child => child.parentId === section.id)
				? 'required'
				: 'optional, no content expected';
		lenses.push(
			lens(
				section.line,
				`section ${section.number ?? `"${section.title}"`} · ${required}${blocks.length > 0 ? ` · repeats: ${blocks.join(', ')}` : ''}`,
			),
		);
	}
	for (const block of template.blocks) {
		const marker =
			template.repeatMarkers.size > 0
				? ` · repeat marker ${[...template.repeatMarkers].map(inner => `[${inner}]`).join(', ')}`
				: '';
		const gate = block.gateChoice ? ` · gate: "${block.gateChoice}" can block the plan` : '';
		lenses.push(
			lens(
				block.line,
				`repeatable ${block.style === 'heading' ? 'heading' : 'bold'} block "${block.label} N"${gate}${marker}`,
			),
		);
	}
	for (const choice of template.choices) {
		lenses.push(lens(choice.line, `choice "${choice.label}": ${choice.options.join(' | ')}`));
	}
	return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** The template's own problems, as diagnostics on the template file. */
export function templateDiagnostics({
	template,
	lines,
}: {
	readonly template: PlanTemplate;
	readonly lines: LineIndex;
}): Diagnostic[] {
	return template.problems.map(problem => ({
		range: {
			start: { line: problem.line, character: 0 },
			end: { line: problem.line, character: lines.lineText(problem.line).length },
		},
		severity:
			problem.kind === 'no-sections' || problem.kind === 'too-large'
				? DiagnosticSeverity.Error
				: DiagnosticSeverity.Warning,
		code: `template.${problem.kind}`,
		source: diagnosticSource,
		message: problem.message,
	}));
}

function countPlaceholders(template: PlanTemplate): number {
	return (template.text.match(/\[[^[\]\r\n]+\](?!\()/g) ?? []).filter(bracket =>
		template.placeholders.matches(bracket.slice(1, -1)),
	).length;
}
