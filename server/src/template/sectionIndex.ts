import type { PlanTemplate, TemplateSection } from './planTemplate';

/**
 * Lookups into a template's sections, built once per template: every keystroke of every document
 * asks them, and a template may have thousands of sections, so none of them scans the list.
 */
export interface SectionIndex {
	readonly byId: ReadonlyMap<string, TemplateSection>;
	/** Sections by parent id (undefined for top-level ones), in template order. */
	readonly byParent: ReadonlyMap<string | undefined, readonly TemplateSection[]>;
	/** Sections by heading key, in template order. */
	readonly byKey: ReadonlyMap<string, readonly TemplateSection[]>;
	/** A section's position in the template. */
	readonly order: ReadonlyMap<string, number>;
	/** Sections by "depth number", e.g. "3 1.2". */
	readonly byNumber: ReadonlyMap<string, TemplateSection>;
}

const indexes = new WeakMap<PlanTemplate, SectionIndex>();

export function sectionIndex(template: PlanTemplate): SectionIndex {
	let index = indexes.get(template);
	if (!index) {
		const byId = new Map<string, TemplateSection>();
		const byParent = new Map<string | undefined, TemplateSection[]>();
		const byKey = new Map<string, TemplateSection[]>();
		const order = new Map<string, number>();
		const byNumber = new Map<string, TemplateSection>();
		template.sections.forEach((section, position) => {
			byId.set(section.id, section);
			order.set(section.id, position);
			push(byParent, section.parentId, section);
			push(byKey, section.key, section);
			if (section.number !== undefined && !byNumber.has(`${section.depth} ${section.number}`)) {
				byNumber.set(`${section.depth} ${section.number}`, section);
			}
		});
		index = { byId, byParent, byKey, order, byNumber };
		indexes.set(template, index);
	}
	return index;
}

function push<K>(map: Map<K, TemplateSection[]>, key: K, section: TemplateSection): void {
	const list = map.get(key);
	if (list) {
		list.push(section);
	} else {
		map.set(key, [section]);
	}
}
