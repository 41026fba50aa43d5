import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { countWithin } from '../model/nodeQueries';
import type { OutlineNode, PlanDocument } from '../model/planDocument';
import type { SymbolsSetting } from '../config';
import { keep } from '../messageJson';
import { formatProgress } from '../protocol';
import { aboveChildrenOf, KeptAnswers, nothingAbove, type Above, type AnswerContext } from './keptAnswers';
import { progressOf, type ProgressOptions } from './progress';

/**
 * The outline: sections, repeatable blocks and the title, nested as in the template. With
 * `blocks`, only the blocks that are not headings, in document order: an editor that lists every
 * markdown heading already (VS Code does) then shows nothing twice. Files that are not plans get
 * none: their outline is the markdown server's to give.
 */
export function documentSymbols(
	document: PlanDocument,
	options: ProgressOptions,
	listed: Exclude<SymbolsSetting, 'auto'> = 'all',
): DocumentSymbol[] {
	if (!document.isPlan) {
		return [];
	}
	const context = keptSymbols.contextOf(document, [options]);
	switch (listed) {
		case 'all':
			return document.outline.map(node => toSymbol(document, node, options, context, nothingAbove));
		case 'blocks':
			return blockSymbols(document, options, context);
		case 'none':
			return [];
	}
}

/** A block led by bold text ("**Gate 1**: …") rather than by a heading: no markdown outline lists it. */
export function isNotHeading(node: OutlineNode): boolean {
	return node.kind === 'block' && node.templateBlock?.style === 'bold';
}

/** Symbols of the nodes a keystroke left alone, handed out again (`keptAnswers.ts`). */
const keptSymbols = new KeptAnswers<DocumentSymbol>();

/** A symbol without an empty detail or an empty list of children: a long plan's outline is thousands of them. */
function toSymbol(
	document: PlanDocument,
	node: OutlineNode,
	options: ProgressOptions,
	context: AnswerContext,
	above: Above,
): DocumentSymbol {
	const kept = keptSymbols.get(node, context, above);
	if (kept) {
		return kept;
	}
	const symbol: DocumentSymbol = {
		name: node.name || '(untitled)',
		kind: symbolKindOf(node),
		range: node.range,
		selectionRange: node.selectionRange,
	};
	const detail = detailOf(document, node, options);
	if (detail !== '') {
		symbol.detail = detail;
	}
	if (node.children.length > 0) {
		const below = aboveChildrenOf(node, above);
		symbol.children = node.children.map(child => toSymbol(document, child, options, context, below));
	}
	// The title's symbol is the whole outline and new on every version: kept, its bytes would be made twice per message.
	return node.kind === 'title' ? symbol : keptSymbols.set(node, context, above, keep(symbol));
}

/** The symbols of the blocks that are not headings, in document order. */
function blockSymbols(document: PlanDocument, options: ProgressOptions, context: AnswerContext): DocumentSymbol[] {
	const found: DocumentSymbol[] = [];
	const walk = (nodes: readonly OutlineNode[], above: Above) => {
		for (const node of nodes) {
			if (isNotHeading(node)) {
				found.push(toSymbol(document, node, options, context, above));
			}
			walk(node.children, aboveChildrenOf(node, above));
		}
	};
	walk(document.outline, nothingAbove);
	return found;
}

/** Kinds a reader can tell apart: the plan, sections, gates, other blocks, plain headings. */
export function symbolKindOf(node: OutlineNode): SymbolKind {
	switch (node.kind) {
		case 'title':
			return SymbolKind.File;
		case 'section':
			return SymbolKind.Module;
		case 'block':
			return node.isGate
				? SymbolKind.Event
				: node.templateBlock?.style === 'bold'
					? SymbolKind.Struct
					: SymbolKind.Class;
		case 'heading':
			return SymbolKind.String;
	}
}

/** "3/5 done" when the node holds tasks, else the number of placeholders left, else nothing. */
function detailOf(document: PlanDocument, node: OutlineNode, options: ProgressOptions): string {
	const progress = progressOf(document, node.kind === 'title' ? undefined : node, options);
	if (progress.total > 0) {
		return formatProgress(progress, 'count');
	}
	if (node.isGate) {
		const choice = document.choices.find(
			candidate => candidate.valueStart >= node.start && candidate.valueEnd <= node.end && candidate.state === 'chosen',
		);
		if (choice) {
			return `${choice.label}: ${choice.value}`;
		}
	}
	const placeholders = countWithin(document.placeholders, node.start, node.end);
	return placeholders === 0 ? '' : placeholders === 1 ? '1 placeholder' : `${placeholders} placeholders`;
}
