import { ErrorCodes, ResponseError, type Diagnostic, type Position, type Range } from 'vscode-languageserver/node';

/*
 * Checks of what a client sends, before any feature sees it: a request with a missing or
 * malformed parameter is answered with InvalidParams naming it, instead of failing deep inside
 * a feature. Positions must be non-negative integers; a line or character past the end is fine
 * (LSP clamps a character to its line, and planmark clamps lines to the document).
 */

function invalid(message: string): never {
	throw new ResponseError(ErrorCodes.InvalidParams, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

export function isPosition(value: unknown): value is Position {
	return isObject(value) && isCount(value.line) && isCount(value.character);
}

export function isRange(value: unknown): value is Range {
	return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

function isCount(value: unknown): value is number {
	return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** `params.textDocument.uri`, as every text document request carries it. */
export function documentUri(params: unknown): string {
	const textDocument = isObject(params) ? params.textDocument : undefined;
	if (!isObject(textDocument) || typeof textDocument.uri !== 'string') {
		invalid('the request needs a textDocument with a string uri');
	}
	return textDocument.uri;
}

/** A string parameter, such as planmark/documentProgress's `uri`. */
export function stringParam(params: unknown, name: string): string {
	const value = isObject(params) ? params[name] : undefined;
	if (typeof value !== 'string') {
		invalid(`the request needs "${name}" as a string`);
	}
	return value;
}

/** An optional string parameter: undefined when absent, InvalidParams when of another type. */
export function optionalStringParam(params: unknown, name: string): string | undefined {
	const value = isObject(params) ? params[name] : undefined;
	return value === undefined || value === null ? undefined : stringParam(params, name);
}

export function positionParam(params: unknown): Position {
	const position = isObject(params) ? params.position : undefined;
	if (!isPosition(position)) {
		invalid('the request needs a position with a non-negative integer line and character');
	}
	return position;
}

/** The `range` parameter (inlay hints); InvalidParams when it is missing or malformed. */
export function rangeParam(params: unknown): Range {
	const range = isObject(params) ? params.range : undefined;
	if (!isRange(range)) {
		invalid('the request needs a range with start and end positions');
	}
	return range;
}

export function positionsParam(params: unknown): Position[] {
	const positions = isObject(params) ? params.positions : undefined;
	if (!Array.isArray(positions) || !positions.every(isPosition)) {
		invalid('the request needs positions, an array of positions with non-negative integer lines and characters');
	}
	return positions;
}

/** codeAction's context: its diagnostics (those without a proper range are ignored) and its `only` kinds. */
export function codeActionContext(params: unknown): { diagnostics: Diagnostic[]; only?: string[] } {
	const context = isObject(params) ? params.context : undefined;
	if (
		!isObject(context) ||
		!Array.isArray(context.diagnostics) ||
		(context.only !== undefined &&
			!(Array.isArray(context.only) && context.only.every(kind => typeof kind === 'string')))
	) {
		invalid('codeAction needs a context with a diagnostics array and, optionally, an array of kinds in only');
	}
	const diagnostics = context.diagnostics.filter(
		(diagnostic): diagnostic is Diagnostic => isObject(diagnostic) && isRange(diagnostic.range),
	);
	return { diagnostics, only: context.only as string[] | undefined };
}
