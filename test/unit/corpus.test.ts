import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { readSettings } from '../../server/src/config';
import { progressOf } from '../../server/src/features/progress';
import { createLanguageService } from '../../server/src/languageService';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { readProjectConfig } from '../../server/src/workspace/projectConfig';
import { repositoryRoot } from '../repositoryRoot';
import { readLabels, score, type Score } from './corpusLabels';

/*
 * planmark over the labelled corpus of test/fixtures/corpus: projects that stand for real spec-kit
 * repositories and team templates. Each project is opened as one workspace folder, as an editor or
 * `planmark check` would, and every diagnostic is scored against what a careful reader labelled.
 */

const corpus = path.join(repositoryRoot(), 'test', 'fixtures', 'corpus');
/** The goals of issue 16: no diagnostic an author would not call a problem, 95% of leftovers found. */
const precisionGoal = 0.98;
const recallGoal = 0.95;

function documentsOf(project: string): string[] {
	const found: string[] = [];
	const visit = (folder: string) => {
		for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory() && entry.name !== '.specify') {
				visit(full);
			} else if (entry.isFile() && entry.name.endsWith('.md') && !(folder === project && entry.name === 'PROJECT.md')) {
				found.push(full);
			}
		}
	};
	visit(project);
	return found;
}

function scoreProject(project: string): Score & { documents: number; lines: number } {
	const config = readProjectConfig(project);
	assert.ok(!('error' in config), `${project}: ${'error' in config ? config.error : ''}`);
	const service = createLanguageService({ fileSystem: nodeFileSystem });
	service.setWorkspaceFolders([project]);
	service.updateSettings(readSettings(config.settings));
	const total: Score & { documents: number; lines: number } = {
		truePositives: 0,
		falsePositives: [],
		falseNegatives: [],
		found: 0,
		labelled: 0,
		documents: 0,
		lines: 0,
	};
	for (const file of documentsOf(project)) {
		const where = path.relative(corpus, file);
		const text = fs.readFileSync(file, 'utf8');
		const lines = text.split(/\r\n|\r|\n/);
		const labelFile = `${file}.labels`;
		// A document without labels (a README beside the specs) must get no diagnostic at all.
		const labels = fs.existsSync(labelFile)
			? readLabels(fs.readFileSync(labelFile, 'utf8'), lines, `${where}.labels`)
			: { labels: [] };
		const document = { uri: pathToFileURL(file).href, version: 1, getText: () => text };
		// The labels here judge a document's own codes; the feature's (trace.*) have their corpus in traceCorpus.test.ts.
		const diagnostics = service
			.getDiagnostics(document)
			.filter(diagnostic => !String(diagnostic.code).startsWith('trace.'));
		const documentScore = score(diagnostics, labels.labels, lines, where);
		if (labels.tasks) {
			const progress = progressOf(service.getPlanDocument(document), undefined, service.settings.progress);
			assert.deepEqual({ done: progress.done, total: progress.total }, labels.tasks, `${where}: task count`);
		}
		total.documents++;
		total.lines += lines.length;
		total.truePositives += documentScore.truePositives;
		total.falsePositives.push(...documentScore.falsePositives);
		total.falseNegatives.push(...documentScore.falseNegatives);
		total.found += documentScore.found;
		total.labelled += documentScore.labelled;
	}
	return total;
}

describe('the labelled corpus of real-shaped spec-kit projects', () => {
	const only = process.env.PLANMARK_CORPUS_ONLY?.split(',');
	const projects = (
		fs.existsSync(corpus)
			? fs
					.readdirSync(corpus, { withFileTypes: true })
					.filter(entry => entry.isDirectory())
					.map(entry => path.join(corpus, entry.name))
			: []
	).filter(project => !only || only.includes(path.basename(project)));

	test('holds projects to judge', () => {
		assert.ok(
			only || projects.length >= 5,
			`expected at least five corpus projects in ${corpus}, found ${projects.length}`,
		);
	});

	test(`planmark's diagnostics reach precision ${precisionGoal} and recall ${recallGoal} over the corpus, with exact task counts`, t => {
		const scores = projects.map(project => ({ name: path.basename(project), ...scoreProject(project) }));
		const sum = (pick: (entry: (typeof scores)[number]) => number) =>
			scores.reduce((total, entry) => total + pick(entry), 0);
		const truePositives = sum(entry => entry.truePositives);
		const falsePositives = scores.flatMap(entry => entry.falsePositives);
		const falseNegatives = scores.flatMap(entry => entry.falseNegatives);
		const reported = truePositives + falsePositives.length;
		const precision = reported === 0 ? 1 : truePositives / reported;
		const recall = sum(entry => entry.labelled) === 0 ? 1 : sum(entry => entry.found) / sum(entry => entry.labelled);
		for (const entry of scores) {
			t.diagnostic(
				`${entry.name}: ${entry.documents} documents, ${entry.lines} lines, ${entry.labelled} labels, ${entry.truePositives} right, ${entry.falsePositives.length} wrong, ${entry.falseNegatives.length} missed`,
			);
		}
		t.diagnostic(
			`corpus: ${sum(entry => entry.documents)} documents, ${sum(entry => entry.lines)} lines, precision ${precision.toFixed(3)} (${truePositives}/${reported}), recall ${recall.toFixed(3)} (${sum(entry => entry.found)}/${sum(entry => entry.labelled)})`,
		);
		const detail = [
			...falsePositives.map(line => `wrong:  ${line}`),
			...falseNegatives.map(line => `missed: ${line}`),
		].join('\n');
		if (process.env.PLANMARK_CORPUS_REPORT) {
			fs.writeFileSync(
				process.env.PLANMARK_CORPUS_REPORT,
				`precision ${precision.toFixed(3)} recall ${recall.toFixed(3)}\n${detail}\n`,
			);
		}
		assert.ok(
			precision >= precisionGoal && recall >= recallGoal,
			`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n${detail}`,
		);
	});
});
