import * as path from 'node:path';
import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { FeatureTrace } from '../workspace/featureTrace';

/** How many characters of a requirement's text a symbol's name carries. */
const nameLength = 80;

/** The IDs the features define (stories, requirements, tasks), as workspace symbols matching a query. */
export function idSymbols(traces: readonly FeatureTrace[], query: string): WorkspaceSymbol[] {
	const wanted = query.trim().toLowerCase();
	const symbols: WorkspaceSymbol[] = [];
	for (const trace of traces) {
		for (const definitions of trace.definitions.values()) {
			for (const definition of definitions) {
				// Checklist items are numbered per file; their IDs say nothing across the workspace.
				if (definition.role === 'checklist') {
					continue;
				}
				const id = definition.story ? definition.key : definition.written;
				const text =
					definition.text.length > nameLength ? `${definition.text.slice(0, nameLength - 1)}…` : definition.text;
				const name =
					definition.story && definition.written !== id ? `${id} ${definition.written}: ${text}` : `${id}: ${text}`;
				if (wanted && !name.toLowerCase().includes(wanted)) {
					continue;
				}
				symbols.push({
					name,
					kind: definition.story ? SymbolKind.Class : definition.task ? SymbolKind.Event : SymbolKind.Constant,
					containerName: path.basename(trace.folder),
					location: { uri: definition.uri, range: definition.range },
				});
			}
		}
	}
	return symbols;
}
