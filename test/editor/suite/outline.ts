import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { documentSymbols, openFixtures, restorePlan, type Fixtures } from '../support';

describe("Outline of a plan beside VS Code's markdown outline (planmark.symbols: auto)", () => {
	let fixtures: Fixtures;
	let all: vscode.DocumentSymbol[];

	before(async () => {
		fixtures = await openFixtures();
		// Every provider's symbols, as the Outline view, breadcrumbs and Go to Symbol merge them.
		all = flatten(await documentSymbols(fixtures.plan.uri));
	});

	it('lists every heading of the plan exactly once', () => {
		const headings = fixtures.plan
			.getText()
			.split(/\r?\n/)
			.filter(line => /^#{1,6} /.test(line))
			.map(line => line.replace(/^#+ +/, '').trim());
		assert.ok(headings.length > 20, `the plan has ${headings.length} headings`);
		// The markdown extension names a heading symbol "## 1. Technical Context", planmark "1. Technical Context".
		const listedTwice = headings.filter(
			heading => all.filter(symbol => symbol.name.replace(/^#+ +/, '') === heading).length !== 1,
		);
		assert.deepEqual(listedTwice, [], `headings not listed exactly once among ${all.length} symbols`);
	});

	it('adds the gates and other bold-led blocks the markdown outline lacks, a gate with its status', () => {
		const gate = all.filter(symbol => symbol.name === 'Gate 1: Sync protocol reviewed');
		assert.equal(gate.length, 1, 'Gate 1 is listed once');
		assert.equal(gate[0].kind, vscode.SymbolKind.Event);
		assert.equal(gate[0].detail, 'Status: PASS');
		assert.equal(
			all.filter(symbol => symbol.name === 'Risk 1: Data loss during the storage migration').length,
			1,
			'Risk 1 is listed once',
		);
	});
});

describe('Outline of a plan with planmark.symbols: all', () => {
	let fixtures: Fixtures;
	let title: vscode.DocumentSymbol;

	before(async () => {
		fixtures = await openFixtures();
		await vscode.workspace.getConfiguration('planmark').update('symbols', 'all', vscode.ConfigurationTarget.Workspace);
		// The server pulls the changed setting; VS Code keeps a document's outline until its next
		// edit, so the test types a character at the end, as a user would. planmark's tree is the one
		// whose title shows progress.
		const deadline = Date.now() + 10_000;
		let roots: vscode.DocumentSymbol[] = [];
		for (;;) {
			const edit = new vscode.WorkspaceEdit();
			edit.insert(fixtures.plan.uri, fixtures.plan.positionAt(fixtures.plan.getText().length), ' ');
			assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
			roots = await documentSymbols(fixtures.plan.uri);
			const planmarkTitle = roots.find(
				symbol =>
					symbol.name.includes('Implementation Plan: Offline Sync for Field Notes') && /\bdone\b/.test(symbol.detail),
			);
			if (planmarkTitle) {
				title = planmarkTitle;
				return;
			}
			assert.ok(
				Date.now() < deadline,
				`no title symbol with progress among:\n${roots.map(symbol => `  ${symbol.name} (${symbol.detail})`).join('\n')}`,
			);
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	});

	after(async () => {
		await vscode.workspace
			.getConfiguration('planmark')
			.update('symbols', undefined, vscode.ConfigurationTarget.Workspace);
		await restorePlan(fixtures.plan);
	});

	it('nests "1.1 Technology Stack" under "1. Technical Context" under the plan title', () => {
		const context = childNamed(title, '1. Technical Context');
		childNamed(context, '1.1 Technology Stack');
	});

	it("shows a section's task progress as its detail", () => {
		assert.equal(childNamed(title, '1. Technical Context').detail, '2/3 done');
	});

	it('lists "Gate 1: Sync protocol reviewed" under "2.2 Gate Evaluation" as a gate with its status', () => {
		const gate = childNamed(descendantNamed(title, '2.2 Gate Evaluation'), 'Gate 1: Sync protocol reviewed');
		assert.equal(gate.kind, vscode.SymbolKind.Event);
		assert.equal(gate.detail, 'Status: PASS');
	});
});

function flatten(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
	return symbols.flatMap(symbol => [symbol, ...flatten(symbol.children)]);
}

function childNamed(parent: vscode.DocumentSymbol, name: string): vscode.DocumentSymbol {
	const child = parent.children.find(candidate => candidate.name === name);
	assert.ok(
		child,
		`"${parent.name}" has no child "${name}"; its children: ${parent.children.map(candidate => `"${candidate.name}"`).join(', ') || 'none'}`,
	);
	return child;
}

function descendantNamed(root: vscode.DocumentSymbol, name: string): vscode.DocumentSymbol {
	const found = root.children.map(child => findDescendant(child, name)).find(Boolean);
	assert.ok(found, `"${root.name}" holds no symbol "${name}"`);
	return found;
}

function findDescendant(root: vscode.DocumentSymbol, name: string): vscode.DocumentSymbol | undefined {
	return root.name === name ? root : root.children.map(child => findDescendant(child, name)).find(Boolean);
}
