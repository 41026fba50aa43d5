import { normalizeTitle, readChoiceOptions } from '../template/headingText';
import type { PlanTemplate, TemplateChoice } from '../template/planTemplate';
import { parseInChunks, type ParsedMarkdown } from './chunks';
import { LineIndex } from './lineIndex';
import { extractFacts, type FieldFact, type MarkdownFacts } from './markdownFacts';
import { buildOutline } from './outline';
import type { ChoiceState, OutlineNode, PlanChoice, PlanDocument, PlanPlaceholder, PlanProblem, PlanTask } from './planDocument';

export interface PlanSource {
	readonly uri: string;
	readonly version: number;
	readonly text: string;
}

export interface BuildOptions {
	/** Whether the file's name marks it as a plan (the `planmark.planFiles` globs). */
	readonly nameIsPlan: boolean;
	/** The previous model of the same document, whose unchanged parts are reused. */
	readonly previous?: ParsedMarkdown;
}

/** Builds the model of a plan. Never throws on content: problems are returned as data. */
export function buildPlanDocument(source: PlanSource, template: PlanTemplate, options: BuildOptions): PlanDocument {
	const lines = new LineIndex(source.text);
	const parsed = parseInChunks(source.text, options.previous);
	const facts = extractFacts(parsed);
	const outline = buildOutline(facts, template, lines);
	const nodes = flatten(outline);
	const title = nodes.find(node => node.kind === 'title');
	const titleMatches = !!title && !!template.title?.pattern.test(title.name);
	const tasks: PlanTask[] = facts.tasks.map(task => ({
		checked: task.checked,
		start: task.start,
		end: task.end,
		text: task.text,
		boxRange: lines.range(task.boxStart, task.boxEnd),
	}));
	const placeholders: PlanPlaceholder[] = facts.brackets
		.filter(bracket => template.placeholders.matches(bracket.inner))
		.map(bracket => ({ text: `[${bracket.inner}]`, start: bracket.start, end: bracket.end, range: lines.range(bracket.start, bracket.end) }));
	const choices = readChoices(facts, template, nodes, lines);
	return {
		uri: source.uri,
		version: source.version,
		lines,
		isPlan: options.nameIsPlan || titleMatches,
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
		links: facts.links.map(link => ({ target: link.target, range: lines.range(link.targetStart, link.targetEnd) })),
		problems: problems(placeholders, choices, nodes),
		parsed,
	};
}

function flatten(nodes: readonly OutlineNode[]): OutlineNode[] {
	return nodes.flatMap(node => [node, ...flatten(node.children)]);
}

/** The deepest outline node containing `offset`, optionally only among nodes that pass `accept`. */
export function nodeAt(nodes: readonly OutlineNode[], offset: number, accept: (node: OutlineNode) => boolean = () => true): OutlineNode | undefined {
	let found: OutlineNode | undefined;
	for (const node of nodes) {
		if (node.start <= offset && offset <= node.end && accept(node) && (!found || node.depth >= found.depth)) {
			found = node;
		}
	}
	return found;
}

/** The name of the section or block around `offset`, for messages; undefined in the plan header. */
export function sectionNameAt(nodes: readonly OutlineNode[], offset: number): string | undefined {
	return nodeAt(nodes, offset, node => node.kind !== 'title')?.name;
}

function readChoices(facts: MarkdownFacts, template: PlanTemplate, nodes: readonly OutlineNode[], lines: LineIndex): PlanChoice[] {
	const choices: PlanChoice[] = [];
	for (const field of facts.fields) {
		const choice = governingChoice(field, template.choices, nodes);
		if (!choice) {
			continue;
		}
		choices.push({
			label: field.label,
			value: field.value,
			options: choice.options,
			state: choiceState(field.value, choice.options),
			valueRange: lines.range(field.valueStart, field.valueEnd),
			valueStart: field.valueStart,
			valueEnd: field.valueEnd,
		});
	}
	return choices;
}

/** A field is a choice when the template has a choice of that label in the same section or block. */
function governingChoice(field: FieldFact, choices: readonly TemplateChoice[], nodes: readonly OutlineNode[]): TemplateChoice | undefined {
	const label = normalizeTitle(field.label);
	const candidates = choices.filter(choice => normalizeTitle(choice.label) === label);
	if (candidates.length === 0) {
		return undefined;
	}
	const block = nodeAt(nodes, field.lineStart, node => node.kind === 'block');
	const section = nodeAt(nodes, field.lineStart, node => node.templateSectionId !== undefined);
	return (
		candidates.find(choice => choice.blockLabel && block?.block && normalizeTitle(choice.blockLabel) === normalizeTitle(block.block.label)) ??
		candidates.find(choice => !choice.blockLabel && choice.sectionId !== undefined && choice.sectionId === section?.templateSectionId)
	);
}

function choiceState(value: string, options: readonly string[]): ChoiceState {
	const normalized = options.map(option => option.toLowerCase());
	const listed = readChoiceOptions(value);
	if (listed && listed.every(option => normalized.includes(option.toLowerCase()))) {
		return 'unresolved';
	}
	// A chosen value may be followed by a remark: "CONDITIONAL (pending legal review)".
	const text = value.trim().replace(/^[*_]+|[*_]+$/g, '').toLowerCase();
	const chosen = normalized.some(option => text === option || (text.startsWith(option) && /^[^\p{L}\p{N}]/u.test(text.slice(option.length))));
	return chosen ? 'chosen' : 'invalid';
}

function problems(placeholders: readonly PlanPlaceholder[], choices: readonly PlanChoice[], nodes: readonly OutlineNode[]): PlanProblem[] {
	const sectionName = (offset: number) => sectionNameAt(nodes, offset);
	const found: PlanProblem[] = [];
	for (const placeholder of placeholders) {
		found.push({ kind: 'placeholder', range: placeholder.range, placeholder: placeholder.text, section: sectionName(placeholder.start) });
	}
	for (const choice of choices) {
		if (choice.state === 'unresolved') {
			found.push({ kind: 'unresolved-choice', range: choice.valueRange, label: choice.label, options: choice.options, section: sectionName(choice.valueStart) });
		} else if (choice.state === 'invalid' && !/^\[.*\]$/.test(choice.value)) {
			found.push({ kind: 'invalid-choice', range: choice.valueRange, label: choice.label, value: choice.value, options: choice.options, section: sectionName(choice.valueStart) });
		}
	}
	return found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
