import type { CodeLens, InitializeParams } from 'vscode-languageserver/node';
import { keep } from './messageJson';

/*
 * Lenses whose titles the client resolves lazily (`codeLens/resolve`): the first answer carries only
 * where each lens goes, and the title and command come for the lenses the editor shows. A long plan
 * has thousands of lenses and an editor shows a few dozen. Offered only to clients that declare
 * `textDocument.codeLens.resolveSupport` for the command; any other client gets whole lenses.
 */

/** What an unresolved lens carries back to the server: its document's number and its place in the list. */
type LensData = readonly [document: number, index: number];

/** True when the client resolves a lens's command with `codeLens/resolve`. */
export function resolvesLenses(capabilities: InitializeParams['capabilities']): boolean {
	return !!capabilities.textDocument?.codeLens?.resolveSupport?.properties?.includes('command');
}

/**
 * Documents by number, for the lenses' data: a number is a few bytes where a URI is dozens, on
 * each of thousands of lenses. Numbers last as long as the server; a lens from before a restart
 * names no document and is returned unresolved, and the editor asks for lenses again anyway.
 */
export class LensDocuments {
	private readonly numbers = new Map<string, number>();
	private readonly uris: string[] = [];
	/** Each open document's last lenses and what was sent for them: a lens at the same place is sent as the same kept object (`messageJson.ts`). */
	private readonly sent = new Map<
		string,
		{ readonly lenses: readonly CodeLens[]; readonly unresolved: readonly CodeLens[] }
	>();

	/** The lenses without their commands, each knowing how to find itself again. */
	unresolved(uri: string, lenses: readonly CodeLens[]): CodeLens[] {
		let number = this.numbers.get(uri);
		if (number === undefined) {
			number = this.uris.push(uri) - 1;
			this.numbers.set(uri, number);
		}
		const document = number;
		const last = this.sent.get(uri);
		const unresolved = lenses.map((lens, index) =>
			last?.lenses[index] === lens
				? last.unresolved[index]
				: keep({ range: lens.range, data: [document, index] satisfies LensData }),
		);
		this.sent.set(uri, { lenses, unresolved });
		return unresolved;
	}

	/** Forgets a closed document's last lenses (its number stays, for lenses still on their way). */
	forget(uri: string): void {
		this.sent.delete(uri);
	}

	/** The document an unresolved lens came from, if it is one of ours. */
	documentOf(lens: CodeLens): string | undefined {
		const data = lens.data as unknown;
		return Array.isArray(data) && typeof data[0] === 'number' && typeof data[1] === 'number'
			? this.uris[data[0]]
			: undefined;
	}
}

/**
 * The lens with its command, taken from the document's current lenses: the one at its index when
 * it is still on the same range, else the first on that range. A lens of an older version whose
 * heading is gone is returned as it came.
 */
export function resolved(lens: CodeLens, current: readonly CodeLens[]): CodeLens {
	const index = (lens.data as LensData)[1];
	const same = (candidate: CodeLens | undefined) =>
		candidate !== undefined &&
		candidate.range.start.line === lens.range.start.line &&
		candidate.range.start.character === lens.range.start.character &&
		candidate.range.end.line === lens.range.end.line &&
		candidate.range.end.character === lens.range.end.character;
	const match = same(current[index]) ? current[index] : current.find(same);
	return match ? { range: lens.range, command: match.command, data: lens.data } : lens;
}
