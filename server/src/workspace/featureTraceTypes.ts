import type { Range } from 'vscode-languageserver-types';
import type { DocumentIds } from '../model/featureIds';
import type { FeatureRole, IdVocabulary, StoryKind } from './idVocabulary';

/* The shapes of a feature's trace: its documents, tasks, definitions and citations. */

export interface TraceDocument {
	readonly uri: string;
	readonly role: FeatureRole;
	readonly ids: DocumentIds;
	/** The lines of the document's template, trimmed: a line kept from it ("e.g., US1, US2, US3") cites nothing. */
	readonly templateLines?: ReadonlySet<string>;
}

/** A task (or checklist item) line, as the trace counts it. */
export interface TraceTask {
	readonly uri: string;
	readonly role: FeatureRole;
	readonly id?: string;
	readonly checked: boolean;
	readonly range: Range;
	readonly text: string;
}

export interface IdDefinition {
	readonly key: string;
	readonly uri: string;
	readonly role: FeatureRole;
	/** The ID as written where it is defined ("FR-001", or "User Story 2" for a story). */
	readonly written: string;
	readonly range: Range;
	/** What the definition says: the requirement's text, the story's title. */
	readonly text: string;
	readonly story?: { readonly kind: StoryKind; readonly number: number; readonly priority?: string };
	readonly task?: TraceTask;
}

export interface IdCitation {
	readonly key: string;
	readonly uri: string;
	readonly role: FeatureRole;
	readonly written: string;
	readonly range: Range;
	/** `token` as written (`FR-001`, `US1`), `tag` in brackets (`[US1]`: the range is inside them), `name` ("User Story 1"), `within` a range such as T009-T021 (not the endpoints). */
	readonly form: 'token' | 'tag' | 'name' | 'within';
	readonly task?: TraceTask;
	readonly story?: { readonly kind: StoryKind; readonly number: number };
	/** The end of a range written as digits only (`005` in `FR-003–005`). */
	readonly shortEnd?: boolean;
}

export interface FeatureTrace {
	readonly folder: string;
	readonly vocabulary: IdVocabulary;
	readonly documents: readonly TraceDocument[];
	readonly definitions: ReadonlyMap<string, readonly IdDefinition[]>;
	readonly citations: readonly IdCitation[];
	/** The citations of each ID, in document order. */
	readonly citationsByKey: ReadonlyMap<string, readonly IdCitation[]>;
	readonly tasks: readonly TraceTask[];
	/** Each task's story by the phase heading it sits under ("Phase 3: User Story 1"), keyed by task range start line and uri. */
	readonly phaseStories: ReadonlyMap<TraceTask, { readonly keys: readonly string[]; readonly written: string }>;
	/** The tasks template's IDs and text, when the feature's tasks.md has one: the skeleton of a story's phase. */
	readonly tasksTemplate?: DocumentIds;
}
