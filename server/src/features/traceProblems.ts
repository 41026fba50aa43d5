import type { Range } from 'vscode-languageserver-types';
import type { FeatureTrace, IdCitation, IdDefinition } from '../workspace/featureTrace';
import { citingTasks, hasTasksDocument } from './idLookup';
import { phaseSkeletonEdit, type TraceFix } from './phaseSkeleton';

/*
 * What a feature's IDs say is wrong, found deterministically across its documents: a story no task
 * works on, a citation of an ID no document defines, an ID defined twice, a requirement nothing
 * cites, a task tagged for one story in another story's phase. Problems are data; the facade turns
 * them into diagnostics with the configured severities.
 */

export type TraceCode =
	| 'trace.story-without-tasks'
	| 'trace.unknown-id'
	| 'trace.duplicate-id'
	| 'trace.uncovered-requirement'
	| 'trace.story-mismatch';

export interface TraceProblem {
	readonly code: TraceCode;
	readonly uri: string;
	readonly range: Range;
	readonly message: string;
	readonly fix?: TraceFix;
}

/** The problems found in one document of a feature. */
export function traceProblems(trace: FeatureTrace, uri: string): TraceProblem[] {
	const role = trace.documents.find(document => document.uri === uri)?.role;
	if (!role) {
		return [];
	}
	const problems: TraceProblem[] = [];
	const withTasks = hasTasksDocument(trace);
	const kindsDefined = new Set<string>();
	let storiesDefined = false;
	for (const [key, definitions] of trace.definitions) {
		const [first] = definitions;
		kindsDefined.add(kindOf(first));
		storiesDefined ||= first.story !== undefined;
		for (const duplicate of definitions.slice(1)) {
			// Two tasks of one tasks.md with one ID are plan.task-id-duplicate already.
			const sameTasks = duplicate.role === 'tasks' && first.role === 'tasks' && duplicate.uri === first.uri;
			if (duplicate.uri === uri && !sameTasks) {
				problems.push({
					code: 'trace.duplicate-id',
					uri,
					range: duplicate.range,
					message: `${duplicate.written} is defined twice: first in ${fileName(first.uri)}, line ${first.range.start.line + 1}.`,
				});
			}
		}
		if (first.uri !== uri || !withTasks) {
			continue;
		}
		if (first.story && citingTasks(trace, key).length === 0) {
			problems.push({
				code: 'trace.story-without-tasks',
				uri,
				range: first.range,
				message: `${first.written} (${key}) has no tasks in tasks.md.`,
				fix: phaseSkeletonEdit(trace, first),
			});
		} else if (!first.story && first.role === 'spec' && !isCited(trace, key)) {
			problems.push({
				code: 'trace.uncovered-requirement',
				uri,
				range: first.range,
				message: `${first.written} is not cited by any task, the plan or a checklist.`,
			});
		}
	}
	for (const citation of trace.citations) {
		if (citation.uri !== uri || citation.form === 'within') {
			continue;
		}
		const known = citation.story ? storiesDefined : kindsDefined.has(kindOfCitation(citation));
		if ((role === 'tasks' || role === 'checklist') && known && !trace.definitions.has(citation.key)) {
			problems.push({
				code: 'trace.unknown-id',
				uri,
				range: citation.range,
				message: `${citation.written} is not defined by any document of this feature.`,
			});
		}
	}
	problems.push(...storyMismatches(trace, uri));
	return problems;
}

/** A task tagged [US2] in the phase for User Story 1. */
function storyMismatches(trace: FeatureTrace, uri: string): TraceProblem[] {
	const problems: TraceProblem[] = [];
	for (const citation of trace.citations) {
		const phase = citation.task && trace.phaseStories.get(citation.task);
		if (
			citation.uri !== uri ||
			citation.form !== 'tag' ||
			!citation.story ||
			!phase ||
			phase.keys.includes(citation.key)
		) {
			continue;
		}
		const [only] = phase.keys;
		problems.push({
			code: 'trace.story-mismatch',
			uri,
			range: citation.range,
			message: `This task is tagged ${citation.key} but sits in the phase for ${phase.written} (${phase.keys.join(', ')}).`,
			fix:
				phase.keys.length === 1
					? {
							title: `Tag it ${only}, the story of its phase`,
							changes: { [uri]: [{ range: citation.range, newText: only }] },
						}
					: undefined,
		});
	}
	return problems;
}

function isCited(trace: FeatureTrace, key: string): boolean {
	return (trace.citationsByKey.get(key) ?? []).some(
		citation => citation.role === 'tasks' || citation.role === 'plan' || citation.role === 'checklist',
	);
}

function kindOf(definition: IdDefinition): string {
	return definition.story ? `story:${definition.story.kind.tagPrefix}` : prefixOf(definition.written);
}

function kindOfCitation(citation: IdCitation): string {
	return prefixOf(citation.written);
}

function prefixOf(written: string): string {
	return /^[A-Z]+/.exec(written)?.[0] ?? written;
}

function fileName(uri: string): string {
	return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
