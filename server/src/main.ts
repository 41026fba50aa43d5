import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The process entry: `node dist/server.js --stdio` (any editor) or `--node-ipc` (VS Code's client).
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

const connection = createConnection(ProposedFeatures.all);
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
