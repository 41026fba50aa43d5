import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { PlanmarkApi } from '../../../client/src/extension';
import { activatePlanmark } from '../support';

describe('Workspace trust', () => {
	let api: PlanmarkApi;

	before(async () => {
		api = await activatePlanmark();
	});

	it('tells the language server whether the user trusts the workspace, as the editor knows it', () => {
		const options = api.client.clientOptions.initializationOptions as { workspaceTrusted?: unknown };
		assert.equal(typeof options.workspaceTrusted, 'boolean', 'the client passes trust at start');
		assert.equal(options.workspaceTrusted, vscode.workspace.isTrusted);
	});
});
