import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type ChunkScan, scanChunks } from '../../server/src/markdown/chunkScan';
import { commonEnds } from '../../server/src/markdown/commonEnds';
import { LineIndex } from '../../server/src/markdown/lineIndex';
import { fuzzRuns, fuzzSeed } from './fuzzDocuments';

/** The lines that open, close or start anything the scan looks for, and plain text between them. */
const piece = fc.constantFrom(
	'## Phase 1\n',
	'# Title\n',
	'#not a heading\n',
	'### Step\r\n',
	'text\n',
	'\n',
	'\r',
	'```\n',
	'```js\n',
	'~~~\n',
	'````\n',
	'<!-- note\n',
	'-->\n',
	'<pre>\n',
	'</pre>\n',
	'[Stripe]: https://stripe.com\n',
	'[^1]: a footnote\n',
	'  [Other]: /x\n',
	'\ufeff',
	'#',
	' ',
	'x',
	'`',
	'[',
	'中😀',
);
const textOf = fc.array(piece, { maxLength: 30 }).map(parts => parts.join(''));
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert: textOf });

function observable(scan: ChunkScan) {
	return { boundaries: scan.boundaries, labels: scan.labels, definitionLabels: [...scan.definitionLabels].sort() };
}

/** Scans each version from the one before, as the server does, and compares it with a scan of the whole text. */
function editedScansEqualWhole(initial: string, edits: readonly { at: number; remove: number; insert: string }[]) {
	let text = initial;
	let lines = new LineIndex(text);
	let scan = scanChunks(lines);
	for (const change of edits) {
		const at = change.at % (text.length + 1);
		const edited = text.slice(0, at) + change.insert + text.slice(Math.min(text.length, at + change.remove));
		const ends = commonEnds(text, edited);
		lines = lines.edited(edited, ends);
		const next = scanChunks(lines, { scan, length: text.length, ends });
		assert.deepEqual(observable(next), observable(scanChunks(new LineIndex(edited))), JSON.stringify(edited));
		if (
			[...next.definitionLabels].sort().join('\n') === [...scan.definitionLabels].sort().join('\n') &&
			next.labels.flatMap(chunk => chunk ?? []).join('\n') === scan.labels.flatMap(chunk => chunk ?? []).join('\n')
		) {
			// What kept answers compare: the same definitions are the same set object.
			assert.equal(next.definitionLabels, scan.definitionLabels);
		}
		text = edited;
		scan = next;
	}
}

describe('chunk scan', () => {
	test('finds chunk starts at headings outside code and HTML blocks, and the definitions of each chunk', () => {
		const text =
			'\ufeff# Plan\n[A]: /a\n```\n## Not a chunk\n```\n## Phase 1\n<!--\n## Hidden\n-->\n[b]: /b\n## Phase 2\n';
		const scan = scanChunks(new LineIndex(text));
		assert.deepEqual(
			scan.boundaries.map(start => text.slice(start, text.indexOf('\n', start))),
			['# Plan', '## Phase 1', '## Phase 2'],
		);
		assert.deepEqual(scan.labels, [['a'], ['b'], undefined]);
		assert.deepEqual([...scan.definitionLabels], ['a', 'b']);
	});

	test('scans an edited version only around the edit: a keystroke in a long plan', () => {
		const sections = Array.from({ length: 2000 }, (_, index) => `## Phase ${index}\ntext\n`).join('');
		const text = `# Plan\n${sections}`;
		const lines = new LineIndex(text);
		const scan = scanChunks(lines);
		const at = text.indexOf('## Phase 1000\n') + '## Phase 1000\n'.length;
		const edited = `${text.slice(0, at)}x${text.slice(at)}`;
		const ends = commonEnds(text, edited);
		const next = scanChunks(lines.edited(edited, ends), { scan, length: text.length, ends });
		assert.deepEqual(next.boundaries, scanChunks(new LineIndex(edited)).boundaries);
		// The chunks before the edit are the previous ones; so is the set of definitions.
		assert.equal(next.boundaries[500], scan.boundaries[500]);
		assert.equal(next.boundaries[1500], scan.boundaries[1500] + 1);
		assert.equal(next.definitionLabels, scan.definitionLabels);
	});

	test('an edited version scanned from the previous one equals a scan of the whole text', () => {
		fc.assert(fc.property(textOf, fc.array(edit, { minLength: 1, maxLength: 8 }), editedScansEqualWhole), {
			numRuns: fuzzRuns(500),
			seed: fuzzSeed(7),
		});
	});

	test('edits that open or close a fence, a comment or a heading far above the rest', () => {
		const text = '# Plan\n## A\ntext\n## B\n[x]: /x\n## C\n<pre>\n## D\n</pre>\n## E\n';
		const insertions = ['```\n', '<!--\n', '## New\n', '[y]: /y\n', '#', ' ', '\r', '\n'];
		for (let at = 0; at <= text.length; at++) {
			for (const insert of insertions) {
				editedScansEqualWhole(text, [{ at, remove: 0, insert }]);
			}
			editedScansEqualWhole(text, [{ at, remove: 1, insert: '' }]);
		}
	});
});
