import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { FeatureTrace, TraceTask } from '../workspace/featureTrace';
import { citingTasks, hasTasksDocument, idAt, taskCounts } from './idLookup';
import { idProgressText } from './idProgress';

/** How many citing tasks a hover lists before it says how many more there are. */
const listedTasks = 8;

/**
 * On an ID, what it is: a requirement's text, a story's title and priority, a task's line; with
 * the tasks and checklist items that cite it and how many are done (the story lens, where lenses are off).
 */
export function idHover(trace: FeatureTrace, uri: string, position: Position): Hover | undefined {
	const found = idAt(trace, uri, position);
	if (!found) {
		return undefined;
	}
	const definitions = trace.definitions.get(found.key) ?? [];
	const written = found.definition?.written ?? found.citation?.written ?? found.key;
	const paragraphs: string[] = [];
	const [definition] = definitions;
	if (!definition) {
		paragraphs.push(`**${written}** is not defined by any document of this feature.`);
	} else if (definition.story) {
		const priority = definition.story.priority ? ` (Priority: ${definition.story.priority})` : '';
		paragraphs.push(`**${definition.written}** · \`${found.key}\`: ${definition.text || 'untitled'}${priority}`);
	} else if (definition.task) {
		paragraphs.push(`**${definition.written}** ${definition.task.checked ? '(done)' : '(open)'}: ${definition.text}`);
	} else {
		paragraphs.push(`**${definition.written}**: ${definition.text}`);
	}
	if (definitions.length > 1) {
		paragraphs.push(`Defined ${definitions.length} times.`);
	}
	const tasks = citingTasks(trace, found.key);
	if (!definition?.task && (tasks.length > 0 || (definition?.story && hasTasksDocument(trace)))) {
		paragraphs.push(idProgressText(found.key, taskCounts(tasks)), taskList(tasks));
	}
	const items = citingTasks(trace, found.key, 'checklist');
	if (items.length > 0) {
		paragraphs.push(`Checklist items: ${items.length} · ${taskCounts(items).done} checked`, taskList(items));
	}
	return {
		contents: { kind: MarkupKind.Markdown, value: paragraphs.filter(Boolean).join('\n\n') },
		range: found.range,
	};
}

function taskList(tasks: readonly TraceTask[]): string {
	const lines = tasks
		.slice(0, listedTasks)
		.map(task => `- ${task.checked ? '☑' : '☐'} ${escapeMarkdown(withoutBox(task.text))}`);
	if (tasks.length > listedTasks) {
		lines.push(`- … and ${tasks.length - listedTasks} more`);
	}
	return lines.join('\n');
}

function withoutBox(text: string): string {
	return text.replace(/^(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\][ \t]+/, '');
}

/** Task text is shown as written, not as markdown that could turn into links or emphasis. */
function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_[\]<>]/g, character => `\\${character}`);
}
