import { stripVTControlCharacters } from 'node:util';
import {
	featurePhases,
	formatProgress,
	percent,
	workflowOf,
	type FeatureStatus,
	type WorkflowStepState,
	countOf,
} from '../protocol';
import type { Style } from './report';

/*
 * `planmark status`: one entry per feature folder, as a table, as JSON (schema in
 * schemas/status.schema.json, described in the README) or as markdown for a pull-request comment.
 */

/** "12/40 · 30%", or "—" where there is nothing to count. */
function countText(progress: { readonly done: number; readonly total: number }): string {
	return progress.total === 0 ? '—' : formatProgress(progress, 'compact');
}

/** How many features are in each phase: "7 features: 1 specify, 1 clarify, 1 plan, 1 tasks, 2 implement, 1 done". */
function summaryLine(features: readonly FeatureStatus[]): string {
	const counts = featurePhases
		.map(phase => [phase, features.filter(feature => feature.phase === phase).length] as const)
		.filter(([, count]) => count > 0)
		.map(([phase, count]) => `${count} ${phase}`);
	return features.length === 0
		? 'no features found (spec-kit keeps them in specs/NNN-name/)'
		: `${countOf(features.length, 'feature')}: ${counts.join(', ')}`;
}

/** One row per feature, its stories below it, then how many features are in each phase. */
export function statusTable(features: readonly FeatureStatus[], style: Style): string {
	const rows: string[][] = [['Feature', 'Phase', 'Tasks', 'Checklists', 'Clarifications', 'Problems']];
	for (const feature of features) {
		rows.push([
			style.bold(feature.folder),
			feature.phase,
			countText(feature.tasks),
			feature.checklistItems.total === 0 ? '—' : `${feature.checklistItems.done}/${feature.checklistItems.total} items`,
			String(feature.clarifications),
			String(feature.problems),
		]);
		for (const story of feature.stories) {
			rows.push([
				style.dim(`  ${story.id} ${story.name === story.id ? '' : story.name}`.trimEnd()),
				'',
				countText(story),
			]);
		}
	}
	const widths = rows[0].map((_, column) => Math.max(...rows.map(row => visibleLength(row[column] ?? ''))));
	const lines = rows.map((row, index) => {
		const cells = row.map((cell, column) => cell + ' '.repeat(widths[column] - visibleLength(cell)));
		const line = cells.join('  ').trimEnd();
		return index === 0 ? style.dim(line) : line;
	});
	return `${[...lines, '', summaryLine(features)].join('\n')}\n`;
}

/**
 * JSON, schema version 1 (schemas/status.schema.json): `{ version, features: [{ folder, number,
 * name, phase, documents: { spec, plan, tasks, checklists }, tasks: { done, total, percent },
 * taskPhases, stories, checklistItems: { done, total }, clarifications, problems }] }`. Paths are
 * relative to the folder planmark ran in, with forward slashes; lines are 1-based.
 */
export function statusJson(features: readonly FeatureStatus[]): string {
	const value = features.map(feature => ({
		folder: feature.folder,
		number: feature.number ?? null,
		name: feature.name,
		phase: feature.phase,
		documents: {
			spec: feature.documents.spec?.path ?? null,
			plan: feature.documents.plan?.path ?? null,
			tasks: feature.documents.tasks?.path ?? null,
			checklists: feature.documents.checklists.map(checklist => checklist.path),
		},
		tasks: { ...feature.tasks, percent: percent(feature.tasks) },
		taskPhases: feature.taskPhases.map(phase => ({
			name: phase.name,
			line: phase.line + 1,
			done: phase.done,
			total: phase.total,
		})),
		stories: feature.stories.map(story => ({
			id: story.id,
			title: story.name === story.id ? null : story.name,
			priority: story.priority ?? null,
			done: story.done,
			total: story.total,
		})),
		checklistItems: feature.checklistItems,
		clarifications: feature.clarifications,
		problems: feature.problems,
	}));
	return `${JSON.stringify({ version: 1, features: value }, null, 2)}\n`;
}

/** A table for a pull-request comment: the phase as spec → plan → tasks → done, progress, checklists, questions, problems. */
export function statusMarkdown(features: readonly FeatureStatus[]): string {
	const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
	const steps = (feature: FeatureStatus) => {
		const marks: Record<WorkflowStepState, (step: string) => string> = {
			passed: step => `✓ ${step}`,
			skipped: step => `– ${step}`,
			current: step => `**${step}**`,
			ahead: step => step,
		};
		return workflowOf(feature)
			.map(({ step, state }) => marks[state](step))
			.join(' → ');
	};
	const lines = [
		'### Feature status',
		'',
		'| Feature | Phase | Workflow | Tasks | Checklists | Clarifications | Problems |',
		'|---|---|---|---|---|---|---|',
		...features.map(
			feature =>
				`| \`${cell(feature.folder)}\` | ${feature.phase} | ${steps(feature)} | ${countText(feature.tasks)} | ${
					feature.checklistItems.total === 0
						? '—'
						: `${feature.checklistItems.done}/${feature.checklistItems.total} items`
				} | ${feature.clarifications} | ${feature.problems} |`,
		),
		'',
		summaryLine(features),
	];
	return `${lines.join('\n')}\n`;
}

function visibleLength(text: string): number {
	return stripVTControlCharacters(text).length;
}
