import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import picomatch from 'picomatch';
import { FileChangeType, WatchKind } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { FeatureStatus } from '../../server/src/protocol';
import { withServer, type LspClient } from './lspClient';
import { temporaryFolder } from './support';

/*
 * planmark/features from the built server, as any LSP client would ask for it: the features of the
 * workspace, open documents as the editor has them, and folders created or deleted whole on disk.
 */

function write(filePath: string, text: string): void {
	mkdirSync(path.dirname(filePath), { recursive: true });
	writeFileSync(filePath, text);
}

async function registeredWatchers(client: LspClient): Promise<{ globPattern: unknown; kind?: number }[]> {
	for (let attempt = 0; attempt < 100; attempt++) {
		const watchers = client.messages.registrations
			.filter(registration => registration.method === 'workspace/didChangeWatchedFiles')
			.flatMap(
				registration =>
					(registration.registerOptions as { watchers: { globPattern: unknown; kind?: number }[] }).watchers,
			);
		if (watchers.length > 0) {
			return watchers;
		}
		await new Promise(resolve => setTimeout(resolve, 20));
	}
	throw new Error('the server registered no file watchers');
}

const folders = (features: readonly FeatureStatus[]) => features.map(feature => `${feature.folder} ${feature.phase}`);

describe('planmark/features', () => {
	test('lists the features, follows open documents, and folders created or deleted whole', async () => {
		const workspace = temporaryFolder('planmark-features-');
		const specPath = path.join(workspace, 'specs', '001-search', 'spec.md');
		write(specPath, '# Feature Specification: Search\n\n## Requirements\n\n- **FR-001**: Search by title.\n');
		write(
			path.join(workspace, 'specs', '002-billing', 'tasks.md'),
			'# Tasks: Billing\n\n## Phase 1: Setup\n\n- [x] T001 Create the module\n- [ ] T002 Add the table\n',
		);
		await withServer({ workspaceFolders: [workspace] }, async client => {
			const watchers = await registeredWatchers(client);
			assert.ok(
				watchers.some(
					watcher =>
						typeof watcher.globPattern === 'string' &&
						picomatch(watcher.globPattern, { dot: true })('specs/002-billing') &&
						((watcher.kind ?? 7) & WatchKind.Delete) !== 0,
				),
				`a deleted folder is watched for: ${JSON.stringify(watchers)}`,
			);
			assert.deepEqual(folders(await client.request<FeatureStatus[]>('planmark/features', {})), [
				'specs/001-search specify',
				'specs/002-billing implement',
			]);

			const specUri = URI.file(specPath).toString();
			await client.didOpen(
				specUri,
				'# Feature Specification: Search\n\n- **FR-001**: [NEEDS CLARIFICATION: which fields?]\n',
			);
			assert.deepEqual(folders(await client.request<FeatureStatus[]>('planmark/features', {})), [
				'specs/001-search clarify',
				'specs/002-billing implement',
			]);

			rmSync(path.join(workspace, 'specs', '002-billing'), { recursive: true });
			await client.didChangeWatchedFiles([
				{ uri: URI.file(path.join(workspace, 'specs', '002-billing')).toString(), type: FileChangeType.Deleted },
			]);
			assert.deepEqual(folders(await client.request<FeatureStatus[]>('planmark/features', {})), [
				'specs/001-search clarify',
			]);

			write(
				path.join(workspace, 'specs', '003-export', 'plan.md'),
				'# Implementation Plan: Export\n\n## Summary\n\nCSV first.\n',
			);
			await client.didChangeWatchedFiles([
				{ uri: URI.file(path.join(workspace, 'specs', '003-export')).toString(), type: FileChangeType.Created },
			]);
			assert.deepEqual(folders(await client.request<FeatureStatus[]>('planmark/features', {})), [
				'specs/001-search clarify',
				'specs/003-export plan',
			]);
		});
	});
});
