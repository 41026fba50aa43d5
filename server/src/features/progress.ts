import type { OutlineNode, PlanDocument, PlanTask } from '../model/planDocument';

export interface Progress {
	readonly done: number;
	readonly total: number;
	/** The first unchecked task, if any. */
	readonly nextOpen?: PlanTask;
}

/** Checkbox progress of a node (its subsections included), or of the whole plan without a node. */
export function progressOf(document: PlanDocument, node?: OutlineNode): Progress {
	const tasks = node ? tasksWithin(document.tasks, node.start, node.end) : document.tasks;
	let done = 0;
	let nextOpen: PlanTask | undefined;
	for (const task of tasks) {
		if (task.checked) {
			done++;
		} else {
			nextOpen ??= task;
		}
	}
	return { done, total: tasks.length, nextOpen };
}

/** Whole percent, never rounded up to 100 while a task is open nor down to 0 once one is done. */
export function percent(progress: Progress): number {
	if (progress.total === 0) {
		return 0;
	}
	const value = Math.round((progress.done / progress.total) * 100);
	if (progress.done < progress.total) {
		return Math.max(progress.done > 0 ? 1 : 0, Math.min(99, value));
	}
	return 100;
}

export function formatProgress(progress: Progress): string {
	return `${progress.done}/${progress.total} done · ${percent(progress)}%`;
}

function tasksWithin(tasks: readonly PlanTask[], start: number, end: number): readonly PlanTask[] {
	return tasks.slice(lowerBound(tasks, start), lowerBound(tasks, end + 1));
}

function lowerBound(tasks: readonly PlanTask[], offset: number): number {
	let low = 0;
	let high = tasks.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (tasks[middle].start < offset) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}
	return low;
}
