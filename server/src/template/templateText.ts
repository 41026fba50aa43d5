import type { LineIndex } from '../markdown/lineIndex';
import type { MarkdownFacts } from '../markdown/facts';
import { firstStartingAfter } from '../markdown/sortedSearch';
import { normalizeTitle } from '../markdown/headingText';
import { standInNumber } from './sectionRequirements';

/** The key of the template's header (between its title and first section) among prompt lines. */
export const preambleId = '#preamble';

/*
 * Template text that is not a bracket placeholder but still has to go before a document is done:
 * guidance comments, option lines of a code block, prompts written as prose, fields whose value is
 * a placeholder and stand-in task IDs such as "TXXX". A document line that repeats one unchanged
 * is a leftover.
 */

export interface TemplateText {
	/** Normalised texts of the template's HTML comments ("<!-- ACTION REQUIRED: … -->"). */
	readonly comments: ReadonlySet<string>;
	/** Normalised lines of code blocks that hold a placeholder or an option tag ("# [REMOVE IF UNUSED] Option 2: …"). */
	readonly codeLines: ReadonlySet<string>;
	/** Per template section id, normalised prompt lines ("**Simplicity**: Is this the simplest design that works?"). */
	readonly promptLines: ReadonlyMap<string, ReadonlySet<string>>;
	/** Normalised labels of fields whose template value is one placeholder ("**Storage**: [if applicable, e.g., …]"). */
	readonly placeholderFields: ReadonlySet<string>;
	/** Task IDs that stand for a number the author picks, such as "TXXX". */
	readonly standInTaskIds: ReadonlySet<string>;
	/** Normalised texts of the template's sample tasks, when a comment calls them samples ("SAMPLE TASKS for illustration"). */
	readonly sampleTasks: ReadonlySet<string>;
	/** Normalised headings with a stand-in number, such as "Phase N: Polish & Cross-Cutting Concerns". */
	readonly standInHeadings: ReadonlySet<string>;
	/** Command variables the template holds, such as spec-kit's "$ARGUMENTS". */
	readonly variables: ReadonlySet<string>;
	/** Normalised inner texts of the template's own example questions ("NEEDS CLARIFICATION: retention period not specified"). */
	readonly exampleQuestions: ReadonlySet<string>;
}

