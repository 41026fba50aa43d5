/** Binary search over sorted data: every lookup by offset in planmark goes through `partitionPoint`. */

/**
 * The first index in `[0, length)` for which `isBefore` is false, given that it is true for a
 * prefix of the indices and false for the rest (the length when it is true for all of them).
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
	let low = 0;
	let high = length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (isBefore(middle)) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}
	return low;
}

/** The index of the first item whose start is at or after `offset` (the length when there is none). */
export function firstStartingAtOrAfter(items: readonly { readonly start: number }[], offset: number): number {
	return partitionPoint(items.length, index => items[index].start < offset);
}

/** The index of the first item whose start is after `offset` (the length when there is none). */
export function firstStartingAfter(items: readonly { readonly start: number }[], offset: number): number {
	return firstStartingAtOrAfter(items, offset + 1);
}
