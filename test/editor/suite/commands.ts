import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activatePlanmark } from '../support';

describe('Commands', () => {
	let commands: string[];

	before(async () => {
		await activatePlanmark();
		commands = await vscode.commands.getCommands(true);
	});

	for (const command of ['planmark.restartServer', 'planmark.showOutput']) {
		it(`registers ${command}`, () => {
			assert.ok(commands.includes(command), `${command} is not registered`);
		});
	}
});
