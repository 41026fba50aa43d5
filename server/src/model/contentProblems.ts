import { normalizeTitle } from '../markdown/headingText';
import { clarificationMarkerPattern } from '../template/conventions';
import type { PlanTemplate } from '../template/planTemplate';
import type { LineIndex } from '../markdown/lineIndex';
import type { BracketFact, TaskFact } from '../markdown/facts';
import { sectionNameAt } from './nodeQueries';
import type { OutlineNode, PlainEdit, PlanChoice, PlanPlaceholder, PlanProblem } from './planDocument';

/**
 * Sorts the plan's brackets into placeholders, repeat markers, clarification markers and template
 * instructions. `codeBrackets` are those inside inline code, placeholders only where the template
 * writes them in code too; `valueStarts` are where the value of a field the template fills with a
 * placeholder begins, so a reworded placeholder there is still one.
 */
export function classifyBrackets(
	brackets: readonly BracketFact[],
	codeBrackets: readonly BracketFact[],
	template: PlanTemplate,
	lines: LineIndex,
	valueStarts: ReadonlySet<number>,
): PlanPlaceholder[] {
	const found: PlanPlaceholder[] = [];
	const push = (kind: PlanPlaceholder['kind'], bracket: BracketFact) =>
		found.push({
			kind,
			text: `[${bracket.inner}]`,
			start: bracket.start,
			end: bracket.end,
			range: lines.range(bracket.start, bracket.end),
		});
	for (const bracket of brackets) {
		if (template.markers.matches(bracket.inner) && !template.placeholders.matches(bracket.inner)) {
			continue;
		}
		const clarification = clarificationMarkerPattern.exec(bracket.inner);
		const kind = clarification
			? template.leftovers.exampleQuestions.has(normalizeTitle(bracket.inner))
				? 'template-text'
				: clarification[1].trim() !== '' || standsAsValue(lines, bracket)
					? 'needs-clarification'
					: undefined
			: template.repeatMarkers.has(bracket.inner)
				? 'repeat-marker'
				: template.instructions.has(normalizeTitle(bracket.inner))
					? 'template-text'
					: template.placeholders.matches(bracket.inner) || valueStarts.has(bracket.start)
						? 'placeholder'
						: undefined;
		if (kind) {
			push(kind, bracket);
		}
	}
	for (const bracket of codeBrackets) {
		if (template.codePlaceholders.matches(bracket.inner)) {
			push('placeholder', bracket);
		}
	}
	return found.sort((a, b) => a.start - b.start);
}

/**
 * A bare "[NEEDS CLARIFICATION]" is an open question only where a value belongs: alone in its
 * list item, paragraph or table cell, or as a field's value. Elsewhere it is a mention, as in
 * "- [x] No [NEEDS CLARIFICATION] markers remain".
 */
function standsAsValue(lines: LineIndex, bracket: BracketFact): boolean {
	const line = lines.positionAt(bracket.start).line;
	const before = lines.text.slice(lines.lineStart(line), bracket.start);
	const after = lines.text.slice(bracket.end, lines.lineContentEnd(line)).trim();
	return (
		/^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:[^:|[\]]{1,60}:[*_]*[ \t]*|.*\|[ \t]*)?$/.test(before) &&
		/^(?:[|.;,]|$)/.test(after)
	);
}

/** Problems in the plan's content: leftovers of the template, open questions, choices and gates. */
export function contentProblems(
	placeholders: readonly PlanPlaceholder[],
	exampleTasks: readonly TaskFact[],
	choices: readonly PlanChoice[],
	nodes: readonly OutlineNode[],
	lines: LineIndex,
): PlanProblem[] {
	const found: PlanProblem[] = [];
	const section = (offset: number) => sectionNameAt(nodes, offset);
	for (const placeholder of placeholders) {
		const at = { range: placeholder.range, section: section(placeholder.start) };
		switch (placeholder.kind) {
			case 'placeholder':
				found.push({ ...at, kind: 'placeholder', placeholder: placeholder.text });
				break;
			case 'needs-clarification':
				found.push({
					...at,
					kind: 'needs-clarification',
					question: clarificationMarkerPattern.exec(placeholder.text.slice(1, -1))![1].trim(),
				});
				break;
			case 'repeat-marker':
				found.push({
					...at,
					kind: 'repeat-marker',
					marker: placeholder.text,
					fix: removal(lines, placeholder.start, placeholder.end),
				});
				break;
			case 'template-text':
				found.push({
					...at,
					kind: 'template-text',
					text: placeholder.text,
					fix: removal(lines, placeholder.start, placeholder.end),
				});
				break;
		}
	}
	for (const task of exampleTasks) {
		const line = lines.positionAt(task.start).line;
		const lineEnd = lines.lineContentEnd(line);
		found.push({
			kind: 'template-text',
			range: lines.range(task.start, lineEnd),
			section: section(task.start),
			text: lines.text.slice(task.start, lineEnd).trim(),
			fix: removal(lines, task.start, lineEnd),
		});
	}
	for (const choice of choices) {
		const at = { range: choice.valueRange, section: section(choice.valueStart) };
		if (choice.state === 'unresolved') {
			found.push({ ...at, kind: 'unresolved-choice', label: choice.label, options: choice.options });
		} else if (choice.state === 'invalid' && !/^\[.*\]$/.test(choice.value)) {
			found.push({ ...at, kind: 'invalid-choice', label: choice.label, value: choice.value, options: choice.options });
		} else if (choice.gate && choice.gate.outcome !== 'passed') {
			found.push({
				...at,
				kind: choice.gate.outcome === 'failed' ? 'gate-failed' : 'gate-conditional',
				gate: choice.gate.name,
				value: choice.value,
			});
		}
	}
	return found;
}

/**
 * An edit that removes [start, end): the whole lines it spans when nothing else is on them, else
 * the text and one space beside it. Never touches other lines.
 */
export function removal(lines: LineIndex, start: number, end: number): PlainEdit {
	const line = lines.positionAt(start).line;
	const lastLine = lines.positionAt(Math.max(start, end - 1)).line;
	const lineStart = lines.lineStart(line);
	const lineEnd = lines.lineContentEnd(lastLine);
	const text = lines.text;
	const before = text.slice(lineStart, start);
	const after = text.slice(end, lineEnd);
	if (/^[ \t]*(?:[-*+][ \t]+(?:\[[ xX]\][ \t]+)?)?$/.test(before) && after.trim() === '') {
		const nextLine = lastLine + 1 < lines.lineCount ? lines.lineStart(lastLine + 1) : lineEnd;
		// A lone CR left just before an LF would fuse the two breaks into one CRLF and lose a line, so the
		// lines go with the break after them, or else with the break before them; when both would fuse
		// (an empty line between CRs, then LF), the line is blanked instead, keeping every line.
		const fuses = (from: number, to: number) => text[from - 1] === '\r' && text[to] === '\n';
		const previousEnd = line > 0 ? lines.lineContentEnd(line - 1) : undefined;
		const forward = nextLine !== lineEnd && !fuses(lineStart, nextLine);
		if (forward || previousEnd === undefined) {
			return { range: lines.range(lineStart, nextLine), newText: '' };
		}
		if (!fuses(previousEnd, lineEnd)) {
			return { range: lines.range(previousEnd, lineEnd), newText: '' };
		}
		return { range: lines.range(lineStart, lineEnd), newText: ' ' };
	}
	const widen = text[end] === ' ' ? 1 : text[start - 1] === ' ' ? -1 : 0;
	return { range: lines.range(widen < 0 ? start - 1 : start, widen > 0 ? end + 1 : end), newText: '' };
}
