/*
 * The serialization floor of `npm run bench:stdio`: a server that does nothing but answer with
 * payloads it was handed, so the time a request takes is only encoding, the pipe and decoding.
 * planmark's answers for a document are stored here, then asked for as the editor asks planmark.
 */
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const connection = createMessageConnection(
	new StreamMessageReader(process.stdin),
	new StreamMessageWriter(process.stdout),
);
const stored = new Map<string, unknown>();
connection.onRequest('floor/store', (params: { name: string; payload: unknown }) => {
	stored.set(params.name, params.payload);
	return null;
});
connection.onRequest('floor/answer', (params: { name: string }) => stored.get(params.name) ?? null);
connection.listen();
