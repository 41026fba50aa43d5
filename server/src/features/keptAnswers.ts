import type { Range } from 'vscode-languageserver-types';
import type { OutlineNode, PlanDocument } from '../model/planDocument';
import type { TemplateBlock } from '../template/planTemplate';

/*
 * Answers about a node (its symbol, its lenses) kept from one version of a document to the next.
 * The model hands a node's range objects on to the next version only when the node reads the same
 * and covers the same text, its children alike (`model/outlineReuse.ts`). What is said about such a
 * node can still change through what lies outside its text: the template, the document's link
 * definitions (a bracket naming one is a link, not a placeholder), the settings, and the nearest
 * section and block above it (which govern its fields' choices). With all of those the same, the
 * node's whole subtree is answered as before, without being visited: a keystroke then builds the
 * answers along the edit only. Kept answers are marked with `keep`, so their JSON is kept too (`messageJson.ts`).
 */

/** What a node's answers read beyond its own subtree, other than what lies above it. */
export interface AnswerContext {
	readonly template: PlanDocument['template'];
	readonly labels: ReadonlySet<string>;
	/** The settings and anything else the answers were made with, each compared by identity. */
	readonly made: readonly unknown[];
}

/** The nearest section and block above a node: its fields' choices are governed by them. */
export interface Above {
	readonly sectionId?: string;
	readonly blockLabel?: string;
	readonly block?: TemplateBlock;
}

export const nothingAbove: Above = {};

/** What lies above the children of `node`, which has `above` above it. */
export function aboveChildrenOf(node: OutlineNode, above: Above): Above {
	const section = node.templateSectionId !== undefined;
	const block = node.kind === 'block';
	if (!section && !block) {
		return above;
	}
	return {
		sectionId: section ? node.templateSectionId : above.sectionId,
		blockLabel: block ? node.block?.label : above.blockLabel,
		block: block ? node.templateBlock : above.block,
	};
}

interface Kept<T> {
	readonly answer: T;
	readonly context: AnswerContext;
	readonly above: Above;
}

export class KeptAnswers<T> {
	private readonly kept = new WeakMap<Range, Kept<T>>();
	/** The last contexts made, so that a version like the last shares its context object. */
	private contexts: AnswerContext[] = [];

	/** The context of a document's answers made with `made`: the same object as long as nothing in it changed. */
	contextOf(document: PlanDocument, made: readonly unknown[]): AnswerContext {
		const labels = document.parsed.scan.definitionLabels;
		const known = this.contexts.find(
			context =>
				context.template === document.template &&
				context.made.length === made.length &&
				context.made.every((value, index) => value === made[index]) &&
				sameLabels(context.labels, labels),
		);
		if (known) {
			return known;
		}
		const context: AnswerContext = { template: document.template, labels, made };
		this.contexts = [context, ...this.contexts.slice(0, 7)];
		return context;
	}

	/** The answer kept for a node (by its range object), when made in the same context under the same sections. */
	get(node: OutlineNode, context: AnswerContext, above: Above): T | undefined {
		const kept = this.kept.get(node.range);
		return kept?.context === context &&
			kept.above.sectionId === above.sectionId &&
			kept.above.blockLabel === above.blockLabel &&
			kept.above.block === above.block
			? kept.answer
			: undefined;
	}

	/** Keeps a node's answer, but never the title's: its progress is the whole document's, whatever its own text. */
	set(node: OutlineNode, context: AnswerContext, above: Above, answer: T): T {
		if (node.kind !== 'title') {
			this.kept.set(node.range, { answer, context, above });
		}
		return answer;
	}
}

function sameLabels(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
	if (a === b) {
		return true;
	}
	if (a.size !== b.size) {
		return false;
	}
	for (const label of a) {
		if (!b.has(label)) {
			return false;
		}
	}
	return true;
}
