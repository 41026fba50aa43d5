import type { OutlineNode, PlanDocument } from '../model/planDocument';
import { normalizeTitle } from '../markdown/headingText';
import type { TemplateBlock } from '../template/planTemplate';
import { sectionIndex } from '../template/sectionIndex';

/** A completion before it is placed: what it inserts, as template markdown. */
export interface Draft {
	readonly label: string;
	readonly detail: string;
	readonly sortText: string;
	readonly markdown: string;
}

/**
 * Where a section can start: the next repeatable block of the enclosing sections first, numbered
 * after the last one present, then the template's sections the plan is still missing, in template
 * order, those belonging to the section the cursor is in before the others.
 */
export function sectionDrafts(document: PlanDocument, offset: number, typed: string): Draft[] {
	const chain = enclosingChain(document, offset);
	const bold = typed.trimStart().startsWith('*');
	return [...nextBlockDrafts(document, chain, typed), ...(bold ? [] : missingSectionDrafts(document, chain))];
}

/** The headings around `offset`, outermost first: where text typed there would belong. */
function enclosingChain(document: PlanDocument, offset: number): OutlineNode[] {
	const chain: OutlineNode[] = [];
	for (const node of document.nodes) {
		if (node.start >= offset) {
			break;
		}
		if (node.templateBlock?.style === 'bold') {
			continue;
		}
		while (chain.length > 0 && chain[chain.length - 1].depth >= node.depth) {
			chain.pop();
		}
		chain.push(node);
	}
	return chain;
}

function nextBlockDrafts(document: PlanDocument, chain: readonly OutlineNode[], typed: string): Draft[] {
	const template = document.template;
	const sections = chain.filter(node => node.templateSectionId !== undefined).reverse();
	const drafts: Draft[] = [];
	sections.forEach((section, distance) => {
		for (const block of template.blocks.filter(candidate => candidate.sectionId === section.templateSectionId)) {
			if (typed.trim() !== '' && typed.trimStart().startsWith('*') !== (block.style === 'bold')) {
				continue;
			}
			const existing = blocksIn(document, section, block).map(node => node.block!.index);
			const next = existing.length > 0 ? Math.max(...existing) + 1 : block.firstNumber;
			const markdown = `${block.lineBeforeNumber}${next}${block.lineAfterNumber}${block.body ? `\n${block.body}` : ''}`;
			drafts.push({
				label: `${block.label} ${next}`,
				detail: `Next ${block.label.toLowerCase()} in ${section.name}`,
				markdown,
				sortText: `0-${distance}`,
			});
		}
	});
	return drafts;
}

function blocksIn(document: PlanDocument, section: OutlineNode, block: TemplateBlock): OutlineNode[] {
	return document.nodes.filter(
		node =>
			node.kind === 'block' &&
			node.block !== undefined &&
			node.templateBlock?.style === block.style &&
			normalizeTitle(node.block.label) === normalizeTitle(block.label) &&
			node.start >= section.start &&
			node.start <= section.extentEnd,
	);
}

function missingSectionDrafts(document: PlanDocument, chain: readonly OutlineNode[]): Draft[] {
	// A heading matched only by position may be the one being typed: its section is still offered.
	const present = new Set(
		document.nodes.filter(node => node.templateMatch !== 'position').map(node => node.templateSectionId),
	);
	const inChain = new Set(chain.map(node => node.templateSectionId));
	const index = sectionIndex(document.template);
	return document.template.sections
		.filter(
			section =>
				!present.has(section.id) &&
				(section.parentId === undefined || !index.byId.has(section.parentId) || present.has(section.parentId)),
		)
		.map(section => {
			const nearby = section.parentId !== undefined && inChain.has(section.parentId);
			const order = String(index.order.get(section.id) ?? 0).padStart(6, '0');
			const parent = section.parentId === undefined ? undefined : index.byId.get(section.parentId);
			return {
				label: `${'#'.repeat(section.depth)} ${section.heading}`,
				detail: parent ? `Missing section of ${parent.heading}` : 'Missing section',
				markdown: section.insertText,
				sortText: `${nearby ? 1 : 2}-${order}`,
			};
		});
}
