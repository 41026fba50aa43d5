import { normalizeTitle, readBoldBlock, readHeading, sectionKey } from '../markdown/headingText';
import type { PlanTemplate, TemplateSection } from '../template/planTemplate';
import type { LineIndex } from '../markdown/lineIndex';
import type { MarkdownFacts } from '../markdown/facts';
import type { OutlineKind, OutlineNode } from './planDocument';
import { firstStartingAfter, partitionPoint } from '../markdown/sortedSearch';
import { matchByPosition } from './positionalMatching';
import { sectionIndex } from '../template/sectionIndex';

interface DraftNode {
	kind: OutlineKind;
	name: string;
	depth: number;
	number?: string;
	title: string;
	block?: { label: string; index: number };
	templateSectionId?: string;
	templateMatch?: OutlineNode['templateMatch'];
	templateBlock?: OutlineNode['templateBlock'];
	start: number;
	headingEnd: number;
	end: number;
	children: DraftNode[];
}

/**
 * Builds the outline: headings nest by depth, numbered headings are matched to the template's
 * sections, and headings or bold leads that repeat a template block ("Research Task 4",
 * "**Gate 3**") become blocks of the section they sit in.
 */
export function buildOutline(facts: MarkdownFacts, template: PlanTemplate, lines: LineIndex): OutlineNode[] {
	const length = lines.text.length;
	const roots: DraftNode[] = [];
	const open: DraftNode[] = [];
	let seenTitle = false;
	for (const heading of facts.headings) {
		while (open.length > 0 && open[open.length - 1].depth >= heading.depth) {
			open.pop()!.end = heading.start;
		}
		const parent = open[open.length - 1];
		const node = headingNode(heading.text, heading.depth, template, parent, heading.depth === 1 && !seenTitle);
		seenTitle ||= node.kind === 'title';
		node.start = heading.start;
		node.headingEnd = heading.end;
		node.end = length;
		(parent ? parent.children : roots).push(node);
		open.push(node);
	}
	matchByPosition(roots, template);
	addBoldBlocks(facts, template, roots, length);
	const rules = new Set(facts.thematicBreaks);
	return roots.map(node => finish(node, lines, rules));
}

function headingNode(
	text: string,
	depth: number,
	template: PlanTemplate,
	parent: DraftNode | undefined,
	isTitle: boolean,
): DraftNode {
	const base = { name: text, depth, start: 0, headingEnd: 0, end: 0, children: [] };
	if (isTitle) {
		return { ...base, kind: 'title', title: text };
	}
	const shape = readHeading(text);
	if (shape.kind === 'block') {
		const templateBlock = template.blocks.find(
			block => block.style === 'heading' && sameTitle(block.label, shape.label),
		);
		if (templateBlock) {
			return {
				...base,
				kind: 'block',
				title: shape.rest || text,
				block: { label: shape.label, index: shape.index },
				templateBlock,
			};
		}
	}
	const number = shape.kind === 'numbered' ? shape.number : undefined;
	const title = shape.kind === 'numbered' ? shape.title : text;
	const byTitle = matchByTitle(template, title, number, parent?.templateSectionId);
	const section =
		byTitle ?? (number === undefined ? undefined : sectionIndex(template).byNumber.get(`${depth} ${number}`));
	const kind = section || number ? 'section' : 'heading';
	return {
		...base,
		kind,
		title,
		number,
		templateSectionId: section?.id,
		templateMatch: section ? (byTitle ? 'title' : 'number') : undefined,
	};
}

function matchByTitle(
	template: PlanTemplate,
	title: string,
	number: string | undefined,
	parentId: string | undefined,
): TemplateSection | undefined {
	const key = sectionKey(title);
	const byTitle = sectionIndex(template).byKey.get(template.aliases.get(key) ?? key) ?? [];
	return (
		byTitle.find(section => section.parentId === parentId && (number === undefined || section.number === number)) ??
		byTitle.find(section => section.parentId === parentId) ??
		byTitle[0]
	);
}

function sameTitle(a: string, b: string): boolean {
	return normalizeTitle(a) === normalizeTitle(b);
}

