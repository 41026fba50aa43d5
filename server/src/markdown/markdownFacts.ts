import { fieldStride, taskStride } from './chunkFacts';
import type { ParsedMarkdown } from './chunks';
import { normalizeLabel, type LinkFact, type MarkdownFacts } from './facts';

/**
 * The facts of a whole document, assembled from its chunks at their offsets, with their text cut
 * from the document. Brackets that name a link reference defined anywhere in the document are
 * links, not placeholders, and are left out.
 */
export function extractFacts(parsed: ParsedMarkdown): MarkdownFacts {
	const text = parsed.text;
	const facts: MutableFacts = {
		headings: [],
		boldLeads: [],
		brackets: [],
		fields: [],
		tasks: [],
		regions: [],
		thematicBreaks: [],
		links: [],
		blocks: [],
		comments: [],
		codeBrackets: [],
	};
	const references: { start: number; end: number; label: string }[] = [];
	// The first definition of a label wins, as in CommonMark.
	const definitions = new Map<string, LinkFact>();
	for (const chunk of parsed.chunks) {
		const base = chunk.start;
		const own = chunk.facts;
		for (const heading of own.headings) {
			facts.headings.push({
				depth: heading.depth,
				start: heading.start + base,
				end: heading.end + base,
				text: heading.text,
			});
		}
		for (const lead of own.boldLeads) {
			facts.boldLeads.push({
				start: lead.start + base,
				end: lead.end + base,
				boldText: lead.boldText,
				rest: text.slice(lead.restStart + base, lead.lineEnd + base).replace(/[ \t]+$/, ''),
				lineEnd: lead.lineEnd + base,
			});
		}
		for (const bracket of own.brackets) {
			const inner = text.slice(bracket.start + base + 1, bracket.end + base - 1);
			const label = normalizeLabel(inner);
			if (!parsed.scan.definitionLabels.has(label)) {
				facts.brackets.push({ start: bracket.start + base, end: bracket.end + base, inner });
			} else {
				// A label defined elsewhere in the document: a reference link remark could not see within the chunk.
				references.push({ start: bracket.start + base, end: bracket.end + base, label });
			}
		}
		for (const reference of own.references) {
			references.push({ start: reference.start + base, end: reference.end + base, label: reference.label });
		}
		const fields = own.fields;
		for (let at = 0; at < fields.length; at += fieldStride) {
			const lineStart = fields[at];
			const labelStart = fields[at + 1];
			const labelEnd = fields[at + 2];
			const valueStart = fields[at + 3];
			const valueEnd = fields[at + 4];
			facts.fields.push({
				label: text.slice(labelStart + base, labelEnd + base).trim(),
				key: own.fieldKeys[at / fieldStride],
				value: text.slice(valueStart + base, valueEnd + base),
				lineStart: lineStart + base,
				valueStart: valueStart + base,
				valueEnd: valueEnd + base,
			});
		}
		const tasks = own.tasks;
		for (let at = 0; at < tasks.length; at += taskStride) {
			const checked = tasks[at];
			const start = tasks[at + 1];
			const end = tasks[at + 2];
			const boxStart = tasks[at + 3];
			const boxEnd = tasks[at + 4];
			const lineEnd = tasks[at + 5];
			const taskText = text.slice(boxEnd + base, lineEnd + base).trim();
			facts.tasks.push({
				checked: checked === 1,
				start: start + base,
				end: end + base,
				boxStart: boxStart + base,
				boxEnd: boxEnd + base,
				text: taskText,
			});
		}
		for (const region of own.regions) {
			facts.regions.push({ kind: region.kind, start: region.start + base, end: region.end + base });
		}
		for (const rule of own.thematicBreaks) {
			facts.thematicBreaks.push(rule + base);
		}
		for (const link of own.links) {
			const fact = {
				target: text.slice(link.targetStart + base, link.targetEnd + base),
				targetStart: link.targetStart + base,
				targetEnd: link.targetEnd + base,
				start: link.start + base,
				end: link.end + base,
			};
			facts.links.push(fact);
			if (link.label !== undefined && !definitions.has(link.label)) {
				definitions.set(link.label, fact);
			}
		}
		for (const block of own.blocks) {
			facts.blocks.push({ start: block.start + base, end: block.end + base });
		}
		for (const comment of own.comments) {
			facts.comments.push({
				start: comment.start + base,
				end: comment.end + base,
				text: text.slice(comment.start + base, comment.end + base),
			});
		}
		for (const bracket of own.codeBrackets) {
			facts.codeBrackets.push({
				start: bracket.start + base,
				end: bracket.end + base,
				inner: text.slice(bracket.start + base + 1, bracket.end + base - 1),
			});
		}
	}
	for (const reference of references) {
		const definition = definitions.get(reference.label);
		if (definition) {
			facts.links.push({ ...definition, start: reference.start, end: reference.end, viaReference: true });
		}
	}
	return facts;
}

type MutableFacts = { [K in keyof MarkdownFacts]: MarkdownFacts[K] extends readonly (infer T)[] ? T[] : never };
