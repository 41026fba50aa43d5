import { readHeading } from '../markdown/headingText';
import type { PlanTemplate, TemplateSection } from '../template/planTemplate';
import type { OutlineKind, OutlineNode } from './planDocument';
import { sectionIndex } from '../template/sectionIndex';

/** What positional matching reads and writes of an outline heading under construction. */
export interface MatchableHeading {
	kind: OutlineKind;
	title: string;
	depth: number;
	number?: string;
	templateSectionId?: string;
	templateMatch?: OutlineNode['templateMatch'];
	children: MatchableHeading[];
}

/**
 * Headings no title matched take the template's unmatched sections by position, between the
 * headings that did match: a team writing in another language, or renaming a section, keeps the
 * template's order and levels. Each run between matched headings is aligned with the template's
 * unmatched sections there (`align`), so a document that drops or adds a section is not shifted.
 */
export function matchByPosition(nodes: readonly MatchableHeading[], template: PlanTemplate): void {
	const used = new Set<string>();
	const collect = (list: readonly MatchableHeading[]) => {
		for (const node of list) {
			if (node.templateSectionId) {
				used.add(node.templateSectionId);
			}
			collect(node.children);
		}
	};
	collect(nodes);
	// Only under the document's title: without one, nothing says the document follows the template at all.
	for (const title of nodes.filter(node => node.kind === 'title')) {
		pairSiblings(title.children, template, undefined, used);
	}
}

/** What leaving a template section unpaired costs: a document rarely drops a required one, often guidance and examples. */
const skipCost: Record<TemplateSection['requirement'], number> = {
	required: 3,
	optional: 1,
	guidance: 1,
	example: 0.5,
};

/** Same level, and a numbered heading only with the section of its number: "7.9 Removed" is not 7.2 renamed. */
function pairable(heading: MatchableHeading, section: TemplateSection): boolean {
	return heading.depth === section.depth && (heading.number === undefined || heading.number === section.number);
}

/**
 * Pairs headings with template sections in order (an edit-distance alignment): a pair needs
 * `pairable` and costs the difference in their numbers of subsections; a heading left unpaired
 * costs 2, a template section its `skipCost`.
 */
function align(
	headings: readonly MatchableHeading[],
	sections: readonly TemplateSection[],
	template: PlanTemplate,
): [MatchableHeading, TemplateSection][] {
	if (headings.length === 0 || sections.length === 0) {
		return [];
	}
	const sectionChildren = sections.map(section => sectionIndex(template).byParent.get(section.id)?.length ?? 0);
	const headingChildren = headings.map(node => node.children.filter(child => child.kind !== 'block').length);
	const pairCost = (i: number, j: number) =>
		pairable(headings[i], sections[j])
			? Math.min(2, 0.5 * Math.abs(headingChildren[i] - sectionChildren[j]))
			: Infinity;
	const rows = headings.length + 1;
	const columns = sections.length + 1;
	const cost = Array.from({ length: rows }, () => new Array<number>(columns).fill(Infinity));
	cost[0][0] = 0;
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < columns; j++) {
			if (i > 0) {
				cost[i][j] = Math.min(cost[i][j], cost[i - 1][j] + 2);
			}
			if (j > 0) {
				cost[i][j] = Math.min(cost[i][j], cost[i][j - 1] + skipCost[sections[j - 1].requirement]);
			}
			if (i > 0 && j > 0) {
				cost[i][j] = Math.min(cost[i][j], cost[i - 1][j - 1] + pairCost(i - 1, j - 1));
			}
		}
	}
	const pairs: [MatchableHeading, TemplateSection][] = [];
	for (let i = rows - 1, j = columns - 1; i > 0 || j > 0; ) {
		if (i > 0 && j > 0 && cost[i - 1][j - 1] + pairCost(i - 1, j - 1) === cost[i][j]) {
			pairs.push([headings[i - 1], sections[j - 1]]);
			i--;
			j--;
		} else if (i > 0 && cost[i - 1][j] + 2 === cost[i][j]) {
			i--;
		} else {
			j--;
		}
	}
	return pairs.reverse();
}

function pairSiblings(
	siblings: readonly MatchableHeading[],
	template: PlanTemplate,
	parentId: string | undefined,
	used: Set<string>,
): void {
	// Headings shaped like a block ("阶段 1：…") stand for the template's blocks, not its sections.
	const candidates = siblings.filter(
		node =>
			node.kind !== 'title' &&
			node.kind !== 'block' &&
			node.title.trim() !== '' &&
			!/^\[[^\]]*\]$/.test(node.title.trim()) &&
			(node.templateSectionId !== undefined || readHeading(node.title).kind !== 'block'),
	);
	const templateSiblings = sectionIndex(template).byParent.get(parentId) ?? [];
	if (templateSiblings.length > 0 && candidates.length > 0) {
		let run: MatchableHeading[] = [];
		let lastIndex = -1;
		const flush = (nextIndex: number) => {
			const open = templateSiblings.slice(lastIndex + 1, nextIndex).filter(section => !used.has(section.id));
			for (const [node, section] of align(run, open, template)) {
				node.kind = 'section';
				node.templateSectionId = section.id;
				node.templateMatch = 'position';
				used.add(section.id);
			}
			run = [];
		};
		for (const node of candidates) {
			const index = node.templateSectionId
				? templateSiblings.findIndex(section => section.id === node.templateSectionId)
				: -1;
			if (index > lastIndex) {
				flush(index);
				lastIndex = index;
			} else if (!node.templateSectionId) {
				run.push(node);
			}
		}
		flush(templateSiblings.length);
	}
	for (const node of candidates) {
		if (node.templateSectionId) {
			pairSiblings(node.children, template, node.templateSectionId, used);
		}
	}
}
