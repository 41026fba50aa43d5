import text from './plan-template.md';
import { inferTemplate } from './inferTemplate';
import type { PlanTemplate } from './planTemplate';

export const bundledTemplateUri = 'bundled:plan-template.md';
export const bundledTemplateText: string = text;

let bundled: PlanTemplate | undefined;

/** The default spec-kit style plan template shipped inside planmark, inferred once. */
export function bundledTemplate(): PlanTemplate {
	bundled ??= inferTemplate(text, bundledTemplateUri);
	return bundled;
}
