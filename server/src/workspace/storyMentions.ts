import type { IdTask } from '../model/featureIds';
import type { IdCitation, TraceDocument } from './featureTraceTypes';
import type { IdVocabulary, StoryKind } from './idVocabulary';

/* Where documents name stories beyond their tags: more numbers after a name, and the phase a task sits in. */

/** The stories a name goes on to number: "User Story 1+2+6" cites stories 2 and 6 too, each at its digits. */
export function moreStories(document: TraceDocument, after: number, story: StoryKind): IdCitation[] {
	const { lines } = document.ids;
	const lineEnd = lines.lineContentEnd(lines.positionAt(after).line);
	const more = /^(?:[ \t]*[+&][ \t]*\d+)+/.exec(lines.text.slice(after, lineEnd));
	const found: IdCitation[] = [];
	for (const number of more?.[0].matchAll(/\d+/g) ?? []) {
		const start = after + number.index;
		const value = Number(number[0]);
		found.push({
			key: `${story.tagPrefix}${value}`,
			uri: document.uri,
			role: document.role,
			written: `${story.label} ${value}`,
			range: lines.range(start, start + number[0].length),
			form: 'name',
			story: { kind: story, number: value },
			shortEnd: true,
		});
	}
	return found;
}

/** A name written with words before it ("MVP User Story 1"): the story's own label at its end. */
export function storyEndingName(stories: readonly StoryKind[], label: string): StoryKind | undefined {
	return stories.find(story => label.endsWith(` ${story.label}`));
}

/**
 * The stories a task's phase is for: those the nearest heading above it names ("Phase 3: User
 * Story 1", "User Story 1+2+6", "Phase 2 (US1)").
 */
export function phaseStoryOf(
	document: TraceDocument,
	task: IdTask,
	vocabulary: IdVocabulary,
): { keys: string[]; written: string } | undefined {
	const { headings, names, tokens, lines } = document.ids;
	if (task.heading === undefined) {
		return undefined;
	}
	let depth = Number.POSITIVE_INFINITY;
	for (let index = task.heading; index >= 0; index--) {
		const heading = headings[index];
		if (heading.depth >= depth) {
			continue;
		}
		depth = heading.depth;
		const keys: string[] = [];
		const written: string[] = [];
		// Only a story named first ("Phase 3: User Story 1 - …", "(US1)") makes a phase; "### Tests for
		// User Story 2" under it, or "Integration with User Story 2", does not.
		const opensWith = (start: number) =>
			/^(?:[^:()]*\d+[ \t]*[:(–—-]?[ \t]*)?\(?$/.test(lines.text.slice(heading.textStart, start));
		for (const name of names) {
			const story =
				name.heading === index && name.start >= heading.textStart && name.end <= heading.end
					? vocabulary.stories.find(kind => name.label === kind.label)
					: undefined;
			if (story) {
				keys.push(`${story.tagPrefix}${name.number}`);
				written.push(`${story.label} ${name.number}`);
				const more = /^(?:[ \t]*[+&,/][ \t]*\d+)+/.exec(lines.text.slice(name.end, heading.end));
				for (const number of more?.[0].match(/\d+/g) ?? []) {
					keys.push(`${story.tagPrefix}${Number(number)}`);
				}
			}
		}
		for (const token of tokens) {
			const story = vocabulary.stories.find(kind => kind.tagPrefix === token.prefix);
			if (
				story &&
				token.separator === '' &&
				token.start >= heading.textStart &&
				token.end <= heading.end &&
				opensWith(token.start)
			) {
				keys.push(token.text);
				written.push(token.text);
			}
		}
		if (keys.length > 0) {
			return { keys: [...new Set(keys)], written: written.join(', ') };
		}
		if (depth <= 1) {
			break;
		}
	}
	return undefined;
}
