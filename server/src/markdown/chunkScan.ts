import type { CommonEnds } from './commonEnds';
import { normalizeLabel } from './facts';
import type { LineIndex } from './lineIndex';
import { partitionPoint } from './sortedSearch';

/*
 * Where a document's chunks start, found by a scan of its lines (`chunks.ts` parses each chunk on
 * its own). A chunk starts at an unindented ATX heading outside fenced code and HTML blocks, so
 * at a chunk's start the scan is outside every construct, whatever came before. That is what makes
 * the scan of an edited version cheap: it starts again at the last chunk start before the edit,
 * and once past the edit it stops at the first chunk start that was one in the previous version
 * too (moved by the edit's shift), since from there on the text, and so the scan, are the
 * previous version's. The result equals a scan of the whole text.
 */

/** Where chunks start, and the link definitions among their lines. */
export interface ChunkScan {
	/** The offset each chunk starts at: the first after a byte order mark, then each heading's. */
	readonly boundaries: readonly number[];
	/** Normalised labels of the link reference definitions in each chunk, undefined where it has none. */
	readonly labels: readonly (readonly string[] | undefined)[];
	/** Normalised labels of every link reference definition in the document. */
	readonly definitionLabels: ReadonlySet<string>;
}

/** The scan a new version of a text had before, and how the two versions differ. */
export interface PreviousScan {
	readonly scan: ChunkScan;
	/** The previous version's length. */
	readonly length: number;
	readonly ends: CommonEnds;
}

// Fences inside list items may be indented, so indentation is not limited to three spaces here.
const fenceOpen = /^\s*(`{3,}|~{3,})(.*)$/;
const fenceClose = /^\s*(`{3,}|~{3,})[ \t]*$/;
const atxHeading = /^#{1,6}(?:[ \t]|$)/;
const htmlBlockOpen = /^ {0,3}<(?:!--|script\b|pre\b|style\b|textarea\b)/i;
const htmlBlockClose = /-->|<\/(?:script|pre|style|textarea)>/i;
const definitionLine = /^ {0,3}\[((?:[^[\]\\]|\\.){1,999})\]:/;

/** Space, tab, backtick, tilde, `<`, `#` and `[`: the characters a fence, an HTML block, a heading or a definition starts with. */
const significantLead = new Set([0x20, 0x09, 0x60, 0x7e, 0x3c, 0x23, 0x5b]);

/** The chunks of the text `lines` index, scanned again only from the edit on when `previous` is given. */
export function scanChunks(lines: LineIndex, previous?: PreviousScan): ChunkScan {
	const text = lines.text;
	// A byte order mark is not content: the first chunk starts after it, so markdown parsed from there (micromark would skip it too, but count offsets from after it) keeps offsets into the whole text.
	const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	if (!previous || previous.ends.prefix === 0) {
		const labels: (readonly string[] | undefined)[] = [undefined];
		const boundaries = [first];
		scanFrom(lines, 0, first, boundaries, labels);
		const same = previous && sameItems(labelList(labels), labelList(previous.scan.labels));
		return { boundaries, labels, definitionLabels: same ? previous.scan.definitionLabels : unionOf(labels) };
	}
	const { scan: old, ends } = previous;
	const shift = text.length - previous.length;
	const suffixStart = text.length - ends.suffix;
	// The last chunk starting at or before the edit: the text before it is unchanged, and the scan is outside everything there.
	const from = partitionPoint(old.boundaries.length, index => old.boundaries[index] <= ends.prefix) - 1;
	// The chunks before it stay as they were; the first chunk is scanned again from its start.
	const boundaries = from === 0 ? [first] : old.boundaries.slice(0, from);
	const labels = from === 0 ? [undefined] : old.labels.slice(0, from);
	// The previous version's chunk that starts where this one's does, once past the edit.
	const resync = (start: number) => {
		if (start < suffixStart) {
			return undefined;
		}
		const index = partitionPoint(old.boundaries.length, at => old.boundaries[at] + shift < start);
		return old.boundaries[index] + shift === start ? index : undefined;
	};
	const line = from === 0 ? 0 : lines.positionAt(old.boundaries[from]).line;
	const end = scanFrom(lines, line, first, boundaries, labels, resync) ?? old.boundaries.length;
	// The chunk before the rescanned ones may have grown (its next heading gone), and gained definitions.
	const changedFrom = Math.max(0, from - 1);
	const added = labelList(labels.slice(changedFrom));
	const replaced = labelList(old.labels.slice(changedFrom, end));
	for (let index = end; index < old.boundaries.length; index++) {
		boundaries.push(old.boundaries[index] + shift);
		labels.push(old.labels[index]);
	}
	// Most edits add or remove no definition: the set is then the previous version's object.
	const definitionLabels = sameItems(added, replaced) ? old.definitionLabels : unionOf(labels);
	return { boundaries, labels, definitionLabels };
}

/**
 * Scans from `line` (a chunk start, or the first line) to the end, adding chunk starts and their
 * labels; with `resync`, stops at the first chunk start it gives a previous index for, and returns
 * that index, the chunk itself not added.
 */
function scanFrom(
	lines: LineIndex,
	line: number,
	first: number,
	boundaries: number[],
	labels: (readonly string[] | undefined)[],
	resync?: (start: number) => number | undefined,
): number | undefined {
	const text = lines.text;
	let fence: { marker: string; length: number } | undefined;
	let inHtmlBlock = false;
	for (; line < lines.lineCount; line++) {
		const lineStart = line === 0 ? first : lines.lineStart(line);
		if (lineStart >= text.length) {
			break;
		}
		// Only a line starting with one of these can open or close anything, or be a heading or a definition.
		if (!inHtmlBlock && !significantLead.has(text.charCodeAt(lineStart))) {
			continue;
		}
		const content = text.slice(lineStart, lines.lineContentEnd(line));
		if (fence) {
			const close = fenceClose.exec(content);
			if (close && close[1][0] === fence.marker && close[1].length >= fence.length) {
				fence = undefined;
			}
		} else if (inHtmlBlock) {
			inHtmlBlock = !htmlBlockClose.test(content);
		} else {
			const open = fenceOpen.exec(content);
			if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
				fence = { marker: open[1][0], length: open[1].length };
			} else if (htmlBlockOpen.test(content)) {
				inHtmlBlock = !htmlBlockClose.test(content.slice(content.indexOf('<') + 2));
			} else if (lineStart > first && atxHeading.test(content)) {
				const previous = resync?.(lineStart);
				if (previous !== undefined) {
					return previous;
				}
				boundaries.push(lineStart);
				labels.push(undefined);
			} else {
				const definition = definitionLine.exec(content);
				if (definition && !definition[1].startsWith('^')) {
					const last = labels.length - 1;
					labels[last] = [...(labels[last] ?? []), normalizeLabel(definition[1])];
				}
			}
		}
	}
	return undefined;
}

function unionOf(labels: readonly (readonly string[] | undefined)[]): Set<string> {
	const union = new Set<string>();
	for (const chunk of labels) {
		for (const label of chunk ?? []) {
			union.add(label);
		}
	}
	return union;
}

function labelList(labels: readonly (readonly string[] | undefined)[]): string[] {
	return labels.flatMap(chunk => chunk ?? []);
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((item, index) => item === b[index]);
}
