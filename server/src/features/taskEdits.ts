import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { nodeAt } from '../model/nodeQueries';
import type { PlanDocument, PlanTask } from '../model/planDocument';

/**
 * Toggles the task boxes on the lines a range touches: if any is open they are all checked,
 * otherwise all are unchecked, as editors toggle comments. Only the character inside each box
 * changes, so undo restores exactly the previous text. Several selections make one edit, so one
 * undo restores them all; a box two selections touch toggles once.
 */
export function toggleTaskEdits(document: PlanDocument, ranges: readonly Range[]): TextEdit[] {
	const edits = ranges.flatMap(range => toggleInRange(document, range));
	return edits.filter(
		(edit, index) =>
			edits.findIndex(
				other =>
					other.range.start.line === edit.range.start.line &&
					other.range.start.character === edit.range.start.character,
			) === index,
	);
}

function toggleInRange(document: PlanDocument, range: Range): TextEdit[] {
	const lastLine = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
	const first = document.lines.lineStart(range.start.line);
	const last = document.lines.lineContentEnd(lastLine);
	const tasks = document.tasks.filter(task => task.boxStart >= first && task.boxStart <= last);
	const check = tasks.some(task => !task.checked);
	return tasks.filter(task => task.checked !== check).map(task => boxEdit(document, task, check));
}

/** Checks every open task in the section or block around a position (its subsections included). */
export function completeSectionEdits(document: PlanDocument, position: Position): TextEdit[] {
	const offset = document.lines.offsetAt(position);
	const node = nodeAt(document.nodes, offset, candidate => candidate.kind !== 'title') ?? document.title;
	const tasks = node
		? document.tasks.filter(task => task.start >= node.start && task.start <= node.end)
		: document.tasks;
	return tasks.filter(task => !task.checked).map(task => boxEdit(document, task, true));
}

function boxEdit(document: PlanDocument, task: PlanTask, check: boolean): TextEdit {
	return { range: document.lines.range(task.boxStart + 1, task.boxStart + 2), newText: check ? 'x' : ' ' };
}
