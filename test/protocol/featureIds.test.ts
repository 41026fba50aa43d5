import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
	ClientCapabilities,
	CodeAction,
	Diagnostic,
	DocumentDiagnosticReport,
	DocumentHighlight,
	Hover,
	Location,
	Range,
	TextDocumentEdit,
	TextEdit,
	WorkspaceEdit,
	WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { assembleFixture } from '../../scripts/fixtureFolders.mjs';
import { repositoryRoot, withServer } from './lspClient';
import { pullingDiagnostics, rangeOf, testOptions, textAt } from './support';

/* Feature IDs across a feature's documents, over stdio: definition, references, highlights, hover, rename. */

function featureProject() {
	const folder = assembleFixture(
		repositoryRoot(),
		path.join('fixtures', 'cli', 'trace-feature'),
		mkdtempSync(path.join(os.tmpdir(), 'planmark-feature-ids-')),
	);
	const feature = path.join(folder, 'specs', '001-team-invites');
	const file = (name: string) => {
		const filePath = path.join(feature, name);
		return { uri: URI.file(filePath).toString(), text: readFileSync(filePath, 'utf8') };
	};
	return {
		folder,
		spec: file('spec.md'),
		tasks: file('tasks.md'),
		checklist: file('checklists/requirements.md'),
		plan: file('plan.md'),
	};
}

const withRename = (capabilities: ClientCapabilities): ClientCapabilities => ({
	...capabilities,
	textDocument: { ...capabilities.textDocument, rename: { prepareSupport: true } },
	workspace: { ...capabilities.workspace, workspaceEdit: { documentChanges: true } },
});

function apply(text: string, edits: readonly TextEdit[]): string {
	return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), [...edits]);
}

