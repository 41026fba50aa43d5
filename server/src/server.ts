import {
	type DocumentDiagnosticReport,
	CodeActionKind,
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
	type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { defaultSettings, readSettings, withProjectSettings, type PlanmarkSettings } from './config';
import { fixAllKind, typingPauseMs, serverCommands, workspaceTrustNotification } from './protocol';
import { createLanguageService, type PlanLanguageService } from './languageService';
import { nodeFileSystem } from './workspace/nodeFileSystem';
import { filePathOf } from './workspace/workspacePaths';
import { cancellable, documentAnswers, requestAnswers } from './requestAnswers';
import { registerIdRequests } from './idRequests';
import { registerPlanmarkRequests } from './planmarkRequests';
import { LensDocuments, resolved, resolvesLenses } from './lensResolve';
import { DiagnosticResults, pullsDiagnostics } from './pulledDiagnostics';
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
	optionalStringParam,
	positionParam,
	positionsParam,
	rangeParam,
} from './requestParams';

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
		}, typingPauseMs);
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

	const schedule = (uri: string, delay = typingPauseMs) => {
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
	const withDocument = documentAnswers(documents, answer);

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
		lensDocuments.forget(event.document.uri);
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
	registerIdRequests(connection, {
		service,
		documents,
		withDocument,
		documentChanges: () => documentChanges,
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

	registerPlanmarkRequests(connection, {
		service,
		documents,
		withDocument,
		answers: { answer, answerLater },
		folders: () => folders,
		showsDocuments: () => showsDocuments,
	});

	documents.listen(connection);
}
