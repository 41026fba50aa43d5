/** Binary searches over items sorted by their `start` offset. */

/** The index of the first item whose start is at or after `offset` (the length when there is none). */
export function firstStartingAtOrAfter(items: readonly { readonly start: number }[], offset: number): number {
	let low = 0;
	let high = items.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (items[middle].start < offset) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}
	return low;
}

/** The index of the first item whose start is after `offset` (the length when there is none). */
export function firstStartingAfter(items: readonly { readonly start: number }[], offset: number): number {
	return firstStartingAtOrAfter(items, offset + 1);
}
