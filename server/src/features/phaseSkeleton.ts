import type { TextEdit } from 'vscode-languageserver-types';
import { taskPhaseHeadingPattern } from '../template/conventions';
import type { DocumentIds } from '../model/featureIds';
import type { FeatureTrace, IdDefinition, TraceDocument } from '../workspace/featureTrace';

/*
 * The quick fix of a story without tasks: the tasks template's phase for its first story, made
 * this story's (its number, tag, title and priority, task IDs after the highest in tasks.md),
 * inserted into tasks.md before the next story's phase or the first phase after the stories.
 */

/** A fix that may edit other documents of the feature (a story's phase goes into tasks.md). */
export interface TraceFix {
	readonly title: string;
	readonly changes: Readonly<Record<string, readonly TextEdit[]>>;
}

export function phaseSkeletonEdit(trace: FeatureTrace, story: IdDefinition): TraceFix | undefined {
	const tasks = trace.documents.find(document => document.role === 'tasks');
	const template = trace.tasksTemplate;
	if (!tasks || !template || !story.story) {
		return undefined;
	}
	const kind = story.story.kind;
	const phase = templatePhase(template, kind.label);
	if (!phase) {
		return undefined;
	}
	const place = insertionPoint(trace, tasks, story.story.number);
	const lines = tasks.ids.lines;
	let text = template.lines.text.slice(phase.start, phase.end).replace(/\r\n?/g, '\n').replace(/\n*$/, '\n\n');
	text = renumberTasks(text, template, phase, highestTaskNumber(trace, tasks));
	text = text
		.replace(new RegExp(`\\b${kind.label} ${phase.number}\\b`, 'g'), `${kind.label} ${story.story.number}`)
		.replace(new RegExp(`\\[${kind.tagPrefix}${phase.number}\\]`, 'g'), `[${kind.tagPrefix}${story.story.number}]`)
		.replace(/^(#{1,6}[ \t]+)([^\n]*)/, (line, marks: string, heading: string) => {
			const number = taskPhaseHeadingPattern.exec(heading)?.[1];
			return number ? `${marks}${heading.replace(number, String(place.phaseNumber ?? '?'))}` : line;
		})
		.replace(/^(#[^\n]*? - )\[[^\]\n]*\]/, `$1${story.text || '[Title]'}`)
		.replace(/^(#[^\n]*?\(Priority:[ \t]*)P\d+\)/, `$1${story.story.priority ?? 'P?'})`)
		// The template's MVP mark belongs to its first story only.
		.replace(/^(#[^\n]*?)[ \t]*🎯[^\n]*/u, story.story.number === phase.number ? '$&' : '$1');
	const eol = lines.eol;
	const edit: TextEdit = {
		range: { start: lines.positionAt(place.offset), end: lines.positionAt(place.offset) },
		newText: (place.offset > 0 && !/\n$/.test(lines.text.slice(0, place.offset)) ? eol : '') + text.replace(/\n/g, eol),
	};
	return {
		title: `Add a phase for ${story.written} to tasks.md (from the tasks template)`,
		changes: { [tasks.uri]: [edit] },
	};
}

/** The template's first story phase: its heading through the line before the next heading as deep or deeper. */
function templatePhase(template: DocumentIds, label: string) {
	const name = template.names.find(candidate => candidate.label === label && candidate.heading !== undefined);
	if (!name) {
		return undefined;
	}
	const heading = template.headings[name.heading!];
	const next = template.headings.find(other => other.start > heading.start && other.depth <= heading.depth);
	return { start: heading.start, end: next?.start ?? template.lines.text.length, number: name.number };
}

/** Before the phase of the next story, else before the first phase after the last story's, else at the end. */
function insertionPoint(
	trace: FeatureTrace,
	tasks: TraceDocument,
	number: number,
): { offset: number; phaseNumber?: number } {
	const { headings, names, lines } = tasks.ids;
	const labels = new Set(trace.vocabulary.stories.map(story => story.label));
	const phaseHeadings = headings
		.map((heading, index) => ({
			heading,
			index,
			phase: taskPhaseHeadingPattern.exec(lines.text.slice(heading.textStart, heading.end)),
		}))
		.filter(entry => entry.phase);
	const storyOf = (index: number) => names.find(name => name.heading === index && labels.has(name.label))?.number;
	const later = phaseHeadings.find(entry => (storyOf(entry.index) ?? -1) > number);
	const lastStory = [...phaseHeadings].reverse().find(entry => storyOf(entry.index) !== undefined);
	const after = later ?? (lastStory && phaseHeadings.find(entry => entry.heading.start > lastStory.heading.start));
	if (after) {
		return { offset: after.heading.start, phaseNumber: Number.parseInt(after.phase![1], 10) };
	}
	const lastPhase = phaseHeadings.at(-1);
	return {
		offset: lines.text.length,
		phaseNumber: lastPhase ? Number.parseInt(lastPhase.phase![1], 10) + 1 : undefined,
	};
}

function highestTaskNumber(
	trace: FeatureTrace,
	tasks: TraceDocument,
): { prefix: string; number: number; width: number } {
	let best = { prefix: 'T', number: 0, width: 3 };
	for (const task of tasks.ids.tasks) {
		const token = task.idToken === undefined ? undefined : tasks.ids.tokens[task.idToken];
		if (
			token &&
			trace.vocabulary.kinds.get(token.prefix)?.definedIn === 'tasks' &&
			Number(token.digits) > best.number
		) {
			best = { prefix: token.prefix, number: Number(token.digits), width: token.digits.length };
		}
	}
	return best;
}

/** The template phase's task IDs renumbered after the highest in tasks.md, citations between them with them. */
function renumberTasks(
	text: string,
	template: DocumentIds,
	phase: { start: number; end: number },
	highest: { prefix: string; number: number; width: number },
): string {
	const renamed = new Map<string, string>();
	let next = highest.number;
	for (const task of template.tasks) {
		const token = task.idToken === undefined ? undefined : template.tokens[task.idToken];
		if (token && token.start >= phase.start && token.end <= phase.end && token.prefix === highest.prefix) {
			next++;
			renamed.set(token.text, `${highest.prefix}${String(next).padStart(highest.width, '0')}`);
		}
	}
	const pattern = new RegExp(`\\b${highest.prefix}\\d+\\b`, 'g');
	return text.replace(pattern, id => renamed.get(id) ?? id);
}
