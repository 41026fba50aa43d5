import type { Diagnostic, DocumentDiagnosticReport, InitializeParams } from 'vscode-languageserver/node';

/*
 * Pull diagnostics (LSP 3.17 `textDocument/diagnostic`): the client asks when it wants them, and a
 * set that did not change since the client's last result is answered "unchanged" instead of being
 * sent again in full (a long plan's problems run to megabytes). Offered only to clients that also
 * take `workspace/diagnostic/refresh`, so that a template or settings change elsewhere can still
 * reach every open plan; any other client gets diagnostics pushed as before.
 */

/** True when the client both pulls diagnostics and takes refresh requests. */
export function pullsDiagnostics(capabilities: InitializeParams['capabilities']): boolean {
	return !!capabilities.textDocument?.diagnostic && !!capabilities.workspace?.diagnostics?.refreshSupport;
}

/** The last result given for each document, so an unchanged set can be answered by its id. */
export class DiagnosticResults {
	private readonly results = new Map<string, { readonly id: string; readonly items: readonly Diagnostic[] }>();
	private counter = 0;

	/** The report for `items`: "unchanged" when they equal the result the client says it holds. */
	report(uri: string, items: Diagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport {
		const last = this.results.get(uri);
		if (last && sameDiagnostics(last.items, items)) {
			return last.id === previousResultId
				? { kind: 'unchanged', resultId: last.id }
				: { kind: 'full', resultId: last.id, items };
		}
		const id = `${++this.counter}`;
		this.results.set(uri, { id, items });
		return { kind: 'full', resultId: id, items };
	}

	forget(uri: string): void {
		this.results.delete(uri);
	}
}

/** Deep equality of two diagnostic lists, as the client would see them. */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
	if (a.length !== b.length) {
		return false;
	}
	for (let index = 0; index < a.length; index++) {
		if (!sameValue(a[index], b[index])) {
			return false;
		}
	}
	return true;
}

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) {
		return true;
	}
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
		return false;
	}
	if (Array.isArray(a) !== Array.isArray(b)) {
		return false;
	}
	const keysA = Object.keys(a).filter(key => (a as Record<string, unknown>)[key] !== undefined);
	const keysB = Object.keys(b).filter(key => (b as Record<string, unknown>)[key] !== undefined);
	return (
		keysA.length === keysB.length &&
		keysA.every(key => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
	);
}
