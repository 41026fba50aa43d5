import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { withServer } from './lspClient';
import { examplePlanText, temporaryFolder, testOptions } from './support';

/* One boundary: the server reads nothing outside the workspace, however a path is written. */

const releaseTemplate = [
	'# Release Plan: [RELEASE NAME]',
	'',
	'## 1. Scope',
	'[What ships in this release]',
	'',
	'## 2. Rollout',
	'[How the release reaches users]',
	'',
].join('\n');
const releasePlan = [
	'# Release Plan: Spring',
	'',
	'## 1. Scope',
	'Offline sync.',
	'',
	'## 2. Rollout',
	'Staged.',
	'',
].join('\n');

describe('the workspace boundary', () => {
	test(
		'a link through a symbolic link to a folder outside the workspace is neither followed nor reported',
		testOptions,
		async () => {
			const outside = temporaryFolder('planmark-outside-');
			writeFileSync(path.join(outside, 'secret.md'), '# Secret\n\n## Hidden heading\n');
			const workspace = temporaryFolder();
			mkdirSync(path.join(workspace, 'docs'));
			symlinkSync(outside, path.join(workspace, 'docs', 'ext'));
			writeFileSync(path.join(workspace, 'docs', 'inside.md'), '# Inside\n');
			const text = `${examplePlanText}\nSee [the secret](docs/ext/secret.md#hidden-heading), [a guess](docs/ext/missing.md) and [inside](docs/inside.md#nowhere).\n`;
			const uri = URI.file(path.join(workspace, 'plan.md')).toString();
			await withServer({ workspaceFolders: [workspace] }, async client => {
				const version = await client.didOpen(uri, text);
				const { diagnostics } = await client.nextDiagnostics(uri, version);
				const broken = diagnostics
					.filter(diagnostic => diagnostic.code === 'plan.broken-link')
					.map(diagnostic => String(diagnostic.message))
					.filter(message => message.includes('docs/'));
				assert.equal(broken.length, 1, broken.join('\n'));
				assert.match(broken[0], /docs\/inside\.md#nowhere/, 'links inside the workspace are still checked');
				const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
				assert.ok(
					links.every(link => !link.target?.includes('/ext/')),
					'nothing behind the link is offered as a target',
				);
			});
		},
	);

	test('settings in a folder above the workspace are not read', testOptions, async () => {
		const parent = temporaryFolder();
		writeFileSync(path.join(parent, '.planmark.json'), JSON.stringify({ diagnostics: { placeholder: 'off' } }));
		writeFileSync(
			path.join(parent, 'package.json'),
			JSON.stringify({ planmark: { diagnostics: { placeholder: 'off' } } }),
		);
		const workspace = path.join(parent, 'workspace');
		mkdirSync(workspace);
		const uri = URI.file(path.join(workspace, 'plan.md')).toString();
		await withServer({ workspaceFolders: [workspace] }, async client => {
			const version = await client.didOpen(uri, examplePlanText);
			const { diagnostics } = await client.nextDiagnostics(uri, version);
			assert.ok(diagnostics.some(diagnostic => diagnostic.code === 'plan.placeholder'));
		});
	});
});

describe('workspace trust', () => {
	/** A workspace whose .planmark.json sends plan.md to a template outside it. */
	function workspaceWithOutsideTemplate(): { workspace: string; uri: string } {
		const outside = temporaryFolder('planmark-outside-');
		writeFileSync(path.join(outside, 'release-template.md'), releaseTemplate);
		const workspace = temporaryFolder();
		writeFileSync(
			path.join(workspace, '.planmark.json'),
			JSON.stringify({ template: path.relative(workspace, path.join(outside, 'release-template.md')) }),
		);
		return { workspace, uri: URI.file(path.join(workspace, 'plan.md')).toString() };
	}
	const governedByRelease = (codes: readonly string[]) => !codes.includes('plan.missing-section');

	test(
		"an untrusted workspace's .planmark.json cannot name a template outside .specify/, until the user trusts it",
		testOptions,
		async () => {
			const { workspace, uri } = workspaceWithOutsideTemplate();
			await withServer(
				{ workspaceFolders: [workspace], initializationOptions: { workspaceTrusted: false } },
				async client => {
					const version = await client.didOpen(uri, releasePlan);
					const untrusted = await client.nextDiagnostics(uri, version);
					assert.ok(
						!governedByRelease(untrusted.diagnostics.map(diagnostic => String(diagnostic.code))),
						'the outside template is not read: the bundled plan template governs',
					);
					assert.ok(
						client.messages.shown.some(message =>
							/not trusted.*cannot name templates outside \.specify/.test(message.message),
						),
						'the user is told why',
					);
					await client.notify('planmark/workspaceTrust', { trusted: true });
					await client.diagnosticsUntil(uri, params => governedByRelease(params.diagnostics.map(d => String(d.code))));
				},
			);
		},
	);

	test(
		'a trusted workspace, or an editor that says nothing of trust, uses the template it names',
		testOptions,
		async () => {
			const { workspace, uri } = workspaceWithOutsideTemplate();
			await withServer({ workspaceFolders: [workspace] }, async client => {
				const version = await client.didOpen(uri, releasePlan);
				const { diagnostics } = await client.nextDiagnostics(uri, version);
				assert.ok(governedByRelease(diagnostics.map(diagnostic => String(diagnostic.code))));
			});
		},
	);
});
