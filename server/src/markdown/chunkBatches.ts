/*
 * Which chunks may be parsed together. remark costs about as much to set up as to read a short
 * chunk, and a plan has one chunk per heading, so consecutive chunks that need parsing are read in
 * one call and their facts split again at the chunk boundaries. That is only done where one parse
 * of the joined text reads each chunk exactly as parsing it alone would: the chunks carry no state
 * across their boundary. `test/unit/chunkBatches.test.ts` checks the equality on generated and
 * fixture documents.
 */

/** About the size remark reads fastest: larger texts slow down with the number of lists in them. */
export const batchSize = 1_200;

/**
 * A line that may open fenced code or an HTML block, at the top level or inside list items and
 * quotes. Either may run past the next heading at the top level; inside a container, one left open
 * reaches the end of its container, and at the end of a chunk parsed alone that takes in the blank
 * lines before the next heading, which a following heading would leave out.
 */
const runsOn = /^[ \t>*+\-\d.)]*(?:`{3}|~{3}|<)/m;

/**
 * How a chunk may join a batch. A chunk holding `]:` may define a link reference or footnote that
 * a neighbour's brackets would then resolve to, so it is parsed alone. A chunk may be followed
 * within a batch only when nothing it opens can continue over the next chunk's heading line, or
 * read differently for being followed: paragraphs, lists, quotes, tables and indented code all end
 * there alike; fenced code, HTML blocks and front matter (a chunk starting with `---`) may not, so
 * a chunk holding one ends its batch.
 */
export function joining(text: string, start: number, end: number): { alone: boolean; closed: boolean } {
	const chunk = text.slice(start, end);
	return {
		alone: chunk.includes(']:'),
		closed: !runsOn.test(chunk) && !chunk.startsWith('---'),
	};
}
