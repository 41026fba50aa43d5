import { LineIndex } from '../markdown/lineIndex';
import {
	idRangeSeparatorPattern,
	idShapePattern,
	numberedNamePattern,
	shortRangeEndPattern,
} from '../template/conventions';

/*
 * What one document of a feature writes that may be an ID: every ID-shaped token, the numbered
 * names ("User Story 2"), its headings and its task lines. Nothing here knows which prefixes are
 * IDs: the feature (workspace/featureTrace.ts) decides that from its templates and documents, so a
 * keystroke re-reads only the document it changed.
 */

/** An ID-shaped token (`FR-001`, `T012`, `US1`, but also `P1` or `ISO-8601`: the feature filters). */
export interface IdToken {
	/** The token as written: `FR-001`. */
	readonly text: string;
	readonly prefix: string;
	readonly separator: string;
	readonly digits: string;
	readonly suffix: string;
	readonly start: number;
	readonly end: number;
	/** Written in brackets alone, as a tag (`[US1]`, `[P]`). */
	readonly bracketed: boolean;
	/** Where it opens a list item, a task, a table row or a line: what the line says it is. */
	readonly definition?: { readonly textStart: number; readonly textEnd: number };
	/** The other end of a range this token starts (`T009-T021`): that token's index. */
	readonly rangeTo?: number;
	/** The end of a range written without its prefix (`005` in `FR-003–005`): `text` is the whole ID it stands for. */
	readonly shortEnd?: boolean;
}

/** A numbered name such as "User Story 2" (its label and number), in a heading or in prose. */
export interface NumberedName {
	readonly label: string;
	readonly number: number;
	readonly start: number;
	readonly end: number;
	/** The heading it opens, when it is the first thing a heading says after any "Phase 3:". */
	readonly heading?: number;
}

export interface IdHeading {
	readonly depth: number;
	readonly start: number;
	readonly end: number;
	/** Where the heading's text starts, after its `#`s. */
	readonly textStart: number;
}

export interface IdTask {
	readonly checked: boolean;
	readonly start: number;
	readonly end: number;
	/** The index of the token the task opens with (its ID), if any. */
	readonly idToken?: number;
	/** Indices of the tokens on its line. */
	readonly firstToken: number;
	readonly tokenCount: number;
	/** The index of the heading it sits under. */
	readonly heading?: number;
}

export interface DocumentIds {
	readonly uri: string;
	readonly version: number;
	readonly lines: LineIndex;
	readonly tokens: readonly IdToken[];
	readonly names: readonly NumberedName[];
	readonly headings: readonly IdHeading[];
	readonly tasks: readonly IdTask[];
}

