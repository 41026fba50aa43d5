/**
 * The start of a task list item up to and including its box: `- [ ]`, `* [x]`, `1. [X]`, also in a
 * block quote (`> - [ ]`). Group 1 is the mark inside the box. Every reader of task lines uses it.
 */
export const taskBoxPattern = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\]/;

/** The text of a task line after its box (`- [ ] T001 Set up` → `T001 Set up`), or undefined for other lines. */
export function taskTextOf(line: string): string | undefined {
	const box = taskBoxPattern.exec(line);
	if (!box) {
		return undefined;
	}
	const rest = line.slice(box[0].length);
	return /^[ \t]/.test(rest) ? rest.trim() : undefined;
}
