import fc from 'fast-check';
import { bundledTemplateText } from './support';

/*
 * Generators of documents for the property-based tests: raw markdown made of markdown's own
 * punctuation and any code point, and plan-like documents made of the bundled template's lines and
 * hand-picked troublemakers, joined by LF, CRLF, CR or a mix of them.
 */

/** How many cases a property runs: its own default, or PLANMARK_FUZZ_RUNS when set (`npm run fuzz`). */
export function fuzzRuns(defaultRuns: number): number {
	const requested = Number(process.env.PLANMARK_FUZZ_RUNS);
	return Number.isInteger(requested) && requested > 0 ? requested : defaultRuns;
}

/** A fixed seed in the normal test run, so a failure there reproduces; a fresh one in `npm run fuzz`. */
export function fuzzSeed(fixedSeed: number): number | undefined {
	const requested = Number(process.env.PLANMARK_FUZZ_SEED);
	if (Number.isInteger(requested)) {
		return requested;
	}
	return process.env.PLANMARK_FUZZ_RUNS ? undefined : fixedSeed;
}

/** Every non-blank line of the bundled template: its headings, blocks, choices, placeholders and tasks. */
export const templateLines: readonly string[] = bundledTemplateText
	.split(/\r\n|\r|\n/)
	.filter(line => line.trim() !== '');

/** Lines that have tripped, or could trip, a markdown or plan parser. */
export const awkwardLines: readonly string[] = [
	'# Implementation Plan: Fuzz',
	'# Implementation Plan: [FEATURE NAME]',
	'## 3. Phase 0: Research & Decisions',
	'### 3.1 Research Tasks',
	'#### Research Task 2: [Topic]',
	'#### Research Task 7: Queue size',
	'**Gate 1**: x',
	'**Gate 3**: Legal',
	'- Status: PASS / FAIL / CONDITIONAL',
	'- Status: FAIL',
	'- Status: CONDITIONAL',
	'- Status: MAYBE',
	'- Status:',
	'[Repeat structure]',
	'[NEEDS CLARIFICATION: SSO or passwords?]',
	'- Auth: [NEEDS CLARIFICATION]',
	'- [ ] Task 1',
	'- [ ] T001 Write the schema',
	'- [x] T001 Write the schema again',
	'- [X] T009 Out of order',
	'* [ ] star task',
	'  - [ ] nested task',
	'\t- [x] tab-indented task',
	'1. [ ] ordered task',
	'- [ ]',
	'- [x]',
	'```',
	'```markdown',
	'~~~',
	'    ## indented code, not a heading',
	'   ## three spaces, still a heading',
	'| a | b |',
	'|---|:-:|',
	'| [Service 2] | - [ ] not a task |',
	'> ## quoted heading',
	'> - [ ] quoted task',
	'<!-- comment',
	'-->',
	'<details><summary>x</summary>',
	'</details>',
	'---',
	'***',
	'___',
	'Setext heading',
	'===',
	'-',
	'#',
	'######',
	'####### seven hashes',
	'## 9. Appendix ##',
	'## 1.2.3.4.5 Deep number',
	'## 01. Leading zero',
	'[spec.md](./spec.md)',
	'[entities](./data-model.md#key-entities)',
	'[gone](./missing.md#nowhere)',
	'[up](#1-technical-context)',
	'[out](../../../etc/passwd)',
	'[abs](/specs/plan.md)',
	'[web](https://example.com/a.md)',
	'[ref]: ./data-model.md',
	'[ref][]',
	'![image](./diagram.png)',
	'<https://example.com>',
	'**bold [Service 2] inside**',
	'*a **b _c __d',
	'\\[escaped bracket\\]',
	'`[code placeholder]`',
	'[[double]]',
	'[unclosed',
	'](',
	'中文标题与内容 [服务 2]',
	'## 1. 技术背景',
	'😀🎉 emoji line',
	'👩‍👩‍👧 family [Topic]',
	'e\u0301 combining',
	'\u0000',
	'NUL\u0000inside',
	'\uD800 lone high surrogate',
	'lone low surrogate \uDFFF',
	'\uFEFF byte order mark',
	'line\u2028separator',
	'trailing spaces  ',
	'\t\t',
	'',
	'',
	'',
];

