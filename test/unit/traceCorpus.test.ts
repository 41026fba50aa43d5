import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Location, Position, TextEdit } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { assembleFixture } from '../../scripts/fixtureFolders.mjs';
import { createLanguageService, type PlanLanguageService } from '../../server/src/languageService';
import { percent } from '../../server/src/protocol';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { repositoryRoot } from '../repositoryRoot';
import { applyEdits } from './support';

/*
 * planmark's feature IDs over the labelled feature folders of test/fixtures/trace-corpus (its
 * README defines the labels): citation resolution and trace.* diagnostics are scored for precision
 * and recall; hover, rename and per-story counts must match the labels exactly.
 */

const corpus = path.join(repositoryRoot(), 'test', 'fixtures', 'trace-corpus');
const goals = { citationPrecision: 0.98, citationRecall: 0.95, problemPrecision: 1, problemRecall: 0.95 };

interface Labels {
	readonly definitions: Map<string, string>;
	readonly citations: Map<string, Set<string>>;
	readonly stories: Map<string, string>;
	readonly problems: { code: string; where: string; excerpt: string }[];
}

function readLabels(file: string): Labels {
	const labels: Labels = { definitions: new Map(), citations: new Map(), stories: new Map(), problems: [] };
	for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
		const line = raw.trim();
		if (!line || line.startsWith('#')) {
			continue;
		}
		const [kind, id, ...rest] = line.split(/\s+/);
		if (kind === 'define') {
			labels.definitions.set(id, rest[0]);
		} else if (kind === 'cite') {
			labels.citations.set(id, new Set(rest));
		} else if (kind === 'story') {
			labels.stories.set(id, rest[0]);
		} else if (kind === 'problem') {
			labels.problems.push({ code: id, where: rest[0], excerpt: rest.slice(1).join(' ') });
		} else {
			assert.fail(`${file}: unknown label "${line}"`);
		}
	}
	return labels;
}

/** A feature folder of an assembled project: its labels and how to read its documents. */
class Feature {
	readonly labels: Labels;
	constructor(readonly folder: string) {
		this.labels = readLabels(path.join(folder, 'trace.labels'));
	}
	uri(relative: string): string {
		return URI.file(path.join(this.folder, relative)).toString();
	}
	relative(uri: string): string {
		return path.relative(this.folder, URI.parse(uri).fsPath).split(path.sep).join('/');
	}
	text(relative: string): string {
		return fs.readFileSync(path.join(this.folder, relative), 'utf8');
	}
	document(relative: string) {
		const text = this.text(relative);
		return { uri: this.uri(relative), version: 1, getText: () => text };
	}
	/** Where an ID is written on a labelled line ("file:line"): as itself, as its tag, or as "User Story n". */
	position(where: string, id: string): Position {
		const [file, line] = where.split(':');
		const text = this.text(file).split(/\r\n|\r|\n/)[Number(line) - 1];
		const story = /^US(\d+)$/.exec(id);
		const spellings = [id, ...(story ? [`User Story ${story[1]}`] : [])];
		const character = Math.min(...spellings.map(spelling => text.indexOf(spelling)).filter(index => index >= 0));
		assert.ok(Number.isFinite(character), `${this.folder}: ${id} is not written on ${where}`);
		return { line: Number(line) - 1, character };
	}
	documents(): string[] {
		const walk = (folder: string): string[] =>
			fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
				const full = path.join(folder, entry.name);
				return entry.isDirectory() ? walk(full) : entry.name.endsWith('.md') ? [full] : [];
			});
		return walk(this.folder).map(file => path.relative(this.folder, file).split(path.sep).join('/'));
	}
}

function projects(): { service: PlanLanguageService; features: Feature[] }[] {
	return fs
		.readdirSync(corpus, { withFileTypes: true })
		.filter(entry => entry.isDirectory())
		.map(entry => {
			const root = assembleFixture(
				repositoryRoot(),
				path.join('fixtures', 'trace-corpus', entry.name),
				fs.mkdtempSync(path.join(os.tmpdir(), `planmark-trace-${entry.name}-`)),
			);
			const service = createLanguageService({ fileSystem: nodeFileSystem });
			service.setWorkspaceFolders([root]);
			const specs = path.join(root, 'specs');
			const features = fs
				.readdirSync(specs)
				.map(name => path.join(specs, name))
				.filter(folder => fs.existsSync(path.join(folder, 'trace.labels')))
				.map(folder => new Feature(folder));
			return { service, features };
		});
}

