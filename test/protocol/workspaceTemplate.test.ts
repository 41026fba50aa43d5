import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import picomatch from 'picomatch';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { withServer, type LspClient } from './lspClient';
import {
	child,
	codes,
	messageOf,
	names,
	rangeOf,
	summarize,
	temporaryFolder,
	testOptions,
	textAt,
	textEditOf,
} from './support';

/* A workspace's own spec-kit template governs its plans, and edits to it apply without a restart. */

describe('a workspace with its own plan template', () => {
	const releaseTemplate = [
		'# Release Plan: [RELEASE NAME]',
		'',
		'**Owner**: [OWNER]',
		'',
		'## 1. Scope',
		'[What ships in this release]',
		'',
		'- [Feature 1]',
		'',
		'## 2. Milestones',
		'',
		'### Milestone 1: [Name]',
		'- Decision: GO / NO-GO',
		'- Exit criteria: [What must be true]',
		'',
		'### Milestone 2: [Name]',
		'[Repeat as needed]',
		'',
	].join('\n');
	const releasePlan = [
		'# Release Plan: Spring 2027',
		'',
		'**Owner**: Priya',
		'',
		'## 1. Scope',
		'- Offline sync for field notes',
		'- [Feature 1]',
		'',
		'## 2. Milestones',
		'',
		'### Milestone 1: Beta',
		'- Decision: GO / NO-GO',
		'- Exit criteria: 100 testers for two weeks',
		'',
		'### Milestone 2: General availability',
		'- Decision: GO',
		'- Exit criteria: crash-free sessions above 99.5%',
		'',
		'',
	].join('\n');
	const endOfPlan = { line: releasePlan.split('\n').length - 1, character: 0 };

	/** A workspace folder (with a space and a non-ASCII letter in its name) holding the template. */
	function createWorkspace(withTemplate = true): {
		folder: string;
		templatePath: string;
		templateUri: string;
		planUri: string;
	} {
		const folder = temporaryFolder('planmark protocol ü-');
		const templatePath = path.join(folder, '.specify', 'templates', 'plan-template.md');
		mkdirSync(path.dirname(templatePath), { recursive: true });
		if (withTemplate) {
			writeFileSync(templatePath, releaseTemplate);
		}
		const planUri = URI.file(path.join(folder, 'specs', '001-spring', 'plan.md')).toString();
		return { folder, templatePath, templateUri: URI.file(templatePath).toString(), planUri };
	}

	test('governs the outline, diagnostics and completion of plans in that workspace', testOptions, async () => {
		const workspace = createWorkspace();
		await withServer({ workspaceFolders: [workspace.folder] }, async client => {
			await client.didOpen(workspace.planUri, releasePlan);
			const published = await client.nextDiagnostics(workspace.planUri);
			assert.deepEqual(summarize(published.diagnostics, releasePlan), [
				{ code: 'plan.placeholder', text: '[Feature 1]', range: rangeOf(releasePlan, '[Feature 1]', '- [Feature 1]') },
				{
					code: 'plan.unresolved-choice',
					text: 'GO / NO-GO',
					range: rangeOf(releasePlan, 'GO / NO-GO', '- Decision: GO / NO-GO'),
				},
			]);

			const symbols = await client.documentSymbols(workspace.planUri);
			assert.deepEqual(names(symbols), ['Release Plan: Spring 2027']);
			assert.deepEqual(names(symbols[0].children), ['1. Scope', '2. Milestones']);
			assert.deepEqual(names(child(symbols[0], '2. Milestones').children), [
				'Milestone 1: Beta',
				'Milestone 2: General availability',
			]);

			const items = await client.completion(workspace.planUri, endOfPlan);
			assert.equal(items[0]?.label, 'Milestone 3', `first of ${JSON.stringify(items.map(item => item.label))}`);
			assert.match(textEditOf(items[0]).newText, /^### Milestone 3: /);
			assert.match(textEditOf(items[0]).newText, /\$\{\d+\|GO,NO-GO\|\}/, "offers the template's decision values");

			// The same text outside the workspace follows the bundled template instead.
			const outsideUri = URI.file(path.join(temporaryFolder(), 'plan.md')).toString();
			await client.didOpen(outsideUri, releasePlan);
			const bundled = codes(await client.nextDiagnostics(outsideUri));
			assert.ok(
				bundled.includes('plan.missing-section'),
				`the bundled template wants its own sections; got ${JSON.stringify(bundled)}`,
			);
			assert.ok(!bundled.includes('plan.placeholder'), '"[Feature 1]" is not a placeholder of the bundled template');
		});
	});

	test('re-checks open plans when the template changes on disk, without a restart', testOptions, async () => {
		const workspace = createWorkspace();
		await withServer({ workspaceFolders: [workspace.folder] }, async client => {
			await client.didOpen(workspace.planUri, releasePlan);
			assert.deepEqual(codes(await client.nextDiagnostics(workspace.planUri)), [
				'plan.placeholder',
				'plan.unresolved-choice',
			]);
			const relativeTemplate = path.relative(workspace.folder, workspace.templatePath).split(path.sep).join('/');
			assert.ok(
				watchedGlobs(client).some(glob => picomatch(glob, { dot: true })(relativeTemplate)),
				`the server asks the editor to watch ${relativeTemplate}; it watches ${JSON.stringify(watchedGlobs(client))}`,
			);

			writeFileSync(
				workspace.templatePath,
				`${releaseTemplate.replace('- Decision: GO / NO-GO', '- Decision: SHIP / HOLD')}\n## 3. Rollout\n[How the release reaches users]\n`,
			);
			await client.didChangeWatchedFiles([{ uri: workspace.templateUri, type: FileChangeType.Changed }]);
			const published = await client.nextDiagnostics(workspace.planUri);
			assert.equal(published.version, 1, 'the plan itself did not change');
			const missing = published.diagnostics.filter(diagnostic => diagnostic.code === 'plan.missing-section');
			assert.equal(
				missing.length,
				1,
				`one missing section; got ${JSON.stringify(summarize(published.diagnostics, releasePlan))}`,
			);
			assert.match(messageOf(missing[0]), /3\. Rollout/);
			const go = published.diagnostics.find(diagnostic => textAt(releasePlan, diagnostic.range) === 'GO');
			assert.equal(go?.code, 'plan.invalid-choice', '"GO" is no longer a decision value');
			assert.deepEqual(go.range, rangeOf(releasePlan, 'GO', '- Decision: GO\n'));
			assert.match(
				textEditOf((await client.completion(workspace.planUri, endOfPlan))[0]).newText,
				/\$\{\d+\|SHIP,HOLD\|\}/,
			);
		});
	});

	test(
		'adopts a template created after the plan was opened, and lets go of it when it is deleted',
		testOptions,
		async () => {
			const workspace = createWorkspace(false);
			await withServer({ workspaceFolders: [workspace.folder] }, async client => {
				await client.didOpen(workspace.planUri, releasePlan);
				assert.ok(
					codes(await client.nextDiagnostics(workspace.planUri)).includes('plan.missing-section'),
					'without a template of its own, the bundled one applies',
				);
				writeFileSync(workspace.templatePath, releaseTemplate);
				await client.didChangeWatchedFiles([{ uri: workspace.templateUri, type: FileChangeType.Created }]);
				assert.deepEqual(codes(await client.nextDiagnostics(workspace.planUri)), [
					'plan.placeholder',
					'plan.unresolved-choice',
				]);
				rmSync(workspace.templatePath);
				await client.didChangeWatchedFiles([{ uri: workspace.templateUri, type: FileChangeType.Deleted }]);
				assert.ok(
					codes(await client.nextDiagnostics(workspace.planUri)).includes('plan.missing-section'),
					'back to the bundled template',
				);
			});
		},
	);

	test('applies an edited .planmark.json to open plans', testOptions, async () => {
		const workspace = createWorkspace();
		const configPath = path.join(workspace.folder, '.planmark.json');
		writeFileSync(configPath, JSON.stringify({ diagnostics: { placeholder: 'off' } }));
		await withServer({ workspaceFolders: [workspace.folder] }, async client => {
			await client.didOpen(workspace.planUri, releasePlan);
			assert.deepEqual(codes(await client.nextDiagnostics(workspace.planUri)), ['plan.unresolved-choice']);
			assert.ok(
				watchedGlobs(client).some(glob => picomatch(glob, { dot: true })('.planmark.json')),
				`the server watches .planmark.json; it watches ${JSON.stringify(watchedGlobs(client))}`,
			);
			writeFileSync(configPath, JSON.stringify({ diagnostics: { 'unresolved-choice': 'off' } }));
			await client.didChangeWatchedFiles([{ uri: URI.file(configPath).toString(), type: FileChangeType.Changed }]);
			assert.deepEqual(codes(await client.nextDiagnostics(workspace.planUri, undefined, 1000)), ['plan.placeholder']);
		});
	});
});

/** The glob patterns the server registered for workspace/didChangeWatchedFiles. */
function watchedGlobs(client: LspClient): string[] {
	return client.messages.registrations
		.filter(registration => registration.method === 'workspace/didChangeWatchedFiles')
		.flatMap(registration => (registration.registerOptions as { watchers: { globPattern: unknown }[] }).watchers)
		.map(watcher => watcher.globPattern)
		.filter((glob): glob is string => typeof glob === 'string');
}
