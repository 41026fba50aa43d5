import type { Diagnostic } from 'vscode-languageserver-types';

/*
 * The labels of the diagnostics corpus (test/fixtures/corpus/README.md): what a careful reader says
 * planmark must point at in a document, and how planmark's diagnostics score against that.
 */

export type LabelKind = 'leftover' | 'clarification' | 'choice' | 'gate' | 'missing' | 'structure' | 'task-id' | 'link';

export interface Label {
	/** Zero-based line, or undefined for a missing section (`*`). */
	readonly line?: number;
	readonly kind: LabelKind;
	readonly excerpt: string;
}

export interface Labels {
	readonly labels: readonly Label[];
	readonly tasks?: { readonly done: number; readonly total: number };
}

const kinds: readonly LabelKind[] = [
	'leftover',
	'clarification',
	'choice',
	'gate',
	'missing',
	'structure',
	'task-id',
	'link',
];

/** Which label kind each diagnostic code answers. */
const kindOfCode: Record<string, LabelKind> = {
	'plan.placeholder': 'leftover',
	'plan.template-text': 'leftover',
	'plan.repeat-marker': 'leftover',
	'plan.needs-clarification': 'clarification',
	'plan.unresolved-choice': 'choice',
	'plan.invalid-choice': 'choice',
	'plan.gate-failed': 'gate',
	'plan.gate-conditional': 'gate',
	'plan.missing-section': 'missing',
	'plan.section-order': 'structure',
	'plan.section-number': 'structure',
	'plan.duplicate-section': 'structure',
	'plan.empty-section': 'structure',
	'plan.task-id-duplicate': 'task-id',
	'plan.task-id-order': 'task-id',
	'plan.broken-link': 'link',
};

/** Reads a `.labels` file, checking each excerpt against the document so labels cannot drift. */
export function readLabels(source: string, documentLines: readonly string[], where: string): Labels {
	const labels: Label[] = [];
	let tasks: Labels['tasks'];
	source.split(/\r?\n/).forEach((raw, index) => {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) {
			return;
		}
		const taskCount = /^@tasks\s+(\d+)\s*\/\s*(\d+)$/.exec(line);
		if (taskCount) {
			tasks = { done: Number(taskCount[1]), total: Number(taskCount[2]) };
			return;
		}
		const entry = /^(\d+|\*)\s+(\S+)\s*(.*)$/.exec(line);
		if (!entry || !kinds.includes(entry[2] as LabelKind)) {
			throw new Error(`${where}:${index + 1}: cannot read label "${raw}"`);
		}
		const kind = entry[2] as LabelKind;
		const excerpt = entry[3].trim();
		if (entry[1] === '*') {
			labels.push({ kind, excerpt });
			return;
		}
		const lineNumber = Number(entry[1]) - 1;
		const text = documentLines[lineNumber];
		if (text === undefined || (excerpt !== '' && !text.includes(excerpt))) {
			throw new Error(`${where}:${index + 1}: line ${lineNumber + 1} of the document does not hold "${excerpt}"`);
		}
		labels.push({ line: lineNumber, kind, excerpt });
	});
	return { labels, tasks };
}

export interface Score {
	/** Diagnostics on a line labelled with their kind (or naming a labelled missing section). */
	truePositives: number;
	/** Diagnostics nobody asked for, as readable lines. */
	falsePositives: string[];
	/** Labels no diagnostic answered, as readable lines. */
	falseNegatives: string[];
	/** Labels answered. */
	found: number;
	labelled: number;
}

/**
 * Scores one document's diagnostics against its labels. A diagnostic answers the labels of its kind
 * on the lines its range covers (a leftover comment of five lines is labelled on its first).
 */
export function score(
	diagnostics: readonly Diagnostic[],
	labels: readonly Label[],
	documentLines: readonly string[],
	where: string,
): Score {
	const result: Score = { truePositives: 0, falsePositives: [], falseNegatives: [], found: 0, labelled: labels.length };
	const answered = new Set<Label>();
	for (const diagnostic of diagnostics) {
		const kind = kindOfCode[String(diagnostic.code)];
		const { start, end } = diagnostic.range;
		const message = typeof diagnostic.message === 'string' ? diagnostic.message : '';
		const matching = labels.filter(
			label =>
				label.kind === kind &&
				(kind === 'missing'
					? label.line === undefined && message.toLowerCase().includes(label.excerpt.toLowerCase())
					: label.line !== undefined && label.line >= start.line && label.line <= end.line),
		);
		if (matching.length === 0) {
			result.falsePositives.push(
				`${where}:${start.line + 1} ${diagnostic.code} ${message}  |  ${(documentLines[start.line] ?? '').trim().slice(0, 100)}`,
			);
			continue;
		}
		result.truePositives++;
		for (const label of matching) {
			answered.add(label);
		}
	}
	for (const label of labels) {
		if (answered.has(label)) {
			result.found++;
		} else {
			result.falseNegatives.push(
				`${where}:${label.line === undefined ? '*' : label.line + 1} ${label.kind} ${label.excerpt}  |  ${label.line === undefined ? '' : (documentLines[label.line] ?? '').trim().slice(0, 100)}`,
			);
		}
	}
	return result;
}
