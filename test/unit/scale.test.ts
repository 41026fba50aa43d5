import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { readSettings } from '../../server/src/config';
import { completions } from '../../server/src/features/completions';
import { createLanguageService } from '../../server/src/languageService';
import { inferTemplate, maximumTemplateCharacters } from '../../server/src/template/inferTemplate';
import { anchorsOf } from '../../server/src/workspace/linkTargets';
import { MemoryFileSystem } from './memoryFileSystem';
import { planOf } from './support';

/* Templates and files far bigger than real ones: planmark reads them right, within bounds. */

/** A template of `count` numbered sections, each with a subsection, a gate and a choice. */
function bigTemplate(count: number): string {
	const lines = ['# Big Plan: [NAME]', ''];
	for (let section = 1; section <= count; section++) {
		lines.push(
			`## ${section}. Area ${section}`,
			`[Describe area ${section}]`,
			'',
			`### ${section}.1 Detail`,
			'- Status: PASS / FAIL',
			'',
			`**Gate ${section}**: [Gate name]`,
			'- Verdict: GO / NO-GO',
			'',
		);
	}
	return lines.join('\n');
}

describe('templates of thousands of sections', () => {
	const count = 3000;
	const template = inferTemplate(bigTemplate(count), 'file:///big-template.md');

	test('every section, subsection, block and choice is found in its own section', () => {
		assert.equal(template.sections.length, count * 2);
		assert.deepEqual(
			template.sections.slice(-2).map(section => [section.number, section.parentId]),
			[
				[String(count), undefined],
				[`${count}.1`, String(count)],
			],
		);
		const verdicts = template.choices.filter(choice => choice.label === 'Verdict');
		assert.equal(verdicts.length, count, 'one Verdict choice per gate');
		assert.equal(verdicts.at(-1)?.sectionId, `${count}.1`);
		assert.ok(
			verdicts.every(choice => choice.blockLabel === 'Gate'),
			'each Verdict is inside its Gate block',
		);
		const statuses = template.choices.filter(choice => choice.label === 'Status');
		assert.ok(
			statuses.every(choice => choice.blockLabel === undefined),
			'a Status before the gate is outside it',
		);
	});

	test('completion offers the 100 nearest missing sections, not thousands', () => {
		const plan = planOf('# Big Plan: X\n\n## 1. Area 1\nDone.\n\n### 1.1 Detail\n- Status: PASS\n\n', template);
		const items = completions(plan, { line: 7, character: 0 });
		assert.equal(items.length, 100);
		assert.ok(
			items.some(item => item.label === '## 2. Area 2'),
			items
				.slice(0, 5)
				.map(item => item.label)
				.join(', '),
		);
	});
});

describe('files past the bounds', () => {
	test('a template past the size bound governs nothing, says why, and its documents fall back to the bundled template', () => {
		const huge = `# Huge Plan: [NAME]\n\n## 1. Scope\n${'[Text]\n'.repeat(maximumTemplateCharacters / 7 + 10)}`;
		assert.deepEqual(
			inferTemplate(huge, 'file:///repo/huge-template.md').problems.map(problem => problem.kind),
			['too-large'],
		);
		const warnings: string[] = [];
		const service = createLanguageService({
			fileSystem: new MemoryFileSystem({ '/repo/huge-template.md': huge }),
			warn: message => warnings.push(message),
		});
		service.setWorkspaceFolders(['/repo']);
		service.updateSettings(readSettings({ template: 'huge-template.md' }));
		const document = service.getPlanDocument({
			uri: 'file:///repo/plan.md',
			version: 1,
			getText: () => '# Huge Plan: X\n',
		});
		assert.equal(document.template.uri, 'bundled:plan-template.md');
		assert.ok(
			warnings.some(message => /larger than planmark reads in a template/.test(message)),
			warnings.join('\n'),
		);
	});

	test('a link target of megabytes is scanned for its headings: fenced ones are not anchors', () => {
		const filler = 'Lorem ipsum dolor sit amet.\n'.repeat(10_000);
		const text = `# Big\n\n${filler}## Deep Section\n\n\`\`\`md\n## Not A Heading\n\`\`\`\n${filler}## Deep Section\n`;
		const anchors = anchorsOf(text);
		assert.deepEqual([...anchors.keys()], ['big', 'deep-section', 'deep-section-1']);
	});
});
