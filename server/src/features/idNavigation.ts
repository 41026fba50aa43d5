import {
	DocumentHighlightKind,
	type DocumentHighlight,
	type Location,
	type Position,
} from 'vscode-languageserver-types';
import type { FeatureTrace } from '../workspace/featureTrace';
import { idAt } from './idLookup';

/* Go to definition, find references and document highlights for feature IDs, across the feature's documents. */

/** Where the ID under the cursor is defined (more than one place when it is defined twice). */
export function idDefinitions(trace: FeatureTrace, uri: string, position: Position): Location[] {
	const found = idAt(trace, uri, position);
	return found
		? (trace.definitions.get(found.key) ?? []).map(definition => ({ uri: definition.uri, range: definition.range }))
		: [];
}

/** Every citation of the ID under the cursor (a range such as T009-T021 cites what it spans), with its definitions when asked. */
export function idReferences(
	trace: FeatureTrace,
	uri: string,
	position: Position,
	includeDeclaration: boolean,
): Location[] {
	const found = idAt(trace, uri, position);
	if (!found) {
		return [];
	}
	const definitions = includeDeclaration ? (trace.definitions.get(found.key) ?? []) : [];
	return [
		...definitions.map(definition => ({ uri: definition.uri, range: definition.range })),
		...(trace.citationsByKey.get(found.key) ?? []).map(citation => ({ uri: citation.uri, range: citation.range })),
	];
}

/** The ID under the cursor wherever this document writes it: its definition as written, its citations as read. */
export function idHighlights(trace: FeatureTrace, uri: string, position: Position): DocumentHighlight[] {
	const found = idAt(trace, uri, position);
	if (!found) {
		return [];
	}
	return [
		...(trace.definitions.get(found.key) ?? [])
			.filter(definition => definition.uri === uri)
			.map(definition => ({ range: definition.range, kind: DocumentHighlightKind.Write })),
		...(trace.citationsByKey.get(found.key) ?? [])
			.filter(citation => citation.uri === uri)
			.map(citation => ({ range: citation.range, kind: DocumentHighlightKind.Read })),
	];
}
