import * as path from 'node:path';
import type { WorkspaceSymbol } from 'vscode-languageserver-types';
import type { IndexedPlan } from '../workspace/planIndex';
import type { SymbolsSetting } from '../config';
import { isNotHeading, symbolKindOf } from './documentSymbols';

/** Sections and blocks of every plan whose name contains the query's letters in order; with `blocks`, only blocks that are not headings (see documentSymbols). */
export function workspaceSymbols(
	plans: readonly IndexedPlan[],
	query: string,
	folders: readonly string[],
	listed: Exclude<SymbolsSetting, 'auto'> = 'all',
): WorkspaceSymbol[] {
	if (listed === 'none') {
		return [];
	}
	const symbols: WorkspaceSymbol[] = [];
	for (const { filePath, document } of plans) {
		const folder = folders.find(candidate => filePath.startsWith(candidate + path.sep));
		const where = folder ? path.relative(folder, filePath).split(path.sep).join('/') : path.basename(filePath);
		const feature = document.title && document.template.title?.pattern.exec(document.title.name)?.[1];
		const planName = `${feature || document.title?.name || 'Plan'} (${where})`;
		for (const node of document.nodes) {
			if (node.kind === 'title' || (listed === 'blocks' && !isNotHeading(node)) || !matchesQuery(node.name, query)) {
				continue;
			}
			symbols.push({
				name: node.name,
				kind: symbolKindOf(node),
				containerName: planName,
				location: { uri: document.uri, range: node.selectionRange },
			});
		}
	}
	return symbols;
}

/** Case-insensitive subsequence match, as editors filter symbol names. */
function matchesQuery(name: string, query: string): boolean {
	const haystack = name.toLowerCase();
	let at = 0;
	for (const character of query.toLowerCase().replace(/\s+/g, '')) {
		at = haystack.indexOf(character, at);
		if (at < 0) {
			return false;
		}
		at++;
	}
	return true;
}
