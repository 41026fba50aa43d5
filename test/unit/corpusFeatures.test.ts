import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readSettings } from '../../server/src/config';
import { createLanguageService } from '../../server/src/languageService';
import type { FeaturePhase } from '../../server/src/protocol';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { readProjectConfig } from '../../server/src/workspace/projectConfig';
import { repositoryRoot } from '../repositoryRoot';
import { readLabels } from './corpusLabels';

/*
 * The features of every project of the labelled corpus (test/fixtures/corpus), judged against what
 * its readers wrote down before planmark ran: the feature folders on disk, the task counts of each
 * tasks.md and checklist (`@tasks` labels), the open clarifications (`clarification` labels). Only
 * the phase is stated here, by hand, from reading each feature's documents.
 */

const corpus = path.join(repositoryRoot(), 'test', 'fixtures', 'corpus');

const expectedPhases: Record<string, FeaturePhase> = {
	'monorepo/services/billing/specs/001-usage-metering': 'implement',
	'monorepo/services/search/specs/001-typo-tolerant-search': 'plan',
	'speckit-2025-09-webapp/specs/001-recipe-publishing': 'implement',
	'speckit-2025-09-webapp/specs/002-meal-plan-shopping-list': 'implement',
	'speckit-2025-09-webapp/specs/003-recipe-comments': 'plan',
	'speckit-2025-09-zh/specs/001-seat-reservation': 'done',
	'speckit-2025-09-zh/specs/002-no-show-credit': 'plan',
	'speckit-2025-10-app/specs/001-plot-reservations': 'implement',
	'speckit-2025-10-app/specs/002-waitlist-alerts': 'implement',
	'speckit-2025-10-app/specs/003-harvest-exchange': 'tasks',
	'speckit-presets/specs/001-patient-export': 'plan',
	'speckit-presets/specs/002-consent-reminders': 'plan',
	'team-prose-prompts/specs/001-scheduled-exports': 'done',
	'team-prose-prompts/specs/002-workspace-audit-log': 'plan',
	'team-prose-prompts/specs/003-bulk-user-import': 'implement',
	'team-rfc/specs/001-build-cache-eviction': 'plan',
	'team-rfc/specs/002-deploy-freeze-windows': 'plan',
	'team-rfc/specs/003-secret-rotation-api': 'plan',
	'team-spec-variants/specs/001-saved-order-filters': 'clarify',
	'team-spec-variants/specs/002-csv-delimiter-setting': 'specify',
	'team-spec-variants/specs/003-reorder-button': 'specify',
	'team-spec-variants/specs/004-invoice-paid-event': 'specify',
	'team-spec-variants/specs/005-stock-reserved-event': 'clarify',
};

/** Every `specs/NNN-name` folder under a project, as the reader sees it on disk. */
function featureFoldersOf(folder: string): string[] {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
		const full = path.join(folder, entry.name);
		if (!entry.isDirectory() || entry.name.startsWith('.')) {
			return [];
		}
		return path.basename(folder) === 'specs' && /^\d{3,}-/.test(entry.name) ? [full] : featureFoldersOf(full);
	});
}

function labelsOf(file: string) {
	const labelFile = `${file}.labels`;
	assert.ok(fs.existsSync(labelFile), `${labelFile} is missing`);
	return readLabels(fs.readFileSync(labelFile, 'utf8'), fs.readFileSync(file, 'utf8').split(/\r\n|\r|\n/), labelFile);
}

describe('the features of the labelled corpus', () => {
	const projects = fs
		.readdirSync(corpus, { withFileTypes: true })
		.filter(entry => entry.isDirectory())
		.map(entry => path.join(corpus, entry.name));

	test('every feature folder of the corpus has its phase stated here', () => {
		const folders = projects
			.flatMap(featureFoldersOf)
			.map(folder => path.relative(corpus, folder).split(path.sep).join('/'));
		assert.deepEqual(folders.sort(), Object.keys(expectedPhases).sort());
	});

	for (const project of projects) {
		test(`${path.basename(project)}: every feature once, with its documents, task counts, clarifications and phase`, async () => {
			const config = readProjectConfig(project);
			assert.ok(!('error' in config));
			const service = createLanguageService({ fileSystem: nodeFileSystem });
			service.setWorkspaceFolders([project]);
			service.updateSettings(readSettings(config.settings));
			const features = await service.getFeatures([]);
			const expected = featureFoldersOf(project)
				.sort((a, b) => a.localeCompare(b))
				.map(folder => {
					const file = (name: string) => (fs.existsSync(path.join(folder, name)) ? path.join(folder, name) : undefined);
					const checklistFolder = path.join(folder, 'checklists');
					const checklists = fs.existsSync(checklistFolder)
						? fs
								.readdirSync(checklistFolder)
								.filter(name => name.endsWith('.md'))
								.sort()
								.map(name => path.join(checklistFolder, name))
						: [];
					const tasks = file('tasks.md');
					const counted = (files: readonly string[]) =>
						files.map(labelsOf).reduce(
							(sum, labels) => {
								assert.ok(labels.tasks, 'a checklist has an @tasks label');
								return { done: sum.done + labels.tasks.done, total: sum.total + labels.tasks.total };
							},
							{ done: 0, total: 0 },
						);
					const documents = [file('spec.md'), file('plan.md'), tasks, ...checklists].filter(
						(document): document is string => document !== undefined,
					);
					const relative = (filePath?: string) =>
						filePath && path.relative(project, filePath).split(path.sep).join('/');
					return {
						folder: relative(folder),
						documents: {
							spec: relative(file('spec.md')),
							plan: relative(file('plan.md')),
							tasks: relative(tasks),
							checklists: checklists.map(relative),
						},
						tasks: tasks ? (labelsOf(tasks).tasks ?? { done: 0, total: 0 }) : { done: 0, total: 0 },
						checklistItems: counted(checklists),
						clarifications: documents
							.map(labelsOf)
							.reduce((sum, labels) => sum + labels.labels.filter(label => label.kind === 'clarification').length, 0),
						phase: expectedPhases[path.relative(corpus, folder).split(path.sep).join('/')],
					};
				});
			const actual = features
				.map(feature => ({
					folder: feature.folder,
					documents: {
						spec: feature.documents.spec?.path,
						plan: feature.documents.plan?.path,
						tasks: feature.documents.tasks?.path,
						checklists: feature.documents.checklists.map(checklist => checklist.path),
					},
					tasks: feature.tasks,
					checklistItems: feature.checklistItems,
					clarifications: feature.clarifications,
					phase: feature.phase,
				}))
				.sort((a, b) => a.folder.localeCompare(b.folder));
			assert.deepEqual(actual, expected);
		});
	}
});
