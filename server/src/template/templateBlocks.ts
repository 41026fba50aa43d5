import type { HeadingFact, MarkdownFacts } from '../markdown/facts';
import { normalizeTitle, readBoldBlock, readHeading, sectionKey } from '../markdown/headingText';
import type { LineIndex } from '../markdown/lineIndex';
import { partitionPoint } from '../markdown/sortedSearch';
import { escapeRegExp, trimBlock } from './blockText';
import type { TemplateBlock, TemplateSection } from './planTemplate';

/*
 * A template's sections and repeatable blocks as they sit in its text: the spans of its sections,
 * every instance of a numbered heading or bold lead ("#### Research Task 2", "**Gate 1**"), and the
 * distinct blocks they are instances of.
 */

export interface BlockInstance {
	readonly label: string;
	readonly index: number;
	readonly style: 'heading' | 'bold';
	readonly depth: number;
	readonly sectionId?: string;
	readonly start: number;
	/** End of the instance's first line. */
	readonly lineEnd: number;
	readonly end: number;
}

export interface SectionSpan {
	readonly section: Omit<TemplateSection, 'insertText' | 'ownBody' | 'ruleBefore' | 'line' | 'requirement' | 'marked'>;
	/** True inside a repeatable block, such as "### Tests for User Story 1" in "## Phase 3: User Story 1". */
	readonly inBlock: boolean;
	readonly heading: HeadingFact;
	readonly end: number;
}

export function sectionSpans(headings: readonly HeadingFact[], textLength: number): SectionSpan[] {
	const spans: SectionSpan[] = [];
	// Open sections and blocks, innermost last: a block closes the sections at its depth and below.
	const open: ({ kind: 'section'; section: SectionSpan['section'] } | { kind: 'block'; depth: number })[] = [];
	const depthOf = (entry: (typeof open)[number]) => (entry.kind === 'block' ? entry.depth : entry.section.depth);
	const ends = headingEnds(headings, textLength);
	headings.forEach((heading, index) => {
		if (heading.depth < 2) {
			return;
		}
		while (open.length > 0 && depthOf(open[open.length - 1]) >= heading.depth) {
			open.pop();
		}
		const shape = readHeading(heading.text);
		if (shape.kind === 'block') {
			open.push({ kind: 'block', depth: heading.depth });
			return;
		}
		const parent = [...open].reverse().find(entry => entry.kind === 'section');
		const parentSection = parent?.kind === 'section' ? parent.section : undefined;
		const number = shape.kind === 'numbered' ? shape.number : undefined;
		const id = number ?? `${parentSection?.id ?? ''}/${normalizeTitle(shape.title)}`;
		const section = {
			id,
			depth: heading.depth,
			number,
			title: shape.title,
			key: sectionKey(shape.title),
			heading: heading.text,
			parentId: parentSection?.id,
		};
		const inBlock = open.some(entry => entry.kind === 'block');
		open.push({ kind: 'section', section });
		spans.push({ section, inBlock, heading, end: ends[index] });
	});
	return spans;
}

/** Where each heading's section ends: at the next heading of its depth or less (one pass, with a stack). */
export function headingEnds(headings: readonly HeadingFact[], textLength: number): number[] {
	const ends = headings.map(() => textLength);
	const open: number[] = [];
	headings.forEach((heading, index) => {
		while (open.length > 0 && headings[open[open.length - 1]].depth >= heading.depth) {
			ends[open.pop()!] = heading.start;
		}
		open.push(index);
	});
	return ends;
}

const parentsOf = new WeakMap<readonly SectionSpan[], number[]>();

/**
 * The innermost section around an offset. Spans nest and come in document order, so it is the last
 * span starting at or before the offset, or the nearest of its ancestors that still holds it: a
 * binary search and a short walk up, not a scan of every section.
 */
