import type { DocumentIds, IdTask, IdToken } from '../model/featureIds';
import { storyHeadingRestPattern } from '../template/conventions';
import type { FeatureTrace, IdCitation, IdDefinition, TraceDocument, TraceTask } from './featureTraceTypes';
import { type FeatureRole, type IdVocabulary, taskIdTokens } from './idVocabulary';
import { moreStories, phaseStoriesOf, storyEndingName } from './storyMentions';

/*
 * One feature's IDs across its documents: where each is defined, where each is cited, and which
 * tasks cite what. A pure function of the documents' IDs and the vocabulary, rebuilt per request
 * from per-document values that are cached by version.
 */

export type { FeatureTrace, IdCitation, IdDefinition, TraceDocument, TraceTask } from './featureTraceTypes';

/** The key an ID is looked up by: checklist IDs are their own file's (every checklist starts at CHK001). */
export function idKey(text: string, role: FeatureRole, uri: string): string {
	return role === 'checklist' ? `${text}@${uri}` : text;
}

export function buildFeatureTrace(
	folder: string,
	documents: readonly TraceDocument[],
	vocabulary: IdVocabulary,
	tasksTemplate?: DocumentIds,
): FeatureTrace {
	const definitions = new Map<string, IdDefinition[]>();
	const citations: IdCitation[] = [];
	const tasks: TraceTask[] = [];
	const phaseStories = new Map<TraceTask, { readonly keys: readonly string[]; readonly written: string }>();
	const storyByTag = new Map(vocabulary.stories.map(story => [story.tagPrefix, story]));
	const storyByLabel = new Map(vocabulary.stories.map(story => [story.label, story]));
	const define = (definition: IdDefinition) => {
		definitions.set(definition.key, [...(definitions.get(definition.key) ?? []), definition]);
	};
	for (const document of documents) {
		const { ids, uri, role } = document;
		const lines = ids.lines;
		const taskOfToken = new Map<number, TraceTask>();
		const documentTasks = ids.tasks.map(task => {
			const traceTask = traceTaskOf(document, task);
			for (let index = task.firstToken; index < task.firstToken + task.tokenCount; index++) {
				taskOfToken.set(index, traceTask);
			}
			return traceTask;
		});
		tasks.push(...documentTasks);
		const opensTask = taskIdTokens(ids);
		const keyOf = (token: IdToken) => {
			const kind = vocabulary.kinds.get(token.prefix);
			return idKey(token.text, kind?.definedIn === 'checklist' ? role : 'spec', uri);
		};
		const fromTemplate = keptTemplateLine(document);
		const headingAt = new Map(ids.headings.map(heading => [heading.textStart, heading]));
		ids.tokens.forEach((token, index) => {
			if (fromTemplate(token.start)) {
				return;
			}
			const kind = vocabulary.kinds.get(token.prefix);
			const story = storyByTag.get(token.prefix);
			const range = lines.range(token.start, token.end);
			const task = taskOfToken.get(index);
			if (kind) {
				// A checklist's own IDs are not seen from other documents.
				if (kind.definedIn === 'checklist' && role !== 'checklist') {
					return;
				}
				if (token.definition && kind.definedIn === role && (!kind.onTasks || opensTask.has(index))) {
					const text = lines.text.slice(token.definition.textStart, token.definition.textEnd).replace(/\*\*|__/g, '');
					define({ key: keyOf(token), uri, role, written: token.text, range, text: text.trim(), task });
					return;
				}
				citations.push({
					key: keyOf(token),
					uri,
					role,
					written: token.text,
					range,
					form: 'token',
					task,
					...(token.shortEnd ? { shortEnd: true } : {}),
				});
			} else if (story && token.separator === '' && token.suffix === '') {
				// A spec heading may open with the tag itself: "### US1: Edit notes offline".
				const heading = role === 'spec' ? headingAt.get(token.start) : undefined;
				if (heading) {
					const rest = storyHeadingRestPattern.exec(lines.text.slice(token.end, heading.end));
					define({
						key: token.text,
						uri,
						role,
						written: token.text,
						range,
						text: rest?.[1]?.trim() ?? '',
						story: { kind: story, number: Number(token.digits), priority: rest?.[2]?.trim() },
					});
					return;
				}
				citations.push({
					key: token.text,
					uri,
					role,
					written: token.text,
					range,
					form: token.bracketed ? 'tag' : 'token',
					task,
					story: { kind: story, number: Number(token.digits) },
				});
			} else {
				return;
			}
			if (token.rangeTo !== undefined) {
				citations.push(...withinRange(token, ids.tokens[token.rangeTo], document, task, keyOf));
			}
		});
		for (const name of ids.names) {
			const story = storyByLabel.get(name.label) ?? storyEndingName(vocabulary.stories, name.label);
			if (!story || fromTemplate(name.start)) {
				continue;
			}
			const start = name.end - `${story.label} ${name.number}`.length;
			const range = lines.range(start, name.end);
			const key = `${story.tagPrefix}${name.number}`;
			const written = `${story.label} ${name.number}`;
			const opensHeading = name.heading !== undefined && start === name.start;
			if (role === 'spec' && opensHeading) {
				const heading = ids.headings[name.heading!];
				const rest = storyHeadingRestPattern.exec(lines.text.slice(name.end, heading.end));
				define({
					key,
					uri,
					role,
					written,
					range,
					text: rest?.[1]?.trim() ?? '',
					story: { kind: story, number: name.number, priority: rest?.[2]?.trim() },
				});
				continue;
			}
			citations.push({ key, uri, role, written, range, form: 'name', story: { kind: story, number: name.number } });
		}
		for (const name of ids.names) {
			const story = storyByLabel.get(name.label) ?? storyEndingName(vocabulary.stories, name.label);
			if (story && !fromTemplate(name.start)) {
				citations.push(...moreStories(document, name.end, story));
			}
		}
		if (role === 'tasks') {
			const phaseStoryOf = phaseStoriesOf(document, vocabulary);
			ids.tasks.forEach((task, index) => {
				const phase = phaseStoryOf(task);
				if (phase) {
					phaseStories.set(documentTasks[index], phase);
				}
			});
		}
	}
	const citationsByKey = new Map<string, IdCitation[]>();
	for (const citation of citations) {
		const list = citationsByKey.get(citation.key);
		if (list) {
			list.push(citation);
		} else {
			citationsByKey.set(citation.key, [citation]);
		}
	}
	return { folder, vocabulary, documents, definitions, citations, citationsByKey, tasks, phaseStories, tasksTemplate };
}

