import { ErrorCodes, type Connection, ResponseError, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { PlanLanguageService } from './languageService';
import {
	documentProgressRequest,
	featuresRequest,
	newDocumentRequest,
	serverCommands,
	templatesRequest,
	workspaceProgressRequest,
} from './protocol';
import { cancellable, type WithDocument } from './requestAnswers';
import { isPosition, isRange, optionalStringParam, stringParam } from './requestParams';
import { revealTask } from './revealTask';
import { filePathOf } from './workspace/workspacePaths';

/**
 * planmark's own requests (progress, features, templates, new documents; typed in `protocol.ts`) and
 * the server commands its lenses and code actions run.
 */
export function registerPlanmarkRequests(
	connection: Connection,
	{
		service,
		documents,
		withDocument,
		answers: { answer, answerLater },
		folders,
		showsDocuments,
	}: {
		readonly service: PlanLanguageService;
		readonly documents: TextDocuments<TextDocument>;
		readonly withDocument: WithDocument;
		readonly answers: {
			answer<T>(request: string, empty: T, compute: () => T): T;
			answerLater<T>(request: string, empty: T, compute: () => Promise<T>): Promise<T>;
		};
		/** The workspace folders' paths, the first holding `.planmark.json`. */
		readonly folders: () => readonly string[];
		/** Whether the client can be asked to show a document (`window.showDocument`). */
		readonly showsDocuments: () => boolean;
	},
): void {
	connection.onRequest(documentProgressRequest, async (params, token) => {
		const uri = stringParam(params, 'uri');
		if (documents.get(uri)) {
			return withDocument(
				uri,
				null,
				document => service.getDocumentProgress(document, token) ?? null,
				'documentProgress',
				token,
			);
		}
		// A plan that is not open answers from the workspace index.
		const indexed = await answerLater('documentProgress', undefined, () =>
			service.getIndexedProgress(uri, documents.all(), token),
		);
		return cancellable(token, indexed ?? null);
	});
	connection.onRequest(workspaceProgressRequest, async (params, token) => {
		const outline = (params as { outline?: unknown } | null)?.outline !== false;
		return cancellable(
			token,
			await answerLater('workspaceProgress', [], () =>
				service.getWorkspaceProgress(documents.all(), { outline }, token),
			),
		);
	});
	connection.onRequest(featuresRequest, async (_params, token) =>
		cancellable(token, await answerLater('features', [], () => service.getFeatures(documents.all(), token))),
	);
	connection.onRequest(templatesRequest, (params, token) => {
		const folderUri = optionalStringParam(params, 'folderUri');
		return cancellable(
			token,
			answer('templates', [], () => service.getTemplates(folderUri ? filePathOf(folderUri) : folders()[0], token)),
		);
	});
	connection.onRequest(newDocumentRequest, (params, token) => {
		const [templateUri, featureName, folderUri] = [
			stringParam(params, 'templateUri'),
			stringParam(params, 'featureName').trim(),
			stringParam(params, 'folderUri'),
		];
		const folder = filePathOf(folderUri);
		if (!folder || !featureName) {
			throw new ResponseError(
				ErrorCodes.InvalidParams,
				'planmark/newDocument needs a file: folder URI and a feature name',
			);
		}
		const created = cancellable(token, service.getNewDocument({ templateUri, featureName, folder }, token));
		if (!created) {
			throw new ResponseError(ErrorCodes.InvalidParams, `no template ${templateUri}`);
		}
		return { uri: URI.file(created.filePath).toString(), text: created.text, exists: created.exists };
	});
	connection.onExecuteCommand(async (params, token) => {
		const [uri, where] = (params.arguments ?? []) as [string, unknown];
		if (params.command === serverCommands.revealTask) {
			return revealTask(
				connection,
				{ uri, position: isPosition(where) ? where : undefined, name: String(params.arguments?.[2] ?? 'This section') },
				{ showsDocuments: showsDocuments(), text: documents.get(uri) },
			);
		}
		const edits = withDocument(
			uri,
			[],
			document => {
				if (
					params.command === serverCommands.toggleTasks &&
					(isRange(where) || (Array.isArray(where) && where.every(isRange)))
				) {
					return service.getToggleTaskEdits(document, Array.isArray(where) ? where : [where], token);
				}
				if (params.command === serverCommands.completeSection && isPosition(where)) {
					return service.getCompleteSectionEdits(document, where, token);
				}
				return [];
			},
			params.command,
			token,
		);
		if (edits.length > 0) {
			await connection.workspace.applyEdit({
				label: params.command === serverCommands.toggleTasks ? 'Toggle task' : 'Mark section done',
				edit: { changes: { [uri]: edits } },
			});
		}
		return edits.length;
	});
}
