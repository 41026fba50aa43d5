import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	CodeActionKind,
	type CodeAction,
	type Position,
	type SelectionRange,
	type TextEdit,
} from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/languageService';
import { contains } from './fuzzInvariants';
import { MemoryFileSystem } from './memoryFileSystem';
import { applyEdits, joinLines } from './support';

/*
 * The smallest documents the fuzzer (fuzz.test.ts) found wrong answers for, each a spec of the
 * right answer, so the bug stays fixed even if the fuzzer's generators change.
 */
const service = createLanguageService({ fileSystem: new MemoryFileSystem() });
service.setWorkspaceFolders(['/workspace']);
let version = 0;

function open(text: string) {
	return { uri: 'file:///workspace/specs/001-fuzz/plan.md', version: ++version, getText: () => text };
}

function quickFix(text: string, title: string): CodeAction {
	const document = open(text);
	const actions = service.getCodeActions(document, service.getDiagnostics(document), [CodeActionKind.QuickFix]);
	const action = actions.find(candidate => candidate.title === title);
	assert.ok(action, `a quick fix "${title}"; there are ${JSON.stringify(actions.map(candidate => candidate.title))}`);
	return action;
}

function applied(text: string, action: CodeAction): string {
	return applyEdits(text, Object.values(action.edit!.changes!)[0] as TextEdit[]);
}

/** The chain of ranges, innermost first, as VS Code checks it before it expands a selection. */
function assertValidChain(selection: SelectionRange, position: Position): void {
	let previous: SelectionRange['range'] | Position = position;
	for (let at: SelectionRange | undefined = selection; at; at = at.parent) {
		assert.ok(contains(at.range, previous), `${JSON.stringify(at.range)} contains ${JSON.stringify(previous)}`);
		previous = at.range;
	}
}

