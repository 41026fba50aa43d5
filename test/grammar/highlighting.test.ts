import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseGrammarTestCase, runGrammarTestCase } from 'vscode-tmgrammar-test/dist/unit/index';
import { repositoryRoot } from '../repositoryRoot';
import { createRegistry, tokenize, type Token } from './highlighting';

const root = repositoryRoot();
const registry = createRegistry(root);
const fixtures = join(root, 'test', 'grammar', 'fixtures');

const placeholder = 'constant.other.placeholder.planmark';
const repeatMarker = 'keyword.control.repeat-marker.planmark';
const needsClarification = 'meta.needs-clarification.planmark';
const choiceOption = 'variable.other.enummember.choice.planmark';

describe('highlighting: fixtures with expected scopes (vscode-tmgrammar-test)', () => {
	for (const name of readdirSync(fixtures)
		.filter(file => file.endsWith('.md'))
		.sort()) {
		const testCase = parseGrammarTestCase(readFileSync(join(fixtures, name), 'utf8'));
		test(`${testCase.metadata.description} (${name})`, async () => {
			const failures = await runGrammarTestCase(registry, testCase);
			const report = failures.map(failure =>
				[
					`${name}:${failure.line + 1}, columns ${failure.start}-${failure.end} of ${JSON.stringify(testCase.source[failure.srcLine])}`,
					failure.missing.length > 0 ? `  missing: ${failure.missing.join(' ')}` : '',
					failure.unexpected.length > 0 ? `  unexpected: ${failure.unexpected.join(' ')}` : '',
					`  actual: ${failure.actual.join(' ')}`,
				]
					.filter(Boolean)
					.join('\n'),
			);
			assert.equal(report.join('\n'), '');
			assert.ok(testCase.assertions.length > 0, `${name} asserts nothing`);
		});
	}
});

/** The token of `line` that covers column `column`. */
function tokenAt(line: readonly Token[], column: number): Token {
	const token = line.filter(candidate => candidate.start <= column).at(-1);
	assert.ok(token, `no token at column ${column}`);
	return token;
}

/**
 * What the template asks the author to fill in, found as the language server finds it: bracket text
 * outside code, links and task boxes, and fields whose value lists options separated by " / ".
 */
function checkTemplate(
	text: string,
	lines: readonly Token[][],
): { problems: string[]; markers: number; options: number } {
	const problems: string[] = [];
	let markers = 0;
	let options = 0;
	text.split(/\r?\n/).forEach((source, index) => {
		const line = lines[index] ?? [];
		const report = (what: string, token: Token) =>
			`line ${index + 1}: ${what} in ${JSON.stringify(source)} has ${token.scopes.join(' ')}`;
		for (const match of source.matchAll(/\[((?:[^[\]\\]|\\.)+)\]/g)) {
			const token = tokenAt(line, match.index);
			const scopes = token.scopes.join(' ');
			if (/markup\.(fenced_code|inline\.raw|raw)/.test(scopes)) {
				continue;
			}
			const isLink = source[match.index + match[0].length] === '(';
			const isTaskBox = /^[ xX]$/.test(match[1] ?? '');
			if (isLink || isTaskBox) {
				if (scopes.includes(placeholder)) {
					problems.push(report(`the ${isLink ? 'link' : 'task box'} ${match[0]}`, token));
				}
				continue;
			}
			markers++;
			if (
				/^repeat\b/i.test(match[1] ?? '')
					? !scopes.includes(repeatMarker)
					: !(scopes.includes(placeholder) || scopes.includes(needsClarification))
			) {
				problems.push(report(`the marker ${match[0]}`, token));
			}
		}
		const choices = /:(?:\*\*|__)?[ \t]+([^/]+(?:[ \t]+\/[ \t]+[^/]+)+)$/.exec(source);
		let column = choices ? source.length - (choices[1] ?? '').length : 0;
		for (const option of choices?.[1]?.split('/').map(part => part.trim()) ?? []) {
			column = source.indexOf(option, column);
			const token = tokenAt(line, column);
			options++;
			if (token.text !== option || !token.scopes.includes(choiceOption)) {
				problems.push(report(`the option ${option}`, token));
			}
		}
	});
	return { problems, markers, options };
}

describe('highlighting: every marker a template holds', () => {
	const templates = {
		'the bundled spec-kit template': join(root, 'server', 'src', 'template', 'plan-template.md'),
		'a release template': join(root, 'test', 'fixtures', 'templates', 'release-template.md'),
	};
	for (const [name, file] of Object.entries(templates)) {
		test(`highlights each placeholder, repeat marker and choice list of ${name}, and no link or task box`, async () => {
			const text = readFileSync(file, 'utf8');
			const { problems, markers, options } = checkTemplate(text, await tokenize(registry, text));
			assert.deepEqual(problems, []);
			assert.ok(markers > 5 && options > 2, `only ${markers} markers and ${options} choice options checked`);
		});
	}
});
