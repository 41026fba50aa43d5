import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { DocumentProgress } from '../../../server/src/protocol';
import type { PlanmarkApi } from '../../../client/src/extension';
import {
	activatePlanmark,
	lineStartingWith,
	openFixtures,
	restorePlan,
	showAt,
	titleLensProgress,
	type Fixtures,
} from '../support';

// The status bar's text is out of the API's reach: these tests check what it is made of, the
// progress request it shows and the command a click on it runs. Requests go by method name: a
// RequestType from this bundle's copy of the protocol library is not one the client accepts.
describe('Plan progress in the status bar', () => {
	let fixtures: Fixtures;
	let api: PlanmarkApi;

	before(async () => {
		fixtures = await openFixtures();
		api = await activatePlanmark();
	});

	after(async () => {
		await restorePlan(fixtures.plan);
	});

	const progressOf = async (document: vscode.TextDocument): Promise<DocumentProgress> => {
		const progress = await api.client.sendRequest<DocumentProgress | null>('planmark/documentProgress', {
			uri: document.uri.toString(),
		});
		assert.ok(progress, `the server does not know ${vscode.workspace.asRelativePath(document.uri)}`);
		return progress;
	};

	it('registers planmark.pickOpenTask, which a click on it runs', async () => {
		assert.ok((await vscode.commands.getCommands(true)).includes('planmark.pickOpenTask'));
	});

	it("shows the same done/total as the plan's title lens", async () => {
		await showAt(fixtures.plan, 0);
		const progress = await progressOf(fixtures.plan);
		assert.equal(progress.isPlan, true);
		assert.equal(progress.title, 'Implementation Plan: Offline Sync for Field Notes');
		assert.deepEqual({ done: progress.done, total: progress.total }, await titleLensProgress(fixtures.plan.uri));
		assert.deepEqual({ done: progress.done, total: progress.total }, { done: 15, total: 37 });
	});

	it('counts one more done, as the title lens does, once a task is ticked', async () => {
		const task = lineStartingWith(fixtures.plan, '- [ ] Sync status indicator');
		const editor = await showAt(fixtures.plan, task);
		await vscode.commands.executeCommand('planmark.toggleTask');
		assert.equal(editor.document.lineAt(task).text, '- [x] Sync status indicator');
		const progress = await progressOf(fixtures.plan);
		assert.deepEqual({ done: progress.done, total: progress.total }, { done: 16, total: 37 });
		assert.deepEqual(await titleLensProgress(fixtures.plan.uri), { done: 16, total: 37 });
		assert.ok(!progress.openItems.some(item => item.position.line === task), 'the ticked task is still listed as open');
	});

	it('hides for the README, which is not a plan', async () => {
		await showAt(fixtures.readme, 0);
		assert.equal((await progressOf(fixtures.readme)).isPlan, false);
	});
});