const fencePattern = /^[ \t]{0,3}(`{3,}|~{3,})/;
const headingPattern = /^[ \t]{0,3}(#{1,6})[ \t]+/;
const taskPattern = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[([ xX])\][ \t]+/;
/** Where a line's first word says what the line defines: a list item (with its box), bold, a table's first cell. */
const definitionLeadPattern = /^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|\|[ \t]*)?(?:\*\*|__)?$/;
const definitionTailPattern = /^(?:\*\*|__)?[ \t]*(?:[:：|.—–-][ \t]*|[ \t]+|$)/;

/** Reads a document's ID-shaped tokens, numbered names, headings and tasks; never throws. */
export function documentIds(uri: string, version: number, text: string): DocumentIds {
	const lines = new LineIndex(text);
	const tokens: IdToken[] = [];
	const names: NumberedName[] = [];
	const headings: IdHeading[] = [];
	const tasks: IdTask[] = [];
	let fence: string | undefined;
	for (let line = 0; line < lines.lineCount; line++) {
		const lineStart = lines.lineStart(line);
		const lineEnd = lines.lineContentEnd(line);
		const content = text.slice(lineStart, lineEnd);
		const fenceMatch = fencePattern.exec(content);
		if (fenceMatch) {
			if (!fence) {
				fence = fenceMatch[1];
			} else if (fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) {
				fence = undefined;
			}
		}
		const headingMatch = fence ? null : headingPattern.exec(content);
		if (headingMatch) {
			headings.push({
				depth: headingMatch[1].length,
				start: lineStart,
				end: lineEnd,
				textStart: lineStart + headingMatch[0].length,
			});
		}
		const firstToken = tokens.length;
		readTokens(content, lineStart, tokens);
		readNames(content, lineStart, headingMatch ? headings.length - 1 : undefined, headingMatch?.[0].length, names);
		const taskMatch = fence ? null : taskPattern.exec(content);
		if (taskMatch) {
			const opening = tokens[firstToken];
			tasks.push({
				checked: taskMatch[1] !== ' ',
				start: lineStart,
				end: lineEnd,
				// The task's ID opens it, bold or not (`- [ ] **CHK004** Is …`).
				idToken:
					opening && /^(?:\*\*|__)?$/.test(text.slice(lineStart + taskMatch[0].length, opening.start))
						? firstToken
						: undefined,
				firstToken,
				tokenCount: tokens.length - firstToken,
				heading: headings.length > 0 ? headings.length - 1 : undefined,
			});
		}
	}
	return { uri, version, lines, tokens, names, headings, tasks };
}

function readTokens(content: string, lineStart: number, tokens: IdToken[]): void {
	const lineTokens: IdToken[] = [];
	for (const match of content.matchAll(idShapePattern)) {
		const start = match.index;
		const end = start + match[0].length;
		const lead = definitionLeadPattern.test(content.slice(0, start)) && lineTokens.length === 0;
		const tail = lead ? definitionTailPattern.exec(content.slice(end)) : null;
		lineTokens.push({
			text: match[0],
			prefix: match[1],
			separator: match[2],
			digits: match[3],
			suffix: match[4],
			start: lineStart + start,
			end: lineStart + end,
			bracketed: content[start - 1] === '[' && content[end] === ']',
			definition: tail
				? { textStart: lineStart + end + tail[0].length, textEnd: lineStart + content.length }
				: undefined,
		});
		const shortEnd = match[2] === '-' ? shortRangeEndPattern.exec(content.slice(end)) : null;
		if (shortEnd && shortEnd[1].length === match[3].length) {
			const digitsStart = end + shortEnd[0].length - shortEnd[1].length;
			lineTokens.push({
				text: `${match[1]}-${shortEnd[1]}`,
				prefix: match[1],
				separator: '-',
				digits: shortEnd[1],
				suffix: '',
				start: lineStart + digitsStart,
				end: lineStart + end + shortEnd[0].length,
				bracketed: false,
				shortEnd: true,
			});
		}
	}
	// A token right after another of the same prefix, across a dash or "to", ends a range.
	for (let index = 0; index + 1 < lineTokens.length; index++) {
		const [first, second] = [lineTokens[index], lineTokens[index + 1]];
		const between = content.slice(first.end - lineStart, second.start - lineStart);
		const separator = second.shortEnd ? /^[ \t]*[-–—][ \t]*$/.exec(between) : idRangeSeparatorPattern.exec(between);
		if (first.prefix === second.prefix && separator && separator[0].length === between.length) {
			lineTokens[index] = { ...first, rangeTo: tokens.length + index + 1 };
		}
	}
	tokens.push(...lineTokens);
}

function readNames(
	content: string,
	lineStart: number,
	heading: number | undefined,
	headingTextStart: number | undefined,
	names: NumberedName[],
): void {
	for (const match of content.matchAll(numberedNamePattern)) {
		// A heading is a story's own when its name comes first, or after a "Phase 3:" lead.
		const opensHeading =
			heading !== undefined &&
			headingTextStart !== undefined &&
			/^(?:[^:]*\d+[ \t]*:[ \t]*)?$/.test(content.slice(headingTextStart, match.index));
		names.push({
			label: match[1],
			number: Number(match[2]),
			start: lineStart + match.index,
			end: lineStart + match.index + match[0].length,
			heading: opensHeading ? heading : undefined,
		});
	}
}
