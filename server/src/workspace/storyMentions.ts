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
 * The stories each task's phase is for: those the nearest heading above it names first ("Phase 3:
 * User Story 1", "User Story 1+2+6", "Phase 2 (US1)"). Worked out once per heading, so a long
 * tasks.md costs one pass.
 */
export function phaseStoriesOf(
	document: TraceDocument,
	vocabulary: IdVocabulary,
): (task: IdTask) => { readonly keys: readonly string[]; readonly written: string } | undefined {
	const { headings, names, tokens, lines } = document.ids;
	const own = headings.map(() => ({ keys: [] as string[], written: [] as string[] }));
	for (const name of names) {
		const story = name.heading === undefined ? undefined : vocabulary.stories.find(kind => name.label === kind.label);
		if (story && name.heading !== undefined) {
			const heading = headings[name.heading];
			own[name.heading].keys.push(`${story.tagPrefix}${name.number}`);
			own[name.heading].written.push(`${story.label} ${name.number}`);
			const more = /^(?:[ \t]*[+&,/][ \t]*\d+)+/.exec(lines.text.slice(name.end, heading.end));
			for (const number of more?.[0].match(/\d+/g) ?? []) {
				own[name.heading].keys.push(`${story.tagPrefix}${Number(number)}`);
			}
		}
	}
	// A tag in a heading counts where it comes first: "Phase 2 (US1)", "Phase 3 — US1: …".
	let next = 0;
	for (const token of tokens) {
		while (next < headings.length && headings[next].end < token.start) {
			next++;
		}
		const heading = headings[next];
		const story = vocabulary.stories.find(kind => kind.tagPrefix === token.prefix);
		if (
			heading &&
			story &&
			token.separator === '' &&
			token.start >= heading.textStart &&
			/^(?:[^:()]*\d+[ \t]*[:(–—-]?[ \t]*)?\(?$/.test(lines.text.slice(heading.textStart, token.start))
		) {
			own[next].keys.push(token.text);
			own[next].written.push(token.text);
		}
	}
	// Each heading's phase: its own stories, else its parent's.
	const phases: ({ keys: string[]; written: string } | undefined)[] = [];
	const stack: number[] = [];
	headings.forEach((heading, index) => {
		while (stack.length > 0 && headings[stack.at(-1)!].depth >= heading.depth) {
			stack.pop();
		}
		const parent = stack.at(-1);
		phases[index] =
			own[index].keys.length > 0
				? { keys: [...new Set(own[index].keys)], written: own[index].written.join(', ') }
				: parent === undefined
					? undefined
					: phases[parent];
		stack.push(index);
	});
	return task => (task.heading === undefined ? undefined : phases[task.heading]);
}
