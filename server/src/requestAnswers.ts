import { ResponseError, type Connection } from 'vscode-languageserver/node';

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
