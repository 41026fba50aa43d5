import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { PlanmarkApi } from '../../../client/src/extension';
import type { TemplateInfo } from '../../../server/src/protocol';
import { activatePlanmark, workspaceUri } from '../support';

// planmark.newDocument asks through quick picks and an input box; these tests drive the two
// requests behind it with what a user would pick and type. Requests go by name: a RequestType from
// this bundle's copy of the protocol library is not one the extension's copy accepts.
describe('New Document from Template', () => {
	let api: PlanmarkApi;
	let folderUri: string;
	let templates: TemplateInfo[];

	before(async () => {
		api = await activatePlanmark();
		folderUri = workspaceUri('').toString();
		templates = await api.client.sendRequest<TemplateInfo[]>('planmark/templates', { folderUri });
	});

	const template = (documentName: string): TemplateInfo => {
		const found = templates.find(candidate => candidate.documentName === documentName);
		assert.ok(
			found,
			`no template for ${documentName}; offered: ${templates.map(candidate => candidate.documentName).join(', ')}`,
		);
		return found;
	};

	const newDocument = (params: { templateUri: string; featureName: string; folderUri: string }) =>
		api.client.sendRequest<{ uri: string; text: string; exists: boolean }>('planmark/newDocument', params);

	it("offers the workspace's spec-kit tasks template and the bundled plan template", () => {
		assert.deepEqual(
			templates.map(candidate => ({
				documentName: candidate.documentName,
				title: candidate.title,
				file: candidate.uri.startsWith('bundled:')
					? 'bundled'
					: vscode.workspace.asRelativePath(vscode.Uri.parse(candidate.uri)),
			})),
			[
				{ documentName: 'tasks.md', title: 'Tasks: [FEATURE NAME]', file: '.specify/templates/tasks-template.md' },
				{ documentName: 'plan.md', title: 'Implementation Plan: [FEATURE NAME]', file: 'bundled' },
			],
		);
	});

	it("puts a new feature's plan in the next numbered specs/ folder with its name, branch and date filled in", async () => {
		const created = await newDocument({ templateUri: template('plan.md').uri, featureName: 'Photo Upload', folderUri });
		const uri = vscode.Uri.parse(created.uri);
		assert.equal(vscode.workspace.asRelativePath(uri), 'specs/043-photo-upload/plan.md');
		assert.equal(created.exists, false);
		const lines = created.text.split('\n');
		assert.equal(lines[0], '# Implementation Plan: Photo Upload');
		assert.ok(lines.includes('**Branch**: 043-photo-upload  '), `no branch line in:\n${lines.slice(0, 8).join('\n')}`);
		assert.ok(
			lines.includes(`**Created**: ${new Date().toISOString().slice(0, 10)}  `),
			`no creation date in:\n${lines.slice(0, 8).join('\n')}`,
		);
		assert.ok(!created.text.includes('[FEATURE NAME]'), 'the feature name placeholder is still there');
		// The request only proposes the file: the command writes it.
		await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(uri)), 'the request created the file itself');
	});

	it("puts an existing feature's tasks in its own folder and says the file exists", async () => {
		const created = await newDocument({
			templateUri: template('tasks.md').uri,
			featureName: 'Offline Sync',
			folderUri,
		});
		assert.equal(vscode.workspace.asRelativePath(vscode.Uri.parse(created.uri)), 'specs/042-offline-sync/tasks.md');
		assert.equal(created.exists, true);
		assert.match(created.text, /^# Tasks: Offline Sync$/m);
	});
});
