import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { generatePlan } from '../../bench/generatePlan';
import { type ChunkFacts, extractChunkFacts, extractPlainChunkFacts } from '../../server/src/markdown/chunkFacts';
import { parseInChunks } from '../../server/src/markdown/chunks';
import { plainReading } from '../../server/src/markdown/plainMarkdown';
import { fuzzRuns, fuzzSeed, lineArbitrary } from './fuzzDocuments';
import { bundledTemplateText, examplePlanText } from './support';

/*
 * The plain reader (`plainMarkdown.ts`) stands in for remark on the chunks it reads, so on every
 * one of them its facts must be remark's, for plans (keepBlocks false) and templates (true).
 */

function comparable(facts: ChunkFacts): unknown {
	return { ...facts, fields: [...facts.fields], tasks: [...facts.tasks] };
}

/** Checks every chunk of the text the plain reader reads; returns how many characters it read. */
function assertPlainIsRemark(text: string, name = 'text'): number {
	let read = 0;
	for (const chunk of parseInChunks(text, undefined, false, true).chunks) {
		const source = text.slice(chunk.start, chunk.start + chunk.length);
		for (const keepBlocks of [false, true]) {
			const plain = extractPlainChunkFacts(source, keepBlocks);
			if (plain) {
				assert.deepEqual(
					comparable(plain),
					comparable(extractChunkFacts(source, keepBlocks)),
					`${name}, chunk at ${chunk.start}:\n${source}`,
				);
				read += keepBlocks ? 0 : source.length;
			}
		}
	}
	return read;
}

function markdownFiles(folder: string): string[] {
	return readdirSync(folder).flatMap(name => {
		const full = path.join(folder, name);
		return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
	});
}

/** Pieces of lines on both sides of what the plain reader reads: it must read the ones it reads as remark does, and give up on the rest. */
const linePiece = fc.constantFrom(
	'- ',
	'* ',
	'+ ',
	'1. ',
	'2) ',
	'10. ',
	'[ ] ',
	'[x] ',
	'[X]',
	'[ ]',
	'**',
	'**Gate 1**',
	'**Risk 2**: ',
	'*',
	'_',
	'***',
	'__',
	'*(mandatory)*',
	'_x_',
	'a*',
	'user_id',
	'`',
	'``',
	'`code`',
	'`a|b`',
	'[',
	']',
	'[link](./a.md)',
	'[Service 1]',
	'](',
	')',
	'(',
	'|',
	'| a |',
	'|---|',
	':',
	'：',
	'Status: PASS',
	'Label: value',
	'（注）',
	'🚀',
	'#',
	'## ',
	'---',
	'***',
	'===',
	'```',
	'<!--',
	'-->',
	'>',
	'<',
	'< 5',
	'<=',
	'~',
	'~~',
	'!',
	'"title"',
	'word',
	'two words',
	' ',
	'  ',
	'    ',
);

const pieceLine = fc
	.tuple(fc.constantFrom('', ' ', '  ', '   ', '    ', '      '), fc.array(linePiece, { maxLength: 6 }))
	.map(([indent, pieces]) => indent + pieces.join(''));

/** A chunk: an optional heading, then lines of pieces, plan lines and blank lines. */
const chunkText = fc
	.tuple(
		fc.constantFrom(
			'',
			'# Plan\n',
			'## 2. Gates\n',
			'#### Research Task 1: Topic ##\n',
			'### **Bold** `code` heading\n',
		),
		fc.array(
			fc.oneof(
				{ weight: 4, arbitrary: pieceLine },
				{ weight: 2, arbitrary: lineArbitrary },
				{ weight: 2, arbitrary: fc.constant('') },
			),
			{ maxLength: 10 },
		),
		fc.constantFrom('\n', ''),
		fc.constantFrom('\n', '\r\n'),
	)
	.map(([heading, lines, end, eol]) => (heading + lines.join('\n') + end).replace(/\r?\n/g, eol));

