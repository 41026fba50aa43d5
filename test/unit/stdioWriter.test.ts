import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { StreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { stdioMessageWriter } from '../../server/src/stdioWriter';

/** A stream recording each call the writer makes to the pipe underneath, and the bytes of each. */
function recordingStream(): { stream: Writable; calls: Buffer[] } {
	const calls: Buffer[] = [];
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			calls.push(chunk);
			done();
		},
		writev(chunks, done) {
			calls.push(Buffer.concat(chunks.map(({ chunk }) => chunk as Buffer)));
			done();
		},
	});
	return { stream, calls };
}

const messages: Message[] = [
	{ jsonrpc: '2.0', id: 1, result: { capabilities: { documentSymbolProvider: true } } } as Message,
	{ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'Ünïcödé ✓ 😀' } } as Message,
	{ jsonrpc: '2.0', id: 2, result: Array.from({ length: 2_000 }, (_, line) => ({ range: { line } })) } as Message,
];

describe('the stdio message writer', () => {
	test("sends vscode-jsonrpc's own bytes, each message in one write to the pipe", async () => {
		const ours = recordingStream();
		const theirs = recordingStream();
		const writer = stdioMessageWriter(ours.stream);
		const reference = new StreamMessageWriter(theirs.stream);
		for (const message of messages) {
			await writer.write(message);
			await reference.write(message);
		}
		assert.equal(ours.calls.length, messages.length, 'one write per message');
		assert.equal(theirs.calls.length, 2 * messages.length, "vscode-jsonrpc's writer makes two");
		assert.deepEqual(Buffer.concat(ours.calls), Buffer.concat(theirs.calls));
		assert.match(ours.calls[1].toString('utf8'), /^Content-Length: \d+\r\n\r\n\{.*Ünïcödé ✓ 😀/);
	});

	test('messages written without waiting keep their order', async () => {
		const ours = recordingStream();
		const theirs = recordingStream();
		const writer = stdioMessageWriter(ours.stream);
		const reference = new StreamMessageWriter(theirs.stream);
		await Promise.all(messages.map(message => writer.write(message)));
		await Promise.all(messages.map(message => reference.write(message)));
		assert.deepEqual(Buffer.concat(ours.calls), Buffer.concat(theirs.calls));
	});

	test('a failed write is reported to the connection', async () => {
		const broken = new Writable({
			write(_chunk, _encoding, done) {
				done(new Error('EPIPE'));
			},
		});
		broken.on('error', () => undefined);
		const writer = stdioMessageWriter(broken);
		const errors: unknown[] = [];
		writer.onError(error => errors.push(error));
		await assert.rejects(writer.write(messages[0]));
		assert.ok(errors.length > 0);
	});
});
