import type { PhrasingContent, Strong } from 'mdast';

/*
 * Emphasis for the plain reader (`plainInline.ts`): which runs of `*` and `_` may open or close,
 * and how they pair, as micromark's attention construct decides.
 */

/** What the inline reader holds before emphasis is resolved: a node, or a run of `*` or `_`. */
export type Piece = PhrasingContent | Delimiter;

/** A run of `*` or `_`; emphasis takes its characters from the inside out, so start and length shrink. */
export interface Delimiter {
	readonly type: 'delimiter';
	readonly marker: number;
	start: number;
	length: number;
	readonly canOpen: boolean;
	readonly canClose: boolean;
}

const whitespace = /\s/u;
const punctuation = /[\p{P}\p{S}]/u;

/**
 * A run of `*` or `_` between `previous` and `next` (a space beyond the text) that may open or
 * close emphasis; undefined for a run that is only text.
 */
export function delimiterRun(
	marker: number,
	at: number,
	length: number,
	previous: string,
	next: string,
): Delimiter | undefined {
	const before = characterGroup(previous);
	const after = characterGroup(next);
	// micromark also lets GFM's `~` loosen these; text holding `~` is never read here.
	const open = !after || (after === 'punctuation' && !!before);
	const close = !before || (before === 'punctuation' && !!after);
	const asterisk = marker === 0x2a;
	const canOpen = asterisk ? open : open && (!!before || !close);
	const canClose = asterisk ? close : close && (!!after || !open);
	return canOpen || canClose ? { type: 'delimiter', marker, start: at, length, canOpen, canClose } : undefined;
}

/**
 * Emphasis and strong text, as micromark resolves them: each run that may close, in order, takes
 * the nearest earlier run of its marker that may open and passes the rule of three, two
 * characters from each when both have two, else one; what lies between becomes the content
 * (`group` makes it nodes), and a run with characters left goes on matching.
 */
export function resolveEmphasis(
	pieces: readonly Piece[],
	group: (children: readonly Piece[], start: number, end: number) => Pick<Strong, 'children' | 'position'>,
): Piece[] {
	const out = [...pieces];
	for (let index = 0; index < out.length; index++) {
		const closer = out[index];
		if (closer.type !== 'delimiter' || !closer.canClose) {
			continue;
		}
		let from = index - 1;
		for (; from >= 0; from--) {
			const opener = out[from];
			if (
				opener.type === 'delimiter' &&
				opener.canOpen &&
				opener.marker === closer.marker &&
				!((opener.canClose || closer.canOpen) && closer.length % 3 !== 0 && (opener.length + closer.length) % 3 === 0)
			) {
				break;
			}
		}
		if (from < 0) {
			continue;
		}
		const opener = out[from] as Delimiter;
		const use = opener.length > 1 && closer.length > 1 ? 2 : 1;
		const node: PhrasingContent = {
			type: use === 2 ? 'strong' : 'emphasis',
			...group(out.slice(from + 1, index), opener.start + opener.length - use, closer.start + use),
		};
		opener.length -= use;
		closer.start += use;
		closer.length -= use;
		const kept = opener.length > 0 ? [opener, node] : [node];
		out.splice(from, index - from, ...kept);
		// The closer is looked at again: it may have characters left to close with.
		index = from + kept.length - 1;
		if (closer.length === 0) {
			out.splice(index + 1, 1);
		}
	}
	return out;
}

/** As micromark groups a character next to a delimiter run: whitespace, punctuation, or anything else. */
function characterGroup(character: string): 'whitespace' | 'punctuation' | undefined {
	return whitespace.test(character) ? 'whitespace' : punctuation.test(character) ? 'punctuation' : undefined;
}
