import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
	CompletionItemKind,
	DiagnosticSeverity,
	InsertTextFormat,
	TextDocumentSyncKind,
	type DocumentSymbol,
	type InitializeResult,
	type Position,
	type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LspClient } from './lspClient';
import {
	child,
	contains,
	countTasks,
	exampleFolder,
	examplePlanText,
	exampleUri,
	flatten,
	headingsOf,
	lensOn,
	lineOf,
	messageOf,
	names,
	placeholderLine,
	rangeOf,
	sectionsOf,
	summarize,
	temporaryFolder,
	testOptions,
	textAt,
	textEditOf,
	unresolvedStatus,
} from './support';

/* The built server (dist/server.js) driven over stdio as an editor drives it, with default settings. */

describe('a server with default settings', () => {
	let client: LspClient;
	let initializeResult: InitializeResult;
	let exampleDiagnostics: PublishDiagnosticsParams;

	// One server serves this group: the example plan stays open and unchanged, and tests that edit
	// open their own copy, so no test sees another's documents.
	before(async () => {
		client = LspClient.start();
		try {
			initializeResult = await client.initialize();
			await client.didOpen(exampleUri, examplePlanText);
			exampleDiagnostics = await client.nextDiagnostics(exampleUri);
		} catch (error) {
			client.dispose();
			throw error;
		}
	});

	after(async () => {
		await client?.shutdown();
	});

	/** Opens a copy of the example plan, with the files it links to beside it; returns its URI once checked. */
	async function openCopy(text = examplePlanText): Promise<string> {
		const folder = temporaryFolder();
		cpSync(exampleFolder, folder, { recursive: true });
		const uri = URI.file(path.join(folder, 'plan.md')).toString();
		await client.didOpen(uri, text);
		await client.nextDiagnostics(uri, 1);
		return uri;
	}

	describe('initialize', () => {
		test('advertises outline, folding, lenses, completion and incremental sync', testOptions, () => {
			const capabilities = initializeResult.capabilities;
			assert.ok(capabilities.documentSymbolProvider, 'documentSymbolProvider');
			assert.ok(capabilities.foldingRangeProvider, 'foldingRangeProvider');
			assert.ok(capabilities.codeLensProvider, 'codeLensProvider');
			assert.ok(capabilities.completionProvider, 'completionProvider');
			assert.ok(capabilities.completionProvider.triggerCharacters?.includes('#'), 'completion triggers on "#"');
			const sync = capabilities.textDocumentSync;
			assert.ok(typeof sync === 'object' && sync !== null, 'textDocumentSync is an options object');
			assert.equal(sync.openClose, true);
			assert.equal(sync.change, TextDocumentSyncKind.Incremental);
			assert.equal(initializeResult.serverInfo?.name, 'planmark');
		});
	});

	describe('diagnostics', () => {
		test(
			"flags the example plan's two leftover placeholders and its unresolved gate status at their exact ranges",
			testOptions,
			() => {
				assert.equal(exampleDiagnostics.version, 1);
				assert.deepEqual(summarize(exampleDiagnostics.diagnostics, examplePlanText), [
					{
						code: 'plan.placeholder',
						text: '[Service 2]',
						range: rangeOf(examplePlanText, '[Service 2]', placeholderLine),
					},
					{
						code: 'plan.placeholder',
						text: '[Purpose and integration method]',
						range: rangeOf(examplePlanText, '[Purpose and integration method]', placeholderLine),
					},
					{
						code: 'plan.unresolved-choice',
						text: unresolvedStatus,
						range: rangeOf(examplePlanText, unresolvedStatus, `- Status: ${unresolvedStatus}`),
					},
				]);
				for (const diagnostic of exampleDiagnostics.diagnostics) {
					assert.equal(diagnostic.source, 'planmark');
					assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
				}
				assert.match(messageOf(exampleDiagnostics.diagnostics[0]), /\[Service 2\]/);
				assert.match(messageOf(exampleDiagnostics.diagnostics[2]), /PASS.*FAIL.*CONDITIONAL/);
			},
		);

		test('drops a placeholder once it is filled in, publishing for the edited version', testOptions, async () => {
			const uri = await openCopy();
			const version = await client.didChange(uri, [
				{ range: rangeOf(examplePlanText, '[Service 2]', placeholderLine), text: 'Fly.io' },
			]);
			const published = await client.nextDiagnostics(uri);
			assert.equal(published.version, version);
			const text = client.document(uri).getText();
			assert.deepEqual(summarize(published.diagnostics, text), [
				{
					code: 'plan.placeholder',
					text: '[Purpose and integration method]',
					range: rangeOf(text, '[Purpose and integration method]', '- Fly.io: '),
				},
				{ code: 'plan.unresolved-choice', text: unresolvedStatus, range: rangeOf(text, unresolvedStatus) },
			]);
		});

		test('applies a full-text change as well as incremental ones', testOptions, async () => {
			const uri = await openCopy();
			const filled = examplePlanText
				.replace(placeholderLine, '- Fly.io: hosting, deployed from CI')
				.replace(`- Status: ${unresolvedStatus}`, '- Status: PASS');
			const version = await client.didChangeFull(uri, filled);
			const published = await client.nextDiagnostics(uri);
			assert.equal(published.version, version);
			assert.deepEqual(published.diagnostics, []);
		});

		test('flags a placeholder that an edit brings back', testOptions, async () => {
			const uri = await openCopy();
			const stackLine = '- Backend: Node.js 22 on Fly.io';
			const version = await client.didChange(uri, [
				{ range: rangeOf(examplePlanText, 'Node.js 22 on Fly.io', stackLine), text: '[Framework/Service]' },
			]);
			const published = await client.nextDiagnostics(uri, version);
			const text = client.document(uri).getText();
			const added = published.diagnostics.find(diagnostic => textAt(text, diagnostic.range) === '[Framework/Service]');
			assert.ok(added, `flags [Framework/Service]; got ${JSON.stringify(summarize(published.diagnostics, text))}`);
			assert.equal(added.code, 'plan.placeholder');
			assert.deepEqual(added.range, rangeOf(text, '[Framework/Service]', '- Backend: '));
			assert.equal(published.diagnostics.filter(diagnostic => diagnostic.code === 'plan.placeholder').length, 3);
		});

		test(
			'publishes for the latest version after rapid edits, never going back to an older one',
			testOptions,
			async () => {
				const uri = await openCopy();
				// Replace "[Service 2]" one keystroke at a time, as a fast typist would.
				const range = rangeOf(examplePlanText, '[Service 2]', placeholderLine);
				let version = await client.didChange(uri, [{ range, text: '' }]);
				let at = range.start;
				for (const character of 'Fly.io') {
					version = await client.didChange(uri, [{ range: { start: at, end: at }, text: character }]);
					at = { line: at.line, character: at.character + 1 };
				}
				const published = await client.nextDiagnostics(uri, version);
				const text = client.document(uri).getText();
				assert.ok(text.includes('\n- Fly.io: [Purpose and integration method]\n'));
				assert.deepEqual(
					summarize(published.diagnostics, text).map(diagnostic => diagnostic.text),
					['[Purpose and integration method]', unresolvedStatus],
				);
				const versions = client.messages.diagnostics
					.filter(params => params.uri === uri)
					.map(params => params.version ?? 0);
				assert.deepEqual(
					versions,
					[...versions].sort((a, b) => a - b),
					`versions only increase: ${versions.join(', ')}`,
				);
			},
		);

		test('reports exact UTF-16 ranges in a CRLF document and keeps CRLF in completions', testOptions, async () => {
			const text = examplePlanText.replace(/\r?\n/g, '\r\n');
			const folder = temporaryFolder();
			cpSync(exampleFolder, folder, { recursive: true });
			const uri = URI.file(path.join(folder, 'plan.md')).toString();
			await client.didOpen(uri, text);
			const published = await client.nextDiagnostics(uri);
			assert.deepEqual(summarize(published.diagnostics, text), [
				{ code: 'plan.placeholder', text: '[Service 2]', range: rangeOf(text, '[Service 2]', placeholderLine) },
				{
					code: 'plan.placeholder',
					text: '[Purpose and integration method]',
					range: rangeOf(text, '[Purpose and integration method]', placeholderLine),
				},
				{ code: 'plan.unresolved-choice', text: unresolvedStatus, range: rangeOf(text, unresolvedStatus) },
			]);
			// A CRLF is one line break, not two: the lines are those of the LF fixture.
			assert.equal(published.diagnostics[0].range.start.line, lineOf(examplePlanText, placeholderLine));

			const position = { line: lineOf(text, '### 3.2 Technology Choices') - 1, character: 0 };
			const newText = textEditOf((await client.completion(uri, position))[0]).newText;
			assert.match(newText, /\r\n/);
			assert.doesNotMatch(newText, /[^\r]\n/, 'every inserted line ends with CRLF');
		});

		test(
			'flags a placeholder after CJK text and emoji at its UTF-16 column, also after incremental edits on that line',
			testOptions,
			async () => {
				const uri = await openCopy();
				const prefix = '🚀 同期サービス ';
				const insertAt = rangeOf(examplePlanText, '[Service 2]', placeholderLine).start;
				let version = await client.didChange(uri, [{ range: { start: insertAt, end: insertAt }, text: prefix }]);
				let text = client.document(uri).getText();
				let published = await client.nextDiagnostics(uri, version);
				const expected = rangeOf(text, '[Service 2]', `- ${prefix}`);
				// The emoji is one code point but two UTF-16 code units: the column must count units.
				assert.equal(expected.start.character, 2 + prefix.length);
				assert.notEqual(expected.start.character, 2 + [...prefix].length);
				assert.deepEqual(summarize(published.diagnostics, text).slice(0, 2), [
					{ code: 'plan.placeholder', text: '[Service 2]', range: expected },
					{
						code: 'plan.placeholder',
						text: '[Purpose and integration method]',
						range: rangeOf(text, '[Purpose and integration method]', `${prefix}[Service 2]: `),
					},
				]);

				// An incremental edit addressed in UTF-16 columns after the emoji lands where intended.
				version = await client.didChange(uri, [
					{ range: rangeOf(text, '[Purpose and integration method]', prefix), text: '端末間の同期 🔄' },
				]);
				text = client.document(uri).getText();
				assert.ok(text.includes(`\n- ${prefix}[Service 2]: 端末間の同期 🔄\n`));
				published = await client.nextDiagnostics(uri, version);
				assert.deepEqual(summarize(published.diagnostics, text), [
					{ code: 'plan.placeholder', text: '[Service 2]', range: expected },
					{ code: 'plan.unresolved-choice', text: unresolvedStatus, range: rangeOf(text, unresolvedStatus) },
				]);
			},
		);

		test('publishes empty diagnostics when a plan is closed', testOptions, async () => {
			const uri = await openCopy();
			await client.didClose(uri);
			const published = await client.nextDiagnostics(uri);
			assert.deepEqual(published.diagnostics, []);
		});
	});

	describe('outline and folding', () => {
		test('nests the numbered sections, their blocks and Notes under the plan title', testOptions, async () => {
			const symbols = await client.documentSymbols(exampleUri);
			assert.deepEqual(names(symbols), ['Implementation Plan: Offline Sync for Field Notes']);
			const title = symbols[0];
			assert.deepEqual(title.range.start, { line: 0, character: 0 });
			assert.deepEqual(names(title.children), headingsOf(examplePlanText, 2));
			assert.equal(names(title.children).at(-1), 'Notes');
			assert.deepEqual(names(child(title, '1. Technical Context').children), [
				'1.1 Technology Stack',
				'1.2 Architecture Pattern',
				'1.3 Key Integration Points',
				'1.4 Unknowns & Research Needs',
			]);
			const gates = child(child(title, '2. Constitution Check'), '2.2 Gate Evaluation');
			assert.deepEqual(names(gates.children), [
				'Gate 1: Sync protocol reviewed',
				'Gate 2: Storage budget on low-end devices',
			]);
			const research = child(child(title, '3. Phase 0: Research & Decisions'), '3.1 Research Tasks');
			assert.deepEqual(names(research.children), [
				'Research Task 1: Queue size limits',
				'Research Task 2: SQLite WAL on Android 10',
			]);
			assert.equal(
				child(research, 'Research Task 1: Queue size limits').range.start.line,
				lineOf(examplePlanText, '#### Research Task 1: Queue size limits'),
			);
			assert.equal(
				child(gates, 'Gate 2: Storage budget on low-end devices').range.start.line,
				lineOf(examplePlanText, '**Gate 2**: Storage budget on low-end devices'),
			);
		});

		test(
			"keeps every symbol's selectionRange inside its range, and children inside their parent",
			testOptions,
			async () => {
				const symbols = await client.documentSymbols(exampleUri);
				const check = (symbol: DocumentSymbol, parent?: DocumentSymbol) => {
					assert.ok(
						contains(symbol.range, symbol.selectionRange),
						`selectionRange of "${symbol.name}" is inside its range`,
					);
					assert.equal(
						symbol.selectionRange.start.line,
						symbol.range.start.line,
						`"${symbol.name}" is selected on its first line`,
					);
					if (parent) {
						assert.ok(contains(parent.range, symbol.range), `"${symbol.name}" lies inside "${parent.name}"`);
					}
					for (const nested of symbol.children ?? []) {
						check(nested, symbol);
					}
				};
				for (const symbol of symbols) {
					check(symbol);
				}
				assert.ok(flatten(symbols).length > 50, 'checked the whole outline');
			},
		);

		test('folds each section from its heading to its last line of content', testOptions, async () => {
			const folds = new Set((await client.foldingRanges(exampleUri)).map(fold => `${fold.startLine}-${fold.endLine}`));
			const sections = sectionsOf(examplePlanText);
			assert.ok(sections.length > 40);
			for (const section of sections) {
				assert.ok(
					folds.has(`${section.line}-${section.lastLine}`),
					`folds "${section.heading}" over lines ${section.line}-${section.lastLine}`,
				);
			}
		});
	});

	describe('code lenses', () => {
		test("shows the whole plan's checkbox total on the title line", testOptions, async () => {
			const { done, total } = countTasks(examplePlanText.split('\n'));
			assert.equal(total, 37, 'the fixture has 37 task boxes');
			const title = lensOn(await client.codeLenses(exampleUri), 0);
			assert.ok(title, 'a lens on the title line');
			assert.match(title.command?.title ?? '', new RegExp(`\\b${done}/${total} done\\b`));
		});

		test('puts a lens on a section with tasks and none on a section without', testOptions, async () => {
			const lenses = await client.codeLenses(exampleUri);
			const unknowns = sectionsOf(examplePlanText).find(
				section => section.heading === '### 1.4 Unknowns & Research Needs',
			)!;
			const { done, total } = countTasks(examplePlanText.split('\n').slice(unknowns.line, unknowns.lastLine + 1));
			assert.match(
				lensOn(lenses, unknowns.line)?.command?.title ?? '(no lens)',
				new RegExp(`^${done}/${total} done\\b`),
			);
			assert.equal(lensOn(lenses, lineOf(examplePlanText, '### 1.1 Technology Stack')), undefined);
			assert.equal(lensOn(lenses, lineOf(examplePlanText, '## 3. Phase 0: Research & Decisions')), undefined);
			assert.equal(lensOn(lenses, lineOf(examplePlanText, '## Notes')), undefined);
		});

		test('counts a box as done once it is ticked', testOptions, async () => {
			const uri = await openCopy();
			const before = countTasks(examplePlanText.split('\n'));
			const openTask = rangeOf(examplePlanText, '[ ]', '- [ ] Which conflict policy');
			const space = {
				start: { line: openTask.start.line, character: openTask.start.character + 1 },
				end: { line: openTask.start.line, character: openTask.start.character + 2 },
			};
			await client.didChange(uri, [{ range: space, text: 'x' }]);
			assert.ok(client.document(uri).getText().includes('\n- [x] Which conflict policy'));
			const lenses = await client.codeLenses(uri);
			assert.match(
				lensOn(lenses, 0)?.command?.title ?? '',
				new RegExp(`\\b${before.done + 1}/${before.total} done\\b`),
			);
			assert.match(
				lensOn(lenses, lineOf(examplePlanText, '### 1.4 Unknowns & Research Needs'))?.command?.title ?? '',
				/^3\/3 done\b/,
			);
		});
	});

	describe('completion', () => {
		test('offers "Research Task 3" first on an empty line at the end of 3.1, as a snippet', testOptions, async () => {
			const position = { line: lineOf(examplePlanText, '### 3.2 Technology Choices') - 1, character: 0 };
			assert.equal(examplePlanText.split('\n')[position.line], '', 'the cursor is on an empty line');
			const items = await client.completion(exampleUri, position);
			assert.equal(items[0]?.label, 'Research Task 3', `first of ${JSON.stringify(items.map(item => item.label))}`);
			assert.equal(items[0].kind, CompletionItemKind.Snippet);
			assert.equal(items[0].insertTextFormat, InsertTextFormat.Snippet);
			const edit = textEditOf(items[0]);
			assert.deepEqual(edit.range, { start: position, end: position });
			assert.match(edit.newText, /^#### Research Task 3: \$\{1[:|]/);
			assert.match(edit.newText, /\n\*\*Question\*\*: /);
		});

		test(
			'offers "### 7.2 Deferred Decisions" when "### " is typed in a section 7 that lacks it',
			testOptions,
			async () => {
				const start = examplePlanText.indexOf('### 7.2 Deferred Decisions');
				const withoutDeferred =
					examplePlanText.slice(0, start) + examplePlanText.slice(examplePlanText.indexOf('---', start));
				const uri = await openCopy(withoutDeferred);
				const line = lineOf(withoutDeferred, '- **Target Resolution**: 2026-11-20') + 1;
				assert.equal(withoutDeferred.split('\n')[line], '');
				let position: Position = { line, character: 0 };
				for (const character of '### ') {
					await client.didChange(uri, [{ range: { start: position, end: position }, text: character }]);
					position = { line, character: position.character + 1 };
				}
				const items = await client.completion(uri, position);
				assert.equal(
					items[0]?.label,
					'### 7.2 Deferred Decisions',
					`first of ${JSON.stringify(items.map(item => item.label))}`,
				);
				const edit = textEditOf(items[0]);
				assert.deepEqual(edit.range, { start: { line, character: 0 }, end: position }, 'replaces the typed "### "');
				assert.match(edit.newText, /^### 7\.2 Deferred Decisions\n/);
				assert.ok(
					!items.some(item => item.label.includes('7.1 Unresolved Questions')),
					'does not offer a section the plan has',
				);
			},
		);
	});

	describe('files that are not plans', () => {
		test('leaves an ordinary README without diagnostics, lenses or completions', testOptions, async () => {
			const text = [
				'# My project',
				'',
				'Some text with [not a placeholder] in it.',
				'',
				'- [ ] task',
				'',
				'## Usage',
				'',
				'',
			].join('\n');
			const uri = URI.file(path.join(temporaryFolder(), 'README.md')).toString();
			await client.didOpen(uri, text);
			const published = await client.nextDiagnostics(uri);
			assert.deepEqual(published.diagnostics, []);
			assert.deepEqual(await client.codeLenses(uri), []);
			for (const position of [
				{ line: 8, character: 0 },
				{ line: 7, character: 0 },
				{ line: 0, character: 0 },
				{ line: 4, character: 10 },
			]) {
				assert.deepEqual(
					await client.completion(uri, position),
					[],
					`no completion at ${position.line}:${position.character}`,
				);
			}
			await client.didChange(uri, [
				{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '### ' },
			]);
			assert.deepEqual(await client.completion(uri, { line: 8, character: 4 }), []);
		});
	});

	describe('robustness', () => {
		test(
			'answers requests for a document that was never opened with empty results, and keeps serving',
			testOptions,
			async () => {
				const uri = URI.file(path.join(exampleFolder, 'never-opened', 'plan.md')).toString();
				assert.deepEqual(await client.documentSymbols(uri), []);
				assert.deepEqual(await client.foldingRanges(uri), []);
				assert.deepEqual(await client.codeLenses(uri), []);
				assert.deepEqual(await client.completion(uri, { line: 0, character: 0 }), []);
				assert.equal((await client.documentSymbols(exampleUri)).length, 1, 'still answers for open documents');
				const copy = await openCopy();
				assert.ok((await client.codeLenses(copy)).length > 0, 'still serves newly opened documents');
			},
		);
	});
});
