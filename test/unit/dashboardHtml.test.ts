import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dashboardBody, dashboardHtml } from '../../client/src/dashboardHtml';
import type { FeatureDocument, FeatureStatus } from '../../server/src/protocol';

const document = (path: string, extra: Partial<FeatureDocument> = {}): FeatureDocument => ({
	uri: `file:///workspace/${path}`,
	path,
	title: path,
	isPlan: true,
	done: 0,
	total: 0,
	clarifications: 0,
	problems: 0,
	...extra,
});

const shared: FeatureStatus = {
	folderUri: 'file:///workspace/specs/002-shared-links',
	folder: 'specs/002-shared-links',
	number: '002',
	name: 'shared-links',
	phase: 'implement',
	documents: {
		spec: document('specs/002-shared-links/spec.md'),
		plan: document('specs/002-shared-links/plan.md', { problems: 1 }),
		tasks: document('specs/002-shared-links/tasks.md', { done: 9, total: 17 }),
		checklists: [document('specs/002-shared-links/checklists/requirements.md', { done: 12, total: 16 })],
	},
	tasks: { done: 9, total: 17 },
	taskPhases: [],
	stories: [{ id: 'US1', name: 'Share <an> album', line: 20, done: 4, total: 4 }],
	checklistItems: { done: 12, total: 16 },
	clarifications: 2,
	problems: 1,
};

describe('the feature dashboard page', () => {
	const page = dashboardHtml([shared], 'abc123', 'vscode-webview://id');

	test('allows no remote content and only the scripts and styles that carry its nonce', () => {
		const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
		assert.equal(
			policy,
			"default-src 'none'; img-src vscode-webview://id; style-src vscode-webview://id 'nonce-abc123'; script-src 'nonce-abc123';",
		);
		assert.doesNotMatch(page, /https?:\/\//, 'nothing is loaded from the network');
		assert.doesNotMatch(page, /\sstyle="/, 'no style attribute, which the policy blocks');
		assert.deepEqual(
			[...page.matchAll(/<(script|style)\b([^>]*)>/g)].map(match => match[0]),
			['<style nonce="abc123">', '<script nonce="abc123">'],
		);
	});

	test('draws one row per feature with its workflow step, progress, questions, problems and checklists', () => {
		const body = dashboardBody([shared]);
		assert.equal(body.match(/<tr data-folder=/g)?.length, 1);
		assert.match(body, /<li class="step passed"><span class="visually-hidden">done: <\/span>spec<\/li>/);
		assert.match(
			body,
			/<li class="step current" aria-current="step"><span class="visually-hidden">current step: <\/span>tasks<\/li>/,
		);
		assert.match(body, /<progress max="100" value="53" aria-label="Tasks 9\/17 · 53%"><\/progress>/);
		assert.match(body, /2 questions/);
		assert.match(body, /1 problem</);
		assert.match(body, /12\/16 items/);
	});

	test('opens documents through buttons, which the keyboard reaches and Enter presses', () => {
		const body = dashboardBody([shared]);
		const buttons = [
			...body.matchAll(/<button type="button" class="([^"]+)" data-uri="([^"]+)"(?: data-line="(\d+)")?/g),
		];
		assert.deepEqual(
			buttons.map(match => [match[2].replace('file:///workspace/', ''), match[3]]),
			[
				['specs/002-shared-links/tasks.md', undefined],
				['specs/002-shared-links/tasks.md', '20'],
				['specs/002-shared-links/spec.md', undefined],
				['specs/002-shared-links/plan.md', undefined],
				['specs/002-shared-links/tasks.md', undefined],
				['specs/002-shared-links/checklists/requirements.md', undefined],
			],
		);
	});

	test('escapes what documents say', () => {
		assert.match(dashboardBody([shared]), /US1 Share &#60;an&#62; album/);
		assert.doesNotMatch(dashboardBody([shared]), /<an>/);
	});

	test('says where features live when there is none', () => {
		assert.match(dashboardBody([]), /specs\/NNN-name\//);
	});
});
