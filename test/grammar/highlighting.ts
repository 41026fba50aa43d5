import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const markdownScope = 'text.html.markdown';

interface ContributedGrammar {
	scopeName: string;
	path: string;
	injectTo?: string[];
}

/**
 * A TextMate registry as VS Code builds one for a markdown file: VS Code's markdown grammar with the
 * grammars planmark contributes injected as package.json says. Languages embedded in fenced code
 * are not loaded, as for a language VS Code does not know.
 */
export function createRegistry(root: string): textmate.Registry {
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		contributes: { grammars: ContributedGrammar[] };
	};
	const files = new Map<string, string>([
		[markdownScope, join(root, 'test', 'grammar', 'markdown', 'markdown.tmLanguage.json')],
	]);
	for (const grammar of manifest.contributes.grammars) {
		files.set(grammar.scopeName, join(root, grammar.path));
	}
	const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
	const onigLib = oniguruma
		.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength))
		.then(() => ({
			createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
			createOnigString: (text: string) => new oniguruma.OnigString(text),
		}));
	return new textmate.Registry({
		onigLib,
		loadGrammar: async scopeName => {
			const file = files.get(scopeName);
			return file === undefined ? null : textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
		},
		getInjections: scopeName =>
			manifest.contributes.grammars
				.filter(grammar => grammar.injectTo?.includes(scopeName))
				.map(grammar => grammar.scopeName),
	});
}

export interface Token {
	readonly text: string;
	readonly start: number;
	readonly scopes: readonly string[];
}

/** Each line of `text` as the tokens VS Code would colour. */
export async function tokenize(registry: textmate.Registry, text: string): Promise<Token[][]> {
	const grammar = await registry.loadGrammar(markdownScope);
	if (!grammar) {
		throw new Error(`no grammar for ${markdownScope}`);
	}
	let state = textmate.INITIAL;
	return text.split(/\r?\n/).map(line => {
		const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
		state = ruleStack;
		return tokens.map(token => ({
			text: line.slice(token.startIndex, token.endIndex),
			start: token.startIndex,
			scopes: token.scopes,
		}));
	});
}
