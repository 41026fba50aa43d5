import { normalizeTitle } from '../markdown/headingText';
import type { PlanTemplate, TemplateSection } from '../template/planTemplate';
import { withLineEndings, type LineIndex } from '../markdown/lineIndex';
import type { OutlineNode, PlainEdit, PlanProblem } from './planDocument';
import { taskTextOf } from '../markdown/taskLines';
import { sectionIndex } from '../template/sectionIndex';

/**
 * Problems with the plan's shape against the template: sections missing, duplicated, out of
 * order, misnumbered or left empty. Each carries the edit that fixes it.
 */
export function structureProblems(
	outline: readonly OutlineNode[],
	nodes: readonly OutlineNode[],
	template: PlanTemplate,
	lines: LineIndex,
): PlanProblem[] {
	if (template.sections.length === 0) {
		return [];
	}
	const eol = lines.eol;
	const found: PlanProblem[] = [];
	const present = new Map<string, OutlineNode>();
	for (const node of nodes) {
		if (!node.templateSectionId) {
			continue;
		}
		const first = present.get(node.templateSectionId);
		if (first && node.templateMatch === 'title' && first.templateMatch === 'title') {
			found.push({
				kind: 'duplicate-section',
				range: node.selectionRange,
				heading: node.name,
				firstLine: first.selectionRange.start.line,
			});
		} else if (!first || (first.templateMatch === 'number' && node.templateMatch === 'title')) {
			present.set(node.templateSectionId, node);
		}
	}
	const title = nodes.find(node => node.kind === 'title');
	for (const section of template.sections) {
		const parentPresent = section.parentId === undefined || present.has(section.parentId);
		if (!present.has(section.id) && parentPresent && section.requirement === 'required') {
			const anchor = (section.parentId && present.get(section.parentId)) || title;
			const range = anchor?.selectionRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
			found.push({
				kind: 'missing-section',
				range,
				heading: section.heading,
				section: anchor?.name,
				fix: insertSection(section, template, present, title, lines),
			});
		}
	}
	const byId = new Map(template.sections.map((section, index) => [section.id, { section, index }]));
	const visit = (siblings: readonly OutlineNode[]) => {
		found.push(...orderProblems(siblings, byId, lines), ...numberProblems(siblings, byId, lines));
		for (const node of siblings) {
			const entry =
				node.templateSectionId && node.templateMatch === 'title' ? byId.get(node.templateSectionId) : undefined;
			if (entry && isEmpty(node, entry.section, template, lines)) {
				const body = withLineEndings(withoutTemplateText(entry.section.ownBody, template), eol);
				found.push({
					kind: 'empty-section',
					range: node.selectionRange,
					heading: node.name,
					fix: {
						range: lines.range(node.headingEnd, node.headingEnd),
						newText: `${breakAt(lines, node.headingEnd)}${eol}${body}`,
					},
				});
			}
			visit(node.children);
		}
	};
	visit(outline);
	return found;
}

type SectionIndex = ReadonlyMap<string, { section: TemplateSection; index: number }>;

/** Sections whose template order is broken: the ones outside the longest run in template order. */
function orderProblems(siblings: readonly OutlineNode[], byId: SectionIndex, lines: LineIndex): PlanProblem[] {
	// Only the first of duplicated sections takes part: duplicates are reported on their own.
	const matched = siblings.filter(
		(node, index) =>
			node.templateMatch === 'title' &&
			node.templateSectionId !== undefined &&
			!siblings
				.slice(0, index)
				.some(other => other.templateMatch === 'title' && other.templateSectionId === node.templateSectionId),
	);
	const order = matched.map(node => byId.get(node.templateSectionId!)!.index);
	const keep = longestIncreasing(order);
	const problems: PlanProblem[] = [];
	matched.forEach((node, position) => {
		if (keep.has(position)) {
			return;
		}
		const index = order[position];
		const following = matched
			.filter((_, other) => keep.has(other) && order[other] > index)
			.sort((a, b) => a.start - b.start)[0];
		const preceding = matched
			.filter((_, other) => keep.has(other) && order[other] < index)
			.sort((a, b) => b.start - a.start)[0];
		// Whole lines move: a heading's indentation goes with it, and the next heading keeps its own.
		const start = lineStartAt(lines, node.start);
		const end = lineStartAt(lines, node.extentEnd);
		const target = following ? lineStartAt(lines, following.start) : lineStartAt(lines, preceding!.extentEnd);
		let moved = lines.text.slice(start, end);
		if (!/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)$/.test(moved)) {
			moved = withoutTrailingBlankLines(moved) + lines.eol + lines.eol;
		}
		const insertText = following
			? moved
			: (/(?:\r\n|\r|\n)$/.test(lines.text.slice(0, target)) ? '' : lines.eol + lines.eol) + moved;
		problems.push({
			kind: 'section-order',
			range: node.selectionRange,
			heading: node.name,
			before: following ? following.name : `after ${preceding!.name}`,
			fix: [
				{ range: lines.range(target, target), newText: insertText },
				{ range: lines.range(start, end), newText: '' },
			],
		});
	});
	return problems;
}

