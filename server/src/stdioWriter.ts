import type { Writable } from 'node:stream';
import { Disposable, type MessageWriter, type RAL, WriteableStreamMessageWriter } from 'vscode-languageserver/node';
import { messageJson } from './messageJson';

/*
 * The protocol writer for `--stdio`. vscode-jsonrpc's own stream wrapper writes each message's
 * header, waits until the header has been handed to the pipe, then writes the content: two system
 * calls and a turn of the event loop per answer, which cost a typed character in a short plan as
 * much as building its outline did. This stream holds the header back and writes it with the
 * content in one call; the messages, their order and their bytes are vscode-jsonrpc's.
 */

/**
 * vscode-jsonrpc's message writer over `output`, each message written in one call, its JSON
 * taking the text of kept answer objects from earlier messages (`messageJson.ts`).
 */
export function stdioMessageWriter(output: Writable): MessageWriter {
	return new WriteableStreamMessageWriter(new OneWritePerMessage(output), {
		contentTypeEncoder: {
			name: 'application/json',
			encode: (message, options) => {
				try {
					return Promise.resolve(Buffer.from(messageJson(message), options.charset));
				} catch (error) {
					return Promise.reject(error);
				}
			},
		},
	});
}

class OneWritePerMessage implements RAL.WritableStream {
	/** The header of the message being written, held until its content comes. */
	private header: { readonly text: string; readonly encoding: RAL.MessageBufferEncoding } | undefined;

	constructor(private readonly stream: Writable) {}

	onClose(listener: () => void): Disposable {
		return this.on('close', listener);
	}

	onError(listener: (error: unknown) => void): Disposable {
		return this.on('error', listener);
	}

	onEnd(listener: () => void): Disposable {
		return this.on('end', listener);
	}

	write(data: Uint8Array | string, encoding: RAL.MessageBufferEncoding = 'utf-8'): Promise<void> {
		if (typeof data === 'string') {
			// vscode-jsonrpc writes only headers as text; one not yet followed by content goes first.
			this.flushHeader();
			this.header = { text: data, encoding };
			return Promise.resolve();
		}
		return new Promise((resolve, reject) => {
			// Corked, the header and the content leave in one call (writev).
			this.stream.cork();
			this.flushHeader();
			this.stream.write(data, error => (error ? reject(error) : resolve()));
			this.stream.uncork();
		});
	}

	end(): void {
		this.flushHeader();
		this.stream.end();
	}

	private flushHeader(): void {
		if (this.header) {
			this.stream.write(this.header.text, this.header.encoding === 'ascii' ? 'ascii' : 'utf8');
			this.header = undefined;
		}
	}

	private on(event: string, listener: (error?: unknown) => void): Disposable {
		this.stream.on(event, listener);
		return Disposable.create(() => this.stream.off(event, listener));
	}
}
