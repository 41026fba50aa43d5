import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import type {
	ClientCapabilities,
	CodeLens,
	CompletionItem,
	Diagnostic,
	DocumentSymbol,
	Position,
	PublishDiagnosticsParams,
	Range,
	TextEdit,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import examplePlanText from '../fixtures/example/plan.md';
import { repositoryRoot } from './lspClient';

/*
 * What the protocol tests share. Expected ranges and counts are computed here from the fixture
 * text, independently of the server's code.
 */

export { examplePlanText };

/** Generous per test; a hung server already fails each exchange within seconds. */
export const testOptions = { timeout: 15_000 };
export const exampleFolder = path.join(repositoryRoot(), 'test', 'fixtures', 'example');
export const exampleUri = URI.file(path.join(exampleFolder, 'plan.md')).toString();
/** The example plan's line with its two leftover placeholders. */
export const placeholderLine = '- [Service 2]: [Purpose and integration method]';
/** The example plan's unresolved gate status. */
export const unresolvedStatus = 'PASS / FAIL / CONDITIONAL';

const temporaryFolders: string[] = [];

after(() => {
	for (const folder of temporaryFolders) {
		rmSync(folder, { recursive: true, force: true });
	}
});

/** A fresh folder under the system's temporary folder, removed when the tests end. */
export function temporaryFolder(prefix = 'planmark-protocol-'): string {
	const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
	temporaryFolders.push(folder);
	return folder;
}

/** Diagnostics as a reader sees them: code, covered text and range, in document order. */
export function summarize(
	diagnostics: readonly Diagnostic[],
	text: string,
): { code: string; text: string; range: Range }[] {
	return diagnostics.map(diagnostic => ({
		code: String(diagnostic.code),
		text: textAt(text, diagnostic.range),
		range: diagnostic.range,
	}));
}

export function messageOf(diagnostic: Diagnostic): string {
	return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function codes(published: PublishDiagnosticsParams): string[] {
	return published.diagnostics.map(diagnostic => String(diagnostic.code));
}

/** The range of `needle` in `text`, searched after the first occurrence of `after` when given. */
export function rangeOf(text: string, needle: string, after?: string): Range {
	const from = after === undefined ? 0 : text.indexOf(after);
	assert.ok(from >= 0, `the text contains ${JSON.stringify(after)}`);
	const start = text.indexOf(needle, from);
	assert.ok(start >= 0, `the text contains ${JSON.stringify(needle)}`);
	return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

/** A UTF-16 position computed independently of the server: JavaScript strings count code units. */
export function positionAt(text: string, offset: number): Position {
	const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
	return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

export function textAt(text: string, range: Range): string {
	const lines = text.split(/\r\n|\r|\n/);
	if (range.start.line === range.end.line) {
		return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
	}
	return [
		lines[range.start.line].slice(range.start.character),
		...lines.slice(range.start.line + 1, range.end.line),
		lines[range.end.line].slice(0, range.end.character),
	].join('\n');
}

/** The 0-based line on which `lineText` starts. */
export function lineOf(text: string, lineText: string): number {
	const offset = text.indexOf(lineText);
	assert.ok(offset >= 0, `the text contains ${JSON.stringify(lineText)}`);
	return positionAt(text, offset).line;
}

export function headingsOf(text: string, depth: number): string[] {
	return sectionsOf(text)
		.filter(section => section.depth === depth)
		.map(section => section.heading.slice(depth + 1));
}

/**
 * Every ATX heading outside code, with the last line of its section: the last non-blank line
 * before the next heading of the same or a higher level, not counting a `---` rule.
 */
export function sectionsOf(text: string): { heading: string; depth: number; line: number; lastLine: number }[] {
	const lines = text.split(/\r\n|\r|\n/);
	const headings: { heading: string; depth: number; line: number }[] = [];
	let inCode = false;
	lines.forEach((line, index) => {
		if (/^ {0,3}(```|~~~)/.test(line)) {
			inCode = !inCode;
		}
		const match = inCode ? null : /^(#{1,6})\s+\S/.exec(line);
		if (match) {
			headings.push({ heading: line.trim(), depth: match[1].length, line: index });
		}
	});
	return headings.map((heading, index) => {
		const next = headings.slice(index + 1).find(candidate => candidate.depth <= heading.depth);
		let lastLine = (next?.line ?? lines.length) - 1;
		while (
			lastLine > heading.line &&
			(lines[lastLine].trim() === '' || /^\s*(-{3,}|\*{3,}|_{3,})\s*$/.test(lines[lastLine]))
		) {
			lastLine--;
		}
		return { ...heading, lastLine };
	});
}

/** Task boxes ("- [ ]", "- [x]", nested too) outside fenced code. */
export function countTasks(lines: readonly string[]): { done: number; total: number } {
	let inCode = false;
	let done = 0;
	let total = 0;
	for (const line of lines) {
		if (/^ {0,3}(```|~~~)/.test(line)) {
			inCode = !inCode;
			continue;
		}
		const match = inCode ? null : /^\s*[-*+] \[([ xX])\]\s/.exec(line);
		if (match) {
			total++;
			done += match[1] === ' ' ? 0 : 1;
		}
	}
	return { done, total };
}

export function lensOn(lenses: readonly CodeLens[], line: number): CodeLens | undefined {
	const onLine = lenses.filter(lens => lens.range.start.line === line);
	assert.ok(onLine.length <= 1, `at most one lens on line ${line}`);
	return onLine[0];
}

export function textEditOf(item: CompletionItem | undefined): TextEdit {
	assert.ok(item?.textEdit && 'range' in item.textEdit, `a completion with a plain textEdit: ${JSON.stringify(item)}`);
	return item.textEdit;
}

export function names(symbols: readonly DocumentSymbol[] | undefined): string[] {
	return (symbols ?? []).map(symbol => symbol.name);
}

export function child(symbol: DocumentSymbol, name: string): DocumentSymbol {
	const found = symbol.children?.find(candidate => candidate.name === name);
	assert.ok(found, `"${symbol.name}" contains "${name}"; it has ${JSON.stringify(names(symbol.children))}`);
	return found;
}

export function flatten(symbols: readonly DocumentSymbol[]): DocumentSymbol[] {
	return symbols.flatMap(symbol => [symbol, ...flatten(symbol.children ?? [])]);
}

export function contains(outer: Range, inner: Range): boolean {
	const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
	return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The capabilities with pull diagnostics added as VS Code's client declares them (refresh included). */
export function pullingDiagnostics(capabilities: ClientCapabilities): ClientCapabilities {
	return {
		...capabilities,
		workspace: { ...capabilities.workspace, diagnostics: { refreshSupport: true } },
		textDocument: {
			...capabilities.textDocument,
			diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
		},
	};
}
