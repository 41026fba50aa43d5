import type { Position, Range } from 'vscode-languageserver-types';
import { contains } from '../markdown/ranges';
import type { FeatureTrace, IdCitation, IdDefinition, TraceTask } from '../workspace/featureTrace';

/* Finding the ID under the cursor, its definitions and citations, and the tasks that cite it. */

/** The ID at a position: its key, how it is written there and the range of that spelling. */
export interface IdAt {
	readonly key: string;
	readonly range: Range;
	readonly definition?: IdDefinition;
	readonly citation?: IdCitation;
}

export function idAt(trace: FeatureTrace, uri: string, position: Position): IdAt | undefined {
	for (const definitions of trace.definitions.values()) {
		const definition = definitions.find(candidate => candidate.uri === uri && contains(candidate.range, position));
		if (definition) {
			return { key: definition.key, range: definition.range, definition };
		}
	}
	const citation = trace.citations.find(
		candidate => candidate.uri === uri && candidate.form !== 'within' && contains(candidate.range, position),
	);
	return citation && { key: citation.key, range: citation.range, citation };
}

/** Tasks (or checklist items, with `role: 'checklist'`) that cite an ID, each once, in document order. */
export function citingTasks(trace: FeatureTrace, key: string, role: TraceTask['role'] = 'tasks'): TraceTask[] {
	const tasks = new Set<TraceTask>();
	for (const citation of trace.citationsByKey.get(key) ?? []) {
		if (citation.task && citation.task.role === role) {
			tasks.add(citation.task);
		}
	}
	return [...tasks];
}

/** Done and total of the tasks that cite an ID. */
export function taskCounts(tasks: readonly TraceTask[]): { readonly done: number; readonly total: number } {
	return { done: tasks.filter(task => task.checked).length, total: tasks.length };
}

/** The feature's tasks document, when it has one. */
export function hasTasksDocument(trace: FeatureTrace): boolean {
	return trace.documents.some(document => document.role === 'tasks');
}
