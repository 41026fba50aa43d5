import type { PlanTemplate } from '../template/planTemplate';
import type { LineIndex } from '../markdown/lineIndex';
import { sectionNameAt } from './nodeQueries';
import type { OutlineNode, PlanProblem, PlanTask } from './planDocument';

/**
 * Task IDs such as spec-kit's "T001", when the template numbers its tasks: an ID used twice, and
 * an ID lower than one before it (a step back), reported once where the sequence breaks. Gaps
 * are not problems (IDs are skipped on purpose), and a suffixed ID such as "T012a" or "T158-1"
 * is a subtask of its number, not a duplicate of it.
 */
export function taskIdProblems(
	tasks: readonly PlanTask[],
	template: PlanTemplate,
	nodes: readonly OutlineNode[],
	lines: LineIndex,
): PlanProblem[] {
	const prefix = template.taskIdPrefix;
	if (!prefix) {
		return [];
	}
	const idPattern = new RegExp(`^[ \\t]*(${prefix}(\\d+)(?:[a-z]|[-.]\\d+)?)(?![\\w-])`);
	const seen = new Map<string, number>();
	const found: PlanProblem[] = [];
	let previous: { number: number; width: number } | undefined;
	for (const task of tasks) {
		const afterBox = task.boxStart + 3;
		const match = idPattern.exec(lines.text.slice(afterBox, Math.min(task.end, afterBox + 40)));
		if (!match) {
			continue;
		}
		const id = match[1];
		const start = afterBox + match[0].length - id.length;
		const range = lines.range(start, start + id.length);
		const section = sectionNameAt(nodes, start);
		const number = Number(match[2]);
		const firstLine = seen.get(id);
		if (firstLine !== undefined) {
			found.push({ kind: 'task-id-duplicate', range, section, id, firstLine });
		} else if (previous && number < previous.number) {
			const expected = `${prefix}${String(previous.number + 1).padStart(previous.width, '0')}`;
			found.push({ kind: 'task-id-order', range, section, id, expected });
		}
		seen.set(id, firstLine ?? range.start.line);
		previous = { number: Math.max(number, previous?.number ?? 0), width: match[2].length };
	}
	return found;
}
