import type { Root } from 'mdast';
import type { Extension } from 'mdast-util-from-markdown';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';

export type { Root } from 'mdast';

/**
 * The only place that imports remark: every markdown parse in planmark goes through here. YAML
 * front matter (spec-kit's templates start with it) is read as front matter, not as a heading.
 */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/**
 * The same parser without the tree transforms of its extensions. The only one is GFM's search of
 * every text node for bare URLs and email addresses, a tenth of a parse, and every pattern it
 * searches for holds "http", "www" or "@"; text with none of them parses identically without it.
 */
const withoutLiteralLinks = unified()
	.use(remarkParse)
	.use(remarkFrontmatter, ['yaml'])
	.use(remarkGfm)
	.use(function withoutTransforms(this: Processor) {
		const extensions = this.data('fromMarkdownExtensions') ?? [];
		const strip = (extension: Extension): Extension => ({ ...extension, transforms: [] });
		this.data(
			'fromMarkdownExtensions',
			extensions.map(extension => (Array.isArray(extension) ? extension.map(strip) : strip(extension))),
		);
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
