import type { MarkdownFacts } from '../markdown/facts';

/* What a template's tasks are marked with: tags such as "[P]" and "[US1]", and task IDs such as "T001". */

/** Short uppercase tags inside task items ("[P]", "[P?]", "[US1]"): markers, not placeholders. */
export function taskMarkers(facts: MarkdownFacts): string[] {
	const inTask = (offset: number) => facts.tasks.some(task => offset >= task.start && offset < task.end);
	return [
		...new Set(
			facts.brackets
				.filter(bracket => /^[A-Z][A-Z0-9]{0,5}\??$/.test(bracket.inner) && inTask(bracket.start))
				.map(bracket => bracket.inner),
		),
	];
}

/** A short tag such as "[P]", "[P?]", "[US1]" or spec-kit's "`[ID] [P?] [Story] Description`" format: content, not a placeholder. */
export function isTag(inner: string): boolean {
	return /^[A-Z][A-Za-z0-9]{0,9}\??$/.test(inner);
}

/** A pattern for numbered markers such as "[US1]", capturing the group's name ("US1"). */
export function storyPatternOf(markers: readonly string[]): RegExp | undefined {
	const prefixes = [
		...new Set(
			markers
				.map(marker => /^([A-Z]+)\d+$/.exec(marker)?.[1])
				.filter((prefix): prefix is string => prefix !== undefined),
		),
	];
	return prefixes.length > 0 ? new RegExp(`\\[((?:${prefixes.join('|')})\\d+)\\]`) : undefined;
}

/** "T" when the template's tasks start with IDs such as "T001" (most of them, at least three). */
export function taskIdPrefixOf(facts: MarkdownFacts): string | undefined {
	const prefixes = facts.tasks
		.map(task => /^([A-Z]{1,3})\d{2,}\b/.exec(task.text)?.[1])
		.filter((prefix): prefix is string => prefix !== undefined);
	const [first] = prefixes;
	return prefixes.length >= 3 && prefixes.every(prefix => prefix === first) ? first : undefined;
}
