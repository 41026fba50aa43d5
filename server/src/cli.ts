import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { findFiles } from './cli/findFiles';
import { applyTextEdits, writeFileAtomically } from './cli/fixFiles';
import { countBySeverity, github, json, sarif, stylish, type FileResult } from './cli/formats';
import { parseCommandLine, usage, type CliOptions } from './cli/options';
import { progressJson, progressTable } from './cli/progressTable';
import { readProjectConfig } from './workspace/projectConfig';
import { colourStyle, formatOutline, formatProblems, plainStyle } from './cli/report';
import { lspSeverities, readSettings } from './config';
import { formatProgress, type DocumentProgress } from './protocol';
import { createLanguageService, type PlanLanguageService, type TextDocumentLike } from './languageService';
import { nodeFileSystem } from './workspace/nodeFileSystem';

const version = process.env.PLANMARK_VERSION ?? '0.0.0';

/** A reason to stop with exit code 2: bad usage, unreadable input, a broken configuration. */
class UsageError extends Error {}

function main(argv: readonly string[]): number {
	const parsed = parseCommandLine(argv, process.env, !!process.stdout.isTTY);
	if ('help' in parsed) {
		process.stdout.write(`${usage}\n`);
		return 0;
	}
	if ('version' in parsed) {
		process.stdout.write(`${version}\n`);
		return 0;
	}
	if ('error' in parsed) {
		process.stderr.write(`planmark: ${parsed.error}\n`);
		return 2;
	}
	try {
		return run(parsed.options, process.cwd());
	} catch (error) {
		if (error instanceof UsageError) {
			process.stderr.write(`planmark: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
}

function run(options: CliOptions, root: string): number {
	const service = createService(options, root);
	const found = findFiles(root, options.paths);
	if ('error' in found) {
		throw new UsageError(found.error);
	}
	const style = options.color ? colourStyle : plainStyle;
	const ticker = progressTicker(found.files.length);
	const plans: { path: string; file: string; document: TextDocumentLike }[] = [];
	for (const file of found.files) {
		ticker.tick();
		const document = readDocument(file);
		if (service.getDocumentInfo(document)?.isPlan) {
			plans.push({ path: displayPath(root, file), file, document });
		} else if (found.explicit.has(file)) {
			process.stderr.write(
				`planmark: ${displayPath(root, file)} is not a plan (neither its name nor its title matches); skipped\n`,
			);
		}
	}
	ticker.done();
	if (options.command === 'progress') {
		const rows = plans.map(plan => ({ path: plan.path, progress: progressOf(service, plan.document) }));
		process.stdout.write(options.format === 'json' ? progressJson(rows) : progressTable(rows, style));
		return 0;
	}
	const results: FileResult[] = [];
	for (const plan of plans) {
		const document = options.fix ? fixFile(service, plan.file, plan.document) : plan.document;
		const diagnostics = service
			.getDiagnostics(document)
			.filter(diagnostic => !options.quiet || diagnostic.severity === DiagnosticSeverity.Error);
		const info = service.getDocumentInfo(document);
		results.push({ path: plan.path, title: info?.title, diagnostics });
		if (options.command === 'report') {
			const progress = progressOf(service, document);
			const lines = [
				style.bold(`${plan.path}: ${info?.title ?? '(no title)'}`),
				`Template: ${info?.templateUri}`,
				`Progress: ${formatProgress(progress)}`,
				'',
				style.bold('Outline'),
				...formatOutline(progress, style).map(line => `  ${line}`),
				'',
				style.bold(`Problems (${diagnostics.length})`),
				...formatProblems(plan.path, diagnostics, style).map(line => `  ${line}`),
				'',
			];
			process.stdout.write(`${lines.join('\n')}\n`);
		}
	}
	if (options.command === 'check') {
		const output = {
			stylish: () => stylish(results, style),
			json: () => json(results),
			sarif: () => sarif(results, version),
			github: () => github(results),
		}[options.format]();
		process.stdout.write(output);
	}
	// Only check fails on problems; report and progress describe the plans and succeed.
	return options.command === 'check' && failed(results, options) ? 1 : 0;
}

function createService(options: CliOptions, root: string): PlanLanguageService {
	const config = readProjectConfig(root, options.config);
	if ('error' in config) {
		throw new UsageError(config.error);
	}
	const settings = readSettings(config.settings);
	const template = options.template ?? settings.template;
	if (template) {
		const base = options.template || !config.path ? root : path.dirname(config.path);
		const templatePath = path.resolve(base, template);
		if (nodeFileSystem.readFile(templatePath) === undefined) {
			throw new UsageError(`cannot read template ${templatePath}`);
		}
		Object.assign(settings, { template: templatePath });
	}
	const service = createLanguageService({
		fileSystem: nodeFileSystem,
		warn: message => process.stderr.write(`planmark: ${message}\n`),
	});
	service.setWorkspaceFolders([root]);
	service.updateSettings(settings);
	return service;
}

function readDocument(file: string): TextDocumentLike {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
	}
	return { uri: pathToFileURL(file).href, version: 1, getText: () => text };
}

/** How many rounds of fixes --fix applies at most; a fix can uncover or unblock another, as in ESLint. */
const maximumFixPasses = 10;

/** Applies every fix that needs no choice, round after round until none is left, and writes the file once. */
function fixFile(service: PlanLanguageService, file: string, document: TextDocumentLike): TextDocumentLike {
	const original = document.getText();
	const hadBom = original.startsWith('\uFEFF');
	let text = hadBom ? original.slice(1) : original;
	for (let pass = 1; pass <= maximumFixPasses; pass++) {
		const edits = service.getFixAllEdits({ uri: document.uri, version: document.version + pass, getText: () => text });
		if (edits.length === 0) {
			break;
		}
		text = applyTextEdits(text, edits);
	}
	if (text === (hadBom ? original.slice(1) : original)) {
		return document;
	}
	writeFileAtomically(file, text, hadBom);
	const fixed = text;
	return { uri: document.uri, version: document.version + maximumFixPasses + 1, getText: () => fixed };
}

function failed(results: readonly FileResult[], options: CliOptions): boolean {
	const threshold = lspSeverities[options.severity];
	const atOrAbove = results.some(result =>
		result.diagnostics.some((diagnostic: Diagnostic) => (diagnostic.severity ?? DiagnosticSeverity.Error) <= threshold),
	);
	const tooManyWarnings = options.maxWarnings !== undefined && countBySeverity(results).warning > options.maxWarnings;
	return atOrAbove || tooManyWarnings;
}

/** The CLI never cancels, so the service always answers. */
function progressOf(service: PlanLanguageService, document: TextDocumentLike): DocumentProgress {
	return service.getDocumentProgress(document)!;
}

function displayPath(root: string, file: string): string {
	const relative = path.relative(root, file);
	return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

/** On a terminal, "planmark: reading 120/500 files…" once a run takes more than a second. */
function progressTicker(total: number): { tick(): void; done(): void } {
	const started = Date.now();
	let count = 0;
	let shown = false;
	return {
		tick() {
			count++;
			if (process.stderr.isTTY && Date.now() - started > 1000 && count % 10 === 0) {
				shown = true;
				process.stderr.write(`\rplanmark: reading ${count}/${total} files…`);
			}
		},
		done() {
			if (shown) {
				process.stderr.write('\r\x1b[K');
			}
		},
	};
}

process.exitCode = main(process.argv.slice(2));
