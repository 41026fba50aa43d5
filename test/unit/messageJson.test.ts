import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keep, messageJson } from '../../server/src/messageJson';

describe('message JSON', () => {
	test('is the text JSON.stringify gives, kept parts or not, the first time and after', () => {
		const inner = keep({ name: 'Research Task 1: "Topic" ✓', detail: undefined, kind: 5, children: [] });
		const lens = keep({ range: { start: { line: 1, character: 0 } }, data: [0, 1], command: undefined });
		const message = {
			jsonrpc: '2.0',
			id: 7,
			skipped: undefined,
			result: [
				keep({ name: 'Plan', children: [inner, keep({ name: 'Gate 1', children: [inner] })], missing: () => 1 }),
				[lens, undefined, () => 0, null, 'line\nbreak \u2028'],
				{ toJSON: () => ({ replaced: true }) },
				new Date(0),
				Number.NaN,
			],
		};
		const expected = JSON.stringify(message);
		assert.equal(messageJson(message), expected);
		assert.equal(messageJson(message), expected, 'the kept parts come from the first message');
		assert.equal(messageJson({ again: inner }), JSON.stringify({ again: inner }));
	});

	test('takes kept parts from earlier messages as deep as a symbol answer holds them', () => {
		const section = keep({ name: 'Phase 1', kind: 2 });
		const title = { name: 'Plan', children: [section] };
		const first = messageJson({ jsonrpc: '2.0', id: 1, result: [title] });
		// Kept objects are never written to; one that is shows whether its text was encoded again.
		(section as { name: string }).name = 'changed';
		assert.equal(messageJson({ jsonrpc: '2.0', id: 2, result: [title] }), first.replace('"id":1', '"id":2'));
	});

	test('reuses the text of kept parts inside a new kept object, and encodes one with none whole', () => {
		const task = keep({ name: 'Task 1', kind: 7 });
		messageJson({ result: [task] });
		(task as { name: string }).name = 'changed';
		// A new section around a part sent before: the part's text is the one sent.
		const section = keep({ name: 'Phase 1', children: [task, keep({ name: 'Task 2' })] });
		const expected = JSON.stringify({ result: [section] }).replace('"changed"', '"Task 1"');
		assert.equal(messageJson({ result: [section] }), expected);
		// A moved copy of everything (an Enter above it): nothing of it was sent, so it is its own text.
		const moved = keep({ name: 'Phase 1', children: [keep({ name: 'Task 1', line: 2 })] });
		assert.equal(messageJson({ result: [moved] }), JSON.stringify({ result: [moved] }));
		(moved.children[0] as { name: string }).name = 'changed';
		assert.equal(
			messageJson({ result: [moved] }),
			JSON.stringify({ result: [moved] }).replace('"changed"', '"Task 1"'),
		);
	});

	test('leaves out what JSON.stringify leaves out, at the top as well', () => {
		assert.equal(messageJson(undefined), 'null');
		assert.equal(messageJson([undefined, keep({ a: undefined })]), JSON.stringify([undefined, { a: undefined }]));
		assert.equal(messageJson(keep({})), '{}');
		assert.equal(messageJson(keep([])), '[]');
	});
});