/** Numbers that differ from the template's, and numbers used twice among siblings. */
function numberProblems(siblings: readonly OutlineNode[], byId: SectionIndex, lines: LineIndex): PlanProblem[] {
	const problems: PlanProblem[] = [];
	const used = new Map<string, OutlineNode>();
	for (const node of siblings) {
		const expected = node.templateMatch === 'title' ? byId.get(node.templateSectionId!)?.section.number : undefined;
		if (expected !== undefined && node.number !== expected) {
			problems.push({
				kind: 'section-number',
				range: node.numberRange ?? node.selectionRange,
				heading: node.name,
				expected,
				fix: renumber(node, expected, lines),
			});
		} else if (node.number !== undefined && used.has(node.number) && node.templateMatch !== 'title') {
			const next = nextFreeNumber(node.number, siblings);
			problems.push({
				kind: 'section-number',
				range: node.numberRange ?? node.selectionRange,
				heading: node.name,
				expected: next,
				fix: renumber(node, next, lines),
			});
		}
		if (node.number !== undefined && !used.has(node.number)) {
			used.set(node.number, node);
		}
	}
	return problems;
}

function renumber(node: OutlineNode, number: string, lines: LineIndex): PlainEdit {
	if (node.numberRange) {
		return { range: node.numberRange, newText: number };
	}
	const heading = /^ {0,3}#{1,6}[ \t]+/.exec(lines.text.slice(node.start, node.headingEnd));
	const at = node.start + (heading?.[0].length ?? 0);
	const separator = /^\d+$/.test(number) ? '. ' : ' ';
	return { range: lines.range(at, at), newText: `${number}${separator}` };
}

function nextFreeNumber(number: string, siblings: readonly OutlineNode[]): string {
	const prefix = number.includes('.') ? number.slice(0, number.lastIndexOf('.') + 1) : '';
	const last = Math.max(
		0,
		...siblings
			.filter(node => node.number?.startsWith(prefix))
			.map(node => Number(node.number!.slice(prefix.length)) || 0),
	);
	return `${prefix}${last + 1}`;
}

function isEmpty(node: OutlineNode, section: TemplateSection, template: PlanTemplate, lines: LineIndex): boolean {
	const hasTemplateChildren =
		(sectionIndex(template).byParent.get(section.id)?.length ?? 0) > 0 ||
		template.blocks.some(block => block.sectionId === section.id);
	return (
		!hasTemplateChildren &&
		section.ownBody !== '' &&
		node.children.length === 0 &&
		node.end <= node.headingEnd &&
		lines.text
			.slice(node.headingEnd, node.extentEnd)
			.trim()
			.replace(/^(?:-{3,}|\*{3,}|_{3,})$/, '') === ''
	);
}

