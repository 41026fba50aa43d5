import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export type { Root } from 'mdast';

/**
 * The only place that imports remark: every markdown parse in planmark goes through here. YAML
 * front matter (spec-kit's templates start with it) is read as front matter, not as a heading.
 */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

export function parseMarkdown(text: string): Root {
	return processor.parse(text) as Root;
}
