import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseInChunks, type ParsedMarkdown } from '../../server/src/markdown/chunks';
import { parseMarkdown, parseMarkdownFully } from '../../server/src/markdown/markdown';
import { fuzzRuns, fuzzSeed, lineArbitrary, rawMarkdownDocument } from './fuzzDocuments';
import { bundledTemplateText, examplePlanText } from './support';

/** What a parse yields per chunk, typed arrays as plain ones so a difference shows. */
function chunksOf(parsed: ParsedMarkdown): unknown[] {
	return parsed.chunks.map(chunk => ({
		...chunk,
		facts: { ...chunk.facts, fields: [...chunk.facts.fields], tasks: [...chunk.facts.tasks] },
	}));
}

function assertBatchedEqualsAlone(text: string): void {
	for (const keepBlocks of [false, true]) {
		assert.deepEqual(
			chunksOf(parseInChunks(text, undefined, keepBlocks)),
			chunksOf(parseInChunks(text, undefined, keepBlocks, false, false)),
		);
	}
}

/** Sections: a heading of any level, then lines that open fences, HTML, tables, lists, quotes, definitions… */
const sectionedDocument = fc
	.array(
		fc.tuple(
			fc.constantFrom('#', '##', '###', '####'),
			fc.constantFrom('Plan', '3.1 Research Tasks', 'Gate 1: [Name]', '*Risk*', ''),
			fc.array(
				fc.oneof(
					{ weight: 5, arbitrary: lineArbitrary },
					{ weight: 1, arbitrary: rawMarkdownDocument },
					{
						weight: 2,
						arbitrary: fc.constantFrom(
							'```',
							'~~~',
							'      ```',
							'- ~~~**Tools**: Maestro',
							'> ```',
							'1. <div>',
							'<div>',
							'<!-- open',
							'-->',
							'<?php',
							'[ref]: ./a.md',
							'[^1]: note',
							'| a | b |',
							'|---|---|',
							'- [ ] task',
							'  continued',
							'> quote',
							'    indented',
							'---',
							'',
							'See [ref] and [^1].',
						),
					},
				),
				{ maxLength: 6 },
			),
			fc.constantFrom('\n', '\r\n'),
		),
		{ minLength: 1, maxLength: 12 },
	)
	.map(sections =>
		sections.map(([marks, title, lines, eol]) => [`${marks} ${title}`, ...lines].join(eol) + eol).join(''),
	);

function markdownFiles(folder: string): string[] {
	return readdirSync(folder).flatMap(name => {
		const full = path.join(folder, name);
		return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
	});
}

describe('chunks parsed together', () => {
	test('read every chunk as parsing it alone does, on generated documents', () => {
		fc.assert(fc.property(fc.oneof(sectionedDocument, rawMarkdownDocument), assertBatchedEqualsAlone), {
			numRuns: fuzzRuns(400),
			seed: fuzzSeed(20261202),
		});
	});

	test('read every chunk as parsing it alone does, on the bundled template and every fixture', () => {
		const fixtures = markdownFiles(path.join(__dirname, '..', '..', '..', 'test', 'fixtures'));
		assert.ok(fixtures.length > 50, `${fixtures.length} fixture documents`);
		for (const text of [bundledTemplateText, examplePlanText, ...fixtures.map(file => readFileSync(file, 'utf8'))]) {
			assertBatchedEqualsAlone(text);
		}
	});

	test('unclosed front matter does not run on into the next sections', () => {
		assertBatchedEqualsAlone('---\ntitle: Plan\n# Implementation Plan: Sync\n\n## Summary\n\n---\n\nText.\n');
	});

	test('fenced code left open in a list item ends its chunk as when the chunk is parsed alone', () => {
		// Found by the incremental property: alone, the open fence takes in the blank line before the next heading.
		assertBatchedEqualsAlone(
			'#### End-to-End Testing\n- **Scope**: Offline edit\n- ~~~**Tools**: Maestro\n\n#### Manual Testing\n- Low-end devices\n',
		);
		assertBatchedEqualsAlone('## Notes\n> ```\n> code\n\n## Next\n\nText.\n');
	});

	test('a definition in one section still resolves only there, as when each is parsed alone', () => {
		const text = '## A\n\nSee [Service][svc].\n\n## B\n\n[svc]: ./service.md\n\n## C\n\nAnd [Service][svc] again.\n';
		assertBatchedEqualsAlone(text);
	});
});

describe('the parse without literal-link search', () => {
	test('equals the full parse on text holding no "http", "www" or "@"', () => {
		fc.assert(
			fc.property(
				fc.oneof(sectionedDocument, rawMarkdownDocument).filter(text => !/@|www|http/i.test(text)),
				text => assert.deepEqual(parseMarkdown(text), parseMarkdownFully(text)),
			),
			{ numRuns: fuzzRuns(300), seed: fuzzSeed(1202) },
		);
	});

	test('equals the full parse on every fixture, its URLs and addresses taken out', () => {
		for (const file of markdownFiles(path.join(__dirname, '..', '..', '..', 'test', 'fixtures'))) {
			const text = readFileSync(file, 'utf8').replace(/@|www|http/gi, '');
			assert.deepEqual(parseMarkdown(text), parseMarkdownFully(text), file);
		}
	});

	test('still turns bare URLs and email addresses into links, each on its own', () => {
		const linksOf = (text: string) => {
			const links: string[] = [];
			const visit = (node: { type: string; url?: string; children?: unknown[] }) => {
				if (node.type === 'link' && node.url) {
					links.push(node.url);
				}
				for (const child of node.children ?? []) {
					visit(child as typeof node);
				}
			};
			visit(parseMarkdown(text) as never);
			return links;
		};
		assert.deepEqual(linksOf('Docs at HTTPS://example.com/plan.\n'), ['HTTPS://example.com/plan']);
		assert.deepEqual(linksOf('Docs at WWW.example.org.\n'), ['http://WWW.example.org']);
		assert.deepEqual(linksOf('Mail team@example.com.\n'), ['mailto:team@example.com']);
	});
});
