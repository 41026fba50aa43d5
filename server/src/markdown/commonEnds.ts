/** How much of two versions of a text is unchanged at each end: a keystroke changes a few characters. */
export interface CommonEnds {
	/** Leading UTF-16 units the texts share. */
	readonly prefix: number;
	/** Trailing UTF-16 units they share, never overlapping the prefix in either text. */
	readonly suffix: number;
}

/** Compared a block at a time first: the engine compares strings far faster than a loop of `charCodeAt`. */
const block = 4096;

export function commonEnds(old: string, text: string): CommonEnds {
	const shortest = Math.min(old.length, text.length);
	let prefix = 0;
	while (prefix + block <= shortest && old.slice(prefix, prefix + block) === text.slice(prefix, prefix + block)) {
		prefix += block;
	}
	while (prefix < shortest && old.charCodeAt(prefix) === text.charCodeAt(prefix)) {
		prefix++;
	}
	const room = shortest - prefix;
	let suffix = 0;
	while (
		suffix + block <= room &&
		old.slice(old.length - suffix - block, old.length - suffix) ===
			text.slice(text.length - suffix - block, text.length - suffix)
	) {
		suffix += block;
	}
	while (suffix < room && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) {
		suffix++;
	}
	return { prefix, suffix };
}

/**
 * Where a new version reads exactly as the version it was parsed from: every chunk below `before`
 * was taken over in place, every chunk from `after` on was taken over moved by `shift`, so text,
 * facts and (moved by `lineShift` lines, columns unchanged) positions there are the previous
 * version's. Only the chunks in between were parsed again, or taken from elsewhere.
 */
export interface UnchangedSpans {
	/** Offsets below this are the previous version's, at the same positions. */
	readonly before: number;
	/** Offsets from this on are the previous version's at `offset - shift`, `lineShift` lines further down. */
	readonly after: number;
	readonly shift: number;
	readonly lineShift: number;
}

interface PlacedChunk {
	readonly start: number;
	readonly length: number;
}

/**
 * The spans of `chunks` whose facts are those of the chunk at the same place in the previous
 * version (`origins[index]`, the previous chunk taken over, if any). `after` starts a line that
 * begins inside the common suffix: a line start at the suffix's first character depends on the
 * character before it, which changed.
 */
export function unchangedSpans(
	chunks: readonly PlacedChunk[],
	origins: readonly (PlacedChunk | undefined)[],
	ends: CommonEnds,
	old: { readonly length: number; readonly lineCount: number },
	lines: { readonly lineCount: number; positionAt(offset: number): { line: number }; lineStart(line: number): number },
	length: number,
): UnchangedSpans {
	const shift = length - old.length;
	let first = 0;
	while (first < chunks.length && inPrefix(chunks[first], origins[first], ends)) {
		first++;
	}
	let last = chunks.length - 1;
	while (last >= first && inSuffix(chunks[last], origins[last], ends, old.length, shift)) {
		last--;
	}
	const before = first < chunks.length ? chunks[first].start : length;
	const movedFrom = last >= 0 ? chunks[last].start + chunks[last].length : 0;
	const suffixLine = lines.positionAt(length - ends.suffix).line + 1;
	const lineAfter = suffixLine < lines.lineCount ? lines.lineStart(suffixLine) : Number.POSITIVE_INFINITY;
	return { before, after: Math.max(movedFrom, lineAfter), shift, lineShift: lines.lineCount - old.lineCount };
}

function inPrefix(chunk: PlacedChunk, origin: PlacedChunk | undefined, ends: CommonEnds): boolean {
	return origin !== undefined && origin.start === chunk.start && chunk.start + chunk.length <= ends.prefix;
}

function inSuffix(
	chunk: PlacedChunk,
	origin: PlacedChunk | undefined,
	ends: CommonEnds,
	oldLength: number,
	shift: number,
): boolean {
	return origin !== undefined && origin.start + shift === chunk.start && origin.start >= oldLength - ends.suffix;
}