/** Whether the line at an offset is one of the template's, kept word for word. */
function keptTemplateLine(document: TraceDocument): (offset: number) => boolean {
	const { templateLines } = document;
	if (!templateLines || templateLines.size === 0) {
		return () => false;
	}
	const { lines } = document.ids;
	// Tasks and definitions are the author's even when a sample was kept: only prose lines are skipped.
	return offset => {
		const line = lines.positionAt(offset).line;
		const text = lines.lineText(line).trim();
		return (
			templateLines.has(text) &&
			!/^(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\]/.test(text) &&
			!/^(?:[-*+][ \t]+)?\*\*[A-Z]+-?\d+/.test(text)
		);
	};
}

function traceTaskOf(document: TraceDocument, task: IdTask): TraceTask {
	const lines = document.ids.lines;
	const idToken = task.idToken === undefined ? undefined : document.ids.tokens[task.idToken];
	return {
		uri: document.uri,
		role: document.role,
		id: idToken?.text,
		checked: task.checked,
		range: lines.range(task.start, task.end),
		text: lines.text.slice(task.start, task.end).trim(),
	};
}

/** The IDs strictly inside a range such as T009-T021 (same prefix, separator and width). */
function withinRange(
	first: IdToken,
	last: IdToken,
	document: TraceDocument,
	task: TraceTask | undefined,
	keyOf: (token: IdToken) => string,
): IdCitation[] {
	const [from, to] = [Number(first.digits), Number(last.digits)];
	if (!(to > from) || to - from > 500) {
		return [];
	}
	const range = document.ids.lines.range(first.start, last.end);
	const width = first.digits.length;
	const found: IdCitation[] = [];
	for (let number = from + 1; number < to; number++) {
		const written = `${first.prefix}${first.separator}${String(number).padStart(width, '0')}`;
		const key = keyOf({ ...first, text: written });
		found.push({ key, uri: document.uri, role: document.role, written, range, form: 'within', task });
	}
	return found;
}