describe('feature IDs over the protocol', () => {
	test('definition jumps from [US1] in tasks.md to the story in spec.md, which is not open', testOptions, async () => {
		const project = featureProject();
		await withServer({ workspaceFolders: [project.folder] }, async client => {
			await client.didOpen(project.tasks.uri, project.tasks.text);
			const tag = rangeOf(project.tasks.text, 'US1', 'T003 [P] [');
			const found = await client.request<Location | Location[] | null>('textDocument/definition', {
				textDocument: { uri: project.tasks.uri },
				position: tag.start,
			});
			const [location] = Array.isArray(found) ? found : found ? [found] : [];
			assert.equal(location?.uri, project.spec.uri);
			assert.equal(textAt(project.spec.text, location.range), 'User Story 1');
		});
	});

	test('references find every citation of FR-002 in tasks.md and the checklist', testOptions, async () => {
		const project = featureProject();
		await withServer({ workspaceFolders: [project.folder] }, async client => {
			await client.didOpen(project.spec.uri, project.spec.text);
			const definition = rangeOf(project.spec.text, 'FR-002');
			const found = await client.request<Location[]>('textDocument/references', {
				textDocument: { uri: project.spec.uri },
				position: definition.start,
				context: { includeDeclaration: false },
			});
			const shown = found.map(location => {
				const text = [project.tasks, project.checklist].find(file => file.uri === location.uri)?.text ?? '';
				return `${path.basename(URI.parse(location.uri).fsPath)}:${location.range.start.line + 1} ${textAt(text, location.range)}`;
			});
			assert.deepEqual(shown, ['tasks.md:27 FR-002', 'tasks.md:29 FR-002', 'requirements.md:9 FR-002']);
		});
	});

	test('hover on a citation shows the requirement, and on a story its tasks and progress', testOptions, async () => {
		const project = featureProject();
		await withServer({ workspaceFolders: [project.folder] }, async client => {
			await client.didOpen(project.tasks.uri, project.tasks.text);
			await client.didOpen(project.spec.uri, project.spec.text);
			const onRequirement = await client.request<Hover>('textDocument/hover', {
				textDocument: { uri: project.tasks.uri },
				position: rangeOf(project.tasks.text, 'FR-003').start,
			});
			assert.match(
				(onRequirement.contents as { value: string }).value,
				/^\*\*FR-003\*\*: Owners MUST be able to revoke a pending invite\./,
			);
			const onStory = await client.request<Hover>('textDocument/hover', {
				textDocument: { uri: project.spec.uri },
				position: rangeOf(project.spec.text, 'User Story 2').start,
			});
			assert.match((onStory.contents as { value: string }).value, /US2: 2 tasks · 0 done · 0%/);
		});
	});

	test('document highlights mark the ID wherever this document writes it', testOptions, async () => {
		const project = featureProject();
		await withServer({ workspaceFolders: [project.folder] }, async client => {
			await client.didOpen(project.tasks.uri, project.tasks.text);
			const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', {
				textDocument: { uri: project.tasks.uri },
				position: rangeOf(project.tasks.text, 'T007').start,
			});
			assert.deepEqual(
				highlights.map(highlight => highlight.range.start.line + 1),
				[38, 47, 52],
			);
		});
	});

	test(
		'rename FR-003 → FR-009 edits spec.md and tasks.md with their versions; a taken ID is refused',
		testOptions,
		async () => {
			const project = featureProject();
			await withServer({ workspaceFolders: [project.folder], capabilities: withRename }, async (client, result) => {
				assert.deepEqual(result.capabilities.renameProvider, { prepareProvider: true });
				await client.didOpen(project.spec.uri, project.spec.text, 3);
				const position = rangeOf(project.spec.text, 'FR-003').start;
				const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
					textDocument: { uri: project.spec.uri },
					position,
				});
				assert.equal(prepared.placeholder, 'FR-003');
				const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
					textDocument: { uri: project.spec.uri },
					position,
					newName: 'FR-009',
				});
				const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
				assert.deepEqual(
					changes.map(change => [
						path.basename(URI.parse(change.textDocument.uri).fsPath),
						change.textDocument.version,
					]),
					[
						['spec.md', 3],
						['tasks.md', null],
					],
				);
				const [specEdit, tasksEdit] = changes;
				assert.equal(
					apply(project.spec.text, specEdit.edits as TextEdit[]),
					project.spec.text.replace('**FR-003**', '**FR-009**'),
				);
				assert.equal(
					apply(project.tasks.text, tasksEdit.edits as TextEdit[]),
					project.tasks.text.replace('(FR-003)', '(FR-009)'),
				);
				await assert.rejects(
					client.request('textDocument/rename', {
						textDocument: { uri: project.spec.uri },
						position,
						newName: 'FR-004',
					}),
					/FR-004 is already defined \(spec\.md, line 63\): pick another ID\./,
				);
			});
		},
	);

	test('without prepareSupport or documentChanges, rename is plain and answers with changes', testOptions, async () => {
		const project = featureProject();
		await withServer({ workspaceFolders: [project.folder] }, async (client, result) => {
			assert.equal(result.capabilities.renameProvider, true);
			await client.didOpen(project.tasks.uri, project.tasks.text);
			const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
				textDocument: { uri: project.tasks.uri },
				position: rangeOf(project.tasks.text, 'US2', 'T007 [').start,
				newName: 'US4',
			});
			assert.equal(edit.documentChanges, undefined);
			const tasksEdits = edit.changes?.[project.tasks.uri] ?? [];
			assert.equal(
				apply(project.tasks.text, tasksEdits),
				project.tasks.text.replace('Phase 3: User Story 2', 'Phase 3: User Story 4').replaceAll('[US2]', '[US4]'),
			);
			assert.equal(
				apply(project.spec.text, edit.changes?.[project.spec.uri] ?? []),
				project.spec.text.replace('User Story 2 -', 'User Story 4 -'),
			);
		});
	});

	test("editing tasks.md updates spec.md's coverage diagnostics while both are open", testOptions, async () => {
		const project = featureProject();
		await withServer({ workspaceFolders: [project.folder] }, async client => {
			await client.didOpen(project.spec.uri, project.spec.text);
			await client.diagnosticsUntil(project.spec.uri, params =>
				params.diagnostics.some(diagnostic => diagnostic.code === 'trace.story-without-tasks'),
			);
			await client.didOpen(project.tasks.uri, project.tasks.text);
			await client.didChangeFull(
				project.tasks.uri,
				project.tasks.text.replace('- [ ] T010 [P]', '- [ ] T012 [US3] CSV upload\n- [ ] T010 [P]'),
			);
			const published = await client.diagnosticsUntil(
				project.spec.uri,
				params => !params.diagnostics.some(diagnostic => diagnostic.code === 'trace.story-without-tasks'),
			);
			assert.ok(published.diagnostics.some(diagnostic => diagnostic.code === 'trace.uncovered-requirement'));
		});
	});

	test('workspace symbols list requirements and stories', testOptions, async () => {
		const project = featureProject();
		await withServer({ workspaceFolders: [project.folder] }, async client => {
			const symbols = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'FR-00' });
			assert.deepEqual(
				symbols.filter(symbol => symbol.name.startsWith('FR-')).map(symbol => symbol.name.slice(0, 6)),
				['FR-001', 'FR-002', 'FR-003', 'FR-004', 'FR-005'],
			);
			const stories = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'US2' });
			assert.deepEqual(
				stories.filter(symbol => symbol.location.uri === project.spec.uri).map(symbol => symbol.name),
				['US2 User Story 2: Revoke a pending invite', 'User Story 2 - Revoke a pending invite (Priority: P2)'],
			);
		});
	});

	test("a client that pulls diagnostics gets spec.md's new coverage after tasks.md changes", testOptions, async () => {
		const project = featureProject();
		await withServer(
			{ workspaceFolders: [project.folder], capabilities: pullingDiagnostics },
			async (client, result) => {
				assert.equal(
					(result.capabilities.diagnosticProvider as { interFileDependencies?: boolean }).interFileDependencies,
					true,
					'the client is told to pull again when another document changes',
				);
				const pull = async (uri: string) => {
					const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
						textDocument: { uri },
						identifier: 'planmark',
					});
					return report.kind === 'full' ? report.items.map(diagnostic => String(diagnostic.code)) : [];
				};
				await client.didOpen(project.spec.uri, project.spec.text);
				await client.didOpen(project.tasks.uri, project.tasks.text);
				assert.ok((await pull(project.spec.uri)).includes('trace.story-without-tasks'));
				await client.didChangeFull(
					project.tasks.uri,
					project.tasks.text.replace('- [ ] T010 [P]', '- [ ] T012 [US3] CSV upload\n- [ ] T010 [P]'),
				);
				assert.ok(!(await pull(project.spec.uri)).includes('trace.story-without-tasks'));
			},
		);
	});

	test(
		"the quick fix for a story without tasks adds its phase to tasks.md, from the spec's diagnostic",
		testOptions,
		async () => {
			const project = featureProject();
			await withServer({ workspaceFolders: [project.folder] }, async client => {
				await client.didOpen(project.spec.uri, project.spec.text);
				const published = await client.diagnosticsUntil(project.spec.uri, params =>
					params.diagnostics.some(diagnostic => diagnostic.code === 'trace.story-without-tasks'),
				);
				const diagnostic = published.diagnostics.find(
					candidate => candidate.code === 'trace.story-without-tasks',
				) as Diagnostic;
				const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
					textDocument: { uri: project.spec.uri },
					range: diagnostic.range,
					context: { diagnostics: [diagnostic], only: ['quickfix'] },
				});
				const [action] = actions.filter(candidate => candidate.title.startsWith('Add a phase for User Story 3'));
				assert.ok(action?.edit?.changes, JSON.stringify(actions.map(candidate => candidate.title)));
				assert.deepEqual(Object.keys(action.edit.changes), [project.tasks.uri]);
				const after = apply(project.tasks.text, action.edit.changes[project.tasks.uri]);
				assert.match(after, /^## Phase 4: User Story 3 - Bulk invite from CSV \(Priority: P3\)$/m);
				assert.match(after, /^- \[ \] T012 \[P\] \[US3\] /m);
				assert.ok(
					after.indexOf('User Story 3') < after.indexOf('## Phase 4: Polish'),
					'the phase goes before the polish phase',
				);
				// Only an insertion: every line of tasks.md is still there, in order.
				assert.equal(after.replace(/## Phase 4: User Story 3[\s\S]*?(?=## Phase 4: Polish)/, ''), project.tasks.text);
			});
		},
	);
});
