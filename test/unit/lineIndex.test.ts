import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { commonEnds } from '../../server/src/markdown/commonEnds';
import { LineIndex } from '../../server/src/markdown/lineIndex';
import { fuzzRuns, fuzzSeed } from './fuzzDocuments';

/** Every line's start, read through the public API. */
function starts(index: LineIndex): number[] {
	return Array.from({ length: index.lineCount }, (_, line) => index.lineStart(line));
}

const piece = fc.constantFrom('\n', '\r', '\r\n', 'a', 'bc', ' ', '中', '😀', '\r\r', '\n\n');
const textOf = fc.array(piece, { maxLength: 40 }).map(parts => parts.join(''));

describe('LineIndex', () => {
	test('counts columns in UTF-16 code units, so an emoji takes two', () => {
		const index = new LineIndex('a😀b\n中文[x]');
		assert.deepEqual(index.positionAt(3), { line: 0, character: 3 });
		assert.deepEqual(index.positionAt(7), { line: 1, character: 2 });
	});

	test('treats LF, CRLF and a lone CR as line breaks, and never splits CRLF', () => {
		const index = new LineIndex('one\r\ntwo\rthree\nfour');
		assert.equal(index.lineCount, 4);
		assert.deepEqual(index.positionAt(5), { line: 1, character: 0 });
		assert.deepEqual(index.positionAt(4), { line: 0, character: 4 });
		assert.equal(index.lineText(0), 'one');
		assert.equal(index.lineText(1), 'two');
		assert.equal(index.lineText(2), 'three');
		assert.equal(index.eol, '\r\n');
	});

	test('round-trips every offset and clamps positions past a line end or the document', () => {
		const text = 'ab\r\n\r\ncd😀\n';
		const index = new LineIndex(text);
		for (let offset = 0; offset <= text.length; offset++) {
			if (text[offset - 1] === '\r' && text[offset] === '\n') {
				continue;
			}
			assert.equal(index.offsetAt(index.positionAt(offset)), offset, `offset ${offset}`);
		}
		assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
		assert.equal(index.offsetAt({ line: 99, character: 0 }), text.length);
	});

	test('the index of an edited text, taken over from the old one, equals a fresh one', () => {
		fc.assert(
			fc.property(textOf, fc.nat(), fc.nat({ max: 6 }), textOf, (text, at, remove, insert) => {
				const start = at % (text.length + 1);
				const edited = text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
				const old = new LineIndex(text);
				const ends = commonEnds(text, edited);
				assert.deepEqual(starts(old.edited(edited, ends)), starts(new LineIndex(edited)));
				assert.ok(ends.prefix + ends.suffix <= Math.min(text.length, edited.length));
				assert.equal(text.slice(0, ends.prefix), edited.slice(0, ends.prefix));
				assert.equal(text.slice(text.length - ends.suffix), edited.slice(edited.length - ends.suffix));
			}),
			{ numRuns: fuzzRuns(2000), seed: fuzzSeed(42) },
		);
	});

	test('common ends are found across the blocks compared at once', () => {
		const text = `${'a'.repeat(10_000)}\n${'b'.repeat(10_000)}`;
		const edited = `${text.slice(0, 9_000)}x${text.slice(9_000)}`;
		assert.deepEqual(commonEnds(text, edited), { prefix: 9_000, suffix: text.length - 9_000 });
		assert.deepEqual(starts(new LineIndex(text).edited(edited, commonEnds(text, edited))), [0, 10_002]);
	});
});
