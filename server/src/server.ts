import {
	type DocumentDiagnosticReport,
	CodeActionKind,
	ErrorCodes,
	ResponseError,
	CodeLensRefreshRequest,
	DidChangeConfigurationNotification,
	DidChangeWatchedFilesNotification,
	WatchKind,
	FileChangeType,
	TextDocuments,
	ShowMessageNotification,
	MessageType,
	TextDocumentSyncKind,
	type Connection,
	type InitializeParams,
	LSPErrorCodes,
	type CancellationToken,
	type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { defaultSettings, readSettings, withProjectSettings, type PlanmarkSettings } from './config';
import {
	documentProgressRequest,
	fixAllKind,
	newDocumentRequest,
	featuresRequest,
	serverCommands,
	templatesRequest,
	workspaceProgressRequest,
	workspaceTrustNotification,
} from './protocol';
import { createLanguageService, type PlanLanguageService } from './languageService';
import { nodeFileSystem } from './workspace/nodeFileSystem';
import { filePathOf } from './workspace/workspacePaths';
import { requestAnswers } from './requestAnswers';
import { LensDocuments, resolved, resolvesLenses } from './lensResolve';
import { DiagnosticResults, pullsDiagnostics } from './pulledDiagnostics';
import { revealTask } from './revealTask';
import {
	clientLensCommand,
	initializationSettings,
	isTrusted,
	listsHeadings,
	mergeSettings,
	workspaceFolderPaths,
} from './clientOptions';
import { projectConfigName, readProjectConfig, withinSpecifyOnly } from './workspace/projectConfig';
import {
	codeActionContext,
	documentUri,
	isPosition,
	isRange,
	optionalStringParam,
	positionParam,
	positionsParam,
	rangeParam,
	stringParam,
} from './requestParams';

/** How long the server waits after a change before it re-checks a document. */
const validationDelayMs = 75;

/** The only LSP wiring: capabilities, settings, and one short handler per request. */
export function startServer(connection: Connection): void {
	const documents = new TextDocuments(TextDocument);
	/** Warnings already shown for the settings in force: each is told once, not again at every settings pull. */
	const told = new Set<string>();
	/** Tells the user something they can act on, as a notification: nothing here needs an answer. */
	const tell = (message: string) => {
		if (!told.has(message)) {
			told.add(message);
			void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
		}
	};
	let editorListsHeadings = false;
	const service: PlanLanguageService = createLanguageService({
		fileSystem: nodeFileSystem,
		warn: message => tell(message),
		editorListsHeadings: () => editorListsHeadings,
		snippetSupport: () => snippetSupport,
		lensCommand: () => lensCommand,
		openDocument: uri => documents.get(uri),
	});
	const pending = new Map<string, ReturnType<typeof setTimeout>>();
	let pullsConfiguration = false;
	/** The settings the client passed as initializationOptions, under the configuration section's answers. */
	let initialSettings: unknown;
	let snippetSupport = false;
	let showsDocuments = false;
	let lensCommand: string | undefined;
	let registersWatchers = false;
	let registersConfiguration = false;
	let editorSettings = defaultSettings;
	let folders: string[] = [];

	/** The editor's settings merged with the first workspace folder's `.planmark.json`. */
	const applySettings = (next: PlanmarkSettings) => {
		editorSettings = next;
		const project = folders.length > 0 ? readProjectConfig(folders[0]) : { settings: undefined };
		// What was told about earlier settings may be told again once they change.
		const key = JSON.stringify([
			next,
			'error' in project ? project.error : project.settings,
			workspaceTrusted,
			folders,
		]);
		if (key !== settingsKey) {
			settingsKey = key;
			told.clear();
		}
		if ('error' in project) {
			tell(`planmark: ${project.error}; using the editor's settings only.`);
			service.updateSettings(next);
			return;
		}
		let projectSettings = project.settings;
		if (!workspaceTrusted && projectSettings !== undefined) {
			const restricted = withinSpecifyOnly(projectSettings, folders[0]);
			projectSettings = restricted.settings;
			if (restricted.dropped.length > 0) {
				tell(
					`planmark: this workspace is not trusted, so ${project.path} cannot name templates outside .specify/; ignoring ${restricted.dropped.join(', ')}.`,
				);
			}
		}
		service.updateSettings(projectSettings === undefined ? next : withProjectSettings(next, projectSettings));
	};
	let workspaceTrusted = true;
	let settingsKey = '';
	let refreshesCodeLenses = false;
	let prepareRenameSupport = false;
	let documentChanges = false;
	let pullDiagnostics = false;
	let lazyLenses = false;
	const diagnosticResults = new DiagnosticResults();
	const lensDocuments = new LensDocuments();

	connection.onInitialize((params: InitializeParams): InitializeResult => {
		const capabilities = params.capabilities;
		pullsConfiguration = !!capabilities.workspace?.configuration;
		snippetSupport = !!capabilities.textDocument?.completion?.completionItem?.snippetSupport;
		showsDocuments = !!capabilities.window?.showDocument?.support;
		lensCommand = clientLensCommand(params.initializationOptions);
		registersWatchers = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
		registersConfiguration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
		refreshesCodeLenses = !!capabilities.workspace?.codeLens?.refreshSupport;
		prepareRenameSupport = !!capabilities.textDocument?.rename?.prepareSupport;
		documentChanges = !!capabilities.workspace?.workspaceEdit?.documentChanges;
		pullDiagnostics = pullsDiagnostics(capabilities);
		lazyLenses = resolvesLenses(capabilities);
		folders = workspaceFolderPaths(params);
		editorListsHeadings = listsHeadings(params.initializationOptions);
		workspaceTrusted = isTrusted(params.initializationOptions);
		service.setWorkspaceFolders(folders);
		initialSettings = initializationSettings(params.initializationOptions);
		applySettings(readSettings(initialSettings));
		return {
			capabilities: {
				textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
				documentSymbolProvider: { label: 'planmark' },
				foldingRangeProvider: true,
				codeLensProvider: { resolveProvider: lazyLenses },
				// Clients that pull diagnostics get them on request, an unchanged set answered by its id; others have them pushed.
				...(pullDiagnostics
					? { diagnosticProvider: { identifier: 'planmark', interFileDependencies: true, workspaceDiagnostics: false } }
					: {}),
				completionProvider: { triggerCharacters: ['#', '*'] },
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
				documentLinkProvider: { resolveProvider: false },
				definitionProvider: true,
				referencesProvider: true,
				documentHighlightProvider: true,
				renameProvider: prepareRenameSupport ? { prepareProvider: true } : true,
				hoverProvider: true,
				// Only for clients that show inlay hints; the setting decides whether there are any.
				...(capabilities.textDocument?.inlayHint ? { inlayHintProvider: true } : {}),
				selectionRangeProvider: true,
				workspaceSymbolProvider: true,
				executeCommandProvider: { commands: Object.values(serverCommands) },
				workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
			},
			serverInfo: { name: 'planmark', version: process.env.PLANMARK_VERSION },
		};
	});

	connection.onInitialized(async () => {
		// Watch templates so that editing one updates every open plan, and plans so that the workspace
		// index re-reads only what changed. Only a client that offers dynamic registration is asked;
		// without it, templates are read again when a plan is next opened or edited, and the index
		// checks each file's stamp at every workspace-wide request.
		if (registersWatchers) {
			connection.client
				.register(DidChangeWatchedFilesNotification.type, {
					watchers: [
						{ globPattern: '**/*.md' },
						{ globPattern: `**/${projectConfigName}` },
						// A folder created or deleted whole (a feature folder copied in, `rm -r specs/004-…`) is one
						// event for the folder, none for the documents in it: the index lists the workspace again.
						{ globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
					],
				})
				.then(() => service.trustFileEvents())
				.catch(() => undefined);
		}
		if (pullsConfiguration) {
			if (registersConfiguration) {
				void connection.client
					.register(DidChangeConfigurationNotification.type, { section: 'planmark' })
					.catch(() => undefined);
			}
			await loadSettings();
			// Documents opened before the settings arrived were checked with the defaults.
			revalidateAll();
		}
		connection.workspace.onDidChangeWorkspaceFolders(async () => {
			folders = ((await connection.workspace.getWorkspaceFolders()) ?? []).map(folder => URI.parse(folder.uri).fsPath);
			service.setWorkspaceFolders(folders);
			applySettings(editorSettings);
			revalidateAll();
		});
	});

	const loadSettings = async () => {
		try {
			const [section] = await connection.workspace.getConfiguration([{ section: 'planmark' }]);
			// Defaults < initializationOptions < the configuration section; a client that has no section answers null.
			applySettings(readSettings(mergeSettings(initialSettings, section)));
		} catch (error) {
			connection.console.error(`planmark: cannot read settings: ${error}`);
		}
	};

	connection.onNotification(workspaceTrustNotification, params => {
		if (params?.trusted === true && !workspaceTrusted) {
			workspaceTrusted = true;
			applySettings(editorSettings);
			revalidateAll();
		}
	});

	connection.onDidChangeConfiguration(async change => {
		if (pullsConfiguration) {
			await loadSettings();
		} else {
			applySettings(readSettings(initializationSettings(change.settings)));
		}
		revalidateAll();
	});

	connection.onDidChangeWatchedFiles(change => {
		const kinds = {
			[FileChangeType.Created]: 'created',
			[FileChangeType.Changed]: 'changed',
			[FileChangeType.Deleted]: 'deleted',
		} as const;
		service.filesChanged(
			change.changes.flatMap(event => {
				const filePath = filePathOf(event.uri);
				return filePath ? [{ filePath, kind: kinds[event.type] ?? 'changed' }] : [];
			}),
		);
		const templatesChanged = change.changes.some(event => service.isTemplateFile(event.uri));
		if (templatesChanged) {
			service.templateChanged();
		}
		const projectSettingsChanged = change.changes.some(event => filePathOf(event.uri)?.endsWith(projectConfigName));
		if (projectSettingsChanged) {
			applySettings(editorSettings);
		}
		// A created or deleted document can mend or break a link in an open plan (other files come from the
		// folder watcher, which is there for the workspace index).
		if (
			templatesChanged ||
			projectSettingsChanged ||
			change.changes.some(event => event.type !== FileChangeType.Changed && /\.md$/i.test(event.uri))
		) {
			revalidateAll();
		} else {
			// A feature document changed on disk: the open documents of its feature are checked again.
			for (const event of change.changes) {
				scheduleSiblings(event.uri, false);
			}
		}
	});

	/**
	 * Open documents of the same feature whose feature diagnostics and lenses a change may alter. A
	 * client that pulls diagnostics pulls again after an edit itself (interFileDependencies); after a
	 * change it cannot see (on disk, or a close) it is asked to.
	 */
	const scheduleSiblings = (uri: string, seenByClient: boolean) => {
		const siblings = answer('featureSiblings', [], () => service.getFeatureSiblings(uri)).filter(sibling =>
			documents.get(sibling),
		);
		for (const sibling of siblings) {
			schedule(sibling);
		}
		if (siblings.length === 0) {
			return;
		}
		clearTimeout(siblingRefresh);
		siblingRefresh = setTimeout(() => {
			if (refreshesCodeLenses) {
				void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
			}
			if (pullDiagnostics && !seenByClient) {
				void connection.languages.diagnostics.refresh().catch(() => undefined);
			}
		}, validationDelayMs);
	};
	let siblingRefresh: ReturnType<typeof setTimeout> | undefined;

	const validate = (uri: string) => {
		pending.delete(uri);
		const document = documents.get(uri);
		if (!document) {
			return;
		}
		const version = document.version;
		const diagnostics = answer('diagnostics', [], () => service.getDiagnostics(document));
		// A newer version may have arrived meanwhile: its own validation will publish.
		if (documents.get(uri)?.version === version) {
			void connection.sendDiagnostics({ uri, version, diagnostics });
		}
	};

	const schedule = (uri: string, delay = validationDelayMs) => {
		if (pullDiagnostics) {
			return;
		}
		clearTimeout(pending.get(uri));
		pending.set(
			uri,
			setTimeout(() => validate(uri), delay),
		);
	};

	const revalidateAll = () => {
		for (const document of documents.all()) {
			schedule(document.uri, 0);
		}
		if (refreshesCodeLenses) {
			void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
		}
		if (pullDiagnostics) {
			void connection.languages.diagnostics.refresh().catch(() => undefined);
		}
	};

	const { answer, answerLater } = requestAnswers(connection);

	documents.onDidOpen(event => schedule(event.document.uri, 0));
	documents.onDidChangeContent(event => {
		schedule(event.document.uri);
		scheduleSiblings(event.document.uri, true);
	});
	documents.onDidClose(event => {
		// Its siblings read the file from disk again, which may differ from the unsaved text.
		scheduleSiblings(event.document.uri, false);
		clearTimeout(pending.get(event.document.uri));
		pending.delete(event.document.uri);
		service.closeDocument(event.document.uri);
		diagnosticResults.forget(event.document.uri);
		// A client that pulls drops a closed document's diagnostics itself.
		if (!pullDiagnostics) {
			void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
		}
	});

	connection.onDocumentSymbol((params, token) =>
		withDocument(
			documentUri(params),
			[],
			document => service.getDocumentSymbols(document, token),
			'documentSymbol',
			token,
		),
	);
	connection.onFoldingRanges((params, token) =>
		withDocument(documentUri(params), [], document => service.getFoldingRanges(document, token), 'foldingRange', token),
	);
	connection.onCodeLens((params, token) =>
		withDocument(
			documentUri(params),
			[],
			document => {
				const lenses = service.getCodeLenses(document, token);
				return lazyLenses ? lensDocuments.unresolved(document.uri, lenses) : [...lenses];
			},
			'codeLens',
			token,
		),
	);
	connection.onCodeLensResolve((lens, token) => {
		const uri = lensDocuments.documentOf(lens);
		return uri === undefined
			? lens
			: withDocument(
					uri,
					lens,
					document => resolved(lens, service.getCodeLenses(document, token)),
					'codeLens/resolve',
					token,
				);
	});
	connection.languages.diagnostics.on((params, token) => {
		const uri = documentUri(params);
		const empty: DocumentDiagnosticReport = { kind: 'full', items: [] };
		return withDocument<DocumentDiagnosticReport>(
			uri,
			empty,
			document => diagnosticResults.report(uri, service.getDiagnostics(document, token), params.previousResultId),
			'diagnostic',
			token,
		);
	});
	connection.onCompletion((params, token) =>
		withDocument(
			documentUri(params),
			[],
			document => service.getCompletions(document, positionParam(params), token),
			'completion',
			token,
		),
	);
	connection.onCodeAction((params, token) => {
		const { diagnostics, only } = codeActionContext(params);
		return withDocument(
			documentUri(params),
			[],
			document => service.getCodeActions(document, diagnostics, only, token),
			'codeAction',
			token,
		);
	});
	connection.languages.inlayHint.on((params, token) =>
		withDocument(
			documentUri(params),
			[],
			document => service.getInlayHints(document, rangeParam(params), token),
			'inlayHint',
			token,
		),
	);
	connection.onHover((params, token) =>
		withDocument(
			documentUri(params),
			null,
			document => service.getHover(document, positionParam(params), token) ?? null,
			'hover',
			token,
		),
	);
	connection.onDocumentLinks((params, token) =>
		withDocument(documentUri(params), [], document => service.getDocumentLinks(document, token), 'documentLink', token),
	);
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
					{ documentChanges, versionOf: uri => documents.get(uri)?.version ?? null },
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
	connection.onSelectionRanges((params, token) =>
		withDocument(
			documentUri(params),
			[],
			document => service.getSelectionRanges(document, positionsParam(params), token),
			'selectionRange',
			token,
		),
	);
	connection.onWorkspaceSymbol(async (params, token) => {
		const query = optionalStringParam(params, 'query') ?? '';
		return cancellable(
			token,
			await answerLater('workspaceSymbol', [], () => service.getWorkspaceSymbols(query, documents.all(), token)),
		);
	});

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
			answer('templates', [], () => service.getTemplates(folderUri ? filePathOf(folderUri) : folders[0], token)),
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
				{ showsDocuments, text: documents.get(uri) },
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

	/** Runs a request about an open document; one the server does not know gets the empty answer. */
	const withDocument = <T>(
		uri: string,
		empty: T,
		compute: (document: TextDocument) => T,
		request: string,
		token?: CancellationToken,
	): T => {
		const document = documents.get(uri);
		return cancellable(token, document ? answer(request, empty, () => compute(document)) : empty);
	};

	documents.listen(connection);
}

/** A request the client cancelled is answered with RequestCancelled, as LSP recommends, not with a result it will ignore. */
function cancellable<T>(token: CancellationToken | undefined, result: T): T {
	if (token?.isCancellationRequested) {
		throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the request was cancelled');
	}
	return result;
}
