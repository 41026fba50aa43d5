import { createConnection, ProposedFeatures, StreamMessageReader } from 'vscode-languageserver/node';
import { startServer } from './server';
import { stdioMessageWriter } from './stdioWriter';

// The process entry: `node dist/server.js --stdio` (any editor, VS Code's client included), or `--node-ipc`, `--socket`, `--pipe`.
const transports = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
const args = process.argv.slice(2);
if (args.includes('--version')) {
	process.stdout.write(`planmark language server ${process.env.PLANMARK_VERSION ?? ''}\n`);
	process.exit(0);
}
if (!args.some(arg => transports.some(transport => arg.startsWith(transport)))) {
	process.stderr.write('usage: node dist/server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n');
	process.exit(2);
}

const stdio = args.includes('--stdio');
// Over stdio each message is written in one call (`stdioWriter.ts`); other transports are vscode-languageserver's.
const connection = stdio
	? createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), stdioMessageWriter(process.stdout))
	: createConnection(ProposedFeatures.all);
if (stdio) {
	// What vscode-languageserver does for the streams it opens itself: the client went away, so does the server.
	let shutdown = false;
	connection.onShutdown(() => {
		shutdown = true;
	});
	for (const event of ['end', 'close']) {
		process.stdin.on(event, () => process.exit(shutdown ? 0 : 1));
	}
}
// With --stdio, stdout carries the protocol: anything logged goes to the client instead.
console.log = connection.console.log.bind(connection.console);
console.info = connection.console.info.bind(connection.console);
console.warn = connection.console.warn.bind(connection.console);
console.error = connection.console.error.bind(connection.console);
process.on('uncaughtException', error =>
	connection.console.error(`planmark: unexpected error: ${error.stack ?? error}`),
);
process.on('unhandledRejection', error => connection.console.error(`planmark: unexpected rejection: ${error}`));

startServer(connection);
connection.listen();