const located = (feature: Feature, location: Location) =>
	`${feature.relative(location.uri)}:${location.range.start.line + 1}`;

describe('feature IDs over the labelled corpus of feature folders', () => {
	const all = projects();
	const features = all.flatMap(project => project.features.map(feature => ({ ...project, feature })));

	test('there are at least three labelled feature folders', () => {
		assert.ok(features.length >= 3, `found ${features.length}`);
	});

	test(`citations resolve with precision ${goals.citationPrecision} and recall ${goals.citationRecall}`, t => {
		let truePositives = 0;
		let reported = 0;
		let labelled = 0;
		const wrong: string[] = [];
		for (const { service, feature } of features) {
			for (const [id, where] of feature.labels.definitions) {
				const [file] = where.split(':');
				const found = new Set(
					service
						.getReferences(feature.document(file), feature.position(where, id), false)
						.map(location => located(feature, location)),
				);
				const expected = feature.labels.citations.get(id) ?? new Set<string>();
				reported += found.size;
				labelled += expected.size;
				for (const citation of found) {
					if (!expected.has(citation)) {
						wrong.push(`${feature.folder}: ${id} reported at ${citation}`);
					}
				}
				for (const citation of expected) {
					// A citation counts when references find it and go to definition from it lands on the labelled definition.
					// Inside a range (T003–T005 citing T004) the ID is not written: being found is all it can do.
					const [citingFile] = citation.split(':');
					const position = writtenAt(feature, id, citation);
					const definitions = [citation]
						.filter(() => found.has(citation) && position !== undefined)
						.flatMap(() => {
							const answer = service.getDefinition(feature.document(citingFile), position!);
							return answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
						})
						.map(location => located(feature, location));
					if (found.has(citation) && (position === undefined || definitions.includes(where))) {
						truePositives++;
					} else {
						wrong.push(`${feature.folder}: ${id} at ${citation} not resolved to ${where} (got ${definitions})`);
					}
				}
			}
		}
		const precision =
			reported === 0 ? 1 : (reported - wrong.filter(line => line.includes('reported at')).length) / reported;
		const recall = labelled === 0 ? 1 : truePositives / labelled;
		t.diagnostic(
			`citations: precision ${precision.toFixed(3)} (of ${reported}), recall ${recall.toFixed(3)} (${truePositives}/${labelled})`,
		);
		assert.ok(
			precision >= goals.citationPrecision && recall >= goals.citationRecall,
			`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}:\n${wrong.join('\n')}`,
		);
	});

	test(`trace.* diagnostics reach precision ${goals.problemPrecision} and recall ${goals.problemRecall}`, t => {
		let found = 0;
		let expected = 0;
		let reported = 0;
		const wrong: string[] = [];
		for (const { service, feature } of features) {
			const reportedHere = feature.documents().flatMap(file =>
				service
					.getDiagnostics(feature.document(file))
					.filter(diagnostic => String(diagnostic.code).startsWith('trace.'))
					.map(diagnostic => ({ code: String(diagnostic.code), where: `${file}:${diagnostic.range.start.line + 1}` })),
			);
			reported += reportedHere.length;
			expected += feature.labels.problems.length;
			for (const problem of feature.labels.problems) {
				const [file, line] = problem.where.split(':');
				assert.ok(
					feature
						.text(file)
						.split(/\r\n|\r|\n/)
						[Number(line) - 1].includes(problem.excerpt),
					`${feature.folder}: the label's excerpt "${problem.excerpt}" is not on ${problem.where}`,
				);
				if (reportedHere.some(candidate => candidate.code === problem.code && candidate.where === problem.where)) {
					found++;
				} else {
					wrong.push(`${feature.folder}: missed ${problem.code} at ${problem.where}`);
				}
			}
			for (const candidate of reportedHere) {
				if (
					!feature.labels.problems.some(problem => problem.code === candidate.code && problem.where === candidate.where)
				) {
					wrong.push(`${feature.folder}: wrong ${candidate.code} at ${candidate.where}`);
				}
			}
		}
		const correct = reported - wrong.filter(line => line.includes(': wrong ')).length;
		const precision = reported === 0 ? 1 : correct / reported;
		const recall = expected === 0 ? 1 : found / expected;
		t.diagnostic(
			`trace.* diagnostics: precision ${precision.toFixed(3)} (${correct}/${reported}), recall ${recall.toFixed(3)} (${found}/${expected})`,
		);
		assert.ok(
			precision >= goals.problemPrecision && recall >= goals.problemRecall,
			`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}:\n${wrong.join('\n')}`,
		);
	});

	test("per-story counts in spec.md's lenses equal the tasks file's", () => {
		for (const { service, feature } of features) {
			const titles = service
				.getCodeLenses(feature.document('spec.md'))
				.map(lens => lens.command?.title ?? '')
				.filter(title => /^US\d+: /.test(title));
			const expected = [...feature.labels.stories].map(([id, counts]) => {
				const [done, total] = counts.split('/').map(Number);
				return total === 0
					? `${id}: no tasks`
					: `${id}: ${total === 1 ? '1 task' : `${total} tasks`} · ${done} done · ${percent({ done, total })}%`;
			});
			assert.deepEqual(titles, expected, feature.folder);
		}
	});

	test('hover on every definition shows what its line says', () => {
		for (const { service, feature } of features) {
			for (const [id, where] of feature.labels.definitions) {
				const [file, line] = where.split(':');
				const lineText = feature.text(file).split(/\r\n|\r|\n/)[Number(line) - 1];
				// The first words after the ID (and after "User Story n - " for a story).
				const said = lineText
					.replace(/^.*?(?:User Story \d+|[A-Z]+-?\d+)\**\s*[:—–-]?\s*/, '')
					.replace(/\s*\(Priority.*$/, '')
					.slice(0, 20);
				const hover = service.getHover(feature.document(file), feature.position(where, id));
				const value = (hover?.contents as { value?: string } | undefined)?.value ?? '';
				assert.ok(value.includes(said), `${feature.folder}: hover on ${id} lacks "${said}": ${value}`);
			}
		}
	});

	test('renaming each requirement and story changes its definition and labelled citations, and nothing else', () => {
		for (const { service, feature } of features) {
			for (const [id, where] of feature.labels.definitions) {
				if (/^T\d/.test(id)) {
					continue;
				}
				const [file] = where.split(':');
				const newName = /^US/.test(id) ? 'US9' : id.replace(/\d+$/, '900');
				if (feature.labels.problems.some(problem => problem.code === 'trace.duplicate-id' && problem.excerpt === id)) {
					const refused = service.prepareRename(feature.document(file), feature.position(where, id));
					assert.ok(refused && 'refused' in refused, `${feature.folder}: a duplicated ${id} is not renamed`);
					continue;
				}
				const answer = service.getRenameEdit(feature.document(file), feature.position(where, id), newName, {
					documentChanges: false,
					versionOf: () => null,
				});
				assert.ok(answer && 'edit' in answer, `${feature.folder}: rename ${id}: ${JSON.stringify(answer)}`);
				const changedLines = new Set<string>();
				for (const [uri, edits] of Object.entries(answer.edit.changes ?? {})) {
					const relative = feature.relative(uri);
					const before = feature.text(relative).split('\n');
					const after = applyEdits(feature.text(relative), edits as TextEdit[]).split('\n');
					assert.equal(
						after.length,
						before.length,
						`${feature.folder}: rename ${id} changed the line count of ${relative}`,
					);
					before.forEach((line, index) => {
						if (line !== after[index]) {
							changedLines.add(`${relative}:${index + 1}`);
						}
					});
				}
				// A line citing only inside a range (T006-T016) keeps its text.
				const expected = new Set([where, ...(feature.labels.citations.get(id) ?? [])]);
				assert.deepEqual([...changedLines].sort(), [...expected].sort(), `${feature.folder}: rename ${id}`);
			}
		}
	});
});

/** Where a labelled citation writes the ID, or undefined when it is only inside a range there. */
function writtenAt(feature: Feature, id: string, citation: string): Position | undefined {
	try {
		return feature.position(citation, id);
	} catch {
		const [file, line] = citation.split(':');
		const text = feature.text(file).split(/\r\n|\r|\n/)[Number(line) - 1];
		// "User Story 1+2" writes story 2 as its digit.
		const more =
			/^US(\d+)$/.exec(id) &&
			new RegExp(`User Story \\d+(?:\\s*[+&]\\s*\\d+)*\\s*[+&]\\s*${id.slice(2)}\\b`).exec(text);
		return more ? { line: Number(line) - 1, character: more.index + more[0].length - id.slice(2).length } : undefined;
	}
}
