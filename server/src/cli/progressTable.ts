import { stripVTControlCharacters } from 'node:util';
import { percent, type DocumentProgress } from '../protocol';
import type { Style } from './report';

/** One row per plan and per top-level section: path or section, done/total, percentage. */
export function progressTable(plans: readonly { path: string; progress: DocumentProgress }[], style: Style): string {
	const rows: [string, string, string][] = [];
	for (const { path, progress } of plans) {
		rows.push([
			style.bold(`${path} (${progress.title})`),
			`${progress.done}/${progress.total}`,
			progress.total > 0 ? `${percent(progress)}%` : '—',
		]);
		for (const section of topSections(progress)) {
			rows.push([
				`  ${section.name}`,
				`${section.done}/${section.total}`,
				section.total > 0 ? `${percent(section)}%` : '—',
			]);
		}
	}
	const width = Math.max(4, ...rows.map(([name]) => visibleLength(name)));
	const header = `${'Plan'.padEnd(width)}  ${'Done'.padStart(9)}  ${'%'.padStart(4)}`;
	const lines = rows.map(
		([name, done, share]) =>
			`${name}${' '.repeat(width - visibleLength(name))}  ${done.padStart(9)}  ${share.padStart(4)}`,
	);
	return `${[style.dim(header), ...lines].join('\n')}\n`;
}

/** The same as JSON, for dashboards and release notes. */
export function progressJson(plans: readonly { path: string; progress: DocumentProgress }[]): string {
	const value = plans.map(({ path, progress }) => ({
		path,
		title: progress.title,
		done: progress.done,
		total: progress.total,
		percent: percent(progress),
		problems: progress.problems,
		sections: topSections(progress).map(section => ({
			name: section.name,
			done: section.done,
			total: section.total,
			percent: percent(section),
		})),
	}));
	return `${JSON.stringify({ version: 1, plans: value }, null, 2)}\n`;
}

function topSections(progress: DocumentProgress) {
	return progress.outline
		.flatMap(node => (node.kind === 'title' ? node.children : [node]))
		.filter(node => node.kind !== 'block');
}

function visibleLength(text: string): number {
	return stripVTControlCharacters(text).length;
}
