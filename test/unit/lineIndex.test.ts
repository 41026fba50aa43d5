import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/markdown/lineIndex';

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
});
