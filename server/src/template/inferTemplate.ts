import { parseInChunks } from '../markdown/chunks';
import { LineIndex } from '../markdown/lineIndex';
import { extractFacts } from '../markdown/markdownFacts';
import type { HeadingFact, MarkdownFacts } from '../markdown/facts';
import * as path from 'node:path';
import {
	normalizeTitle,
	readBoldBlock,
	readBracketOptions,
	readChoiceOptions,
	readHeading,
	sectionKey,
} from '../markdown/headingText';
import { guidanceLead, sectionRequirements, unmarkedRequirementOf } from './sectionRequirements';
import { learnTemplateText, preambleId } from './templateText';
import { blockingValuePattern } from './conventions';
import type {
	PlaceholderMatcher,
	PlanTemplate,
	TemplateBlock,
	TemplateChoice,
	TemplateProblem,
	TemplateSection,
	TemplateTitle,
} from './planTemplate';

interface BlockInstance {
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

interface SectionSpan {
	readonly section: Omit<TemplateSection, 'insertText' | 'ownBody' | 'ruleBefore' | 'line' | 'requirement' | 'marked'>;
	/** True inside a repeatable block, such as "### Tests for User Story 1" in "## Phase 3: User Story 1". */
	readonly inBlock: boolean;
	readonly heading: HeadingFact;
	readonly end: number;
}

/** Learns a template's structure from its markdown. Never throws: problems are part of the result. */
export function inferTemplate(text: string, uri: string): PlanTemplate {
	const facts = extractFacts(parseInChunks(text, undefined, true));
	const lines = new LineIndex(text);
	const problems: TemplateProblem[] = [];
	const spans = sectionSpans(facts.headings, text.length);
	const instances = blockInstances(text, facts, spans);
	const markerInstances = instances.filter(
		instance => markerOf(text, instance) !== undefined && instance.index > firstIndex(instances, instance),
	);
	const repeatMarkers = new Set(markerInstances.map(instance => markerOf(text, instance)!));
	const drafts = spans.map(span => ({
		...span.section,
		insertText: withoutRanges(text, span.heading.start, span.end, markerInstances),
		ownBody: trimBlock(text.slice(span.heading.end, nextHeadingStart(facts.headings, span.heading.end, text.length))),
		line: lines.positionAt(span.heading.start).line,
		ruleBefore: /(?:^|\r\n|\r|\n)[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/.test(
			text.slice(Math.max(0, span.heading.start - 400), span.heading.start).trimEnd(),
		),
	}));
	const { requirements, marked } = sectionRequirements(
		drafts.map((draft, index) => ({ ...draft, inBlock: spans[index].inBlock })),
		unmarkedRequirementOf(path.posix.basename(uri.replace(/[?#].*$/, ''))),
	);
	const sections: TemplateSection[] = drafts.map(draft => ({
		...draft,
		requirement: requirements.get(draft.id) ?? 'required',
		marked: marked.has(draft.id),
	}));
	const firstSection = spans[0]?.heading.start ?? text.length;
	const sectionOf = (offset: number) => {
		const span = innermostSection(spans, offset);
		// The header between the title and the first section is a section of its own for prompts.
		return span
			? { id: span.section.id, guidance: requirements.get(span.section.id) === 'guidance' }
			: offset < firstSection
				? { id: preambleId, guidance: false }
				: undefined;
	};
	const title = inferTitle(text, facts);
	if (!title) {
		problems.push({
			kind: 'no-title',
			line: 0,
			message: 'The template has no "# " title, so documents are recognised by file name only.',
		});
	}
	if (sections.length === 0) {
		problems.push({
			kind: 'no-sections',
			line: 0,
			message:
				'The template has no "## " sections, so it cannot check documents: they fall back to the bundled plan template.',
		});
	}
	for (const line of unbalancedLines(lines, facts)) {
		problems.push({
			kind: 'unbalanced-brackets',
			line,
			message:
				'This line opens and closes a different number of brackets, so a placeholder on it may not be recognised.',
		});
	}
	const choices = inferChoices(facts, spans, instances, lines);
	const markerInners = [
		...new Set([...taskMarkers(facts), ...facts.codeBrackets.map(bracket => bracket.inner).filter(isTag)]),
	];
	const blocks = distinctBlocks(text, instances, lines).map(block => {
		const gate = choices.find(
			choice =>
				choice.blockLabel === block.label &&
				choice.sectionId === block.sectionId &&
				choice.options.some(option => blockingValuePattern.test(option)),
		);
		// A series of blocks one of which describes a command's work ("Phase 0", "Phase 1", "Phase 2: … describes what /tasks will do") is guidance as a whole.
		const guidance = instances.some(
			instance =>
				instance.label === block.label &&
				instance.style === block.style &&
				instance.sectionId === block.sectionId &&
				guidanceLead.test(text.slice(instance.lineEnd, Math.min(instance.end, instance.lineEnd + 300))),
		);
		return { ...block, ...(gate ? { gateChoice: gate.label } : {}), ...(guidance ? { guidance } : {}) };
	});
	return {
		uri,
		text,
		title,
		sections,
		blocks,
		choices,
		repeatMarkers,
		skeleton: withoutRanges(text, 0, text.length, markerInstances),
		placeholders: placeholderMatcher(
			facts.brackets.map(bracket => bracket.inner).filter(inner => !markerInners.includes(inner)),
		),
		codePlaceholders: placeholderMatcher(
			facts.codeBrackets.map(bracket => bracket.inner).filter(inner => !isTag(inner) && /\p{L}/u.test(inner)),
		),
		leftovers: learnTemplateText(facts, lines, sectionOf),
		aliases: new Map(),
		markers: placeholderMatcher(markerInners),
		storyPattern: storyPatternOf(markerInners),
		taskIdPrefix: taskIdPrefixOf(facts),
		instructions: new Set(
			facts.blocks
				.map(block => /^\[([^[\]\r\n]+)\]$/.exec(text.slice(block.start, block.end).trim())?.[1])
				.filter((inner): inner is string => inner !== undefined && !repeatMarkers.has(inner))
				.map(normalizeTitle),
		),
		exampleTasks: new Set(
			facts.tasks.filter(task => /^[\p{L} ]+ \d+$/u.test(task.text)).map(task => normalizeTitle(task.text)),
		),
		problems,
	};
}

function sectionSpans(headings: readonly HeadingFact[], textLength: number): SectionSpan[] {
	const spans: SectionSpan[] = [];
	// Open sections and blocks, innermost last: a block closes the sections at its depth and below.
	const open: ({ kind: 'section'; section: SectionSpan['section'] } | { kind: 'block'; depth: number })[] = [];
	const depthOf = (entry: (typeof open)[number]) => (entry.kind === 'block' ? entry.depth : entry.section.depth);
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
		const next = headings.slice(index + 1).find(candidate => candidate.depth <= heading.depth);
		spans.push({ section, inBlock, heading, end: next?.start ?? textLength });
	});
	return spans;
}

function innermostSection(spans: readonly SectionSpan[], offset: number): SectionSpan | undefined {
	let found: SectionSpan | undefined;
	for (const span of spans) {
		if (span.heading.start <= offset && offset < span.end && (!found || span.heading.depth > found.heading.depth)) {
			found = span;
		}
	}
	return found;
}

function blockInstances(text: string, facts: MarkdownFacts, spans: readonly SectionSpan[]): BlockInstance[] {
	const instances: BlockInstance[] = [];
	facts.headings.forEach((heading, index) => {
		const shape = readHeading(heading.text);
		if (heading.depth < 2 || shape.kind !== 'block') {
			return;
		}
		const next = facts.headings.slice(index + 1).find(candidate => candidate.depth <= heading.depth);
		const span = innermostSection(spans, heading.start);
		instances.push({
			label: shape.label,
			index: shape.index,
			style: 'heading',
			depth: heading.depth,
			sectionId: span?.section.id,
			start: heading.start,
			lineEnd: heading.end,
			end: next?.start ?? text.length,
		});
	});
	const numberedLeads = facts.boldLeads.filter(lead => readBoldBlock(lead.boldText));
	for (const lead of numberedLeads) {
		const block = readBoldBlock(lead.boldText)!;
		const span = innermostSection(spans, lead.start);
		const limits = [
			...numberedLeads.map(other => other.start),
			...facts.headings.map(heading => heading.start),
			...facts.thematicBreaks,
			text.length,
		].filter(offset => offset > lead.start);
		instances.push({
			label: block.label,
			index: block.index,
			style: 'bold',
			depth: span?.heading.depth ?? 1,
			sectionId: span?.section.id,
			start: lead.start,
			lineEnd: lead.lineEnd,
			end: Math.min(...limits),
		});
	}
	return instances.sort((a, b) => a.start - b.start);
}

function firstIndex(instances: readonly BlockInstance[], instance: BlockInstance): number {
	return Math.min(...instances.filter(other => sameBlock(other, instance)).map(other => other.index));
}

function sameBlock(a: BlockInstance, b: BlockInstance): boolean {
	return a.label === b.label && a.style === b.style && a.sectionId === b.sectionId;
}

/** The marker text when an instance's whole body is one bracket, as in "#### Research Task 2" + "[Repeat structure]". */
function markerOf(text: string, instance: BlockInstance): string | undefined {
	const body = trimBlock(text.slice(instance.lineEnd, instance.end));
	return /^\[([^[\]\r\n]+)\]$/.exec(body)?.[1];
}

function distinctBlocks(text: string, instances: readonly BlockInstance[], lines: LineIndex): TemplateBlock[] {
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

function inferChoices(
	facts: MarkdownFacts,
	spans: readonly SectionSpan[],
	instances: readonly BlockInstance[],
	lines: LineIndex,
): TemplateChoice[] {
	const choices: TemplateChoice[] = [];
	for (const field of facts.fields) {
		const bracketOptions = readBracketOptions(field.value);
		const options = readChoiceOptions(field.value) ?? bracketOptions;
		if (!options) {
			continue;
		}
		const sectionId = innermostSection(spans, field.lineStart)?.section.id;
		const blockLabel = instances
			.filter(instance => instance.start <= field.lineStart && field.lineStart < instance.end)
			.pop()?.label;
		const exists = choices.some(
			choice => choice.label === field.label && choice.sectionId === sectionId && choice.blockLabel === blockLabel,
		);
		if (!exists) {
			choices.push({
				label: field.label,
				options,
				sectionId,
				blockLabel,
				open: bracketOptions !== undefined || undefined,
				line: lines.positionAt(field.lineStart).line,
			});
		}
	}
	return choices;
}

function inferTitle(text: string, facts: MarkdownFacts): TemplateTitle | undefined {
	const heading = facts.headings.find(candidate => candidate.depth === 1);
	if (!heading) {
		return undefined;
	}
	const parts = heading.text.split(/\[[^[\]]*\]/);
	const source = parts.map(part => escapeRegExp(part.trim()).replace(/\s+/g, '\\s+')).join('\\s*(.+?)\\s*');
	const firstSection = facts.headings.find(candidate => candidate.depth >= 2 && candidate.start > heading.start);
	return {
		text: heading.text,
		pattern: new RegExp(`^\\s*${source}\\s*$`, 'i'),
		preamble: trimBlock(text.slice(heading.end, firstSection?.start ?? text.length)),
	};
}

/**
 * Matches a bracket against the template's placeholders: the same text; the same text with other
 * numbers ("[Service 2]" for "[Service 1]"); an "e.g., …" example where the template gives
 * examples; or a long placeholder reworded in a later template version, most of its words the same.
 */
function placeholderMatcher(inners: readonly string[]): PlaceholderMatcher {
	const exact = new Set(inners.map(inner => normalizeTitle(inner)));
	const numbered = new Set(
		inners.filter(inner => /\d/.test(inner)).map(inner => normalizeTitle(inner).replace(/\d+/g, '#')),
	);
	const givesExamples = inners.some(inner => examplePattern.test(inner));
	const long = [...exact].map(wordsOf).filter(words => words.size >= 4);
	return {
		matches(inner: string): boolean {
			const normalized = normalizeTitle(inner);
			if (exact.has(normalized) || (/\d/.test(normalized) && numbered.has(normalized.replace(/\d+/g, '#')))) {
				return true;
			}
			if (givesExamples && examplePattern.test(inner)) {
				return true;
			}
			const words = wordsOf(normalized);
			return words.size >= 4 && long.some(candidate => overlap(words, candidate) >= 0.6);
		},
	};
}

const examplePattern = /^\s*(?:e\.\s?g\.|for example\b)/i;

function wordsOf(text: string): Set<string> {
	return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Shared words over all words of both (Jaccard). */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	let shared = 0;
	for (const word of a) {
		shared += b.has(word) ? 1 : 0;
	}
	return shared / (a.size + b.size - shared);
}

/** Short uppercase tags inside task items ("[P]", "[P?]", "[US1]"): markers, not placeholders. */
function taskMarkers(facts: MarkdownFacts): string[] {
	const inTask = (offset: number) => facts.tasks.some(task => offset >= task.start && offset < task.end);
	return [
		...new Set(
			facts.brackets
				.filter(bracket => /^[A-Z][A-Z0-9]{0,5}\??$/.test(bracket.inner) && inTask(bracket.start))
				.map(bracket => bracket.inner),
		),
	];
}

/** A short tag such as "[P]", "[P?]", "[US1]" or spec-kit's "`[ID] [P?] [Story] Description`" format: content, not a placeholder. */
function isTag(inner: string): boolean {
	return /^[A-Z][A-Za-z0-9]{0,9}\??$/.test(inner);
}

/** A pattern for numbered markers such as "[US1]", capturing the group's name ("US1"). */
function storyPatternOf(markers: readonly string[]): RegExp | undefined {
	const prefixes = [
		...new Set(
			markers
				.map(marker => /^([A-Z]+)\d+$/.exec(marker)?.[1])
				.filter((prefix): prefix is string => prefix !== undefined),
		),
	];
	return prefixes.length > 0 ? new RegExp(`\\[((?:${prefixes.join('|')})\\d+)\\]`) : undefined;
}

/** "T" when the template's tasks start with IDs such as "T001" (most of them, at least three). */
function taskIdPrefixOf(facts: MarkdownFacts): string | undefined {
	const prefixes = facts.tasks
		.map(task => /^([A-Z]{1,3})\d{2,}\b/.exec(task.text)?.[1])
		.filter((prefix): prefix is string => prefix !== undefined);
	const [first] = prefixes;
	return prefixes.length >= 3 && prefixes.every(prefix => prefix === first) ? first : undefined;
}

/** Lines outside code whose unescaped `[` and `]` do not pair up. */
function unbalancedLines(lines: LineIndex, facts: MarkdownFacts): number[] {
	const code = facts.regions.filter(region => region.kind === 'code' || region.kind === 'html');
	const found: number[] = [];
	for (let line = 0; line < lines.lineCount && found.length < 100; line++) {
		const offset = lines.lineStart(line);
		const inCode = code.some(region => offset >= region.start && offset < region.end);
		const unescaped = lines
			.lineText(line)
			.replace(/\\./g, '')
			.replace(/`[^`]*`/g, '');
		if (!inCode && (unescaped.match(/\[/g)?.length ?? 0) !== (unescaped.match(/\]/g)?.length ?? 0)) {
			found.push(line);
		}
	}
	return found;
}

function nextHeadingStart(headings: readonly HeadingFact[], offset: number, fallback: number): number {
	return headings.find(heading => heading.start >= offset)?.start ?? fallback;
}

/** Text of [start, end) with the given ranges cut out, trimmed as a block. */
function withoutRanges(
	text: string,
	start: number,
	end: number,
	cuts: readonly { start: number; end: number }[],
): string {
	let result = '';
	let at = start;
	for (const cut of cuts.filter(cut => cut.start >= start && cut.end <= end).sort((a, b) => a.start - b.start)) {
		result += text.slice(at, cut.start);
		at = cut.end;
	}
	return trimBlock(result + text.slice(at, end));
}

/** Drops leading line breaks, trailing blank lines and a trailing `---` separator. */
export function trimBlock(block: string): string {
	return block
		.replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, '')
		.trimEnd()
		.replace(/(?:\r\n|\r|\n)[ \t]*(?:\*{3,}|-{3,}|_{3,})[ \t]*$/, '')
		.trimEnd();
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
