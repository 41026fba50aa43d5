import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PlanmarkApi } from '../../../client/src/extension';
import { PlansView } from '../../../client/src/plansView';
import type { DocumentProgress } from '../../../server/src/protocol';
import {
	activatePlanmark,
	lineStartingWith,
	openFixtures,
	planmarkDiagnostics,
	restorePlan,
	showAt,
	workspaceUri,
	type Fixtures,
} from '../support';

const tasksPath = 'specs/042-offline-sync/tasks.md';
const templatePath = '.specify/templates/tasks-template.md';

describe('The Plans view', () => {
	let fixtures: Fixtures;
	let api: PlanmarkApi;

	before(async () => {
		fixtures = await openFixtures();
		api = await activatePlanmark();
		// A template the editor has open has tasks and a title, yet is no plan.
		await vscode.workspace.openTextDocument(workspaceUri(templatePath));
	});

	afterEach(async () => {
		await restorePlan(fixtures.plan);
	});

	const workspacePlans = async (): Promise<Map<string, DocumentProgress>> => {
		const plans = await api.client.sendRequest<DocumentProgress[]>('planmark/workspaceProgress', {});
		return new Map(plans.map(plan => [vscode.workspace.asRelativePath(vscode.Uri.parse(plan.uri)), plan]));
	};

	it("lists the workspace's plans, open or not, and neither the README nor the template", async () => {
		const plans = await workspacePlans();
		assert.deepEqual([...plans.keys()].sort(), ['specs/042-offline-sync/plan.md', tasksPath]);
	});

	it("shows each plan's title, done/total and problem count, as the Problems panel counts them", async () => {
		const plans = await workspacePlans();
		const plan = plans.get('specs/042-offline-sync/plan.md');
		assert.ok(plan, 'plan.md is not listed');
		assert.deepEqual(
			{ title: plan.title, done: plan.done, total: plan.total, problems: plan.problems },
			{ title: 'Implementation Plan: Offline Sync for Field Notes', done: 15, total: 37, problems: 3 },
		);
		assert.equal(plan.problems, planmarkDiagnostics(fixtures.plan.uri).length);
		// tasks.md is not open: the view reads it from disk.
		const tasks = plans.get(tasksPath);
		assert.deepEqual(tasks && { title: tasks.title, done: tasks.done, total: tasks.total, problems: tasks.problems }, {
			title: 'Tasks: Offline Sync',
			done: 3,
			total: 6,
			problems: 0,
		});
	});

	it('follows unsaved edits of an open plan', async () => {
		const task = lineStartingWith(fixtures.plan, '- [ ] Developer guide');
		await showAt(fixtures.plan, task);
		await vscode.commands.executeCommand('planmark.toggleTask');
		assert.equal(fixtures.plan.lineAt(task).text, '- [x] Developer guide');
		const plan = (await workspacePlans()).get('specs/042-offline-sync/plan.md');
		assert.deepEqual(plan && { done: plan.done, total: plan.total }, { done: 16, total: 37 });
	});

	it('opens in the Explorer and refreshes without an error', async () => {
		// VS Code makes a focus command for every contributed view; it fails for a view nobody contributed.
		await vscode.commands.executeCommand('planmark.plans.focus');
		await vscode.commands.executeCommand('planmark.refreshPlans');
	});

	describe('its rows', () => {
		let view: PlansView;

		before(() => {
			// The view's rows are out of the API's reach, so this is a second instance of the provider the
			// extension registers, asking the extension's running server. Its requests go by method name:
			// a RequestType from this bundle's copy of the protocol library is not one the client accepts.
			const client: Pick<LanguageClient, 'isRunning'> & {
				sendRequest(type: { method: string }, params: unknown): Promise<unknown>;
			} = {
				isRunning: () => api.client.isRunning(),
				sendRequest: (type, params) => api.client.sendRequest(type.method, params),
			};
			view = new PlansView(client as LanguageClient);
		});

		after(() => {
			view.dispose();
		});

		it('show each plan by title, sorted, with progress and problems', async () => {
			const rows = (await view.getChildren()).map(element => view.getTreeItem(element));
			assert.deepEqual(
				rows.map(row => `${row.label} — ${row.description}`),
				[
					'Implementation Plan: Offline Sync for Field Notes — 15/37 · 41% · 3 problems',
					'Tasks: Offline Sync — 3/6 · 50%',
				],
			);
			assert.deepEqual(
				rows[0].command?.arguments?.map(String),
				[fixtures.plan.uri.toString()],
				'clicking the plan does not open it',
			);
		});

		it("expand to the plan's sections with their progress", async () => {
			const [plan] = await view.getChildren();
			const sections = (await view.getChildren(plan)).map(element => view.getTreeItem(element));
			const described = sections.map(row => `${row.label}${row.description ? ` — ${row.description}` : ''}`);
			assert.deepEqual(described.slice(0, 3), [
				'1. Technical Context — 2/3 · 67%',
				'2. Constitution Check — 8/12 · 67%',
				'3. Phase 0: Research & Decisions',
			]);
		});
	});
});
