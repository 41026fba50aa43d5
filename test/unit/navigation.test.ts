import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { readSettings } from '../../server/src/config';
import { createLanguageService } from '../../server/src/languageService';
import { MemoryFileSystem } from './memoryFileSystem';
import { joinLines, withCursor } from './support';

const folder = '/workspace';
const planPath = `${folder}/specs/001-search/plan.md`;
const planUri = `file://${planPath}`;

function open(text: string, uri = planUri, version = 1) {
	return { uri, version, getText: () => text };
}

function serviceWith(files: Record<string, string>) {
	const fileSystem = new MemoryFileSystem(files);
	const service = createLanguageService({ fileSystem });
	service.setWorkspaceFolders([folder]);
	return { service, fileSystem };
}

const plan = joinLines([
	'# Implementation Plan: Search',
	'## 4. Phase 1: Design Artifacts',
	'### 4.1 Data Model',
	'**Full details**: See [data-model.md](./data-model.md) and [entities](data-model.md#key-entities)',
	'### 4.2 API Contracts',
	'See [contracts/](./contracts/), [gone](./missing.md), [bad anchor](./data-model.md#nope), [up](#41-data-model), [web](https://example.com)',
	'## 5. Phase 2: Implementation Strategy',
	'### 5.3 Risk Mitigation',
	'**Risk 1**: Index too slow',
	'- **Impact**: High',
]);

const files = {
	[planPath]: plan,
	[`${folder}/specs/001-search/data-model.md`]: '# Data Model\n\n## Key Entities\n- Query\n',
	[`${folder}/specs/001-search/contracts/search.md`]: '# Search API\n',
	[`${folder}/specs/002-billing/plan.md`]:
		'# Implementation Plan: Billing\n## 5. Phase 2: Implementation Strategy\n### 5.3 Risk Mitigation\n**Risk 1**: Double charges\n**Risk 2**: Tax rules\n',
	[`${folder}/README.md`]: '# Project\n## Risk 1 is not a plan section\n',
};

describe('links between plan files', () => {
	test('turns relative links into document links to the file, at the linked heading', () => {
		const { service } = serviceWith(files);
		const links = service.getDocumentLinks(open(plan));
		assert.deepEqual(
			links.map(link => link.target),
			[
				`file://${folder}/specs/001-search/data-model.md`,
				`file://${folder}/specs/001-search/data-model.md#L3`,
				`file://${folder}/specs/001-search/contracts/`,
				`file://${folder}/specs/001-search/data-model.md#nope`,
				`${planUri}#L3`,
			],
		);
	});

	test('reports a link to a missing file or heading as plan.broken-link, and nothing for web links', () => {
		const { service } = serviceWith(files);
		const broken = service.getDiagnostics(open(plan)).filter(diagnostic => diagnostic.code === 'plan.broken-link');
		assert.deepEqual(
			broken.map(diagnostic => diagnostic.message),
			[
				'Link target "./missing.md" in 4.2 API Contracts does not exist.',
				'Link target "./data-model.md#nope" in 4.2 API Contracts names a heading that does not exist.',
			],
		);
		assert.deepEqual(broken[0].range, { start: { line: 5, character: 39 }, end: { line: 5, character: 51 } });
	});

	test('stops reporting a broken link once its file exists, and can be turned off', () => {
		const { service, fileSystem } = serviceWith(files);
		fileSystem.write(`${folder}/specs/001-search/missing.md`, '# Now here\n');
		assert.equal(
			service
				.getDiagnostics(open(plan, planUri, 2))
				.filter(diagnostic => String(diagnostic.message).includes('missing.md')).length,
			0,
		);
		service.updateSettings(readSettings({ diagnostics: { 'broken-link': 'off' } }));
		assert.equal(
			service.getDiagnostics(open(plan, planUri, 3)).filter(diagnostic => diagnostic.code === 'plan.broken-link')
				.length,
			0,
		);
	});

	test('goes to the definition of a link: the target file at its heading', () => {
		const { service } = serviceWith(files);
		const { text, position } = withCursor(
			plan.replace('[entities](data-model.md#key', () => '[entities](data-$$CURSOR$$model.md#key'),
		);
		assert.deepEqual(service.getDefinition(open(text), position), {
			uri: `file://${folder}/specs/001-search/data-model.md`,
			range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
		});
	});
});

