import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { OutlineNode, PlanDocument } from '../model/planDocument';
import { normalizeTitle } from '../template/headingText';
import type { TemplateBlock, TemplateSection } from '../template/planTemplate';
import { toSnippet, withLineEndings } from './snippetText';

/**
 * Section snippets from the template, offered where a section can start: on an empty line or a
 * line that so far holds a heading marker ("### 7") or a bold marker ("**Ri"). The next
 * repeatable block of the enclosing section comes first, numbered after the last one present,
 * then the template's sections that the plan is still missing, in template order.
 */
export function completions(document: PlanDocument, position: Position): CompletionItem[] {
	if (!document.isPlan) {
		return [];
	}
	const lineStart = document.lines.lineStart(position.line);
	const offset = document.lines.offsetAt(position);
	const typed = document.lines.text.slice(lineStart, offset);
	if (!/^ {0,3}(?:#{1,6}(?:[ \t].*)?|\*{1,2}[^*]*)?$/.test(typed)) {
		return [];
	}
	const replace = { start: document.lines.positionAt(lineStart), end: position };
	const chain = enclosingChain(document, offset);
	const bold = typed.trimStart().startsWith('*');
	const drafts = [...nextBlockItems(document, chain, typed), ...(bold ? [] : missingSectionItems(document, chain))];
	return drafts.map(draft => ({
		label: draft.label,
		kind: CompletionItemKind.Snippet,
		detail: draft.detail,
		sortText: draft.sortText,
		filterText: draft.markdown.split(/\r\n|\r|\n/, 1)[0],
		documentation: { kind: MarkupKind.Markdown, value: ['```markdown', withLineEndings(draft.markdown, '\n'), '```'].join('\n') },
		insertTextFormat: InsertTextFormat.Snippet,
		textEdit: { range: replace, newText: toSnippet(draft.markdown, document.template, document.lines.eol) },
	}));
}

/** A completion before it is placed: what it inserts, as template markdown. */
interface Draft {
	readonly label: string;
	readonly detail: string;
	readonly sortText: string;
	readonly markdown: string;
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

function nextBlockItems(document: PlanDocument, chain: readonly OutlineNode[], typed: string): Draft[] {
	const template = document.template;
	const sectionIds = chain.map(node => node.templateSectionId).filter((id): id is string => id !== undefined).reverse();
	const drafts: Draft[] = [];
	sectionIds.forEach((sectionId, distance) => {
		const section = chain.find(node => node.templateSectionId === sectionId)!;
		for (const block of template.blocks.filter(candidate => candidate.sectionId === sectionId)) {
			if (typed.trimStart().startsWith('*') !== (block.style === 'bold') && typed.trim() !== '') {
				continue;
			}
			const existing = blocksIn(document, section, block).map(node => node.block!.index);
			const next = existing.length > 0 ? Math.max(...existing) + 1 : block.firstNumber;
			const body = block.body && !template.repeatMarkers.has(block.body.replace(/^\[|\]$/g, '')) ? `\n${block.body}` : '';
			const markdown = `${block.lineBeforeNumber}${next}${block.lineAfterNumber}${body}`;
			drafts.push({ label: `${block.label} ${next}`, detail: `Next ${block.label.toLowerCase()} in ${section.name}`, markdown, sortText: `0-${distance}` });
		}
	});
	return drafts;
}

function blocksIn(document: PlanDocument, section: OutlineNode, block: TemplateBlock): OutlineNode[] {
	return document.nodes.filter(node => node.kind === 'block' && node.block !== undefined && node.templateBlock?.style === block.style && normalizeTitle(node.block.label) === normalizeTitle(block.label) && node.start >= section.start && node.start <= section.end);
}

function missingSectionItems(document: PlanDocument, chain: readonly OutlineNode[]): Draft[] {
	const present = new Set(document.nodes.map(node => node.templateSectionId));
	const inChain = new Set(chain.map(node => node.templateSectionId));
	const sections = document.template.sections;
	return sections
		.filter(section => !present.has(section.id) && (section.parentId === undefined || !sections.some(parent => parent.id === section.parentId && !present.has(parent.id))))
		.map(section => {
			const nearby = section.parentId !== undefined && inChain.has(section.parentId);
			const order = String(sections.indexOf(section)).padStart(4, '0');
			return { label: `${'#'.repeat(section.depth)} ${section.heading}`, detail: detailOf(sections, section), markdown: section.insertText, sortText: `${nearby ? 1 : 2}-${order}` };
		});
}

function detailOf(sections: readonly TemplateSection[], section: TemplateSection): string {
	const parent = sections.find(candidate => candidate.id === section.parentId);
	return parent ? `Missing section of ${parent.heading}` : 'Missing section';
}