/** Where a missing section goes: after the template's previous sibling, before its next one, or at the end of its parent. */
function insertSection(
	section: TemplateSection,
	template: PlanTemplate,
	present: ReadonlyMap<string, OutlineNode>,
	title: OutlineNode | undefined,
	lines: LineIndex,
): PlainEdit {
	const eol = lines.eol;
	const body = withLineEndings(withoutTemplateText(section.insertText, template), eol);
	const rule = `---${eol}${eol}`;
	const siblings = sectionIndex(template).byParent.get(section.parentId) ?? [];
	const position = siblings.indexOf(section);
	const previous = siblings
		.slice(0, position)
		.reverse()
		.map(candidate => present.get(candidate.id))
		.find(node => node !== undefined);
	if (previous) {
		const at = lineEndAt(lines, previous.end);
		return insertAt(lines, at, `${breakAt(lines, at)}${eol}${section.ruleBefore ? rule : ''}${body}`);
	}
	const nextSection = siblings.slice(position + 1).find(candidate => present.has(candidate.id));
	if (nextSection) {
		const next = present.get(nextSection.id)!;
		return insertAt(lines, lineStartAt(lines, next.start), `${body}${eol}${eol}${nextSection.ruleBefore ? rule : ''}`);
	}
	const parent =
		(section.parentId && present.get(section.parentId)) || (section.parentId === undefined ? title : undefined);
	const end = lineEndAt(lines, parent ? parent.end : lines.text.trimEnd().length);
	return insertAt(
		lines,
		end,
		`${end > 0 ? `${breakAt(lines, end)}${eol}` : ''}${section.ruleBefore && section.parentId === undefined ? rule : ''}${body}`,
	);
}

/**
 * Template markdown without the lines planmark would flag as template text at once (instructions
 * such as "[List the technologies…]" and example tasks such as "- [ ] Task 1"), so an inserted
 * section needs filling in but no cleaning up.
 */
function withoutTemplateText(markdown: string, template: PlanTemplate): string {
	const kept = markdown.split(/\r\n|\r|\n/).filter(line => {
		const instruction = /^\s*\[([^[\]]+)\]\s*$/.exec(line)?.[1];
		const task = taskTextOf(line);
		return (
			!(instruction && template.instructions.has(normalizeTitle(instruction))) &&
			!(task && template.exampleTasks.has(normalizeTitle(task)))
		);
	});
	return kept
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.replace(/^\n+/, '')
		.replace(/(\n\s*){2,}$/, '');
}

/** Text without the blank lines (and the line break) at its end; its last line keeps its trailing blanks, a markdown hard break. */
function withoutTrailingBlankLines(text: string): string {
	let end = text.length;
	for (let at = text.length - 1; at >= 0; at--) {
		const code = text.charCodeAt(at);
		if (code === 10 || code === 13) {
			end = at;
		} else if (code !== 32 && code !== 9) {
			break;
		}
	}
	return text.slice(0, end);
}

/** The start of the line holding `offset`; the end of the text stays the end. Edits that move or insert sections work on whole lines. */
function lineStartAt(lines: LineIndex, offset: number): number {
	return offset >= lines.text.length ? lines.text.length : lines.lineStart(lines.positionAt(offset).line);
}

/** The end of the line holding `offset`, before its line break: an insertion there keeps the line whole. */
function lineEndAt(lines: LineIndex, offset: number): number {
	return lines.lineContentEnd(lines.positionAt(offset).line);
}

/**
 * The break to open an insertion at the end of the line holding `offset` with: the line's own, so
 * with mixed line endings the line keeps its terminator (it moves to the end of the inserted text).
 */
function breakAt(lines: LineIndex, offset: number): string {
	return lines.lineBreak(lines.positionAt(offset).line) || lines.eol;
}

function insertAt(lines: LineIndex, offset: number, newText: string): PlainEdit {
	return { range: lines.range(offset, offset), newText };
}

/** Positions (indexes into `values`) of one longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): Set<number> {
	const lengths = values.map(() => 1);
	const previous = values.map(() => -1);
	for (let at = 0; at < values.length; at++) {
		for (let before = 0; before < at; before++) {
			if (values[before] < values[at] && lengths[before] + 1 > lengths[at]) {
				lengths[at] = lengths[before] + 1;
				previous[at] = before;
			}
		}
	}
	const keep = new Set<number>();
	let at = lengths.indexOf(Math.max(0, ...lengths));
	while (at >= 0) {
		keep.add(at);
		at = previous[at];
	}
	return keep;
}
