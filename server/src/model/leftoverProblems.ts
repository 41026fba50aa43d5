import { normalizeTitle } from '../markdown/headingText';
import { bareClarificationPattern } from '../template/conventions';
import type { PlanTemplate } from '../template/planTemplate';
import { normalizeComment, normalizeLine, preambleId } from '../template/templateText';
import { removal } from './contentProblems';
import type { LineIndex } from '../markdown/lineIndex';
import type { MarkdownFacts } from '../markdown/facts';
import { proseLinesOf, sectionNameAt } from './nodeQueries';
import type { OutlineNode, PlainEdit, PlanProblem, PlanTask } from './planDocument';

/**
 * Template text left in the document that is not a bracket: a guidance comment copied unchanged,
 * an option line of the template's code block, a prompt kept as written under its section, a
 * stand-in task ID such as "TXXX", and a value left as a bare NEEDS CLARIFICATION.
 */
export function leftoverProblems(
	facts: MarkdownFacts,
	tasks: readonly PlanTask[],
	template: PlanTemplate,
	nodes: readonly OutlineNode[],
	lines: LineIndex,
): PlanProblem[] {
	const leftovers = template.leftovers;
	const found: PlanProblem[] = [];
	const section = (offset: number) => sectionNameAt(nodes, offset);
	const leftover = (start: number, end: number, text: string, fix: PlainEdit) =>
		found.push({ kind: 'template-text', range: lines.range(start, end), section: section(start), text, fix });
	for (const comment of facts.comments) {
		if (leftovers.comments.has(normalizeComment(comment.text))) {
			leftover(comment.start, comment.end, firstLine(comment.text), removal(lines, comment.start, comment.end));
		}
	}
	if (leftovers.codeLines.size > 0) {
		for (const region of facts.regions.filter(candidate => candidate.kind === 'code')) {
			const first = lines.positionAt(region.start).line + 1;
			const last = lines.positionAt(Math.max(region.start, region.end - 1)).line - 1;
			for (let line = first; line <= last; line++) {
				const text = lines.lineText(line);
				if (leftovers.codeLines.has(normalizeComment(text))) {
					const start = lines.lineStart(line) + (text.length - text.trimStart().length);
					leftover(start, lines.lineContentEnd(line), text.trim(), removal(lines, start, lines.lineContentEnd(line)));
				}
			}
		}
	}
	found.push(...promptProblems(facts, template, nodes, lines));
	const prefix = template.taskIdPrefix;
	for (const task of leftovers.standInTaskIds.size > 0 ? tasks : []) {
		const id =
			prefix &&
			new RegExp(`^[ \\t]*(${prefix}X{2,})\\b`).exec(lines.text.slice(task.boxStart + 3, task.boxStart + 40))?.[1];
		if (id && leftovers.standInTaskIds.has(id)) {
			const start = lines.text.indexOf(id, task.boxStart + 3);
			found.push({
				kind: 'placeholder',
				range: lines.range(start, start + id.length),
				section: section(start),
				placeholder: id,
			});
		}
	}
	const samples =
		leftovers.sampleTasks.size === 0 ? [] : tasks.filter(task => leftovers.sampleTasks.has(normalizeLine(task.text)));
	// One task like a sample may be the author's own; three or more are the samples kept.
	for (const task of samples.length >= 3 ? samples : []) {
		const line = lines.positionAt(task.start).line;
		leftover(task.start, lines.lineContentEnd(line), task.text, removal(lines, task.start, lines.lineContentEnd(line)));
	}
	for (const heading of leftovers.standInHeadings.size === 0 ? [] : facts.headings) {
		if (leftovers.standInHeadings.has(normalizeTitle(heading.text))) {
			found.push({
				kind: 'placeholder',
				range: lines.range(heading.start, lines.lineContentEnd(lines.positionAt(heading.start).line)),
				section: section(heading.start),
				placeholder: heading.text,
			});
		}
	}
	if (leftovers.variables.size > 0) {
		const code = facts.regions.filter(region => region.kind === 'code');
		for (const match of lines.text.matchAll(/\$[A-Z][A-Z_]{2,}\b/g)) {
			const start = match.index;
			if (leftovers.variables.has(match[0]) && !code.some(region => start >= region.start && start < region.end)) {
				found.push({
					kind: 'placeholder',
					range: lines.range(start, start + match[0].length),
					section: section(start),
					placeholder: match[0],
				});
			}
		}
	}
	for (const field of facts.fields) {
		const bare = bareClarificationPattern.exec(field.value);
		if (bare) {
			found.push({
				kind: 'needs-clarification',
				range: lines.range(field.valueStart, field.valueEnd),
				section: section(field.valueStart),
				question: bare[1].replace(/^[(]|[)]$/g, '').trim(),
			});
		}
	}
	return found;
}

/** Lines of a section repeating the template's prompts for that section word for word. */
function promptProblems(
	facts: MarkdownFacts,
	template: PlanTemplate,
	nodes: readonly OutlineNode[],
	lines: LineIndex,
): PlanProblem[] {
	const prompts = template.leftovers.promptLines;
	if (prompts.size === 0) {
		return [];
	}
	const skipped = facts.regions.filter(region => region.kind === 'code' || region.kind === 'html');
	const found: PlanProblem[] = [];
	for (const node of nodes) {
		const own =
			node.kind === 'title'
				? prompts.get(preambleId)
				: node.templateSectionId && node.templateMatch !== 'number'
					? prompts.get(node.templateSectionId)
					: undefined;
		if (!own) {
			continue;
		}
		const end = node.children.find(child => child.kind !== 'block')?.start ?? node.extentEnd;
		for (const { line, start, text } of proseLinesOf(node, lines, skipped, end)) {
			if (text.trim() === '' || !own.has(normalizeLine(text))) {
				continue;
			}
			const visibleStart = start + (text.length - text.trimStart().length);
			found.push({
				kind: 'template-text',
				range: lines.range(visibleStart, lines.lineContentEnd(line)),
				section: node.name,
				text: text.trim(),
				fix: removal(lines, visibleStart, lines.lineContentEnd(line)),
			});
		}
	}
	return found;
}

function firstLine(text: string): string {
	const line =
		text
			.split(/\r\n|\r|\n/)
			.map(part => part.trim())
			.find(part => part !== '' && part !== '<!--') ?? text;
	return normalizeTitle(line).length > 80 ? `${line.slice(0, 77)}…` : line;
}
