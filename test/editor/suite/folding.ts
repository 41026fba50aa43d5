import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { lineStartingWith, openFixtures, type Fixtures } from '../support';

describe('Folding a plan', () => {
	let fixtures: Fixtures;
	let ranges: vscode.FoldingRange[];

	before(async () => {
		fixtures = await openFixtures();
		ranges =
			(await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>(
				'vscode.executeFoldingRangeProvider',
				fixtures.plan.uri,
			)) ?? [];
	});

	it('folds "## 1. Technical Context" down to its last subsection', () => {
		const start = lineStartingWith(fixtures.plan, '## 1. Technical Context');
		const unknowns = lineStartingWith(fixtures.plan, '### 1.4 Unknowns');
		const section = ranges.find(range => range.start === start);
		assert.ok(
			section,
			`no folding range starts on line ${start + 1}; ranges start on ${ranges.map(range => range.start + 1).join(', ')}`,
		);
		assert.ok(section.end > unknowns, `the section folds only to line ${section.end + 1}`);
	});

	it('folds a bold block such as "**Gate 1**", which plain markdown does not', () => {
		const gate = lineStartingWith(fixtures.plan, '**Gate 1**');
		assert.ok(
			ranges.some(range => range.start === gate && range.end > gate),
			`no folding range starts on line ${gate + 1}`,
		);
	});
});
