import { normalizeTitle, readBoldBlock, readHeading, sectionKey } from '../markdown/headingText';
import type { PlanTemplate, TemplateSection } from '../template/planTemplate';
import type { LineIndex } from '../markdown/lineIndex';
import type { BoldLeadFact, MarkdownFacts } from '../markdown/facts';
import type { UnchangedSpans } from '../markdown/commonEnds';
import type {
	HeadingMemo,
	HeadingReading,
	HeadingReadings,
	OutlineEvents,
	OutlineKind,
	OutlineNode,
} from './planDocument';
import { firstStartingAfter, partitionPoint } from '../markdown/sortedSearch';
import { matchByPosition } from './positionalMatching';
import { sectionIndex } from '../template/sectionIndex';
import { finishedNode } from './outlineNodes';
import { replayOutline } from './outlineReplay';
import { OutlineReuse } from './outlineReuse';

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

/** The previous version's outline, and where the new version reads as it. */
export interface PreviousOutline {
	readonly memo?: HeadingMemo;
	/** Its root nodes, and all its nodes in document order. */
	readonly outline?: readonly OutlineNode[];
	readonly nodes?: readonly OutlineNode[];
	readonly spans?: UnchangedSpans;
}

/**
 * Builds the outline: headings nest by depth, numbered headings are matched to the template's
 * sections, and headings or bold leads that repeat a template block ("Research Task 4",
 * "**Gate 3**") become blocks of the section they sit in. With `previous`, an edit that changed
 * none of the headings, block leads and rules replays the previous outline (`outlineReplay.ts`);
 * otherwise headings read the same as before are not read again, and nodes the edit left alone
 * serve again (`outlineReuse.ts`).
 */
export function buildOutline(
	facts: MarkdownFacts,
	template: PlanTemplate,
	lines: LineIndex,
	previous: PreviousOutline = {},
): { outline: OutlineNode[]; memo: HeadingMemo } {
	const { memo: previousMemo, outline: previousOutline, nodes: previousNodes, spans } = previous;
	const memo = previousMemo?.template === template ? previousMemo : undefined;
	const known = memo?.readings;
	const events: OutlineEvents = {
		headings: facts.headings,
		leads: facts.boldLeads.filter(lead => isBlockLead(lead, template)),
		rules: facts.thematicBreaks,
	};
	const rules = new Set(facts.thematicBreaks);
	const replayed =
		memo && previousOutline && spans && replayOutline(previousOutline, memo.events, events, spans, lines, rules);
	if (replayed) {
		return { outline: replayed, memo: { template, readings: memo.readings, events } };
	}
	const readings = new Map<string, HeadingReadings>();
	const length = lines.text.length;
	const roots: DraftNode[] = [];
	const open: DraftNode[] = [];
	let seenTitle = false;
	for (const heading of facts.headings) {
		while (open.length > 0 && open[open.length - 1].depth >= heading.depth) {
			open.pop()!.end = heading.start;
		}
		const parent = open[open.length - 1];
		const isTitle = heading.depth === 1 && !seenTitle;
		const parentId = parent?.templateSectionId;
		const reading =
			readingOf(readings, heading.text, heading.depth, isTitle, parentId) ??
			remember(
				readings,
				heading.text,
				readingOf(known, heading.text, heading.depth, isTitle, parentId) ??
					headingNode(heading.text, heading.depth, template, parent, isTitle),
				isTitle,
				parentId,
			);
		const node: DraftNode = {
			kind: reading.kind,
			name: reading.name,
			depth: reading.depth,
			number: reading.number,
			title: reading.title,
			block: reading.block,
			templateSectionId: reading.templateSectionId,
			templateMatch: reading.templateMatch,
			templateBlock: reading.templateBlock,
			start: heading.start,
			headingEnd: heading.end,
			end: length,
			children: [],
		};
		seenTitle ||= node.kind === 'title';
		(parent ? parent.children : roots).push(node);
		open.push(node);
	}
	matchByPosition(roots, template);
	addBoldBlocks(events, template, roots, length);
	const reuse = spans && previousNodes && new OutlineReuse(previousNodes, spans);
	return { outline: roots.map(node => finish(node, lines, rules, reuse)), memo: { template, readings, events } };
}

