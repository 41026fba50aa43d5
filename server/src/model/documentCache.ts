import type { PlanTemplate } from '../template/planTemplate';
import { buildPlanDocument, type PlanSource } from './buildPlanDocument';
import type { PlanDocument } from './planDocument';

/**
 * One model per document version: every request on the same version shares one parse, and a new
 * version re-parses only the chunks whose text changed.
 */
export class DocumentCache {
	private readonly documents = new Map<string, { document: PlanDocument; nameIsPlan: boolean; isTemplate: boolean }>();

	get(source: PlanSource, template: PlanTemplate, nameIsPlan: boolean, isTemplate = false, fullAnalysisLimit?: number): PlanDocument {
		const cached = this.documents.get(source.uri);
		if (cached && cached.nameIsPlan === nameIsPlan && cached.isTemplate === isTemplate && cached.document.version === source.version && cached.document.template === template && cached.document.lines.text === source.text) {
			return cached.document;
		}
		const document = buildPlanDocument(source, template, { nameIsPlan, isTemplate, previous: cached?.document.parsed, fullAnalysisLimit });
		this.documents.set(source.uri, { document, nameIsPlan, isTemplate });
		return document;
	}

	delete(uri: string): void {
		this.documents.delete(uri);
	}

	clear(): void {
		this.documents.clear();
	}
}