describe('found by fuzzing', () => {
	test("expand selection with the cursor in a line's indentation or trailing blanks starts with a range that contains the cursor", () => {
		const positions = [
			{ line: 3, character: 0 },
			{ line: 3, character: 11 },
		];
		const document = open(joinLines(['# Implementation Plan: X', '', '## 1. Technical Context', '   - item  ']));
		service.getSelectionRanges(document, positions).forEach((selection, index) => {
			assertValidChain(selection, positions[index]);
		});
	});

	test("a section's range contains its last heading even when that heading ends in blanks, in the outline and in expand selection", () => {
		const document = open(
			joinLines(['# Implementation Plan: X', '', '## 1. Technical Context', '### 1.1 Technology Stack  ']),
		);
		const [title] = service.getDocumentSymbols(document);
		const [section] = title.children!;
		const [subsection] = section.children!;
		assert.ok(
			contains(section.range, subsection.range),
			`"1." ${JSON.stringify(section.range)} contains "1.1" ${JSON.stringify(subsection.range)}`,
		);
		const position = { line: 3, character: 3 };
		assertValidChain(service.getSelectionRanges(document, [position])[0], position);
	});

	test('inserting a missing section after a line that ends in blanks keeps that line whole', () => {
		const text = joinLines(['# Implementation Plan: X', '', '## 1. Technical Context', '- Stack: TypeScript  ', '']);
		const result = applied(text, quickFix(text, 'Insert section "2. Constitution Check"'));
		assert.ok(result.startsWith(`${text}\n`), 'the inserted section comes after the untouched text');
		assert.ok(!/[ \t]$/m.test(result.slice(text.length)), 'the inserted section has no trailing blanks');
	});

	test("inserting a missing section before an indented heading keeps the heading's indentation on the heading", () => {
		const text = joinLines(['# Implementation Plan: X', '', ' ## 3. Phase 0: Research & Decisions', 'Done.', '']);
		const result = applied(text, quickFix(text, 'Insert section "2. Constitution Check"'));
		assert.ok(result.split('\n').includes(' ## 3. Phase 0: Research & Decisions'), result);
		assert.ok(result.split('\n').includes('## 2. Constitution Check'), result);
	});

	test('moving a misordered indented section moves its indentation with it', () => {
		const text = joinLines([
			'# Implementation Plan: X',
			'## 1. Technical Context',
			'### 1.1 Technology Stack',
			'a',
			'',
			'### 1.3 Key Integration Points',
			'c',
			'',
			' ### 1.2 Architecture Pattern',
			'b',
			'',
			'### 1.4 Unknowns & Research Needs',
			'd',
		]);
		const result = applied(text, quickFix(text, 'Move "1.2 Architecture Pattern" before "1.3 Key Integration Points"'));
		assert.deepEqual(
			result
				.split('\n')
				.filter(line => line.trim() !== '')
				.sort(),
			text
				.split('\n')
				.filter(line => line.trim() !== '')
				.sort(),
		);
	});

	test('moving a misordered section that ends in a markdown hard break (two trailing spaces) keeps the break', () => {
		const text = joinLines([
			'# Implementation Plan: X',
			'### 7.1 Unresolved Questions',
			'## 2. Constitution Check',
			'**Status**: Draft  ',
		]);
		const result = applied(text, quickFix(text, 'Move "2. Constitution Check" before "7.1 Unresolved Questions"'));
		assert.ok(result.split('\n').includes('**Status**: Draft  '), result);
	});

	test('a section ends before a rule on the line after a one-character line, not a line early, so it still contains its last heading', () => {
		const document = open('# Implementation Plan: X\n[NEEDS CLARIFICATION: SSO or passwords?]\n- \n___');
		const [title] = service.getDocumentSymbols(document);
		const [setext] = title.children!;
		assert.equal(setext.name, '[NEEDS CLARIFICATION: SSO or passwords?]');
		assert.ok(
			contains(title.range, setext.range),
			`the title ${JSON.stringify(title.range)} contains the setext heading ${JSON.stringify(setext.range)}`,
		);
	});

	test('choosing a value for an empty choice field fills in that line and keeps every other line', () => {
		const text = joinLines([
			'# Implementation Plan: X',
			'## 2. Constitution Check',
			'### 2.2 Gate Evaluation',
			'**Gate 1**: Reviewed',
			'- Status: ',
			'',
		]);
		const result = applied(text, quickFix(text, 'Set Status to PASS'));
		assert.equal(result, text.replace('- Status: ', '- Status: PASS'));
	});

	test('removing a leftover line that follows a lone CR line break removes only that line, not the blank line after it', () => {
		const text =
			'# Implementation Plan: X\n## 3. Phase 0: Research & Decisions\n### 3.1 Research Tasks\r[Repeat structure]\n\nDone.';
		const result = applied(text, quickFix(text, 'Remove [Repeat structure]'));
		assert.deepEqual(result.split(/\r\n|\r|\n/), [
			'# Implementation Plan: X',
			'## 3. Phase 0: Research & Decisions',
			'### 3.1 Research Tasks',
			'',
			'Done.',
		]);
	});

	test("the whole-plan completion in a blank document of several lines edits only the cursor's line, and its additional edits remove the blank lines around it", () => {
		const position = { line: 2, character: 1 };
		const text = '\n \n \n\n';
		const items = service.getCompletions(open(text), position);
		assert.equal(items.length, 1, 'the skeleton is offered');
		const [item] = items;
		const range = item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined;
		assert.ok(
			range && range.start.line === position.line && range.end.line === position.line && contains(range, position),
			`"${item.label}" edits ${JSON.stringify(range)}`,
		);
		const inserted = applyEdits(text, [
			{ range, newText: item.textEdit!.newText },
			...(item.additionalTextEdits ?? []),
		]);
		assert.ok(inserted.startsWith('# Implementation Plan: ${1:'), inserted.slice(0, 80));
		assert.ok(!inserted.endsWith('\n\n'), 'no blank lines are left after the skeleton');
	});

	test('after a leading byte order mark, tasks and leftovers are found where they are, and toggling a task changes only its box', () => {
		const text = '\uFEFF# Implementation Plan: X\n[Repeat structure]\n- [ ] task\n';
		const document = open(text);
		assert.deepEqual(
			service.getDocumentProgress(document)!.openItems.map(item => [item.text, item.position]),
			[['task', { line: 2, character: 0 }]],
		);
		assert.ok(
			service.getDiagnostics(document).some(diagnostic => diagnostic.code === 'plan.repeat-marker'),
			'the repeat marker is reported',
		);
		const edits = service.getToggleTaskEdits(document, [
			{ start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
		]);
		assert.equal(applyEdits(text, edits), text.replace('- [ ] task', '- [x] task'));
	});

	test('removing template text from an empty line between a lone CR and an LF keeps every line: the line is blanked', () => {
		const text = '# Implementation Plan: Fuzz\r\r- [ ] Task 1\n\n';
		const result = applied(text, quickFix(text, 'Remove the template text'));
		assert.equal(result, '# Implementation Plan: Fuzz\r\r \n\n');
		assert.equal(result.split(/\r\n|\r|\n/).length, text.split(/\r\n|\r|\n/).length, 'no line lost to a fused CRLF');
	});
});
