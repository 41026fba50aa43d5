import * as vscode from 'vscode';
import {
	CloseAction,
	ErrorAction,
	type CloseHandlerResult,
	type ErrorHandler,
	type ErrorHandlerResult,
	type Message,
} from 'vscode-languageclient/node';

/** How many times the server is restarted after crashing within `windowMs` before planmark gives up. */
export const maximumRestarts = 4;
const windowMs = 3 * 60_000;

/**
 * Restarts the language server when it dies, a bounded number of times, telling the user each
 * time with a way to the logs; after too many crashes it stops and offers a manual restart.
 */
export function crashHandler(output: vscode.OutputChannel, restart: () => void): ErrorHandler {
	const crashes: number[] = [];
	const offer = async (message: string, actions: string[]) => {
		const choice = await vscode.window.showWarningMessage(message, ...actions);
		if (choice === 'Show Logs') {
			output.show();
		} else if (choice === 'Restart') {
			restart();
		}
	};
	return {
		error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
			// A few broken messages are survivable; a stream of them means the connection is gone.
			return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
		},
		closed(): CloseHandlerResult {
			const now = Date.now();
			crashes.push(now);
			while (crashes.length > 0 && now - crashes[0] > windowMs) {
				crashes.shift();
			}
			if (crashes.length <= maximumRestarts) {
				void offer(
					`planmark's language server stopped unexpectedly and was restarted (${crashes.length} of ${maximumRestarts} in 3 minutes).`,
					['Show Logs'],
				);
				return { action: CloseAction.Restart, handled: true };
			}
			void offer(
				`planmark's language server stopped ${crashes.length} times in 3 minutes and will not be restarted automatically.`,
				['Show Logs', 'Restart'],
			);
			return { action: CloseAction.DoNotRestart, handled: true };
		},
	};
}
