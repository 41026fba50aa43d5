import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { PlanmarkApi } from '../../../client/src/extension';
import type { FeatureItem } from '../../../client/src/featuresView';
import type { FeatureStatus } from '../../../server/src/protocol';
import { repositoryRoot } from '../../repositoryRoot';
import { activatePlanmark, lineStartingWith, workspaceUri } from '../support';

/*
 * The Features view, the feature status bar item and the dashboard in the real editor, over the
 * feature folders of test/fixtures/cli/features (copied into the workspace for this suite, which
 * also shows that the view follows files created and deleted on disk) beside the workspace's own
 * specs/042-offline-sync. Requests go by method name, as in the other suites.
 */

const fixtureSpecs = path.join(repositoryRoot(), 'test', 'fixtures', 'cli', 'features', 'specs');
const copied = fs.readdirSync(fixtureSpecs).sort();

async function waitFor<T>(
	probe: () => Promise<T | undefined> | T | undefined,
	what: string,
	timeoutMs = 20_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) {
			return value;
		}
		if (Date.now() > deadline) {
			throw new Error(`gave up waiting for ${what}`);
		}
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

describe('The Features view, the feature status bar and the dashboard', () => {
	let api: PlanmarkApi;
	const serverFeatures = () => api.client.sendRequest<FeatureStatus[]>('planmark/features', {});
	const rows = async () => {
		const view = api.features.view;
		return (await view.getChildren()).map(element => ({ element, item: view.getTreeItem(element) }));
	};
	const rowOf = async (label: string) => {
		const row = (await rows()).find(candidate => candidate.item.label === label);
		assert.ok(row, `no row ${label}`);
		return row;
	};
	const described = (item: vscode.TreeItem) => `${item.label}${item.description ? ` — ${item.description}` : ''}`;

	before(async () => {
		api = await activatePlanmark();
		for (const name of copied) {
			await vscode.workspace.fs.copy(vscode.Uri.file(path.join(fixtureSpecs, name)), workspaceUri(`specs/${name}`), {
				overwrite: true,
			});
		}
		await waitFor(
			async () => ((await serverFeatures()).length === copied.length + 1 ? true : undefined),
			'the server to index the copied features',
		);
		await waitFor(
			async () => ((await rows()).length === copied.length + 1 ? true : undefined),
			'the view to list them',
		);
	});

	after(async () => {
		for (const name of copied) {
			await vscode.workspace.fs.delete(workspaceUri(`specs/${name}`), { recursive: true });
		}
		// The suites after this one see the workspace as it was.
		await waitFor(async () => ((await serverFeatures()).length === 1 ? true : undefined), 'the features to go');
	});

	it('lists every feature once, by number, with the figures `planmark status --format json` gives in the same folder', async () => {
		const cli = spawnSync(
			process.execPath,
			[path.join(repositoryRoot(), 'dist', 'cli.js'), 'status', '--format', 'json'],
			{ cwd: workspaceUri('.').fsPath, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
		);
		assert.equal(cli.status, 0, cli.stderr);
		const status = JSON.parse(cli.stdout) as {
			features: {
				number: string;
				name: string;
				phase: string;
				tasks: { done: number; total: number; percent: number };
				clarifications: number;
				problems: number;
			}[];
		};
		const fromCli = status.features.map(feature =>
			[
				`${feature.number} ${feature.name} — ${feature.phase}`,
				feature.tasks.total > 0 ? `${feature.tasks.done}/${feature.tasks.total} · ${feature.tasks.percent}%` : '',
				feature.clarifications > 0
					? `${feature.clarifications} question${feature.clarifications === 1 ? '' : 's'}`
					: '',
				feature.problems > 0 ? `${feature.problems} problem${feature.problems === 1 ? '' : 's'}` : '',
			]
				.filter(part => part !== '')
				.join(' · '),
		);
		assert.deepEqual(
			(await rows()).map(row => described(row.item)),
			fromCli,
		);
		// What the fixture's PROJECT.md counts by hand (problems depend on the templates the workspace has).
		assert.deepEqual(
			(await rows()).map(row =>
				[
					row.item.label,
					...String(row.item.description)
						.split(' · ')
						.filter(part => !/problems?$/.test(part)),
				].join(' '),
			),
			[
				'001 photo-albums done 14/14 100%',
				'002 shared-links implement 9/17 53%',
				'003 comments tasks 0/11 0%',
				'004 offline-mode plan 1 question',
				'005 face-tagging clarify 2 questions',
				'006 print-orders specify',
				'010 storage-quotas implement 3/5 60%',
				'042 offline-sync implement 3/6 50%',
			],
		);
	});

	it('expands a feature into its documents, the phases of its tasks.md and its stories; a story opens its tasks', async () => {
		const view = api.features.view;
		const shared = await rowOf('002 shared-links');
		const children = await view.getChildren(shared.element);
		assert.deepEqual(
			children.map(child => described(view.getTreeItem(child)).replace(/ — \d+ problems?$/, '')),
			[
				'spec.md',
				'plan.md',
				'tasks.md — 9/17 · 53%',
				'checklists/requirements.md — 12/16 items',
				'Phases — 3/5 done',
				'User stories — 1/2 done',
			],
		);
		const stories = children.find(child => child.kind === 'group' && child.group === 'stories') as FeatureItem;
		const storyRows = (await view.getChildren(stories)).map(child => view.getTreeItem(child));
		assert.deepEqual(storyRows.map(described), [
			'US1 Share an album by link (P1) — 4/4 · 100%',
			'US2 Revoke or expire a link (P2) — 1/6 · 17%',
		]);
		const command = storyRows[1].command;
		assert.ok(command);
		await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor, 'the story opened no editor');
		assert.equal(vscode.workspace.asRelativePath(editor.document.uri), 'specs/002-shared-links/tasks.md');
		assert.equal(editor.selection.active.line, lineStartingWith(editor.document, '## Phase 4: User Story 2'));
		const phases = children.find(child => child.kind === 'group' && child.group === 'phases') as FeatureItem;
		assert.deepEqual((await view.getChildren(phases)).map(child => described(view.getTreeItem(child))).slice(3), [
			'Phase 4: User Story 2 - Revoke or expire a link (Priority: P2) — 1/4 · 25%',
			'Phase 5: Polish & Cross-Cutting Concerns — 0/5 · 0%',
		]);
	});

	it("shows the active document's feature and phase in the status bar", async () => {
		await vscode.window.showTextDocument(workspaceUri('specs/005-face-tagging/checklists/requirements.md'));
		await waitFor(
			() => (api.features.statusText() === '$(question) 005-face-tagging: clarify' ? true : undefined),
			'the status bar item',
		);
		await vscode.window.showTextDocument(workspaceUri('README.md'));
		await waitFor(() => (api.features.statusText() === undefined ? true : undefined), 'the item to hide on a README');
	});

	it('follows unsaved edits of a tasks.md', async () => {
		const document = await vscode.workspace.openTextDocument(workspaceUri('specs/002-shared-links/tasks.md'));
		const line = lineStartingWith(document, '- [ ] T010');
		const edit = new vscode.WorkspaceEdit();
		edit.replace(document.uri, new vscode.Range(line, 3, line, 4), 'x');
		assert.ok(await vscode.workspace.applyEdit(edit));
		try {
			await waitFor(async () => {
				const row = await rowOf('002 shared-links');
				return String(row.item.description).startsWith('implement · 10/17 · 59%') ? true : undefined;
			}, 'the row to count the ticked task');
		} finally {
			const undo = new vscode.WorkspaceEdit();
			undo.replace(document.uri, new vscode.Range(line, 3, line, 4), ' ');
			await vscode.workspace.applyEdit(undo);
			// Saved as it was, so no later suite meets an unsaved document.
			await document.save();
		}
	});

	it('follows a feature created and deleted on disk', async () => {
		const spec = workspaceUri('specs/011-albums-export/spec.md');
		await vscode.workspace.fs.writeFile(
			spec,
			new TextEncoder().encode(
				'# Feature Specification: Albums Export\n\n- **FR-001**: [NEEDS CLARIFICATION: zip or tar?]\n',
			),
		);
		await waitFor(
			async () =>
				(await rows()).some(row => described(row.item) === '011 albums-export — clarify · 1 question')
					? true
					: undefined,
			'the new feature',
		);
		await vscode.workspace.fs.delete(workspaceUri('specs/011-albums-export'), { recursive: true });
		await waitFor(
			async () => ((await rows()).every(row => row.item.label !== '011 albums-export') ? true : undefined),
			'the deleted feature to go',
		).catch(async error => {
			throw new Error(
				`${(error as Error).message}; the server lists ${(await serverFeatures()).map(feature => feature.folder).join(', ')}`,
			);
		});
	});

	it('is contributed to the Explorer, with its refresh command', async () => {
		await vscode.commands.executeCommand('planmark.features.focus');
		await vscode.commands.executeCommand('planmark.refreshFeatures');
	});

	describe('the dashboard', () => {
		const dashboardTabs = () =>
			vscode.window.tabGroups.all
				.flatMap(group => group.tabs)
				.filter(
					tab => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('planmark.dashboard'),
				);

		before(async () => {
			await vscode.commands.executeCommand('planmark.showFeatureDashboard');
		});

		after(async () => {
			await vscode.window.tabGroups.close(dashboardTabs());
		});

		it('opens as a webview tab, once however often it is asked for', async () => {
			await vscode.commands.executeCommand('planmark.showFeatureDashboard');
			const describeTabs = () =>
				vscode.window.tabGroups.all
					.flatMap(group => group.tabs)
					.map(
						tab =>
							`${tab.label}: ${tab.input instanceof vscode.TabInputWebview ? tab.input.viewType : typeof tab.input}`,
					)
					.join(', ');
			await waitFor(
				() => (dashboardTabs().length > 0 ? true : undefined),
				`the dashboard tab (${describeTabs()})`,
				10_000,
			).catch(error => {
				throw new Error(`${(error as Error).message}; now: ${describeTabs()}`);
			});
			assert.equal(dashboardTabs().length, 1, describeTabs());
			assert.equal(dashboardTabs()[0].label, 'Features');
		});

		it('draws one row per feature, with its phase, progress, questions, problems and checklists', async () => {
			const dashboard = api.features.dashboard;
			const body = await waitFor(
				() => (dashboard.body?.match(/<tr data-folder=/g)?.length === copied.length + 1 ? dashboard.body : undefined),
				'the rows',
			);
			assert.deepEqual(
				[...body.matchAll(/<tr data-folder="([^"]+)" data-phase="([^"]+)">/g)].map(match => `${match[1]} ${match[2]}`),
				[
					'specs/001-photo-albums done',
					'specs/002-shared-links implement',
					'specs/003-comments tasks',
					'specs/004-offline-mode plan',
					'specs/005-face-tagging clarify',
					'specs/006-print-orders specify',
					'specs/010-storage-quotas implement',
					'specs/042-offline-sync implement',
				],
			);
			const shared = /<tr data-folder="specs\/002-shared-links"[\s\S]*?<\/tr>/.exec(body)?.[0] ?? '';
			assert.match(shared, /aria-current="step"><span class="visually-hidden">current step: <\/span>tasks/);
			assert.match(shared, /<progress max="100" value="53"/);
			assert.match(shared, /12\/16 items/);
			assert.match(dashboard.html ?? '', /Content-Security-Policy" content="default-src 'none';/);
		});

		it("opens a feature's document when the page asks, and nothing outside the features", async () => {
			const dashboard = api.features.dashboard;
			const plan = workspaceUri('specs/004-offline-mode/plan.md');
			const editor = await dashboard.open({ command: 'open', uri: plan.toString() });
			assert.equal(editor?.document.uri.toString(), plan.toString());
			assert.equal(await dashboard.open({ command: 'open', uri: workspaceUri('README.md').toString() }), undefined);
			assert.equal(await dashboard.open({ command: 'run', uri: plan.toString() }), undefined);
		});
	});
});
