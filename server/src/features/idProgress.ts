import type { CodeLens } from 'vscode-languageserver-types';
import type { PlanmarkSettings } from '../config';
import { percent, serverCommands } from '../protocol';
import type { FeatureTrace } from '../workspace/featureTrace';
import { citingTasks, hasTasksDocument, taskCounts } from './idLookup';

/* Progress per story and per requirement, from the tasks that cite it: one wording for lenses and hovers. */

/** "US1: 7 tasks · 3 done · 43%" (or "US1: no tasks"). */
export function idProgressText(key: string, counts: { readonly done: number; readonly total: number }): string {
	if (counts.total === 0) {
		return `${key}: no tasks`;
	}
	const tasks = counts.total === 1 ? '1 task' : `${counts.total} tasks`;
	return `${key}: ${tasks} · ${counts.done} done · ${percent(counts)}%`;
}

/** On each user story defined in this spec, its progress in the feature's tasks.md. */
export function storyLenses(
	trace: FeatureTrace,
	uri: string,
	settings: Pick<PlanmarkSettings, 'codeLens'>,
	/** What a lens runs: the server's own command, or a client's. */
	lensCommand: string = serverCommands.revealTask,
): CodeLens[] {
	if (!settings.codeLens.enabled || !hasTasksDocument(trace)) {
		return [];
	}
	const lenses: CodeLens[] = [];
	for (const [key, definitions] of trace.definitions) {
		for (const definition of definitions) {
			if (!definition.story || definition.uri !== uri) {
				continue;
			}
			const tasks = citingTasks(trace, key);
			const next = tasks.find(task => !task.checked);
			lenses.push({
				range: definition.range,
				command: {
					title: idProgressText(key, taskCounts(tasks)),
					command: lensCommand,
					arguments: next ? [next.uri, next.range.start, key] : [uri, null, key],
				},
			});
		}
	}
	return lenses;
}
