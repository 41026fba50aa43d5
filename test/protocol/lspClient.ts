import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
	CancellationTokenSource,
	createMessageConnection,
	StreamMessageReader,
	StreamMessageWriter,
	type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
	CodeLensRequest,
	CompletionRequest,
	ConfigurationRequest,
	DidChangeConfigurationNotification,
	DidChangeTextDocumentNotification,
	DidChangeWatchedFilesNotification,
	DidCloseTextDocumentNotification,
	DidOpenTextDocumentNotification,
	DocumentSymbolRequest,
	ExitNotification,
	FoldingRangeRequest,
	InitializedNotification,
	InitializeRequest,
	LogMessageNotification,
	MessageType,
	PublishDiagnosticsNotification,
	RegistrationRequest,
	ShowMessageNotification,
	ShutdownRequest,
	type ClientCapabilities,
	type CodeLens,
	type CompletionItem,
	type DocumentSymbol,
	type FileEvent,
	type FoldingRange,
	type InitializeResult,
	type LogMessageParams,
	type Position,
	type PublishDiagnosticsParams,
	type Range,
	type Registration,
	type ShowMessageParams,
	type SymbolInformation,
	type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

/** How long any single exchange with the server may take before the test fails. */
export const defaultTimeoutMs = 5000;

export interface InitializeOptions {
	/** Workspace folders as filesystem paths. */
	readonly workspaceFolders?: readonly string[];
	readonly initializationOptions?: unknown;
	/**
	 * When set, the client advertises `workspace.configuration` and answers the server's
	 * `workspace/configuration` requests for the `planmark` section with this value.
	 */
	readonly configuration?: unknown;
	/** Changes the capabilities the client declares, to test a client that lacks one. */
	readonly capabilities?: (capabilities: ClientCapabilities) => ClientCapabilities;
}

/** Log lines and messages the server sent, kept so tests (and shutdown) can check them. */
export interface ServerMessages {
	readonly logs: LogMessageParams[];
	readonly shown: ShowMessageParams[];
	readonly registrations: Registration[];
	/** Every publishDiagnostics, in the order received. */
	readonly diagnostics: PublishDiagnosticsParams[];
}

interface DiagnosticsWaiter {
	readonly uri: string;
	readonly version: number | undefined;
	readonly resolve: (params: PublishDiagnosticsParams) => void;
}

/**
 * A minimal LSP client over stdio, as an editor would drive the built server: it spawns
 * `dist/server.js --stdio`, mirrors the documents it opens, and fails loudly when the server
 * crashes, hangs, writes to stderr or logs an error.
 */
export class LspClient {
	readonly messages: ServerMessages = { logs: [], shown: [], registrations: [], diagnostics: [] };
	private readonly connection: MessageConnection;
	private readonly documents = new Map<string, TextDocument>();
	/** Published diagnostics not yet taken by a test, oldest first. */
	private readonly published: PublishDiagnosticsParams[] = [];
	private readonly waiters = new Set<DiagnosticsWaiter>();
	private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	private stderr = '';
	private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	private shuttingDown = false;
	private configuration: unknown;
	private readonly handlers = new Map<string, (params: unknown) => unknown>();
	private configurationHeld: Promise<void> = Promise.resolve();

	private constructor(private readonly child: ChildProcess) {
		child.stderr!.setEncoding('utf8');
		child.stderr!.on('data', (chunk: string) => (this.stderr += chunk));
		this.exited = new Promise(resolve => {
			child.on('exit', (code, signal) => {
				this.exit = { code, signal };
				resolve(this.exit);
			});
			// A process that cannot even start never emits 'exit'.
			child.on('error', error => {
				this.stderr += `[client] cannot run the server: ${error.message}\n`;
				this.exit ??= { code: null, signal: null };
				resolve(this.exit);
			});
		});
		this.connection = createMessageConnection(
			new StreamMessageReader(child.stdout!),
			new StreamMessageWriter(child.stdin!),
		);
		this.connection.onNotification(PublishDiagnosticsNotification.type, params => this.receiveDiagnostics(params));
		this.connection.onNotification(LogMessageNotification.type, params => {
			this.messages.logs.push(params);
		});
		this.connection.onNotification(ShowMessageNotification.type, params => {
			this.messages.shown.push(params);
		});
		this.connection.onRequest(RegistrationRequest.type, params => {
			this.messages.registrations.push(...params.registrations);
		});
		this.connection.onRequest(ConfigurationRequest.type, async params => {
			await this.configurationHeld;
			return params.items.map(item => (item.section === 'planmark' ? this.configuration : null));
		});
		// Anything else the server asks (refreshes, progress) is acknowledged like an editor would,
		// unless a test answers it itself.
		this.connection.onRequest((method, params) => this.handlers.get(method)?.(params) ?? null);
		this.connection.onError(([error]) => {
			if (!this.shuttingDown) {
				this.stderr += `[client] connection error: ${error.message}\n`;
			}
		});
		this.connection.listen();
	}