/** Comment text compared by its words: indentation and line breaks do not matter. */
export function normalizeComment(text: string): string {
	return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A line compared by its words, without list markers, quote markers and emphasis. */
export function normalizeLine(line: string): string {
	return normalizeTitle(line.replace(/^[ \t>]*(?:[-*+]|\d{1,9}[.)])?[ \t]+/, '').replace(/[*_`]/g, ''));
}

const placeholderInCode = /\[[^[\]\r\n]*\p{L}[^[\]\r\n]*\]/u;
/** Words that open a prompt to the author, not content the author keeps. */
const promptVerb =
	/^(?:describe|explain|justify|list|summari[sz]e|replace|fill in|provide|state|specify|outline|enter|insert|write down|note down|answer|name the|examples? (?:of|for)\b)\b|\b(?:examples?|samples?) (?:below|above)\b/i;

/** Learns the template's text to be replaced. `sectionOf` gives the template section id around an offset. */
export function learnTemplateText(
	facts: MarkdownFacts,
	lines: LineIndex,
	sectionOf: (offset: number) => { id: string; guidance: boolean } | undefined,
): TemplateText {
	const text = lines.text;
	const comments = new Set(
		facts.comments
			.filter(comment => !sectionOf(comment.start)?.guidance)
			.map(comment => normalizeComment(comment.text)),
	);
	const codeLines = new Set<string>();
	const skipped = facts.regions.filter(
		region => region.kind === 'code' || region.kind === 'html' || region.kind === 'table',
	);
	for (const region of facts.regions.filter(
		candidate => candidate.kind === 'code' && !sectionOf(candidate.start)?.guidance,
	)) {
		for (const line of text
			.slice(region.start, region.end)
			.split(/\r\n|\r|\n/)
			.slice(1, -1)) {
			if (placeholderInCode.test(line)) {
				codeLines.add(normalizeComment(line));
				// "The delivered plan must not include Option labels": the label without its tag is still the template's.
				const untagged = line.replace(/\[[A-Z][A-Z ]{2,}\][ \t]*/g, '');
				if (untagged !== line && /\p{L}/u.test(untagged.replace(/^[ \t#/*-]+/, ''))) {
					codeLines.add(normalizeComment(untagged));
				}
			}
		}
	}
	const promptLines = new Map<string, Set<string>>();
	const headingLines = new Set(facts.headings.map(heading => lines.positionAt(heading.start).line));
	const taskLines = new Set(facts.tasks.map(task => lines.positionAt(task.start).line));
	for (let line = 0; line < lines.lineCount; line++) {
		const start = lines.lineStart(line);
		const section = sectionOf(start);
		// Code, HTML and table regions are in document order and never nest: the one that can hold a line starts last before it.
		const region = skipped[firstStartingAfter(skipped, start) - 1];
		if (
			!section ||
			section.guidance ||
			headingLines.has(line) ||
			taskLines.has(line) ||
			(region && start < region.end)
		) {
			continue;
		}
		const lineText = lines.lineText(line);
		if (lineText.includes('[') || !isPrompt(lineText)) {
			continue;
		}
		const set = promptLines.get(section.id) ?? new Set<string>();
		set.add(normalizeLine(lineText));
		promptLines.set(section.id, set);
	}
	const placeholderFields = new Set(
		facts.fields.filter(field => /^\[[^[\]]+\]$/.test(field.value.trim())).map(field => normalizeTitle(field.label)),
	);
	const standInTaskIds = new Set(
		facts.tasks.map(task => /^([A-Z]{1,3}X{2,})\b/.exec(task.text)?.[1]).filter((id): id is string => id !== undefined),
	);
	const exampleQuestions = new Set(
		facts.brackets
			.filter(bracket => /^NEEDS[ \t]+CLARIFICATION[ \t]*:[ \t]*\S/i.test(bracket.inner))
			.map(bracket => normalizeTitle(bracket.inner)),
	);
	const sampleComment = facts.comments.find(comment =>
		/\bsample (?:tasks|items)\b|\bfor illustration\b/i.test(comment.text),
	);
	const sampleTasks = new Set(
		sampleComment
			? facts.tasks.filter(task => task.start > sampleComment.end).map(task => normalizeLine(task.text))
			: [],
	);
	const variables = new Set([...text.matchAll(/\$[A-Z][A-Z_]{2,}\b/g)].map(match => match[0]));
	const standInHeadings = new Set(
		facts.headings
			.filter(heading => heading.depth > 1 && standInNumber.test(heading.text))
			.map(heading => normalizeTitle(heading.text)),
	);
	return {
		comments,
		codeLines,
		promptLines,
		placeholderFields,
		standInTaskIds,
		exampleQuestions,
		sampleTasks,
		variables,
		standInHeadings,
	};
}

/** A question to the author, or a sentence that tells the author what to write. */
function isPrompt(line: string): boolean {
	const plain = line
		.replace(/^[ \t>]*(?:[-*+]|\d{1,9}[.)])?[ \t]*/, '')
		.replace(/[*_]/g, '')
		.trim();
	const afterLabel = plain.replace(/^[\p{L}\p{N}][^:]{0,40}:[ \t]+/u, '');
	// "Fill ONLY if …" says when a section applies; it is kept with the section.
	if (/\bonly (?:if|when)\b/i.test(afterLabel) && !/\b(?:examples?|samples?) (?:below|above)\b/i.test(afterLabel)) {
		return false;
	}
	return /\p{L}[^?]*\?(?:\s|$)/u.test(afterLabel) || promptVerb.test(afterLabel);
}
