import {
	type CancellationToken,
	type Connection,
	LSPErrorCodes,
	ResponseError,
	type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * How the server answers a request whatever happens inside it: an unexpected error is logged and
 * answered with the empty result, never a crash; an error meant for the client (InvalidParams,
 * RequestCancelled) is sent as is.
 */
export function requestAnswers(connection: Connection): {
	answer<T>(request: string, empty: T, compute: () => T): T;
	answerLater<T>(request: string, empty: T, compute: () => Promise<T>): Promise<T>;
} {
	const failed = <T>(request: string, empty: T, error: unknown): T => {
		if (error instanceof ResponseError) {
			throw error;
		}
		connection.console.error(`planmark: ${request} failed: ${error instanceof Error ? error.stack : error}`);
		return empty;
	};
	return {
		answer(request, empty, compute) {
			try {
				return compute();
			} catch (error) {
				return failed(request, empty, error);
			}
		},
		async answerLater(request, empty, compute) {
			try {
				return await compute();
			} catch (error) {
				return failed(request, empty, error);
			}
		},
	};
}

/** Runs a request about an open document; one the server does not know gets the empty answer. */
export type WithDocument = <T>(
	uri: string,
	empty: T,
	compute: (document: TextDocument) => T,
	request: string,
	token?: CancellationToken,
) => T;

export function documentAnswers(
	documents: TextDocuments<TextDocument>,
	answer: <T>(request: string, empty: T, compute: () => T) => T,
): WithDocument {
	return (uri, empty, compute, request, token) => {
		const document = documents.get(uri);
		return cancellable(token, document ? answer(request, empty, () => compute(document)) : empty);
	};
}

/** A request the client cancelled is answered with RequestCancelled, as LSP recommends, not with a result it will ignore. */
export function cancellable<T>(token: CancellationToken | undefined, result: T): T {
	if (token?.isCancellationRequested) {
		throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the request was cancelled');
	}
	return result;
}