describe('plain reader', () => {
	test('reads every fixture chunk it reads as remark does, and most of the example plan', () => {
		const root = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');
		for (const file of markdownFiles(root)) {
			assertPlainIsRemark(readFileSync(file, 'utf8'), file);
		}
		const read = assertPlainIsRemark(examplePlanText, 'example plan');
		assert.ok(read > examplePlanText.length * 0.8, `read ${read} of ${examplePlanText.length} characters`);
		assertPlainIsRemark(bundledTemplateText, 'bundled template');
	});

	test('reads a plan with CRLF line endings as much as with LF, as remark does', () => {
		const crlf = examplePlanText.replace(/\r?\n/g, '\r\n');
		const lf = examplePlanText.replace(/\r?\n/g, '\n');
		const readChunks = (text: string) =>
			parseInChunks(text)
				.chunks.filter(chunk => extractPlainChunkFacts(text.slice(chunk.start, chunk.start + chunk.length), false))
				.map(chunk => text.slice(chunk.start, text.indexOf('\n', chunk.start)).trimEnd());
		assertPlainIsRemark(crlf, 'CRLF plan');
		assert.deepEqual(readChunks(crlf), readChunks(lf));
		assert.ok(readChunks(lf).length > 40);
	});

	test('reads a generated plan whole, as remark does', () => {
		const text = generatePlan(1_500);
		assert.equal(assertPlainIsRemark(text), text.length);
	});

	test('reads generated chunks as remark does', () => {
		fc.assert(
			fc.property(chunkText, text => {
				assertPlainIsRemark(text);
			}),
			{ numRuns: fuzzRuns(3_000), seed: fuzzSeed(20261202) },
		);
	});

	test('gives up on what it does not read', () => {
		for (const text of [
			'> a quote\n',
			'Title\n=====\n',
			'Title\n-----\n',
			'para\n\n    indented code\n',
			'<div>html</div>\n',
			'a <b>tag</b>\n',
			'[label]: ./target.md\n',
			'- [label]: ./target.md\n',
			'a\\*b\n',
			'&amp;\n',
			'~~gone~~\n',
			'~gone~\n',
			'*a*~\n',
			'![image](a.png)\n',
			'note[^1]\n',
			'see https://example.com\n',
			'mail a@b.co\n',
			'[a](b "title")\n',
			'a\ttab\n',
			'a\rb\n',
			'---\ntitle: front matter\n---\n',
			'```\nleft open\n',
			'<!-- left open\n',
			'para\n2. not a list\n',
			'- [ ]\n  box alone\n',
		]) {
			assert.equal(typeof plainReading(text), 'string', JSON.stringify(text));
		}
	});

	test('reads the shapes of a plan', () => {
		for (const text of [
			'## 1. Technical Context\n\n- Frontend: React\n- [ ] task\n  - [x] nested\n    lazy\nlazier\n\n',
			'**Gate 1**: Review  \n- Status: PASS\n- Justification: [why]\n\n',
			'| Option | Cost |\n|---|---:|\n| `a` **b** | [x] |\n\n',
			'```ts\nconst a = 1; // - [ ] not a task\n```\n\n<!-- guidance\n[Remove] -->\n\n---\n',
			'1. **Manual**: step `one`\n2. [Docs](./a.md) and **[P]**: yes\n',
			'## Purpose *(mandatory)*\n\n*Example*: a _b_ user_id ***c*** **d *e* f**\n',
			'- Latency: < 200ms p95, ~5 req/s, a <= b\n',
			'**Gate 1**: Review  \r\n- [ ] a `b\r\nc`\r\n  d\r\n\r\n| a |\r\n|---|\r\n| b |\r\n',
		]) {
			assert.notEqual(typeof plainReading(text), 'string', JSON.stringify(text));
			assertPlainIsRemark(text);
		}
	});
});