function addBoldBlocks(facts: MarkdownFacts, template: PlanTemplate, roots: DraftNode[], length: number): void {
	const leads = facts.boldLeads
		.map(lead => ({ lead, block: readBoldBlock(lead.boldText) }))
		.filter(
			({ block }) =>
				block &&
				template.blocks.some(candidate => candidate.style === 'bold' && sameTitle(candidate.label, block.label)),
		);
	// A bold block ends where the next block, heading or `---` begins.
	const boundaries = [
		...leads.map(({ lead }) => lead.start),
		...facts.headings.map(heading => heading.start),
		...facts.thematicBreaks,
	].sort((a, b) => a - b);
	const touched = new Set<DraftNode[]>();
	// Owners are found before any block is added, so each search sees headings only.
	const owners = leads.map(({ lead }) => innermost(roots, lead.start));
	leads.forEach(({ lead, block }, position) => {
		const owner = owners[position];
		const templateBlock =
			template.blocks.find(
				candidate =>
					candidate.style === 'bold' &&
					sameTitle(candidate.label, block!.label) &&
					candidate.sectionId === owner?.templateSectionId,
			) ?? template.blocks.find(candidate => candidate.style === 'bold' && sameTitle(candidate.label, block!.label));
		const rest = lead.rest.replace(/^[\s:.—–-]+/, '');
		const siblings = owner ? owner.children : roots;
		siblings.push({
			kind: 'block',
			name: rest ? `${lead.boldText}: ${rest}` : lead.boldText,
			depth: (owner?.depth ?? 0) + 1,
			title: rest || lead.boldText,
			block: block!,
			templateBlock,
			start: lead.start,
			headingEnd: lead.lineEnd,
			end: firstAfter(boundaries, lead.start) ?? length,
			children: [],
		});
		touched.add(siblings);
	});
	for (const siblings of touched) {
		siblings.sort((a, b) => a.start - b.start);
	}
}

/** The smallest value in a sorted array greater than `offset`. */
function firstAfter(sorted: readonly number[], offset: number): number | undefined {
	return sorted[partitionPoint(sorted.length, index => sorted[index] <= offset)];
}

/** The deepest heading node containing `offset`, by binary search over siblings sorted by start. */
function innermost(nodes: readonly DraftNode[], offset: number): DraftNode | undefined {
	const container = nodes[firstStartingAfter(nodes, offset) - 1];
	return container && offset < container.end ? (innermost(container.children, offset) ?? container) : undefined;
}

function finish(node: DraftNode, lines: LineIndex, rules: ReadonlySet<number>): OutlineNode {
	// Ranges end at visible text: a heading's trailing blanks would reach past its parent's content end.
	const visibleHeadingEnd = Math.max(node.start, trimmedEnd(lines.text, node.start, node.headingEnd));
	const end = Math.max(visibleHeadingEnd, contentEnd(lines, node.start, node.end, rules));
	const numberMatch =
		node.number === undefined
			? null
			: /^ {0,3}#{1,6}[ \t]+(\d+(?:\.\d+)*\.?)/.exec(lines.text.slice(node.start, node.headingEnd));
	const numberStart = numberMatch ? node.start + numberMatch[0].length - numberMatch[1].length : 0;
	return {
		kind: node.kind,
		name: node.name,
		depth: node.depth,
		number: node.number,
		title: node.title,
		block: node.block,
		templateSectionId: node.templateSectionId,
		templateMatch: node.templateMatch,
		numberRange: numberMatch
			? lines.range(numberStart, numberStart + numberMatch[1].replace(/\.$/, '').length)
			: undefined,
		templateBlock: node.templateBlock,
		isGate: node.templateBlock?.gateChoice !== undefined,
		start: node.start,
		end,
		extentEnd: node.end,
		headingEnd: node.headingEnd,
		range: lines.range(node.start, end),
		selectionRange: lines.range(node.start, visibleHeadingEnd),
		children: node.children.map(child => finish(child, lines, rules)),
	};
}

/** Where a node's content ends: before trailing blank lines and `---` separators. */
function contentEnd(lines: LineIndex, start: number, end: number, rules: ReadonlySet<number>): number {
	let at = trimmedEnd(lines.text, start, end);
	for (;;) {
		const lineStart = lines.lineStart(lines.positionAt(at).line);
		// A rule may be indented up to three spaces, on this line: a shorter line's offsets reach into the next.
		const isRule =
			lineStart > start &&
			[0, 1, 2, 3].some(
				indent => rules.has(lineStart + indent) && /^ *$/.test(lines.text.slice(lineStart, lineStart + indent)),
			);
		if (!isRule) {
			return at;
		}
		at = trimmedEnd(lines.text, start, lineStart);
	}
}

/** The end of the last non-blank character before `end`, so ranges do not swallow blank lines. */
function trimmedEnd(text: string, start: number, end: number): number {
	let at = end;
	while (at > start && /\s/.test(text[at - 1])) {
		at--;
	}
	return at;
}