/** Small pieces for building lines and for incremental edits. */
export const inlinePieces: readonly string[] = [
	'#',
	'## ',
	'### 3.4 ',
	'**',
	'*',
	'_',
	'`',
	'```',
	'~~~',
	'[',
	']',
	'(',
	')',
	'[ ]',
	'[x]',
	'- ',
	'- [ ] ',
	'> ',
	'|',
	':',
	' / ',
	'PASS',
	'FAIL',
	'<!--',
	'-->',
	'\\',
	'  ',
	'\t',
	'中',
	'😀',
	'\uD83D',
	'\uDE00',
	'\u0000',
	'x',
	'1.',
	'T00',
];

const lineBreaks = ['\n', '\r\n', '\r'] as const;

/** Any code point, lone surrogate halves included. */
const codePoint: fc.Arbitrary<string> = fc.integer({ min: 0, max: 0x10ffff }).map(point => String.fromCodePoint(point));

/** A line: a template line, an awkward line, random pieces, or any code points. */
export const lineArbitrary: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...templateLines) },
	{ weight: 4, arbitrary: fc.constantFrom(...awkwardLines) },
	{
		weight: 2,
		arbitrary: fc
			.array(fc.constantFrom(...inlinePieces, ...awkwardLines.slice(0, 20)), { maxLength: 5 })
			.map(parts => parts.join('')),
	},
	{ weight: 1, arbitrary: fc.array(codePoint, { maxLength: 12 }).map(points => points.join('')) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(fc.constantFrom('', ' ', '  ', '   ', '    ', '\t', '> ', '- '), fc.constantFrom(...templateLines))
			.map(([prefix, line]) => prefix + line),
	},
);

/** A plan-like document: usually a plan title, then template fragments and troublemakers, with one line ending throughout or a random one at each break. */
export const planLikeDocument: fc.Arbitrary<string> = fc
	.record({
		title: fc.constantFrom('# Implementation Plan: Fuzz', '# Implementation Plan: [FEATURE NAME]', '# Notes', ''),
		lines: fc.array(fc.tuple(lineArbitrary, fc.constantFrom(...lineBreaks)), { maxLength: 6 }),
		eol: fc.constantFrom(...lineBreaks, 'mixed' as const),
		finalBreak: fc.boolean(),
	})
	.map(({ title, lines, eol, finalBreak }) => {
		const parts: [string, string][] = title ? [[title, lines[0]?.[1] ?? '\n'], ...lines] : lines;
		const text = parts.map(([line, lineBreak]) => line + (eol === 'mixed' ? lineBreak : eol)).join('');
		return finalBreak || text === '' ? text : text.slice(0, text.endsWith('\r\n') ? -2 : -1);
	});

/** Raw markdown: markdown punctuation, line breaks, pieces of plans and any code point, in any order. */
export const rawMarkdownDocument: fc.Arbitrary<string> = fc
	.array(
		fc.oneof(
			{
				weight: 6,
				arbitrary: fc.constantFrom(
					'#',
					'*',
					'-',
					'_',
					'[',
					']',
					'(',
					')',
					'`',
					'~',
					'>',
					'|',
					'!',
					':',
					'\\',
					'<',
					'>',
					'&',
					' ',
					' ',
					'\t',
					'x',
					'X',
					'1',
					'.',
					'/',
				),
			},
			{ weight: 3, arbitrary: fc.constantFrom(...lineBreaks) },
			{ weight: 2, arbitrary: fc.constantFrom(...inlinePieces) },
			{ weight: 1, arbitrary: fc.constantFrom(...awkwardLines) },
			{ weight: 1, arbitrary: codePoint },
		),
		{ maxLength: 48 },
	)
	.map(units => units.join(''));

/** Nats that pick positions once the document is known: line and column are taken modulo its size. */
export const positionSeeds: fc.Arbitrary<{ line: number; character: number }[]> = fc.array(
	fc.record({ line: fc.nat(), character: fc.nat() }),
	{ minLength: 1, maxLength: 2 },
);

/** A small seeded PRNG (mulberry32), so the protocol tests' random edits reproduce from their seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}
