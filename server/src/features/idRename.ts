import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { idShapePattern } from '../template/conventions';
import { type FeatureTrace, idKey } from '../workspace/featureTrace';
import { idAt } from './idLookup';

/*
 * Renaming an ID: one edit over the feature's documents that rewrites its definition and every
 * citation as each is written (`[US2]` → `[US3]`, "User Story 2" → "User Story 3"), and nothing
 * else. A range such as T009-T021 is rewritten where the ID is one of its ends.
 */

export type RenameAnswer = { readonly range: Range; readonly placeholder: string } | { readonly refused: string };

/** What can be renamed at a position: the ID as written there, or why not. */
export function prepareIdRename(trace: FeatureTrace, uri: string, position: Position): RenameAnswer | undefined {
	const found = idAt(trace, uri, position);
	if (!found) {
		return undefined;
	}
	if (!trace.definitions.has(found.key)) {
		return {
			refused: `${written(found)} is not defined by any document of this feature, so there is nothing to rename.`,
		};
	}
	const definitions = trace.definitions.get(found.key)!;
	if (definitions.length > 1) {
		const places = definitions.map(definition => `${fileName(definition.uri)} line ${definition.range.start.line + 1}`);
		return {
			refused: `${written(found)} is defined ${definitions.length} times (${places.join(', ')}): give each its own ID first.`,
		};
	}
	return { range: found.range, placeholder: written(found) };
}

export interface RenameOptions {
	/** The client applies `documentChanges` (workspace.workspaceEdit.documentChanges). */
	readonly documentChanges: boolean;
	/** The editor's version of an open document; null for one read from disk. */
	readonly versionOf: (uri: string) => number | null;
}

/** The workspace edit that renames the ID at a position, or why it cannot. */
export function renameId(
	trace: FeatureTrace,
	uri: string,
	position: Position,
	newName: string,
	options: RenameOptions,
): { readonly edit: WorkspaceEdit } | { readonly refused: string } | undefined {
	const prepared = prepareIdRename(trace, uri, position);
	if (!prepared || 'refused' in prepared) {
		return prepared;
	}
	const found = idAt(trace, uri, position)!;
	const story = found.definition?.story ?? found.citation?.story;
	const wanted = newName.trim();
	let spell: (form: 'token' | 'name' | 'digits') => string;
	let newKey: string;
	if (story) {
		const match =
			new RegExp(`^(?:${story.kind.tagPrefix}|${escapeRegExp(story.kind.label)}[ \\t]*)?(\\d+)$`, 'i').exec(wanted) ??
			undefined;
		if (!match) {
			return { refused: `"${wanted}" is not a story: write it as ${story.kind.tagPrefix}3 or ${story.kind.label} 3.` };
		}
		const number = Number(match[1]);
		newKey = `${story.kind.tagPrefix}${number}`;
		spell = form => (form === 'name' ? `${story.kind.label} ${number}` : form === 'digits' ? String(number) : newKey);
	} else {
		const shape = new RegExp(`^${idShapePattern.source}$`, 'u');
		if (!shape.test(wanted)) {
			return { refused: `"${wanted}" is not an ID: write it as ${prepared.placeholder} is written.` };
		}
		const role = found.definition?.role ?? found.citation?.role ?? 'spec';
		newKey = found.key.includes('@') ? idKey(wanted, 'checklist', found.key.split('@')[1]) : idKey(wanted, role, uri);
		// The end of `FR-003–005` keeps its short form when the new ID is of the same kind.
		const samePrefix = /^[A-Z]+-?/.exec(wanted)?.[0] === /^[A-Z]+-?/.exec(prepared.placeholder)?.[0];
		spell = form => (form === 'digits' && samePrefix ? wanted.replace(/^[A-Z]+-?/, '') : wanted);
	}
	if (newKey === found.key) {
		return { edit: {} };
	}
	const taken = trace.definitions.get(newKey)?.[0];
	if (taken) {
		const line = taken.range.start.line + 1;
		return { refused: `${spell('token')} is already defined (${fileName(taken.uri)}, line ${line}): pick another ID.` };
	}
	const edits = new Map<string, TextEdit[]>();
	const add = (target: string, range: Range, form: 'token' | 'name' | 'digits') => {
		const list = edits.get(target) ?? [];
		if (!list.some(edit => sameStart(edit.range, range))) {
			list.push({ range, newText: spell(form) });
		}
		edits.set(target, list);
	};
	for (const definition of trace.definitions.get(found.key) ?? []) {
		// A story is defined by its name ("User Story 2") or, in some specs, by its tag ("### US2: …").
		const byName = definition.story && definition.written !== definition.key;
		add(definition.uri, definition.range, byName ? 'name' : 'token');
	}
	for (const citation of trace.citationsByKey.get(found.key) ?? []) {
		if (citation.form !== 'within') {
			add(citation.uri, citation.range, citation.shortEnd ? 'digits' : citation.form === 'name' ? 'name' : 'token');
		}
	}
	return { edit: workspaceEdit(edits, options) };
}

function workspaceEdit(edits: ReadonlyMap<string, TextEdit[]>, options: RenameOptions): WorkspaceEdit {
	if (!options.documentChanges) {
		return { changes: Object.fromEntries(edits) };
	}
	return {
		documentChanges: [...edits].map(([uri, list]) => ({
			textDocument: { uri, version: options.versionOf(uri) },
			edits: list,
		})),
	};
}

function written(found: NonNullable<ReturnType<typeof idAt>>): string {
	return found.definition?.written ?? found.citation?.written ?? found.key;
}

function sameStart(a: Range, b: Range): boolean {
	return a.start.line === b.start.line && a.start.character === b.start.character;
}

function fileName(uri: string): string {
	return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
