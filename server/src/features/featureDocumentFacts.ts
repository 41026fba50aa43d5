import type { OutlineNode, PlanDocument } from '../model/planDocument';
import type { StoryProgress, TaskGroupProgress } from '../protocol';
import {
	storyId,
	storyPriorityPattern,
	taskPhaseHeadingPattern,
	taskStoryTagPattern,
	userStoryHeadingPattern,
} from '../template/conventions';

/** What the feature views need of one document of a feature, kept in its workspace summary. */
export interface FeatureDocumentFacts {
	/** Open `[NEEDS CLARIFICATION: …]` questions (outside the template's guidance sections). */
	readonly clarifications: number;
	/** Its phase headings ("Phase 1: Setup") with the tasks under each, in document order. */
	readonly taskPhases: readonly TaskGroupProgress[];
	/** Its user stories, by `[US1]` tags and the phase headings that name a story, in story order. */
	readonly stories: readonly StoryProgress[];
}

interface Phase {
	readonly node: OutlineNode;
	readonly story?: { readonly id: string; readonly title: string; readonly priority?: string };
}

/**
 * The phases and stories of a tasks.md as spec-kit writes them: a task belongs to the story its
 * `[US1]` tag names, else to the story its phase heading names ("Phase 3: User Story 1 - …").
 */
export function featureDocumentFacts(document: PlanDocument): FeatureDocumentFacts {
	const phases: Phase[] = document.nodes
		.filter(node => node.kind !== 'title' && taskPhaseHeadingPattern.test(node.name))
		.map(node => ({ node, story: storyOfHeading(taskPhaseHeadingPattern.exec(node.name)![2]) }));
	const lineOf = (offset: number) => document.lines.positionAt(offset).line;
	const taskPhases = phases.map(phase => {
		const tasks = document.tasks.filter(task => task.start >= phase.node.start && task.start < phase.node.extentEnd);
		return {
			name: phase.node.name,
			line: lineOf(phase.node.start),
			done: tasks.filter(task => task.checked).length,
			total: tasks.length,
		};
	});
	const stories = new Map<string, { story: Omit<StoryProgress, 'done' | 'total'>; done: number; total: number }>();
	const storyEntry = (id: string, line: number, title?: string, priority?: string) => {
		let entry = stories.get(id);
		if (!entry) {
			entry = { story: { id, name: title || id, line, priority }, done: 0, total: 0 };
			stories.set(id, entry);
		}
		return entry;
	};
	for (const phase of phases) {
		if (phase.story) {
			storyEntry(phase.story.id, lineOf(phase.node.start), phase.story.title, phase.story.priority);
		}
	}
	for (const task of document.tasks) {
		const tag = taskStoryTagPattern.exec(task.text);
		// The innermost phase around the task: a "Phase 3.1" inside a "Phase 3" is the one that names its story.
		const phase = phases
			.filter(candidate => task.start >= candidate.node.start && task.start < candidate.node.extentEnd)
			.at(-1);
		const id = tag ? storyId(tag[1]) : phase?.story?.id;
		if (id) {
			const entry = storyEntry(id, lineOf(task.start));
			entry.total++;
			entry.done += task.checked ? 1 : 0;
		}
	}
	return {
		clarifications: document.problems.filter(problem => problem.kind === 'needs-clarification').length,
		taskPhases,
		stories: [...stories.values()]
			.map(entry => ({ ...entry.story, done: entry.done, total: entry.total }))
			.sort((a, b) => Number(a.id.slice(2)) - Number(b.id.slice(2))),
	};
}

/** The story a phase's title names: "User Story 1 - Browse (Priority: P1) 🎯 MVP" → US1, "Browse", P1. */
function storyOfHeading(phaseTitle: string): Phase['story'] {
	const match = userStoryHeadingPattern.exec(phaseTitle.trim());
	if (!match) {
		return undefined;
	}
	const title = match[2]
		.replace(storyPriorityPattern, '')
		.replace(/(?:🎯|\bMVP\b|[ \t])+$/u, '')
		.replace(/^[ \t]*[:.—–-][ \t]*/, '')
		.trim();
	return { id: storyId(match[1]), title, priority: storyPriorityPattern.exec(match[2])?.[1]?.toUpperCase() };
}
