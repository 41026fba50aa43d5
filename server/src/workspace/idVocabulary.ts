import type { DocumentIds } from '../model/featureIds';
import { storyTagPrefixOf } from '../template/conventions';

/*
 * Which ID-shaped tokens of a feature are IDs: the prefixes its templates (or, without one, its
 * documents) define at the start of a list item, a task or a table row, and the numbered names its
 * spec template repeats as headings whose initials tag tasks ("User Story 2" ↔ "[US2]").
 */

export type FeatureRole = 'spec' | 'plan' | 'tasks' | 'checklist' | 'other';

/** The order in which documents are asked who defines a prefix no template defines. */
const definingOrder: readonly FeatureRole[] = ['spec', 'tasks', 'checklist', 'plan', 'other'];

export interface IdKind {
	readonly prefix: string;
	readonly separator: string;
	/** The documents that define IDs of this kind; everywhere else they are citations. */
	readonly definedIn: FeatureRole;
	/** Defined by opening a task (`- [ ] T001`, `- [ ] CHK001`), not any list item: a note "- CHK004 is open" cites it. */
	readonly onTasks: boolean;
}

export interface StoryKind {
	/** The numbered name: "User Story". */
	readonly label: string;
	/** Its tag's prefix: "US". */
	readonly tagPrefix: string;
}

export interface IdVocabulary {
	readonly kinds: ReadonlyMap<string, IdKind>;
	readonly stories: readonly StoryKind[];
}

/** Read from a template or a document: its role and what it writes. */
export interface VocabularySource {
	readonly role: FeatureRole;
	readonly ids: DocumentIds;
	readonly isTemplate: boolean;
}

/** The vocabulary of one feature: templates first, then what its documents define and tag. */
export function idVocabularyOf(sources: readonly VocabularySource[]): IdVocabulary {
	const kinds = new Map<string, IdKind>();
	const ordered = [...sources].sort(
		(a, b) =>
			Number(b.isTemplate) - Number(a.isTemplate) || definingOrder.indexOf(a.role) - definingOrder.indexOf(b.role),
	);
	const tagPrefixes = new Set<string>();
	const headingLabels = new Set<string>();
	for (const source of ordered) {
		const opensTask = taskIdTokens(source.ids);
		source.ids.tokens.forEach((token, index) => {
			if (token.bracketed && token.digits.length > 0 && token.separator === '') {
				tagPrefixes.add(token.prefix);
			}
			// Templates number their examples (FR-001, T001); documents are trusted from three digits on.
			const digits = source.isTemplate ? 2 : 3;
			if (token.definition && token.digits.length >= digits && !kinds.has(token.prefix)) {
				kinds.set(token.prefix, {
					prefix: token.prefix,
					separator: token.separator,
					definedIn: source.role,
					onTasks: opensTask.has(index),
				});
			}
		});
		// Story names come from the spec's headings, or from the phases of tasks.md ("Phase 3: User Story 1").
		if (source.role === 'spec' || source.role === 'tasks') {
			for (const name of source.ids.names) {
				if (name.heading !== undefined) {
					headingLabels.add(name.label);
				}
			}
		}
	}
	const stories = [...headingLabels]
		.map(label => ({ label, tagPrefix: storyTagPrefixOf(label) }))
		.filter(story => tagPrefixes.has(story.tagPrefix));
	for (const story of stories) {
		kinds.delete(story.tagPrefix);
	}
	return { kinds, stories };
}

/** The indices of the tokens that open a task: its ID. */
export function taskIdTokens(ids: DocumentIds): ReadonlySet<number> {
	return new Set(ids.tasks.flatMap(task => (task.idToken === undefined ? [] : [task.idToken])));
}

/** A key that is the same for the vocabulary of the same templates and definitions, to cache by. */
export function vocabularyKey(vocabulary: IdVocabulary): string {
	return JSON.stringify([[...vocabulary.kinds.values()], vocabulary.stories]);
}
