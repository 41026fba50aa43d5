import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { featureDocumentsOf, featureFolderOfDocument } from '../../server/src/workspace/featureFolders';
import { MemoryFileSystem } from './memoryFileSystem';

const root = path.resolve('/project/specs/004-photo-albums');

describe('a feature folder and its documents', () => {
	test('spec, plan, tasks, checklists and other markdown are told apart by spec-kit names', () => {
		const fileSystem = new MemoryFileSystem({
			[path.join(root, 'spec.md')]: '# Feature Specification',
			[path.join(root, 'Plan.md')]: '# Implementation Plan',
			[path.join(root, 'tasks.md')]: '# Tasks',
			[path.join(root, 'research.md')]: '# Research',
			[path.join(root, 'notes.txt')]: 'not markdown',
			[path.join(root, 'checklists', 'ux.md')]: '# UX',
			[path.join(root, 'checklists', 'api.md')]: '# API',
			[path.join(root, 'contracts', 'api.yaml')]: 'openapi: 3.0.0',
		});
		const documents = featureDocumentsOf(fileSystem, root);
		assert.deepEqual(documents, {
			folder: root,
			number: '004',
			name: 'photo-albums',
			spec: path.join(root, 'spec.md'),
			plan: path.join(root, 'Plan.md'),
			tasks: path.join(root, 'tasks.md'),
			checklists: [path.join(root, 'checklists', 'api.md'), path.join(root, 'checklists', 'ux.md')],
			others: [path.join(root, 'research.md')],
		});
	});

	test('an unnumbered folder is a feature by its documents; a missing folder is none', () => {
		const folder = path.resolve('/project/docs/export');
		const fileSystem = new MemoryFileSystem({ [path.join(folder, 'plan.md')]: '# Plan' });
		const documents = featureDocumentsOf(fileSystem, folder);
		assert.equal(documents?.number, undefined);
		assert.equal(documents?.name, 'export');
		assert.equal(documents?.spec, undefined);
		assert.deepEqual(documents?.checklists, []);
		assert.equal(featureDocumentsOf(fileSystem, path.resolve('/nowhere')), undefined);
	});

	test('a document knows its feature folder; a checklist its folder above checklists/', () => {
		assert.equal(featureFolderOfDocument(path.join(root, 'tasks.md')), root);
		assert.equal(featureFolderOfDocument(path.join(root, 'checklists', 'ux.md')), root);
		assert.equal(featureFolderOfDocument(path.join(root, 'README.md')), undefined);
		assert.equal(featureFolderOfDocument(path.join(root, 'research.md')), undefined);
	});
});
