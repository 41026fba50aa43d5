import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export type { Root } from 'mdast';

/** The only place that imports remark: every markdown parse in planmark goes through here. */
const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseMarkdown(text: string): Root {
	return processor.parse(text) as Root;
}
