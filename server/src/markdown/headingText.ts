/*
 * How planmark reads a heading or a bold lead: a numbered section ("3.1 Research Tasks"), a
 * numbered repeatable block ("Research Task 2: Auth", "Gate 1") or a plain title ("Notes").
 * Templates and plans are read with the same rules.
 */

export type HeadingShape =
	| { readonly kind: 'numbered'; readonly number: string; readonly title: string }
	| { readonly kind: 'block'; readonly label: string; readonly index: number; readonly rest: string }
	| { readonly kind: 'plain'; readonly title: string };

const numberedPattern = /^(\d+(?:\.\d+)*)\.?[ \t]+(\S.*)$/;
// "Research Task 1: [Topic]", "Phase 2", "Choice 1 - Storage"; the number must end the label.
const blockPattern = /^(\p{L}[\p{L}\p{N}&/'’ -]*?)[ \t]+(\d{1,4})(?:$|[ \t]*([:.)：]|[—–]|[ \t]-)[ \t]*(.*)$)/u;

export function readHeading(text: string): HeadingShape {
	const trimmed = text.trim();
	const numbered = numberedPattern.exec(trimmed);
	if (numbered) {
		return { kind: 'numbered', number: numbered[1], title: numbered[2].trim() };
	}
	const block = blockPattern.exec(trimmed);
	if (block) {
		return { kind: 'block', label: block[1].trim(), index: Number(block[2]), rest: (block[4] ?? '').trim() };
	}
	return { kind: 'plain', title: trimmed };
}

/** Reads a bold lead such as "Gate 1" or "Risk 12" as a block label and number. */
export function readBoldBlock(boldText: string): { label: string; index: number } | undefined {
	const match = /^(\p{L}[\p{L}\p{N}&/'’ -]*?)[ \t]+(\d{1,4})$/u.exec(boldText.trim());
	return match ? { label: match[1].trim(), index: Number(match[2]) } : undefined;
}

/** Compares titles the way a reader would: case, spacing and trailing punctuation do not matter. */
export function normalizeTitle(title: string): string {
	return remembered(normalizedTitles, title, () =>
		title
			.toLowerCase()
			.replace(/[\s\u00a0]+/g, ' ')
			.replace(/[\s:.]+$/, '')
			.trim(),
	);
}

/**
 * Headings are read again at every version of a document, and most of them have not changed: the
 * pure functions of their text remember their answers (a bounded number, forgotten all at once).
 */
const normalizedTitles = new Map<string, string>();
const sectionKeys = new Map<string, string>();
const rememberedAnswers = 20_000;

function remembered(answers: Map<string, string>, text: string, compute: () => string): string {
	let answer = answers.get(text);
	if (answer === undefined) {
		answer = compute();
		if (answers.size >= rememberedAnswers) {
			answers.clear();
		}
		answers.set(text, answer);
	}
	return answer;
}

/**
 * The key two headings are compared by: the title without emoji, a trailing note such as
 * "*(mandatory)*" or "(include if feature involves data)" and a "[REMOVE IF UNUSED]" tag, so a
 * heading written without the template's note still matches it.
 */
export function sectionKey(title: string): string {
	return remembered(sectionKeys, title, () => computeSectionKey(title));
}

function computeSectionKey(title: string): string {
	let key = title.replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu, ' ').replace(/\[[A-Z][A-Z ]{2,}\]/g, ' ');
	for (let previous = ''; previous !== key; ) {
		previous = key;
		key = key.replace(/[ \t]*[*_]*\([^()]*\)[*_]*[ \t]*$/, '').replace(/[\s:.,;!*_-]+$/, '');
	}
	const normalized = normalizeTitle(key);
	return normalized === '' ? normalizeTitle(title) : normalized;
}

/** The options of a placeholder that lists them, "[single/web/mobile - determines source structure]" → single, web, mobile. */
export function readBracketOptions(value: string): string[] | undefined {
	const match = /^\[([\p{Ll}\p{N}-]{1,20}(?:\/[\p{Ll}\p{N}-]{1,20})+)([ \t]+[-—–:][ \t]+[^[\]]*)?\]$/u.exec(
		value.trim(),
	);
	if (!match) {
		return undefined;
	}
	// "[Framework/Library]" names what to write; lower-case words with a note, or three or more, are options.
	const options = match[1].split('/');
	return match[2] !== undefined || options.length >= 3 ? options : undefined;
}

/** Splits a choice value such as "PASS / FAIL / CONDITIONAL" into its options, if it is one. */
export function readChoiceOptions(value: string): string[] | undefined {
	const options = value.split(/[ \t]+\/[ \t]+/).map(option => option.trim());
	if (options.length < 2 || !options.every(option => /^[\p{L}\p{N}][\p{L}\p{N} _'’-]{0,40}$/u.test(option))) {
		return undefined;
	}
	return options;
}
