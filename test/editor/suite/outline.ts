import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { documentSymbols, openFixtures, type Fixtures } from '../support';

describe('Outline of a plan', () => {
	let fixtures: Fixtures;
	let title: vscode.DocumentSymbol;

	before(async () => {
		fixtures = await openFixtures();
		// The markdown extension outlines headings too; planmark's tree is the one whose title shows progress.
		const roots = await documentSymbols(fixtures.plan.uri);
		const planmarkTitle = roots.find(symbol => symbol.name.includes('Implementation Plan: Offline Sync for Field Notes') && /\bdone\b/.test(symbol.detail));
		assert.ok(planmarkTitle, `no title symbol with progress among:\n${roots.map(symbol => `  ${symbol.name} (${symbol.detail})`).join('\n')}`);
		title = planmarkTitle;
	});

	it('nests "1.1 Technology Stack" under "1. Technical Context" under the plan title', () => {
		const context = childNamed(title, '1. Technical Context');
		childNamed(context, '1.1 Technology Stack');
	});

	it('shows a section\'s task progress as its detail', () => {
		assert.equal(childNamed(title, '1. Technical Context').detail, '2/3 done');
	});

	it('lists "Gate 1: Sync protocol reviewed" under "2.2 Gate Evaluation" as a gate with its status', () => {
		const gate = childNamed(descendantNamed(title, '2.2 Gate Evaluation'), 'Gate 1: Sync protocol reviewed');
		assert.equal(gate.kind, vscode.SymbolKind.Event);
		assert.equal(gate.detail, 'Status: PASS');
	});
});

function childNamed(parent: vscode.DocumentSymbol, name: string): vscode.DocumentSymbol {
	const child = parent.children.find(candidate => candidate.name === name);
	assert.ok(child, `"${parent.name}" has no child "${name}"; its children: ${parent.children.map(candidate => `"${candidate.name}"`).join(', ') || 'none'}`);
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
