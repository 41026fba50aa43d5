import { batchSize, joining } from './chunkBatches';
import { extractBatchFacts, extractChunkFacts, extractPlainChunkFacts, type ChunkFacts } from './chunkFacts';
import { type ChunkScan, scanChunks } from './chunkScan';
import { isPathological, scanChunkLines } from './lineScanner';
import { type CommonEnds, commonEnds, type UnchangedSpans, unchangedSpans } from './commonEnds';
import { LineIndex } from './lineIndex';
import { firstStartingAtOrAfter, partitionPoint } from './sortedSearch';

/** A run of lines parsed on its own; its facts' offsets are relative to `start`. */
export interface ParsedChunk {
	readonly start: number;
	readonly length: number;
	readonly facts: ChunkFacts;
	/** Why the chunk was only scanned line by line instead of parsed, if it was. */
	readonly degraded?: 'pathological' | 'too-large';
}

/** A whole document parsed chunk by chunk, plus what crosses chunk boundaries. */
export interface ParsedMarkdown {
	readonly text: string;
	/** Where its lines start, shared with the model built on the parse. */
	readonly lines: LineIndex;
	readonly chunks: readonly ParsedChunk[];
	/** Where the chunks start, and what the next version's scan starts from. */
	readonly scan: ChunkScan;
	/** Parsed from a previous version: where this one reads as that one did. */
	readonly unchanged?: UnchangedSpans;
}

/**
 * Parses markdown one top-level heading at a time. remark's tokenizer grows faster than linearly
 * with the number of separate lists in one document, so each chunk is parsed on its own; a chunk
 * boundary is an unindented ATX heading outside fenced code and HTML blocks, where no open
 * construct can continue. Chunks whose text did not change are taken from `previous` unparsed;
 * those to parse are read without remark where they are plain markdown (`plainMarkdown.ts`), and
 * the rest by remark a few at a time (`chunkBatches.ts`), or one by one with `batched` false,
 * which reads them identically (the tests compare the two).
 */
export function parseInChunks(
	text: string,
	previous?: ParsedMarkdown,
	keepBlocks = false,
	scanOnly = false,
	batched = true,
): ParsedMarkdown {
	const ends = previous && commonEnds(previous.text, text);
	const lines = ends ? previous.lines.edited(text, ends) : new LineIndex(text);
	const reuse = ends ? reusableChunks(previous, text, ends) : undefined;
	const scan = scanChunks(lines, ends && { scan: previous.scan, length: previous.text.length, ends });
	const { boundaries } = scan;
	const endOf = (index: number) => (index + 1 < boundaries.length ? boundaries[index + 1] : text.length);
	// The previous version's chunk each one is, if it is one of them.
	const origins: (ParsedChunk | undefined)[] = boundaries.map((start, index) =>
		reuse?.find(start, endOf(index), scanOnly),
	);
	const chunks: (ParsedChunk | undefined)[] = origins.map((same, index) =>
		same && same.start !== boundaries[index] ? movedChunk(same, boundaries[index]) : same,
	);
	// The chunks still to parse, each with the batch of consecutive chunks it is parsed with.
	let batch: number[] = [];
	const parseBatch = () => {
		for (const [index, facts] of parseChunks(text, batch, boundaries, endOf, keepBlocks, scanOnly)) {
			chunks[index] = facts;
		}
		batch = [];
	};
	for (let index = 0; index < boundaries.length; index++) {
		if (chunks[index]) {
			parseBatch();
			continue;
		}
		const start = boundaries[index];
		const plain = scanOnly ? undefined : readPlainChunk(text.slice(start, endOf(index)), start, keepBlocks);
		if (plain) {
			parseBatch();
			chunks[index] = plain;
			continue;
		}
		const { alone, closed } = batched ? joining(text, start, endOf(index)) : { alone: true, closed: false };
		if (alone || (batch.length > 0 && endOf(index) - boundaries[batch[0]] > batchSize)) {
			parseBatch();
		}
		batch.push(index);
		if (alone || !closed) {
			parseBatch();
		}
	}
	parseBatch();
	const parsed = chunks as ParsedChunk[];
	const unchanged =
		ends &&
		unchangedSpans(
			parsed,
			origins,
			ends,
			{ length: previous.text.length, lineCount: previous.lines.lineCount },
			lines,
			text.length,
		);
	return { text, lines, chunks: parsed, scan, unchanged };
}

