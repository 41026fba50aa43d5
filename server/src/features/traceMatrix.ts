import * as path from 'node:path';
import type { FeatureTrace, TraceTask } from '../workspace/featureTrace';
import { filePathOf } from '../workspace/workspacePaths';
import { citingTasks, taskCounts } from './idLookup';

/*
 * The coverage matrix `planmark trace` prints: every story and requirement of a feature with the
 * tasks and checklist items that cite it, and how many are done.
 */

export interface TraceItem {
	/** The task's or checklist item's ID ("T012", "CHK003"), or its line when it has none ("line 14"). */
	readonly id: string;
	readonly done: boolean;
	/** The file, relative to the feature folder. */
	readonly file: string;
	readonly line: number;
}

export interface TraceRow {
	/** "US1", "FR-001", "SC-002". */
	readonly id: string;
	/** The requirement's text, the story's title. */
	readonly text: string;
	readonly priority?: string;
	readonly tasks: readonly TraceItem[];
	readonly checklistItems: readonly TraceItem[];
	/** Whether plan.md cites it. */
	readonly inPlan: boolean;
	readonly done: number;
	readonly total: number;
}

export interface FeatureMatrix {
	/** The feature folder's name ("001-photo-albums"). */
	readonly feature: string;
	readonly stories: readonly TraceRow[];
	readonly requirements: readonly TraceRow[];
	/** Every task of tasks.md. */
	readonly tasks: { readonly done: number; readonly total: number };
}

export function featureMatrix(trace: FeatureTrace): FeatureMatrix {
	const rows = (story: boolean): TraceRow[] =>
		[...trace.definitions.values()]
			.map(([definition]) => definition)
			.filter(definition => definition.role === 'spec' && (definition.story !== undefined) === story)
			.map(definition => {
				const tasks = citingTasks(trace, definition.key);
				return {
					id: definition.key,
					text: definition.text,
					...(definition.story?.priority ? { priority: definition.story.priority } : {}),
					tasks: tasks.map(task => itemOf(trace, task)),
					checklistItems: citingTasks(trace, definition.key, 'checklist').map(task => itemOf(trace, task)),
					inPlan: (trace.citationsByKey.get(definition.key) ?? []).some(citation => citation.role === 'plan'),
					...taskCounts(tasks),
				};
			});
	return {
		feature: path.basename(trace.folder),
		stories: rows(true),
		requirements: rows(false),
		tasks: taskCounts(trace.tasks.filter(task => task.role === 'tasks')),
	};
}

/** The matrix as markdown tables, to post in a pull request. */
export function matrixMarkdown(matrices: readonly FeatureMatrix[]): string {
	const blocks = matrices.map(matrix => {
		const table = (title: string, rows: readonly TraceRow[]) =>
			rows.length === 0
				? []
				: [
						`| ${title} | Tasks | Done | Checklist | Plan |`,
						'|---|---|---|---|---|',
						...rows.map(
							row =>
								`| **${row.id}** ${cell(row.text)}${row.priority ? ` (${row.priority})` : ''} | ${row.tasks.map(mark).join(' ') || '—'} | ${row.done}/${row.total} | ${row.checklistItems.map(mark).join(' ') || '—'} | ${row.inPlan ? 'yes' : '—'} |`,
						),
						'',
					];
		return [
			`## ${matrix.feature}`,
			'',
			`Tasks: ${matrix.tasks.done}/${matrix.tasks.total} done`,
			'',
			...table('Story', matrix.stories),
			...table('Requirement', matrix.requirements),
		].join('\n');
	});
	return `${['# Coverage', '', ...blocks].join('\n').trimEnd()}\n`;
}

function itemOf(trace: FeatureTrace, task: TraceTask): TraceItem {
	const file = path
		.relative(trace.folder, filePathOf(task.uri) ?? task.uri)
		.split(path.sep)
		.join('/');
	const line = task.range.start.line + 1;
	return { id: task.id ?? `line ${line}`, done: task.checked, file, line };
}

function mark(item: TraceItem): string {
	return item.done ? `${item.id} ✓` : item.id;
}

function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
