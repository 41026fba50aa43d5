/*
 * Whether a template section must be in every document, learned from the template's own words:
 * "*(mandatory)*", "(OPTIONAL - only if tests requested)", "*(include if feature involves data)*",
 * "Fill ONLY if …", "Example", a heading that is itself a placeholder or a stand-in number
 * ("Phase N: Polish"), or a section that describes what a command does. Only required sections
 * are reported missing.
 */

/**
 * `required`: every document has it; `optional`: the template says it may be left out;
 * `example`: it shows the shape of what the author writes (its heading is a stand-in);
 * `guidance`: it tells the author or a tool what to do, and is not part of the document.
 */
export type SectionRequirement = 'required' | 'optional' | 'example' | 'guidance';

export interface RequirementInput {
	readonly id: string;
	readonly parentId?: string;
	/** The heading as read (inline markup removed), e.g. "Key Entities (include if feature involves data)". */
	readonly heading: string;
	/** The section's own template content, before its first subsection. */
	readonly ownBody: string;
	/** True when the section sits inside a repeatable block ("### Tests for User Story 1" in "Phase 3: User Story 1"). */
	readonly inBlock: boolean;
}

const requiredNote = /\(\s*(?:mandatory|required)\s*\)/i;
const optionalHeading =
	/\boptional\b|\[REMOVE IF UNUSED\]|\(\s*(?:if (?:applicable|needed|relevant|any)|include (?:only )?(?:if|when)|only (?:if|when)|when (?:applicable|relevant))\b[^()]*\)/i;
const optionalLead =
	/\b(?:delete|remove|omit|drop) (?:this section|it|the section) (?:if|when)\b|^(?:(?:fill|include|complete|add|keep|use)\b.{0,40}?\bonly (?:if|when)\b|only (?:fill|include|needed|required|if|when)\b|optional\b|include (?:this section )?(?:if|when)\b|if applicable\b)/i;
const guidanceHeading = /\b(?:guidelines?|instructions?|execution flow|execution status|how to use)\b/i;
export const guidanceLead =
	/\b(?:describes what .{0,40}\bwill do|do not execute|beyond the scope|(?:is|are) (?:updated|executed|filled in|generated) (?:by|during)|updated (?:by|during) )/i;
const exampleHeading = /\bexamples?\b|\[[^\]]+\]/i;
/** "Phase N", "Step X", "Phase 3+", "Part ###": a number the author chooses. */
export const standInNumber = /(?:^|\s)(?:N|X{1,3}|#{1,3}|\d+\+)(?=[\s:.)—–-]|$)/;

/** What the template's words say of a section, or undefined when it says nothing. */
function markedRequirement(section: RequirementInput): SectionRequirement | undefined {
	const lead = section.ownBody
		.split(/\r\n|\r|\n/)
		.map(line => line.replace(/^[\s>*_]+|[\s*_]+$/g, ''))
		.filter(line => line !== '' && !line.startsWith('<!--'))
		.slice(0, 2);
	if (requiredNote.test(section.heading)) {
		return 'required';
	}
	if (guidanceHeading.test(section.heading) || lead.some(line => guidanceLead.test(line))) {
		return 'guidance';
	}
	if (optionalHeading.test(section.heading) || lead.some(line => optionalLead.test(line))) {
		return 'optional';
	}
	if (section.inBlock || exampleHeading.test(section.heading) || standInNumber.test(section.heading)) {
		return 'example';
	}
	return undefined;
}

/**
 * The requirement of every section. Unmarked sections inherit a parent that is not required;
 * when the template marks some sections mandatory, its other top-level sections are optional;
 * else unmarked sections get `unmarked`, the default for that kind of document. `marked` holds
 * the sections whose requirement the template's words decide (their own or a parent's).
 */
export function sectionRequirements(
	sections: readonly RequirementInput[],
	unmarked: 'required' | 'optional',
): { requirements: Map<string, SectionRequirement>; marked: Set<string> } {
	const marked = new Map(sections.map(section => [section.id, markedRequirement(section)]));
	const marksMandatory = [...marked.values()].includes('required');
	const result = new Map<string, SectionRequirement>();
	const said = new Set<string>();
	for (const section of sections) {
		const parent = section.parentId === undefined ? undefined : result.get(section.parentId);
		const own = marked.get(section.id);
		if (own !== undefined || (parent !== undefined && section.parentId !== undefined && said.has(section.parentId))) {
			said.add(section.id);
		}
		if (parent !== undefined && parent !== 'required') {
			result.set(section.id, parent === 'optional' && own !== undefined ? own : parent);
		} else if (own !== undefined) {
			result.set(section.id, own);
		} else if (parent === 'required') {
			result.set(section.id, 'required');
		} else {
			result.set(section.id, marksMandatory ? 'optional' : unmarked);
		}
	}
	return { requirements: result, marked: said };
}

/** The default for unmarked sections by kind of document: a task list's or checklist's sections are its own. */
export function unmarkedRequirementOf(templateFileName: string): 'required' | 'optional' {
	return /^(?:tasks?|checklists?)(?:[-_.]|$)/i.test(templateFileName) ? 'optional' : 'required';
}
