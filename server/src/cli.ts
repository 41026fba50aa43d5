import * as path from 'node:path';
import picomatch from 'picomatch';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { findFiles } from './cli/findFiles';
import { applyTextEdits, readFile, replaceFile, type ReadFile } from './cli/fixFiles';
import { countBySeverity, github, json, sarif, stylish, type FileResult } from './cli/formats';
import { parseCommandLine, usage, type CliOptions } from './cli/options';
import { progressJson, progressTable } from './cli/progressTable';
import { statusJson, statusMarkdown, statusTable } from './cli/statusFormats';
import { readProjectConfig } from './workspace/projectConfig';
import { colourStyle, formatOutline, formatProblems, plainStyle } from './cli/report';
import { lspSeverities, readSettings } from './config';
import { formatProgress, type DocumentProgress } from './protocol';
import { createLanguageService, type PlanLanguageService, type TextDocumentLike } from './languageService';
import { nodeFileSystem } from './workspace/nodeFileSystem';

const version = process.env.PLANMARK_VERSION ?? '0.0.0';

/** A reason to stop with exit code 2: bad usage, unreadable input, a broken configuration. */
class UsageError extends Error {}

async function main(argv: readonly string[]): Promise<number> {
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
		return parsed.options.command === 'status'
			? await status(parsed.options, process.cwd())
			: run(parsed.options, process.cwd());
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
	if (options.command === 'trace') {
		return trace(service, options, root);
	}
	const found = findFiles(root, options.paths);
	if ('error' in found) {
		throw new UsageError(found.error);
	}
	const style = options.color ? colourStyle : plainStyle;
	const ticker = progressTicker(found.files.length);
	const plans: { path: string; read: ReadFile; document: TextDocumentLike }[] = [];
	// Files planmark could not read or fix: each is reported, the run goes on, and it ends with exit code 2.
	const fileProblems: string[] = [];
	for (const file of found.files) {
		ticker.tick();
		const read = readFile(file);
		if ('error' in read) {
			fileProblems.push(read.error);
			continue;
		}
		const document = documentOf(read);
		if (service.getDocumentInfo(document)?.isPlan || citesAcrossFeature(service, document)) {
			plans.push({ path: displayPath(root, file), read, document });
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
		return reportFileProblems(fileProblems) ? 2 : 0;
	}
	const results: FileResult[] = [];
	for (const plan of plans) {
		let document = plan.document;
		if (options.fix) {
			const fixed = fixFile(service, plan.read, plan.document);
			document = fixed.document;
			if (fixed.problem) {
				fileProblems.push(`${plan.path} ${fixed.problem}`);
			}
		}
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
			// The options allow markdown for status and trace only.
			markdown: () => stylish(results, style),
		}[options.format]();
		process.stdout.write(output);
	}
	if (reportFileProblems(fileProblems)) {
		return 2;
	}
	// Only check fails on problems; report and progress describe the plans and succeed.
	return options.command === 'check' && failed(results, options) ? 1 : 0;
}

/** `planmark trace`: the coverage matrix of each feature folder named (or under it), as markdown or JSON. */
function trace(service: PlanLanguageService, options: CliOptions, root: string): number {
	const folders = options.paths.length > 0 ? options.paths.map(given => path.resolve(root, given)) : [root];
	const matrices = folders.flatMap(folder => {
		const found = service.getTraceMatrix(folder);
		if (found.length === 0) {
			process.stderr.write(`planmark: no spec-kit feature folder at or under ${displayPath(root, folder) || '.'}\n`);
		}
		return found;
	});
	if (matrices.length === 0) {
		return 2;
	}
	process.stdout.write(
		options.format === 'json'
			? `${JSON.stringify({ version: 1, features: matrices }, null, 2)}\n`
			: service.formatTraceMatrix(matrices),
	);
	return 0;
}

/**
 * `planmark status`: every feature under the folder it runs in, or those the paths name (a folder
 * for the features in it, a document for its feature). It describes and exits 0; 2 on bad usage.
 */
async function status(options: CliOptions, root: string): Promise<number> {
	const given = options.paths.map(entry => {
		if (picomatch.scan(entry).isGlob) {
			throw new UsageError(`status takes files and folders, not globs: ${entry}`);
		}
		const absolute = path.resolve(root, entry);
		if (!nodeFileSystem.exists(absolute)) {
			throw new UsageError(`no such file or folder: ${entry}`);
		}
		return absolute;
	});
	const service = createService(options, root);
	const inside = (filePath: string, folder: string) =>
		filePath === folder || filePath.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
	const outside = given.filter(entry => !inside(entry, root));
	if (outside.length > 0) {
		service.setWorkspaceFolders([root, ...outside]);
	}
	const features = (await service.getFeatures([])).filter(feature => {
		const folder = fileURLToPath(feature.folderUri);
		return given.length === 0 || given.some(entry => inside(folder, entry) || inside(entry, folder));
	});
	const style = options.color ? colourStyle : plainStyle;
	process.stdout.write(
		options.format === 'json'
			? statusJson(features)
			: options.format === 'markdown'
				? statusMarkdown(features)
				: statusTable(features, style),
	);
	return 0;
}

/** A feature's document that no template governs (a checklist, say) is reported when its IDs have problems. */
function citesAcrossFeature(service: PlanLanguageService, document: TextDocumentLike): boolean {
	return service.getFeatureSiblings(document.uri).length > 0 && service.getDiagnostics(document).length > 0;
}

function createService(options: CliOptions, root: string): PlanLanguageService {
	const config = readProjectConfig(root, options.config, true);
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
		// Besides the folder it runs in and the templates, the CLI reads what its command line names.
		readablePaths: options.paths.filter(given => !picomatch.scan(given).isGlob).map(given => path.resolve(root, given)),
	});
	service.setWorkspaceFolders([root]);
	service.updateSettings(settings);
	return service;
}

function documentOf(read: ReadFile): TextDocumentLike {
	return { uri: pathToFileURL(read.filePath).href, version: 1, getText: () => read.text };
}

/** Writes each file problem to stderr; true when there was one. */
function reportFileProblems(problems: readonly string[]): boolean {
	for (const problem of problems) {
		process.stderr.write(`planmark: ${problem}\n`);
	}
	return problems.length > 0;
}

/** How many rounds of fixes --fix applies at most; a fix can uncover or unblock another, as in ESLint. */
const maximumFixPasses = 10;

/**
 * Applies every fix that needs no choice, round after round until none is left, and writes the file
 * once; a file that cannot be rewritten exactly is left as it was, and the reason returned.
 */
function fixFile(
	service: PlanLanguageService,
	read: ReadFile,
	document: TextDocumentLike,
): { document: TextDocumentLike; problem?: string } {
	const original = read.text;
	let text = original;
	for (let pass = 1; pass <= maximumFixPasses; pass++) {
		const edits = service.getFixAllEdits({ uri: document.uri, version: document.version + pass, getText: () => text });
		if (edits.length === 0) {
			break;
		}
		text = applyTextEdits(text, edits);
	}
	if (text === original) {
		return { document };
	}
	const problem = replaceFile(read, text);
	if (problem) {
		return { document, problem };
	}
	const fixed = text;
	return { document: { uri: document.uri, version: document.version + maximumFixPasses + 1, getText: () => fixed } };
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

void main(process.argv.slice(2)).then(code => {
	process.exitCode = code;
});