describe('workspace symbols', () => {
	test('finds blocks across every plan, open or not, naming the plan', async () => {
		const { service } = serviceWith(files);
		const symbols = await service.getWorkspaceSymbols('risk', [open(plan)]);
		assert.deepEqual(
			symbols.map(symbol => `${symbol.name} — ${symbol.containerName}`),
			[
				'5.3 Risk Mitigation — Search (specs/001-search/plan.md)',
				'Risk 1: Index too slow — Search (specs/001-search/plan.md)',
				'5.3 Risk Mitigation — Billing (specs/002-billing/plan.md)',
				'Risk 1: Double charges — Billing (specs/002-billing/plan.md)',
				'Risk 2: Tax rules — Billing (specs/002-billing/plan.md)',
			],
		);
		assert.ok(
			symbols.every(symbol => !symbol.containerName?.includes('README')),
			'markdown files that are not plans are not searched',
		);
	});

	test('sees the unsaved text of an open plan, not its file', async () => {
		const { service } = serviceWith(files);
		const edited = plan.replace(
			'**Risk 1**: Index too slow',
			'**Risk 1**: Index too slow\n\n**Risk 2**: Ranking drift',
		);
		const names = (await service.getWorkspaceSymbols('ranking', [open(edited)])).map(symbol => symbol.name);
		assert.deepEqual(names, ['Risk 2: Ranking drift']);
	});

	test('picks up a plan file that changed on disk', async () => {
		const { service, fileSystem } = serviceWith(files);
		assert.equal((await service.getWorkspaceSymbols('tax', [])).length, 1);
		fileSystem.write(
			`${folder}/specs/002-billing/plan.md`,
			'# Implementation Plan: Billing\n## 5. Phase 2: Implementation Strategy\n',
		);
		assert.equal((await service.getWorkspaceSymbols('tax', [])).length, 0);
	});

	test('forgets a plan file deleted from disk, even while the editor still has it open', async () => {
		const { service, fileSystem } = serviceWith(files);
		const billing = `${folder}/specs/002-billing/plan.md`;
		const stillOpen = open(files[billing], `file://${billing}`);
		assert.equal((await service.getWorkspaceSymbols('tax', [stillOpen])).length, 1);
		fileSystem.delete(billing);
		assert.deepEqual(await service.getWorkspaceSymbols('tax', [stillOpen]), []);
		assert.deepEqual(
			(await service.getWorkspaceProgress([stillOpen])).map(progress => progress.title),
			['Implementation Plan: Search'],
		);
		const outside = open(files[billing], 'file:///elsewhere/plan.md');
		fileSystem.write('/elsewhere/plan.md', files[billing]);
		assert.equal(
			(await service.getWorkspaceSymbols('tax', [outside])).length,
			1,
			'an open plan outside the workspace folders still counts',
		);
	});

	test('uses the same kinds as the outline', async () => {
		const { service } = serviceWith(files);
		const [risk] = await service.getWorkspaceSymbols('Double', []);
		assert.equal(risk.kind, SymbolKind.Struct);
	});
});

describe('links that leave the workspace', () => {
	test('are neither read nor reported', () => {
		const { service } = serviceWith({ ...files, '/outside/secret.md': '# Secret\n' });
		const text = plan.replace('[gone](./missing.md)', '[up](../../../outside/secret.md#nope) [gone](./missing.md)');
		const broken = service
			.getDiagnostics(open(text))
			.filter(diagnostic => diagnostic.code === 'plan.broken-link')
			.map(diagnostic => String(diagnostic.message));
		assert.ok(!broken.some(message => message.includes('secret')));
		assert.ok(!service.getDocumentLinks(open(text)).some(link => link.target?.includes('secret')));
	});
});

describe('selection ranges', () => {
	test('expands from the line to its block, its section, the parent section and the plan', () => {
		const { service } = serviceWith(files);
		const { text, position } = withCursor(plan.replace('- **Impact**: High', () => '- **Impact**: Hi$$CURSOR$$gh'));
		const [selection] = service.getSelectionRanges(open(text), [position]);
		const chain: string[] = [];
		for (let at: typeof selection | undefined = selection; at; at = at.parent) {
			chain.push(`${at.range.start.line}:${at.range.start.character}-${at.range.end.line}:${at.range.end.character}`);
		}
		assert.deepEqual(chain, ['9:0-9:18', '8:0-9:18', '7:0-9:18', '6:0-9:18', '0:0-9:18']);
	});
});
