import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { awkwardLines, fuzzRuns, inlinePieces, seededRandom, templateLines } from '../unit/fuzzDocuments';
import { LspClient } from './lspClient';
import { exampleFolder, examplePlanText, temporaryFolder } from './support';

/*
 * Random incremental edits sent to the built server as an editor sends them, in batches of
 * didChange notifications (some with several contentChanges); after each batch the server's
 * outline, lenses, folding and latest diagnostics must equal those of a server that opens the
 * final text fresh. The edits come from a seeded PRNG: PLANMARK_FUZZ_SEED reproduces a failure,
 * PLANMARK_FUZZ_RUNS sets the number of batches.
 */

const fixedSeed = 20261206;
const seed = Number.isInteger(Number(process.env.PLANMARK_FUZZ_SEED))
	? Number(process.env.PLANMARK_FUZZ_SEED)
	: process.env.PLANMARK_FUZZ_RUNS
		? Math.floor(Math.random() * 2 ** 31)
		: fixedSeed;
const batches = fuzzRuns(30);

/** An editor's view of the document: its text and where the cursor is. */
interface Editor {
	document: TextDocument;
	cursor: number;
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Moves an offset off the middle of a CRLF or a surrogate pair, where no editor puts a cursor. */
function aligned(text: string, offset: number): number {
	const at = Math.max(0, Math.min(offset, text.length));
	const before = text.charCodeAt(at - 1);
	const after = text.charCodeAt(at);
	const splitsBreak = before === 13 && after === 10;
	const splitsPair = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
	return splitsBreak || splitsPair ? at - 1 : at;
}

/** One change as an author makes it: typing, deleting, a new line, replacing a selection, pasting. */
function randomChange(random: Random, editor: Editor): { range: Range; text: string } {
	const text = editor.document.getText();
	const eol = random() < 0.8 ? '\n' : '\r\n';
	const roll = random();
	let start = editor.cursor;
	let end = editor.cursor;
	let inserted: string;
	if (roll < 0.35) {
		inserted =
			random() < 0.5 ? pick(random, inlinePieces) : pick(random, 'abcdefghijklmnopqrstuvwxyz #*-[]x.:|`'.split(''));
	} else if (roll < 0.5 || text.length > 20_000) {
		start = aligned(text, editor.cursor - 1 - Math.floor(random() * (text.length > 20_000 ? 2000 : 3)));
		inserted = '';
	} else if (roll < 0.6) {
		inserted = eol + (random() < 0.5 ? pick(random, templateLines) : '');
	} else if (roll < 0.85) {
		start = aligned(text, Math.floor(random() * (text.length + 1)));
		end = aligned(text, start + Math.floor(random() * 120));
		inserted = random() < 0.5 ? pick(random, awkwardLines) + eol : pick(random, templateLines);
	} else {
		const from = Math.floor(random() * examplePlanText.length);
		inserted = examplePlanText.slice(from, from + Math.floor(random() * 400));
	}
	const range = { start: editor.document.positionAt(start), end: editor.document.positionAt(Math.max(start, end)) };
	editor.document = TextDocument.update(editor.document, [{ range, text: inserted }], editor.document.version);
	editor.cursor = start + inserted.length;
	if (random() < 0.15) {
		// The author clicks somewhere else.
		const next = editor.document.getText();
		editor.cursor = aligned(next, Math.floor(random() * (next.length + 1)));
	}
	return { range, text: inserted };
}

/** What a user sees of a document: outline, lenses, folding, and the diagnostics published for a version. */
async function answers(
	client: LspClient,
	uri: string,
	version: number,
): Promise<{ diagnostics: PublishDiagnosticsParams; symbols: unknown; lenses: unknown; folding: unknown }> {
	const diagnostics = await client.nextDiagnostics(uri, version);
	return {
		diagnostics,
		symbols: await client.documentSymbols(uri),
		lenses: await client.codeLenses(uri),
		folding: await client.foldingRanges(uri),
	};
}

/** Fails when a publication for a document has a lower version than one before it. */
function assertVersionsNeverGoBack(client: LspClient, uri: string): void {
	let latest = -Infinity;
	for (const published of client.messages.diagnostics.filter(params => params.uri === uri)) {
		assert.ok(
			published.version === undefined || published.version >= latest,
			`published version ${published.version} after version ${latest}`,
		);
		latest = Math.max(latest, published.version ?? latest);
	}
}

describe('edit sequences over the protocol', () => {
	test(`after each batch of random edits the server answers as a fresh server given the final text (seed ${seed})`, {
		timeout: Math.max(120_000, batches * 4000),
	}, async context => {
		const folder = temporaryFolder();
		cpSync(exampleFolder, folder, { recursive: true });
		const uri = URI.file(path.join(folder, 'plan.md')).toString();
		const edited = LspClient.start();
		const fresh = LspClient.start();
		try {
			await edited.initialize({ workspaceFolders: [folder] });
			await fresh.initialize({ workspaceFolders: [folder] });
			const random = seededRandom(seed);
			let version = await edited.didOpen(uri, examplePlanText);
			const editor: Editor = {
				document: TextDocument.create(uri, 'markdown', version, examplePlanText),
				cursor: examplePlanText.indexOf('[Service 2]'),
			};
			let changes = 0;
			for (let batch = 1; batch <= batches; batch++) {
				const notifications = 1 + Math.floor(random() * 12);
				for (let notification = 0; notification < notifications; notification++) {
					// Several cursors, or a refactoring, send several changes in one notification.
					const count = random() < 0.25 ? 2 + Math.floor(random() * 3) : 1;
					const contentChanges = Array.from({ length: count }, () => randomChange(random, editor));
					version = await edited.didChange(uri, contentChanges);
					changes += count;
				}
				const text = edited.document(uri).getText();
				assert.equal(text, editor.document.getText(), 'the test client and its editor model agree');
				const actual = await answers(edited, uri, version);
				if (batch > 1) {
					await fresh.didClose(uri);
				}
				await fresh.didOpen(uri, text, version);
				const expected = await answers(fresh, uri, version);
				const where = `seed ${seed}, batch ${batch}, ${changes} changes so far, version ${version}`;
				assert.deepEqual(actual.diagnostics, expected.diagnostics, `diagnostics differ (${where})`);
				assert.deepEqual(actual.symbols, expected.symbols, `outline differs (${where})`);
				assert.deepEqual(actual.lenses, expected.lenses, `code lenses differ (${where})`);
				assert.deepEqual(actual.folding, expected.folding, `folding ranges differ (${where})`);
				assertVersionsNeverGoBack(edited, uri);
			}
			context.diagnostic(`${changes} changes in ${batches} batches, seed ${seed}`);
		} catch (error) {
			edited.dispose();
			fresh.dispose();
			throw error;
		}
		await edited.shutdown();
		await fresh.shutdown();
	});
});