	/** The server's process id, for measuring its memory. */
	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Spawns the built server (`dist/server.js --stdio`); build it first with `npm run build`. */
	static start(): LspClient {
		const serverPath = path.join(repositoryRoot(), 'dist', 'server.js');
		if (!existsSync(serverPath)) {
			throw new Error(`${serverPath} does not exist: run \`npm run build\` before the protocol tests`);
		}
		const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
		return new LspClient(child);
	}

	async initialize(options: InitializeOptions = {}): Promise<InitializeResult> {
		this.configuration = options.configuration;
		const folders = options.workspaceFolders?.map(folder => ({
			uri: URI.file(folder).toString(),
			name: path.basename(folder),
		}));
		const result = await this.within(
			'initialize',
			this.connection.sendRequest(InitializeRequest.type, {
				processId: process.pid,
				clientInfo: { name: 'planmark protocol tests' },
				rootUri: folders?.[0]?.uri ?? null,
				workspaceFolders: folders ?? null,
				capabilities: (options.capabilities ?? (capabilities => capabilities))(
					clientCapabilities(options.configuration !== undefined),
				),
				initializationOptions: options.initializationOptions,
			}),
		);
		await this.connection.sendNotification(InitializedNotification.type, {});
		return result;
	}

	/** Opens a document and returns its version. */
	async didOpen(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<number> {
		this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
		await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
			textDocument: { uri, languageId, version, text },
		});
		return version;
	}

	/** Sends incremental changes, applied in order as an editor does; returns the new version. */
	async didChange(uri: string, changes: readonly { range: Range; text: string }[]): Promise<number> {
		return this.sendChanges(uri, changes);
	}

	/** Sends the whole new text (full sync); returns the new version. */
	async didChangeFull(uri: string, text: string): Promise<number> {
		return this.sendChanges(uri, [{ text }]);
	}

	async didClose(uri: string): Promise<void> {
		this.documents.delete(uri);
		await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
	}

	/**
	 * Changes the settings. A pulling client (initialized with `configuration`) answers later
	 * `workspace/configuration` requests with them and sends an empty notification, as VS Code does;
	 * otherwise they are pushed in the notification.
	 */
	async didChangeConfiguration(settings: unknown): Promise<void> {
		if (this.configuration !== undefined) {
			this.configuration = settings;
			await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
		} else {
			await this.connection.sendNotification(DidChangeConfigurationNotification.type, {
				settings: { planmark: settings },
			});
		}
	}

	/** Delays answers to `workspace/configuration` until the returned function is called: a slow editor. */
	holdConfiguration(): () => void {
		let release!: () => void;
		this.configurationHeld = new Promise(resolve => (release = resolve));
		return release;
	}

	async didChangeWatchedFiles(changes: readonly FileEvent[]): Promise<void> {
		await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [...changes] });
	}

	/** The client's copy of an open document, with every change applied. */
	document(uri: string): TextDocument {
		const document = this.documents.get(uri);
		if (!document) {
			throw new Error(`${uri} is not open`);
		}
		return document;
	}

	async documentSymbols(uri: string): Promise<DocumentSymbol[]> {
		const result = await this.within(
			'textDocument/documentSymbol',
			this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
		);
		if (result?.some(symbol => !isDocumentSymbol(symbol))) {
			throw new Error('the server answered flat SymbolInformation although the client supports hierarchical symbols');
		}
		return (result ?? []) as DocumentSymbol[];
	}

	/** A request that can be cancelled while it runs: `$/cancelRequest` is sent when `cancel` is called. */
	requestCancellable<Result>(
		method: string,
		params: unknown,
		timeoutMs = defaultTimeoutMs,
	): { result: Promise<Result>; cancel(): void } {
		const source = new CancellationTokenSource();
		const result = this.within(
			method,
			this.connection.sendRequest(method, params, source.token) as Promise<Result>,
			timeoutMs,
		);
		return { result, cancel: () => source.cancel() };
	}

	/** Any request by method name, for the ones without a helper of their own. */
	/** Answers the server's requests for `method` (such as window/showDocument) with `handler`. */
	onRequest(method: string, handler: (params: unknown) => unknown): void {
		this.handlers.set(method, handler);
	}

	/** Sends a notification the client has no typed method for, such as planmark's own. */
	async notify(method: string, params: unknown): Promise<void> {
		await this.connection.sendNotification(method, params);
	}

	async request<Result>(method: string, params: unknown): Promise<Result> {
		return this.within(method, this.connection.sendRequest(method, params) as Promise<Result>);
	}

	async foldingRanges(uri: string): Promise<FoldingRange[]> {
		return (
			(await this.within(
				'textDocument/foldingRange',
				this.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }),
			)) ?? []
		);
	}

	async codeLenses(uri: string): Promise<CodeLens[]> {
		return (
			(await this.within(
				'textDocument/codeLens',
				this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
			)) ?? []
		);
	}

	/** Completion items in the order an editor lists them before filtering: by sortText, then label. */
	async completion(uri: string, position: Position): Promise<CompletionItem[]> {
		const result = await this.within(
			'textDocument/completion',
			this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
		);
		const items = Array.isArray(result) ? result : (result?.items ?? []);
		return [...items].sort(
			(a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label),
		);
	}

	/**
	 * The next diagnostics published for `uri` that the test has not taken yet, waiting for them if
	 * needed. With `version`, earlier publications are skipped and only that version's is returned.
	 */
	nextDiagnostics(uri: string, version?: number, timeoutMs = defaultTimeoutMs): Promise<PublishDiagnosticsParams> {
		if (version !== undefined) {
			// Publications for other versions of this document are stale once a test asks for this one.
			this.published.splice(
				0,
				this.published.length,
				...this.published.filter(params => params.uri !== uri || params.version === version),
			);
		}
		const index = this.published.findIndex(params => params.uri === uri);
		if (index >= 0) {
			return Promise.resolve(this.published.splice(index, 1)[0]);
		}
		let waiter: DiagnosticsWaiter | undefined;
		const published = new Promise<PublishDiagnosticsParams>(resolve => {
			waiter = { uri, version, resolve };
			this.waiters.add(waiter);
		});
		const description = `publishDiagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`;
		return this.within(description, published, timeoutMs).finally(() => this.waiters.delete(waiter!));
	}

	/**
	 * Takes publications for `uri` until one satisfies `accept`, and returns it; fails after the
	 * timeout, showing the last one seen. For behaviour that may take several publications.
	 */
	async diagnosticsUntil(
		uri: string,
		accept: (params: PublishDiagnosticsParams) => boolean,
		timeoutMs = 2000,
	): Promise<PublishDiagnosticsParams> {
		const deadline = Date.now() + timeoutMs;
		let last: PublishDiagnosticsParams | undefined;
		for (;;) {
			try {
				last = await this.nextDiagnostics(uri, undefined, Math.max(1, deadline - Date.now()));
			} catch (error) {
				const seen = last ? JSON.stringify(last.diagnostics.map(diagnostic => diagnostic.code)) : 'none';
				throw new Error(
					`no acceptable publishDiagnostics for ${uri} within ${timeoutMs} ms (last codes: ${seen})\n${error instanceof Error ? error.message : error}`,
				);
			}
			if (accept(last)) {
				return last;
			}
		}
	}

	/**
	 * Shuts the server down politely and fails if it crashed, hung, wrote to stderr (with --stdio
	 * everything it logs belongs on the connection) or reported an error.
	 */
	async shutdown(): Promise<void> {
		try {
			if (!this.exit) {
				await this.within('shutdown', this.connection.sendRequest(ShutdownRequest.type));
				this.shuttingDown = true;
				await this.connection.sendNotification(ExitNotification.type);
				await this.within('process exit after the exit notification', this.exited);
			}
		} finally {
			this.dispose();
		}
		const problems: string[] = [];
		if (this.exit?.code !== 0) {
			problems.push(`the server exited with code ${this.exit?.code} (signal ${this.exit?.signal})`);
		}
		if (this.stderr.trim() !== '') {
			problems.push(`the server wrote to stderr:\n${this.stderr}`);
		}
		const errors = [...this.messages.logs, ...this.messages.shown].filter(
			message => message.type === MessageType.Error,
		);
		if (errors.length > 0) {
			problems.push(`the server reported errors:\n${errors.map(message => message.message).join('\n')}`);
		}
		if (problems.length > 0) {
			throw new Error(problems.join('\n'));
		}
	}

	/** Kills the server without ceremony (after a failed test); safe to call twice. */
	dispose(): void {
		this.shuttingDown = true;
		this.connection.dispose();
		if (!this.exit) {
			this.child.kill('SIGKILL');
		}
	}

	/** What the server wrote to stderr and reported as errors, for failure messages. */
	describeOutput(): string {
		const errors = [...this.messages.logs, ...this.messages.shown]
			.filter(message => message.type === MessageType.Error)
			.map(message => message.message);
		return [this.stderr && `stderr:\n${this.stderr}`, errors.length > 0 && `reported errors:\n${errors.join('\n')}`]
			.filter(Boolean)
			.join('\n');
	}

	private async sendChanges(uri: string, changes: readonly TextDocumentContentChangeEvent[]): Promise<number> {
		const current = this.document(uri);
		const version = current.version + 1;
		this.documents.set(uri, TextDocument.update(current, [...changes], version));
		await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
			textDocument: { uri, version },
			contentChanges: [...changes],
		});
		return version;
	}

	private receiveDiagnostics(params: PublishDiagnosticsParams): void {
		this.messages.diagnostics.push(params);
		for (const waiter of this.waiters) {
			if (waiter.uri === params.uri && (waiter.version === undefined || waiter.version === params.version)) {
				this.waiters.delete(waiter);
				waiter.resolve(params);
				return;
			}
		}
		this.published.push(params);
	}

	/** Rejects when `promise` takes longer than the timeout or the server exits first. */
	private within<T>(description: string, promise: Promise<T>, timeoutMs = defaultTimeoutMs): Promise<T> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}\n${this.describeOutput()}`)),
				timeoutMs,
			);
		});
		const crash = this.exited.then(exit => {
			if (this.shuttingDown) {
				return new Promise<never>(() => undefined);
			}
			throw new Error(
				`the server exited (code ${exit.code}, signal ${exit.signal}) while waiting for ${description}\n${this.describeOutput()}`,
			);
		});
		return Promise.race([promise, timeout, crash]).finally(() => clearTimeout(timer));
	}
}

/**
 * Runs `body` against a freshly initialized server and shuts it down afterwards. A failing body
 * wins over shutdown problems, with the server's stderr appended to help diagnose it.
 */
export async function withServer(
	options: InitializeOptions,
	body: (client: LspClient, initializeResult: InitializeResult) => Promise<void>,
): Promise<void> {
	const client = LspClient.start();
	let result: InitializeResult;
	try {
		result = await client.initialize(options);
		await body(client, result);
	} catch (error) {
		client.dispose();
		const output = client.describeOutput();
		if (error instanceof Error && output) {
			error.message += `\n${output}`;
		}
		throw error;
	}
	await client.shutdown();
}

/** The folder holding this repository's package.json, found from wherever the bundled test runs. */
export function repositoryRoot(): string {
	let folder = __dirname;
	for (;;) {
		const manifest = path.join(folder, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'planmark') {
			return folder;
		}
		const parent = path.dirname(folder);
		if (parent === folder) {
			throw new Error(`cannot find the planmark repository above ${__dirname}`);
		}
		folder = parent;
	}
}

function clientCapabilities(pullsConfiguration: boolean): ClientCapabilities {
	return {
		general: { positionEncodings: ['utf-16'] },
		workspace: {
			configuration: pullsConfiguration,
			workspaceFolders: true,
			didChangeConfiguration: { dynamicRegistration: true },
			didChangeWatchedFiles: { dynamicRegistration: true },
			codeLens: { refreshSupport: true },
			applyEdit: true,
		},
		textDocument: {
			synchronization: { dynamicRegistration: false, didSave: true, willSave: false, willSaveWaitUntil: false },
			publishDiagnostics: {
				relatedInformation: true,
				versionSupport: true,
				codeDescriptionSupport: true,
				dataSupport: true,
			},
			documentSymbol: { hierarchicalDocumentSymbolSupport: true, labelSupport: true },
			foldingRange: { lineFoldingOnly: true },
			codeLens: {},
			completion: {
				completionItem: {
					snippetSupport: true,
					insertReplaceSupport: true,
					labelDetailsSupport: true,
					documentationFormat: ['markdown', 'plaintext'],
				},
				contextSupport: true,
			},
			codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
		},
		window: { workDoneProgress: false, showMessage: {} },
	};
}

function isDocumentSymbol(symbol: DocumentSymbol | SymbolInformation): symbol is DocumentSymbol {
	return 'selectionRange' in symbol;
}
