import { type Connection, LSPErrorCodes, ResponseError, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PlanLanguageService } from './languageService';
import type { WithDocument } from './requestAnswers';
import { documentUri, positionParam, stringParam } from './requestParams';

/**
 * The requests about feature IDs (`FR-001`, `[US2]`, `T004`) across a feature's documents:
 * definition, references, highlights and rename. A refused rename is an error the client shows.
 */
export function registerIdRequests(
	connection: Connection,
	{
		service,
		documents,
		withDocument,
		documentChanges,
	}: {
		readonly service: PlanLanguageService;
		readonly documents: TextDocuments<TextDocument>;
		readonly withDocument: WithDocument;
		/** Whether the client takes a rename as versioned `documentChanges`. */
		readonly documentChanges: () => boolean;
	},
): void {
	connection.onDefinition((params, token) =>
		withDocument(
			documentUri(params),
			null,
			document => service.getDefinition(document, positionParam(params), token) ?? null,
			'definition',
			token,
		),
	);
	connection.onReferences((params, token) =>
		withDocument(
			documentUri(params),
			[],
			document =>
				service.getReferences(
					document,
					positionParam(params),
					(params as { context?: { includeDeclaration?: unknown } }).context?.includeDeclaration === true,
					token,
				),
			'references',
			token,
		),
	);
	connection.onDocumentHighlight((params, token) =>
		withDocument(
			documentUri(params),
			[],
			document => service.getDocumentHighlights(document, positionParam(params), token),
			'documentHighlight',
			token,
		),
	);
	connection.onPrepareRename((params, token) => {
		const prepared = withDocument(
			documentUri(params),
			undefined,
			document => service.prepareRename(document, positionParam(params), token),
			'prepareRename',
			token,
		);
		if (prepared && 'refused' in prepared) {
			throw new ResponseError(LSPErrorCodes.RequestFailed, prepared.refused);
		}
		return prepared ?? null;
	});
	connection.onRenameRequest((params, token) => {
		const newName = stringParam(params, 'newName');
		const renamed = withDocument(
			documentUri(params),
			undefined,
			document =>
				service.getRenameEdit(
					document,
					positionParam(params),
					newName,
					{ documentChanges: documentChanges(), versionOf: uri => documents.get(uri)?.version ?? null },
					token,
				),
			'rename',
			token,
		);
		if (renamed && 'refused' in renamed) {
			throw new ResponseError(LSPErrorCodes.RequestFailed, renamed.refused);
		}
		return renamed?.edit ?? null;
	});
}
