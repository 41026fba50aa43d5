import { sectionKey } from '../markdown/headingText';
import type { PlaceholderMatcher, PlanTemplate, TemplateSection } from './planTemplate';
import type { SectionRequirement } from './sectionRequirements';

/**
 * A template as a project and a team see it: short tags the project's other templates use as task
 * markers (spec-kit's "[P]" in the tasks template) are content here too; `requirements` (from
 * `planmark.sectionRequirements`, heading or "*" → required / optional) override what the template
 * says; `aliases` (from `planmark.headingAliases`) let a team's own headings stand for the template's.
 */
export function adaptTemplate(
	template: PlanTemplate,
	siblings: readonly PlanTemplate[],
	requirements: readonly Readonly<Record<string, string>>[],
	aliases: readonly (readonly [string, string])[],
): PlanTemplate {
	const siblingMarkers = siblings.map(sibling => sibling.markers);
	const isSiblingMarker = (inner: string) => siblingMarkers.some(markers => markers.matches(inner));
	const placeholders: PlaceholderMatcher =
		siblingMarkers.length === 0
			? template.placeholders
			: { matches: inner => !isSiblingMarker(inner) && template.placeholders.matches(inner) };
	const markers: PlaceholderMatcher =
		siblingMarkers.length === 0
			? template.markers
			: { matches: inner => template.markers.matches(inner) || isSiblingMarker(inner) };
	const rules = new Map<string, SectionRequirement>();
	for (const set of requirements) {
		for (const [heading, requirement] of Object.entries(set)) {
			if (requirement === 'required' || requirement === 'optional') {
				rules.set(heading === '*' ? '*' : sectionKey(heading), requirement);
			}
		}
	}
	const sections: readonly TemplateSection[] =
		rules.size === 0
			? template.sections
			: template.sections.map(section => {
					const own = rules.get(section.key);
					const fallback =
						!section.marked && section.requirement !== 'example' && section.requirement !== 'guidance'
							? rules.get('*')
							: undefined;
					const requirement = own ?? fallback;
					return requirement ? { ...section, requirement } : section;
				});
	const aliasMap = new Map(template.aliases);
	for (const [alias, heading] of aliases) {
		aliasMap.set(sectionKey(alias), sectionKey(heading));
	}
	return { ...template, placeholders, markers, sections, aliases: aliasMap };
}
