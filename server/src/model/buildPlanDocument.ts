import { normalizeTitle } from '../markdown/headingText';
import type { PlanTemplate } from '../template/planTemplate';
import { readChoices } from './choices';
import { parseInChunks, type ParsedMarkdown } from '../markdown/chunks';
import { classifyBrackets, contentProblems } from './contentProblems';
import { gateSectionProblems } from './gateSections';
import { leftoverProblems } from './leftoverProblems';
import type { LineIndex } from '../markdown/lineIndex';
import { extractFacts } from '../markdown/markdownFacts';
import { buildOutline } from './outline';
import type { OutlineNode, PlanDocument, PlanProblem, PlanTask } from './planDocument';
import { structureProblems } from './structureProblems';
import { taskIdProblems } from './taskIdProblems';

export interface PlanSource {
	readonly uri: string;
	readonly version: number;
	readonly text: string;
}

export interface BuildOptions {
	/** Whether the file's name marks it as a plan (the `planmark.planFiles` globs). */
	readonly nameIsPlan: boolean;
	/** Whether the file is a template itself: templates are never plans, whatever their title. */
	readonly isTemplate?: boolean;
	/**
	 * The previous model of the same document, whose unchanged parts are reused: its chunks, how its
	 * headings read (unchanged ones are not matched to the template again) and its outline.
	 */
	readonly previous?: Pick<PlanDocument, 'parsed'> & Partial<Pick<PlanDocument, 'headings' | 'outline' | 'nodes'>>;
	/** Longer documents are only scanned line by line: outline and progress, no content checks. */
	readonly fullAnalysisLimit?: number;
}

/** The default for `planmark.fullAnalysisLimit`: a million characters, about 45,000 lines of plan. */
export const defaultFullAnalysisLimit = 1_000_000;

/** Builds the model of a plan. Never throws on content: problems are returned as data. */
export function buildPlanDocument(source: PlanSource, template: PlanTemplate, options: BuildOptions): PlanDocument {
	const limit = options.fullAnalysisLimit ?? defaultFullAnalysisLimit;
	const tooLarge = source.text.length > limit;
	const previous = options.previous;
	const parsed = parseInChunks(source.text, previous?.parsed, false, tooLarge);
	const lines = parsed.lines;
	const facts = extractFacts(parsed);
	const { outline, memo } = buildOutline(facts, template, lines, {
		memo: previous?.headings,
		outline: previous?.outline,
		nodes: previous?.nodes,
		spans: parsed.unchanged,
	});
	const nodes = flatten(outline);
	const title = nodes.find(node => node.kind === 'title');
	const titleMatches = !!title && !!template.title?.pattern.test(title.name);
	const tasks: PlanTask[] = facts.tasks.map(task => ({
		checked: task.checked,
		start: task.start,
		end: task.end,
		text: task.text,
		boxStart: task.boxStart,
	}));
	const placeholderFields = template.leftovers.placeholderFields;
	const valueStarts = new Set(
		placeholderFields.size === 0
			? []
			: facts.fields.filter(field => placeholderFields.has(field.key)).map(field => field.valueStart),
	);
	const choices = readChoices(facts, template, nodes, lines);
	// A placeholder that lists a choice's options is reported once, as the choice.
	const listed = choices.filter(choice => choice.state === 'unresolved').map(choice => choice.valueStart);
	const placeholders = classifyBrackets(facts.brackets, facts.codeBrackets, template, lines, valueStarts).filter(
		placeholder => !listed.includes(placeholder.start),
	);
	const exampleTasks = facts.tasks.filter(task => template.exampleTasks.has(normalizeTitle(task.text)));
	let problems: PlanProblem[] = [];
	// Dropped once used, so the facts it holds are not kept alive with the document.
	let findProblems: (() => PlanProblem[]) | undefined = (): PlanProblem[] =>
		[
			...degradedProblems(parsed, lines, limit),
			// Above the size limit only the outline and progress are given, so no other problem is reported.
			...(tooLarge
				? []
				: [
						...outsideGuidance(
							[
								...contentProblems(placeholders, exampleTasks, choices, nodes, lines),
								...leftoverProblems(facts, tasks, template, nodes, lines),
							],
							nodes,
							template,
							lines,
						),
						...gateSectionProblems(facts, template, nodes, lines),
						...structureProblems(outline, nodes, template, lines),
						...taskIdProblems(tasks, template, nodes, lines),
					]),
		].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
	return {
		uri: source.uri,
		version: source.version,
		lines,
		isPlan: !options.isTemplate && (options.nameIsPlan || titleMatches),
		template,
		title,
		outline,
		nodes,
		tasks,
		placeholders,
		choices,
		regions: facts.regions.map(region => ({
			kind: region.kind,
			startLine: lines.positionAt(region.start).line,
			endLine: lines.positionAt(Math.max(region.start, region.end - 1)).line,
		})),
		links: facts.links.map(link => ({
			target: link.target,
			range: lines.range(link.targetStart, link.targetEnd),
			extent: lines.range(link.start, link.end),
			viaReference: link.viaReference,
		})),
		// Problems are worked out when first asked for: an outline or lens request after a keystroke needs none.
		get problems() {
			if (findProblems) {
				problems = findProblems();
				findProblems = undefined;
			}
			return problems;
		},
		parsed,
		headings: memo,
	};
}

/**
 * Content problems outside sections the template marks as guidance ("Execution Flow", "Quick
 * Guidelines"): an author who keeps such a section keeps it whole, and its examples are no leftovers.
 */
function outsideGuidance(
	problems: readonly PlanProblem[],
	nodes: readonly OutlineNode[],
	template: PlanTemplate,
	lines: LineIndex,
): PlanProblem[] {
	const guidance = new Set(
		template.sections.filter(section => section.requirement === 'guidance').map(section => section.id),
	);
	const spans = nodes
		.filter(
			node =>
				(node.templateSectionId !== undefined && guidance.has(node.templateSectionId)) || node.templateBlock?.guidance,
		)
		.map(node => [node.start, node.extentEnd] as const);
	if (spans.length === 0) {
		return [...problems];
	}
	return problems.filter(problem => {
		const offset = lines.offsetAt(problem.range.start);
		return !spans.some(([start, end]) => offset >= start && offset < end);
	});
}

function flatten(nodes: readonly OutlineNode[], into: OutlineNode[] = []): OutlineNode[] {
	for (const node of nodes) {
		into.push(node);
		flatten(node.children, into);
	}
	return into;
}

/** One problem per run of chunks that were only scanned, so the author knows what was not checked. */
function degradedProblems(parsed: ParsedMarkdown, lines: LineIndex, limit: number): PlanProblem[] {
	if (parsed.chunks[0]?.degraded === 'too-large') {
		const range = lines.range(0, lines.lineContentEnd(0));
		return [
			{ kind: 'degraded', reason: 'too-large', range, lines: [1, lines.lineCount], size: parsed.text.length, limit },
		];
	}
	const found: PlanProblem[] = [];
	for (const chunk of parsed.chunks.filter(candidate => candidate.degraded === 'pathological')) {
		const first = lines.positionAt(chunk.start).line;
		const last = lines.positionAt(Math.max(chunk.start, chunk.start + chunk.length - 1)).line;
		found.push({
			kind: 'degraded',
			reason: 'pathological',
			range: lines.range(chunk.start, lines.lineContentEnd(first)),
			lines: [first + 1, last + 1],
			size: chunk.length,
			limit,
		});
	}
	return found;
}
