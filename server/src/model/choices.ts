import { normalizeTitle, readChoiceOptions } from '../markdown/headingText';
import { blockingValuePattern, passingValuePattern } from '../template/conventions';
import type { PlanTemplate, TemplateChoice } from '../template/planTemplate';
import type { LineIndex } from '../markdown/lineIndex';
import type { MarkdownFacts } from '../markdown/facts';
import { nodeAt } from './nodeQueries';
import type { ChoiceState, OutlineNode, PlanChoice } from './planDocument';

/** Reads the "Label: value" fields that the template makes choices in the section or block they sit in. */
export function readChoices(
	facts: MarkdownFacts,
	template: PlanTemplate,
	nodes: readonly OutlineNode[],
	lines: LineIndex,
): PlanChoice[] {
	const choices: PlanChoice[] = [];
	for (const field of facts.fields) {
		const choice = governingChoice(field.key, field.lineStart, template.choices, nodes);
		if (!choice) {
			continue;
		}
		const state = choice.open
			? /^\[[^[\]]*\]$/.test(field.value.trim())
				? 'unresolved'
				: 'chosen'
			: choiceState(field.value, choice.options);
		const block = nodeAt(nodes, field.lineStart, node => node.kind === 'block');
		const isGateChoice = !!block?.isGate && normalizeTitle(block.templateBlock?.gateChoice ?? '') === field.key;
		choices.push({
			label: field.label,
			value: field.value,
			options: choice.options,
			state,
			gate: isGateChoice && state === 'chosen' ? { name: block.name, outcome: gateOutcome(field.value) } : undefined,
			valueRange: lines.range(field.valueStart, field.valueEnd),
			valueStart: field.valueStart,
			valueEnd: field.valueEnd,
		});
	}
	return choices;
}

/**
 * A field is a choice when the template has a choice of that label (`key`, as `normalizeTitle` gives
 * it) in the same section or block.
 */
export function governingChoice(
	key: string,
	offset: number,
	choices: readonly TemplateChoice[],
	nodes: readonly OutlineNode[],
): TemplateChoice | undefined {
	const candidates = choicesByKey(choices).get(key);
	if (!candidates) {
		return undefined;
	}
	const block = nodeAt(nodes, offset, node => node.kind === 'block');
	const section = nodeAt(nodes, offset, node => node.templateSectionId !== undefined);
	return (
		candidates.find(
			choice =>
				choice.blockLabel && block?.block && normalizeTitle(choice.blockLabel) === normalizeTitle(block.block.label),
		) ??
		candidates.find(
			choice => !choice.blockLabel && choice.sectionId !== undefined && choice.sectionId === section?.templateSectionId,
		) ??
		// The header above the first section ("**Status**: Draft / Ready / Done") has no section.
		candidates.find(choice => !choice.blockLabel && choice.sectionId === undefined && !section)
	);
}

const keyedChoices = new WeakMap<readonly TemplateChoice[], Map<string, TemplateChoice[]>>();

/** A template's choices by label, worked out once per template rather than once per field. */
function choicesByKey(choices: readonly TemplateChoice[]): Map<string, TemplateChoice[]> {
	let byKey = keyedChoices.get(choices);
	if (!byKey) {
		byKey = new Map();
		for (const choice of choices) {
			const key = normalizeTitle(choice.label);
			byKey.set(key, [...(byKey.get(key) ?? []), choice]);
		}
		keyedChoices.set(choices, byKey);
	}
	return byKey;
}

function choiceState(value: string, options: readonly string[]): ChoiceState {
	const normalized = options.map(option => option.toLowerCase());
	const listed = readChoiceOptions(value);
	if (listed?.every(option => normalized.includes(option.toLowerCase()))) {
		return 'unresolved';
	}
	// A chosen value may be followed by a remark: "CONDITIONAL (pending legal review)".
	const text = value
		.trim()
		.replace(/^[*_]+|[*_]+$/g, '')
		.toLowerCase();
	const chosen = normalized.some(
		option => text === option || (text.startsWith(option) && /^[^\p{L}\p{N}]/u.test(text.slice(option.length))),
	);
	return chosen ? 'chosen' : 'invalid';
}

function gateOutcome(value: string): 'passed' | 'failed' | 'conditional' {
	const word = value
		.trim()
		.replace(/^[*_]+/, '')
		.split(/[^\p{L}\p{N}-]/u)[0];
	if (blockingValuePattern.test(word)) {
		return 'failed';
	}
	return passingValuePattern.test(word) ? 'passed' : 'conditional';
}