export function innermostSection(spans: readonly SectionSpan[], offset: number): SectionSpan | undefined {
	let parents = parentsOf.get(spans);
	if (!parents) {
		parents = [];
		const open: number[] = [];
		spans.forEach((span, index) => {
			while (open.length > 0 && spans[open[open.length - 1]].end <= span.heading.start) {
				open.pop();
			}
			parents!.push(open[open.length - 1] ?? -1);
			open.push(index);
		});
		parentsOf.set(spans, parents);
	}
	let at = partitionPoint(spans.length, index => spans[index].heading.start <= offset) - 1;
	while (at >= 0 && offset >= spans[at].end) {
		at = parents[at];
	}
	return at >= 0 ? spans[at] : undefined;
}

export function blockInstances(text: string, facts: MarkdownFacts, spans: readonly SectionSpan[]): BlockInstance[] {
	const instances: BlockInstance[] = [];
	const ends = headingEnds(facts.headings, text.length);
	facts.headings.forEach((heading, index) => {
		const shape = readHeading(heading.text);
		if (heading.depth < 2 || shape.kind !== 'block') {
			return;
		}
		const span = innermostSection(spans, heading.start);
		instances.push({
			label: shape.label,
			index: shape.index,
			style: 'heading',
			depth: heading.depth,
			sectionId: span?.section.id,
			start: heading.start,
			lineEnd: heading.end,
			end: ends[index],
		});
	});
	const numberedLeads = facts.boldLeads.filter(lead => readBoldBlock(lead.boldText));
	// A bold block ends at the next bold block, heading or rule, whichever comes first.
	const limits = [
		...numberedLeads.map(other => other.start),
		...facts.headings.map(heading => heading.start),
		...facts.thematicBreaks,
		text.length,
	].sort((a, b) => a - b);
	for (const lead of numberedLeads) {
		const block = readBoldBlock(lead.boldText)!;
		const span = innermostSection(spans, lead.start);
		const end = limits[partitionPoint(limits.length, index => limits[index] <= lead.start)] ?? text.length;
		instances.push({
			label: block.label,
			index: block.index,
			style: 'bold',
			depth: span?.heading.depth ?? 1,
			sectionId: span?.section.id,
			start: lead.start,
			lineEnd: lead.lineEnd,
			end,
		});
	}
	return instances.sort((a, b) => a.start - b.start);
}

export function firstIndex(instances: readonly BlockInstance[], instance: BlockInstance): number {
	return Math.min(...instances.filter(other => sameBlock(other, instance)).map(other => other.index));
}

export function sameBlock(a: BlockInstance, b: BlockInstance): boolean {
	return a.label === b.label && a.style === b.style && a.sectionId === b.sectionId;
}

/** The marker text when an instance's whole body is one bracket, as in "#### Research Task 2" + "[Repeat structure]". */
export function markerOf(text: string, instance: BlockInstance): string | undefined {
	const body = trimBlock(text.slice(instance.lineEnd, instance.end));
	return /^\[([^[\]\r\n]+)\]$/.exec(body)?.[1];
}

export function distinctBlocks(text: string, instances: readonly BlockInstance[], lines: LineIndex): TemplateBlock[] {
	const blocks: TemplateBlock[] = [];
	for (const instance of instances) {
		if (
			blocks.some(
				block =>
					block.label === instance.label && block.style === instance.style && block.sectionId === instance.sectionId,
			)
		) {
			continue;
		}
		const firstLine = text.slice(instance.start, instance.lineEnd);
		const numberAt = new RegExp(`${escapeRegExp(instance.label)}[ \\t]+(${instance.index})(?!\\d)`).exec(firstLine);
		const split = numberAt ? numberAt.index + numberAt[0].length - numberAt[1].length : firstLine.length;
		blocks.push({
			label: instance.label,
			style: instance.style,
			depth: instance.depth,
			sectionId: instance.sectionId,
			lineBeforeNumber: firstLine.slice(0, split),
			lineAfterNumber: firstLine.slice(split + String(instance.index).length),
			body: trimBlock(text.slice(instance.lineEnd, instance.end)),
			firstNumber: instance.index,
			line: lines.positionAt(instance.start).line,
		});
	}
	return blocks;
}
