import { normalizeTitle } from '../markdown/headingText';
import type { PlaceholderMatcher } from './planTemplate';

/**
 * Matches a bracket against the template's placeholders: the same text; the same text with other
 * numbers ("[Service 2]" for "[Service 1]"); an "e.g., …" example where the template gives
 * examples; or a long placeholder reworded in a later template version, most of its words the same.
 */
export function placeholderMatcher(inners: readonly string[]): PlaceholderMatcher {
	const exact = new Set(inners.map(inner => normalizeTitle(inner)));
	const numbered = new Set(
		inners.filter(inner => /\d/.test(inner)).map(inner => normalizeTitle(inner).replace(/\d+/g, '#')),
	);
	const givesExamples = inners.some(inner => examplePattern.test(inner));
	const long = [...exact].map(wordsOf).filter(words => words.size >= 4);
	return {
		matches(inner: string): boolean {
			const normalized = normalizeTitle(inner);
			if (exact.has(normalized) || (/\d/.test(normalized) && numbered.has(normalized.replace(/\d+/g, '#')))) {
				return true;
			}
			if (givesExamples && examplePattern.test(inner)) {
				return true;
			}
			const words = wordsOf(normalized);
			return words.size >= 4 && long.some(candidate => overlap(words, candidate) >= 0.6);
		},
	};
}

const examplePattern = /^\s*(?:e\.\s?g\.|for example\b)/i;

function wordsOf(text: string): Set<string> {
	return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Shared words over all words of both (Jaccard). */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	let shared = 0;
	for (const word of a) {
		shared += b.has(word) ? 1 : 0;
	}
	return shared / (a.size + b.size - shared);
}