/** How a heading read before, if it had the same text, level, title role and parent section. */
function readingOf(
	readings: ReadonlyMap<string, HeadingReadings> | undefined,
	text: string,
	depth: number,
	isTitle: boolean,
	parentId: string | undefined,
): HeadingReading | undefined {
	const candidates = readings?.get(text);
	if (candidates) {
		for (const candidate of candidates) {
			if (candidate.reading.depth === depth && candidate.isTitle === isTitle && candidate.parentId === parentId) {
				return candidate.reading;
			}
		}
	}
	return undefined;
}

function remember(
	readings: Map<string, HeadingReadings>,
	text: string,
	reading: HeadingReading,
	isTitle: boolean,
	parentId: string | undefined,
): HeadingReading {
	const entry = { reading, isTitle, parentId };
	const list = readings.get(text);
	if (list) {
		list.push(entry);
	} else {
		readings.set(text, [entry]);
	}
	return reading;
}

function headingNode(
	text: string,
	depth: number,
	template: PlanTemplate,
	parent: DraftNode | undefined,
	isTitle: boolean,
): HeadingReading {
	// Every reading has all the fields, in one order: the outline is built from thousands of them.
	const reading = (fields: Partial<HeadingReading> & Pick<HeadingReading, 'kind' | 'title'>): HeadingReading => ({
		kind: fields.kind,
		name: text,
		depth,
		number: fields.number,
		title: fields.title,
		block: fields.block,
		templateSectionId: fields.templateSectionId,
		templateMatch: fields.templateMatch,
		templateBlock: fields.templateBlock,
	});
	if (isTitle) {
		return reading({ kind: 'title', title: text });
	}
	const shape = readHeading(text);
	if (shape.kind === 'block') {
		const templateBlock = template.blocks.find(
			block => block.style === 'heading' && sameTitle(block.label, shape.label),
		);
		if (templateBlock) {
			return reading({
				kind: 'block',
				title: shape.rest || text,
				block: { label: shape.label, index: shape.index },
				templateBlock,
			});
		}
	}
	const number = shape.kind === 'numbered' ? shape.number : undefined;
	const title = shape.kind === 'numbered' ? shape.title : text;
	const byTitle = matchByTitle(template, title, number, parent?.templateSectionId);
	const section =
		byTitle ?? (number === undefined ? undefined : sectionIndex(template).byNumber.get(`${depth} ${number}`));
	return reading({
		kind: section || number ? 'section' : 'heading',
		title,
		number,
		templateSectionId: section?.id,
		templateMatch: section ? (byTitle ? 'title' : 'number') : undefined,
	});
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

/** Whether a bold lead ("**Gate 3**: …") repeats one of the template's bold blocks. */
function isBlockLead(lead: BoldLeadFact, template: PlanTemplate): boolean {
	const block = readBoldBlock(lead.boldText);
	return (
		!!block && template.blocks.some(candidate => candidate.style === 'bold' && sameTitle(candidate.label, block.label))
	);
}

function addBoldBlocks(events: OutlineEvents, template: PlanTemplate, roots: DraftNode[], length: number): void {
	if (events.leads.length === 0) {
		return;
	}
	const leads = events.leads.map(lead => ({ lead, block: readBoldBlock(lead.boldText) }));
	// A bold block ends where the next block, heading or `---` begins.
	const boundaries = [
		...leads.map(({ lead }) => lead.start),
		...events.headings.map(heading => heading.start),
		...events.rules,
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

function finish(node: DraftNode, lines: LineIndex, rules: ReadonlySet<number>, reuse?: OutlineReuse): OutlineNode {
	const children = node.children.map(child => finish(child, lines, rules, reuse));
	return reuse?.reuse(node, children) ?? finishedNode(node, children, lines, rules);
}
