import assert from 'node:assert/strict';
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/languageService';
import { checklist, featureFiles, plan, root, spec, tasks, uriOf } from './featureTraceFixture';
import { MemoryFileSystem } from './memoryFileSystem';
import { applyEdits } from './support';

/* Helpers of the feature-ID tests: a service over the fixture feature, positions by text, locations as text. */

export function serviceWith(files: Record<string, string> = featureFiles) {
	const fileSystem = new MemoryFileSystem(files);
	const service = createLanguageService({ fileSystem });
	service.setWorkspaceFolders([root]);
	return { service, fileSystem };
}

export const texts: Record<string, string> = {
	'spec.md': spec,
	'tasks.md': tasks,
	'plan.md': plan,
	'checklists/requirements.md': checklist,
};

export const open = (name: string, text = texts[name], version = 1) => ({
	uri: uriOf(name),
	version,
	getText: () => text,
});

/** The position of the `occurrence`-th `needle` on the line of a document that contains `lineWith`. */
export function at(name: string, lineWith: string, needle: string, occurrence = 0): Position {
	const lines = texts[name].split('\n');
	const line = lines.findIndex(candidate => candidate.includes(lineWith));
	assert.ok(line >= 0, `no line with ${lineWith}`);
	let character = -1;
	for (let index = 0; index <= occurrence; index++) {
		character = lines[line].indexOf(needle, character + 1);
	}
	assert.ok(character >= 0, `no ${needle} on line ${line}`);
	return { line, character: character + 1 };
}

/** What a location selects, as "file: text". */
export function shown(location: Location): string {
	const name = location.uri.slice(uriOf('').length);
	return `${name}: ${textOf(texts[name], location.range)}`;
}

function textOf(text: string, range: Range): string {
	const lines = text.split('\n');
	if (range.start.line === range.end.line) {
		return lines[range.start.line].slice(range.start.character, range.end.character);
	}
	return `${lines[range.start.line].slice(range.start.character)}…`;
}

export function asList(answer: Location | Location[] | undefined): Location[] {
	return answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
}

export function applyWorkspaceEdit(edit: WorkspaceEdit): Record<string, string> {
	const changed: Record<string, string> = {};
	for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
		const name = uri.slice(uriOf('').length);
		changed[name] = applyEdits(texts[name], edits as TextEdit[]);
	}
	return changed;
}
