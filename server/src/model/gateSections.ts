import { gateSectionMarker, writtenVerdictPattern } from '../template/conventions';
import type { PlanTemplate } from '../template/planTemplate';
import type { LineIndex } from '../markdown/lineIndex';
import type { MarkdownFacts } from '../markdown/facts';
import { proseLinesOf } from './nodeQueries';
import type { OutlineNode, PlanProblem } from './planDocument';

/** "- **IV. Privacy by default**: PASS WITH CONDITIONS - …", "- [x] Simplicity: FAIL": a verdict in capitals after a label. */
const verdictLine = new RegExp(
	String.raw`^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\*\*|__)?([^*_:|\r\n]{1,80}?)(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?` +
		writtenVerdictPattern.source,
);

/**
 * Verdicts in a section the template calls a gate (spec-kit's "Constitution Check" says "*GATE:
 * Must pass before Phase 0 research…*"), where the template lists no choice of its own: each
 * principle checked FAIL is a failed gate, CONDITIONAL or PASS WITH CONDITIONS a conditional one.
 */
export function gateSectionProblems(
	facts: MarkdownFacts,
	template: PlanTemplate,
	nodes: readonly OutlineNode[],
	lines: LineIndex,
): PlanProblem[] {
	const gateSections = new Set(
		template.sections
			.filter(
				section =>
					gateSectionMarker.test(section.ownBody) && !template.choices.some(choice => choice.sectionId === section.id),
			)
			.map(section => section.id),
	);
	if (gateSections.size === 0) {
		return [];
	}
	const code = facts.regions.filter(region => region.kind === 'code' || region.kind === 'html');
	const found: PlanProblem[] = [];
	for (const node of nodes.filter(
		candidate => candidate.templateSectionId !== undefined && gateSections.has(candidate.templateSectionId),
	)) {
		for (const { line, start, text } of proseLinesOf(node, lines, code)) {
			const match = verdictLine.exec(text);
			if (!match) {
				continue;
			}
			const valueStart = start + match.index + match[0].length - match[2].length;
			const valueEnd = lines.lineContentEnd(line);
			const value = lines.text.slice(valueStart, valueEnd).trim();
			found.push({
				kind: /^FAIL/.test(match[2]) ? 'gate-failed' : 'gate-conditional',
				range: lines.range(valueStart, valueEnd),
				section: node.name,
				gate: match[1].trim(),
				value,
			});
		}
	}
	return found;
}
