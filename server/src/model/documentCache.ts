import { LineIndex } from '../markdown/lineIndex';
import { inferTemplate } from '../template/inferTemplate';
import type { PlanTemplate } from '../template/planTemplate';
import { buildPlanDocument, type PlanSource } from './buildPlanDocument';
import type { PlanDocument } from './planDocument';

/**
 * One model per document version: every request on the same version shares one parse, and a new
 * version re-parses only the chunks whose text changed.
 */
export class DocumentCache {
	private readonly documents = new Map<string, { document: PlanDocument; nameIsPlan: boolean; isTemplate: boolean }>();

	get(
		source: PlanSource,
		template: PlanTemplate,
		nameIsPlan: boolean,
		isTemplate = false,
		fullAnalysisLimit?: number,
	): PlanDocument {
		const cached = this.documents.get(source.uri);
		if (
			cached &&
			cached.nameIsPlan === nameIsPlan &&
			cached.isTemplate === isTemplate &&
			cached.document.version === source.version &&
			cached.document.template === template &&
			cached.document.lines.text === source.text
		) {
			return cached.document;
		}
		const document = buildPlanDocument(source, template, {
			nameIsPlan,
			isTemplate,
			previous: cached?.document,
			fullAnalysisLimit,
		});
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

/** A template file open in the editor, as planmark reads it from its current (possibly unsaved) text. */
export interface TemplateModel {
	readonly version: number;
	readonly template: PlanTemplate;
	readonly lines: LineIndex;
}

/** One template model per version of each open template file. */
export class TemplateDocumentCache {
	private readonly templates = new Map<string, TemplateModel>();

	get(source: PlanSource): TemplateModel {
		const cached = this.templates.get(source.uri);
		if (cached?.version === source.version && cached.lines.text === source.text) {
			return cached;
		}
		const model = {
			version: source.version,
			template: inferTemplate(source.text, source.uri),
			lines: new LineIndex(source.text),
		};
		this.templates.set(source.uri, model);
		return model;
	}

	delete(uri: string): void {
		this.templates.delete(uri);
	}
}
