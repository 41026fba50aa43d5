import { parseInChunks } from '../markdown/chunks';
import { LineIndex } from '../markdown/lineIndex';
import { extractFacts } from '../markdown/markdownFacts';
import type { HeadingFact, MarkdownFacts } from '../markdown/facts';
import * as path from 'node:path';
import { normalizeTitle, readBracketOptions, readChoiceOptions } from '../markdown/headingText';
import { guidanceLead, sectionRequirements, unmarkedRequirementOf } from './sectionRequirements';
import { learnTemplateText, preambleId } from './templateText';
import { blockingValuePattern } from './conventions';
import { firstStartingAfter, firstStartingAtOrAfter } from '../markdown/sortedSearch';
import { escapeRegExp, trimBlock } from './blockText';
import { placeholderMatcher } from './placeholderMatcher';
import { isTag, storyPatternOf, taskIdPrefixOf, taskMarkers } from './taskMarkers';
import {
	blockInstances,
	distinctBlocks,
	firstIndex,
	innermostSection,
	markerOf,
	sectionSpans,
	type BlockInstance,
	type SectionSpan,
} from './templateBlocks';
import type { PlanTemplate, TemplateChoice, TemplateProblem, TemplateSection, TemplateTitle } from './planTemplate';

/**
 * The most characters planmark reads as a template: real ones are a few thousand (spec-kit's plan
 * template has about 4,000), and reading is linear, but a stray file of megabytes must not cost
 * seconds and gigabytes on every start.
 */
export const maximumTemplateCharacters = 512_000;

/** Learns a template's structure from its markdown. Never throws: problems are part of the result. */
export function inferTemplate(text: string, uri: string): PlanTemplate {
	if (text.length > maximumTemplateCharacters) {
		const message = `This template has ${text.length.toLocaleString('en-US')} characters, more than planmark reads in a template (${maximumTemplateCharacters.toLocaleString('en-US')}), so it cannot govern documents.`;
		return { ...inferTemplate('', uri), problems: [{ kind: 'too-large', message, line: 0 }] };
	}
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

function inferChoices(
	facts: MarkdownFacts,
	spans: readonly SectionSpan[],
	instances: readonly BlockInstance[],
	lines: LineIndex,
): TemplateChoice[] {
	const choices: TemplateChoice[] = [];
	const seen = new Set<string>();
	for (const field of facts.fields) {
		const bracketOptions = readBracketOptions(field.value);
		const options = readChoiceOptions(field.value) ?? bracketOptions;
		if (!options) {
			continue;
		}
		const sectionId = innermostSection(spans, field.lineStart)?.section.id;
		const blockLabel = innermostInstance(instances, field.lineStart)?.label;
		const key = JSON.stringify([field.label, sectionId, blockLabel]);
		if (!seen.has(key)) {
			seen.add(key);
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
	return headings[firstStartingAtOrAfter(headings, offset)]?.start ?? fallback;
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

const containersOf = new WeakMap<readonly BlockInstance[], number[]>();

/**
 * The block instance holding an offset that starts last (a bold block inside a heading block wins).
 * Instances come in document order: start from the last one starting at or before the offset and
 * follow, while it has ended, the pointer to the last instance holding its start; each pointer is
 * found once, with a stack.
 */
function innermostInstance(instances: readonly BlockInstance[], offset: number): BlockInstance | undefined {
	let containers = containersOf.get(instances);
	if (!containers) {
		containers = [];
		const open: number[] = [];
		instances.forEach((instance, index) => {
			while (open.length > 0 && instances[open[open.length - 1]].end <= instance.start) {
				open.pop();
			}
			containers!.push(open[open.length - 1] ?? -1);
			open.push(index);
		});
		containersOf.set(instances, containers);
	}
	let at = firstStartingAfter(instances, offset) - 1;
	while (at >= 0 && offset >= instances[at].end) {
		at = containers[at];
	}
	return at >= 0 ? instances[at] : undefined;
}
