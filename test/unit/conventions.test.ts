import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
	clarificationMarkerPattern,
	fillInOf,
	governedDocumentName,
	isTemplateFileName,
	templateNameParts,
} from '../../server/src/template/conventions';
import { repositoryRoot } from '../repositoryRoot';

describe('conventions planmark assumes beyond the template', () => {
	test('a template is named for the documents it governs, variants included', () => {
		assert.deepEqual(templateNameParts('tasks-template.md'), { kind: 'tasks', variant: undefined });
		assert.deepEqual(templateNameParts('Spec-Template-Quick.md'), { kind: 'spec', variant: 'quick' });
		assert.equal(governedDocumentName('checklist-template.md'), 'checklist.md');
		assert.equal(governedDocumentName('spec-template-quick.md'), 'spec.md');
		assert.equal(governedDocumentName('notes.md'), undefined);
	});

	test('only files named like templates are template files', () => {
		assert.ok(isTemplateFileName('plan-template.md'));
		assert.ok(isTemplateFileName('rfc-template-short.md'));
		assert.ok(!isTemplateFileName('template.md'), 'a kind is needed before -template');
		assert.ok(!isTemplateFileName('plan-template.md.bak'));
		assert.ok(!isTemplateFileName('templates.md'));
	});

	test('New Document fills in the feature name, the date and the branch, and nothing else', () => {
		assert.equal(fillInOf('FEATURE NAME'), 'feature');
		assert.equal(fillInOf('DATE'), 'date');
		assert.equal(fillInOf('###-feature-name'), 'branch');
		assert.equal(fillInOf('BRANCH NAME'), 'branch');
		assert.equal(fillInOf('Service 2'), undefined);
		assert.equal(fillInOf('Validation update'), undefined, '"date" must be a word of its own');
	});

	test('the clarification marker keeps its question', () => {
		assert.equal(clarificationMarkerPattern.exec('NEEDS CLARIFICATION: SSO or passwords?')?.[1], 'SSO or passwords?');
		assert.equal(clarificationMarkerPattern.exec('needs clarification')?.[1], '');
		assert.equal(clarificationMarkerPattern.exec('NEEDS REVIEW'), null);
	});

	test('the README lists the conventions and names the module that defines them', () => {
		const readme = readFileSync(join(repositoryRoot(), 'README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('### Conventions planmark assumes'), readme.indexOf('## Settings'));
		assert.ok(section.includes('server/src/template/conventions.ts'));
		for (const topic of ['Template names', 'Clarifications', 'Gates', 'Fill-ins', 'Task boxes', 'Labels']) {
			assert.match(section, new RegExp(topic, 'i'), topic);
		}
	});
});