/** The chunks at `indexes`, consecutive, parsed in one text where they can be, else one by one. */
function parseChunks(
	text: string,
	indexes: readonly number[],
	boundaries: readonly number[],
	endOf: (index: number) => number,
	keepBlocks: boolean,
	scanOnly: boolean,
): [number, ParsedChunk][] {
	const one = (index: number): [number, ParsedChunk] => [
		index,
		parseChunk(text.slice(boundaries[index], endOf(index)), boundaries[index], keepBlocks, scanOnly),
	];
	if (indexes.length < 2 || scanOnly) {
		return indexes.map(one);
	}
	const start = boundaries[indexes[0]];
	const joined = text.slice(start, endOf(indexes[indexes.length - 1]));
	if (isPathological(joined)) {
		return indexes.map(one);
	}
	try {
		const starts = indexes.map(index => boundaries[index] - start);
		return extractBatchFacts(joined, starts, keepBlocks).map((facts, at) => {
			const index = indexes[at];
			return [index, { start: boundaries[index], length: endOf(index) - boundaries[index], facts }];
		});
	} catch {
		// Too deep for the parser's stack: each chunk is tried on its own.
		return indexes.map(one);
	}
}

/**
 * The previous version's chunks that may serve again. A keystroke leaves the text before and after
 * it as it was, so a chunk inside the common prefix or suffix is found by its position alone; only
 * chunks around the edit (or text moved elsewhere) are looked up by their content.
 */
function reusableChunks(previous: ParsedMarkdown, text: string, { prefix, suffix }: CommonEnds) {
	const old = previous.text;
	const chunks = previous.chunks;
	const shift = text.length - old.length;
	// Chunks wholly inside the prefix come first, those starting inside the suffix last; the rest were along the edit.
	const firstAlong = partitionPoint(chunks.length, index => chunks[index].start + chunks[index].length <= prefix);
	const firstAfter = Math.max(firstAlong, firstStartingAtOrAfter(chunks, old.length - suffix));
	const moved = chunks.slice(firstAlong, firstAfter);
	/** The previous chunk starting at `start` among those at `[from, to)`. */
	const startingAt = (start: number, from: number, to: number) => {
		const index = firstStartingAtOrAfter(chunks, start);
		return index >= from && index < to && chunks[index].start === start ? chunks[index] : undefined;
	};
	let byContent: Map<string, ParsedChunk[]> | undefined;
	return {
		find(start: number, end: number, scanOnly: boolean): ParsedChunk | undefined {
			const same = (chunk: ParsedChunk | undefined) =>
				chunk && chunk.length === end - start && !!chunk.degraded === scanOnly ? chunk : undefined;
			const placed = same(
				start < prefix ? startingAt(start, 0, firstAlong) : startingAt(start - shift, firstAfter, chunks.length),
			);
			if (placed || moved.length === 0) {
				return placed;
			}
			if (!byContent) {
				byContent = new Map();
				for (const chunk of moved) {
					const key = reuseKey(old, chunk.start, chunk.start + chunk.length);
					byContent.set(key, [...(byContent.get(key) ?? []), chunk]);
				}
			}
			return byContent
				.get(reuseKey(text, start, end))
				?.find(chunk => same(chunk) && old.startsWith(text.slice(start, end), chunk.start));
		},
	};
}

/** The same chunk at another place. Written out rather than spread: every chunk after a keystroke moves. */
function movedChunk(chunk: ParsedChunk, start: number): ParsedChunk {
	return chunk.degraded === undefined
		? { start, length: chunk.length, facts: chunk.facts }
		: { start, length: chunk.length, facts: chunk.facts, degraded: chunk.degraded };
}

/** A chunk of plain markdown, read without remark (`plainMarkdown.ts`); undefined for any other chunk. */
function readPlainChunk(text: string, start: number, keepBlocks: boolean): ParsedChunk | undefined {
	const facts = isPathological(text) ? undefined : extractPlainChunkFacts(text, keepBlocks);
	return facts && { start, length: text.length, facts };
}

/** Parses a chunk with remark, or scans it line by line when remark would take too long or fail. */
function parseChunk(text: string, start: number, keepBlocks: boolean, scanOnly: boolean): ParsedChunk {
	if (scanOnly) {
		return { start, length: text.length, facts: scanChunkLines(text), degraded: 'too-large' };
	}
	if (isPathological(text)) {
		return { start, length: text.length, facts: scanChunkLines(text), degraded: 'pathological' };
	}
	try {
		return { start, length: text.length, facts: extractChunkFacts(text, keepBlocks) };
	} catch {
		// A stack overflow deep in the parser: the document still gets an outline.
		return { start, length: text.length, facts: scanChunkLines(text), degraded: 'pathological' };
	}
}

/** A cheap key for finding a chunk of the previous version that may hold the same text. */
function reuseKey(text: string, start: number, end: number): string {
	const length = end - start;
	return `${length}:${text.slice(start, Math.min(end, start + 48))}:${text.slice(Math.max(start, end - 48), end)}`;
}
