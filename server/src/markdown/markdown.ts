import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { type Data, type Processor, unified } from 'unified';

/** What remark's plugins add to the parser, as unified's data types them (remark-parse declares them). */
type Extension = NonNullable<Data['fromMarkdownExtensions']>[number] extends infer T
	? T extends readonly (infer E)[]
		? E
		: T
	: never;
type SyntaxExtension = NonNullable<Data['micromarkExtensions']>[number];

export type { Root } from 'mdast';

/**
 * The only place that imports remark: every markdown parse in planmark goes through here. YAML
 * front matter (spec-kit's templates start with it) is read as front matter, not as a heading.
 */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** GFM's literal-link constructs, tried at every letter of every text. */
const literalLinkConstructs = new Set(['wwwAutolink', 'protocolAutolink', 'emailAutolink']);

/**
 * The same parser without GFM's literal links (bare URLs and email addresses): its constructs, tried
 * at every letter, and its search of every text node afterwards (the only tree transform of these
 * extensions) cost a fifth of a parse. Every literal link holds "http", "www" or "@", so text with
 * none of them parses identically without them; `test/unit/chunkBatches.test.ts` checks it.
 */
const withoutLiteralLinks = unified()
	.use(remarkParse)
	.use(remarkFrontmatter, ['yaml'])
	.use(remarkGfm)
	.use(function withoutLiteralLinkParts(this: Processor) {
		const extensions = this.data('fromMarkdownExtensions') ?? [];
		const strip = (extension: Extension): Extension => ({ ...extension, transforms: [] });
		this.data(
			'fromMarkdownExtensions',
			extensions.map(extension => (Array.isArray(extension) ? extension.map(strip) : strip(extension))),
		);
		const syntax = this.data('micromarkExtensions') ?? [];
		const withoutLinks = (extension: SyntaxExtension): SyntaxExtension => {
			if (!extension.text) {
				return extension;
			}
			const text: NonNullable<SyntaxExtension['text']> = {};
			for (const [code, constructs] of Object.entries(extension.text)) {
				const kept = (Array.isArray(constructs) ? constructs : [constructs]).filter(
					(construct): construct is NonNullable<typeof construct> =>
						!!construct && !literalLinkConstructs.has(construct.name ?? ''),
				);
				if (kept.length > 0) {
					text[Number(code)] = kept;
				}
			}
			return { ...extension, text };
		};
		this.data('micromarkExtensions', syntax.map(withoutLinks));
	})
	.freeze();

const literalLinkHint = /@|www|http/i;

export function parseMarkdown(text: string): Root {
	return (literalLinkHint.test(text) ? processor : withoutLiteralLinks).parse(text) as Root;
}

/** The parse with every transform, whatever the text: what `parseMarkdown` is checked against. */
export function parseMarkdownFully(text: string): Root {
	return processor.parse(text) as Root;
}
