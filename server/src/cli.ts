import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { colourStyle, formatOutline, formatProblems, plainStyle } from './cli/report';
import { defaultSettings } from './config';
import { formatProgress, progressOf } from './features/progress';
import { createLanguageService } from './languageService';
import { matchesPlanFiles } from './model/planFiles';
import { nodeFileSystem } from './workspace/nodeFileSystem';

const usage = `usage: planmark <command> [options] [files...]

commands:
  report [files...]   outline with checkbox progress, then problems, for each plan
  check [files...]    problems only; exit code 1 when there are any

Without files, every plan under the current folder is used (files matching **/plan.md,
or whose title matches the template's).

options:
  --template <path>   template file (default: .specify/templates/plan-template.md, else bundled)
  --no-color          plain output even on a terminal
  -h, --help          this help
  -v, --version       the version`;

function main(argv: string[]): number {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				template: { type: 'string' },
				'no-color': { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
				version: { type: 'boolean', short: 'v' },
			},
		});
	} catch (error) {
		process.stderr.write(`planmark: ${(error as Error).message}\n${usage}\n`);
		return 2;
	}
	const { values, positionals } = parsed;
	if (values.help) {
		process.stdout.write(`${usage}\n`);
		return 0;
	}
	if (values.version) {
		process.stdout.write(`${process.env.PLANMARK_VERSION ?? 'unknown'}\n`);
		return 0;
	}
	const [command, ...files] = positionals;
	if (command !== 'report' && command !== 'check') {
		process.stderr.write(`planmark: ${command ? `unknown command "${command}"` : 'no command given'}\n${usage}\n`);
		return 2;
	}
	const root = process.cwd();
	if (values.template && !fs.existsSync(path.resolve(root, values.template))) {
		process.stderr.write(`planmark: cannot read template "${values.template}"\n`);
		return 2;
	}
	const service = createLanguageService({ fileSystem: nodeFileSystem, warn: message => process.stderr.write(`planmark: ${message}\n`) });
	service.setWorkspaceFolders([root]);
	service.updateSettings({ ...defaultSettings, template: values.template ?? '' });
	const style = process.stdout.isTTY && !values['no-color'] && !process.env.NO_COLOR ? colourStyle : plainStyle;
	const targets = files.length > 0 ? files.map(file => path.resolve(root, file)) : findMarkdown(root);
	let problems = 0;
	let plans = 0;
	for (const file of targets) {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
		} catch (error) {
			process.stderr.write(`planmark: cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? error}\n`);
			return 2;
		}
		const document = { uri: pathToFileURL(file).href, version: 1, getText: () => text };
		const plan = service.getPlanDocument(document);
		if (!plan.isPlan) {
			if (files.length > 0) {
				process.stderr.write(`planmark: ${path.relative(root, file)} is not a plan (its name and title match no plan template); skipped\n`);
			}
			continue;
		}
		plans++;
		const displayPath = path.relative(root, file) || file;
		const diagnostics = service.getDiagnostics(document);
		problems += diagnostics.filter(diagnostic => (diagnostic.severity ?? DiagnosticSeverity.Error) <= DiagnosticSeverity.Warning).length;
		const out: string[] = [];
		if (command === 'report') {
			out.push(style.bold(`${displayPath}: ${plan.title?.name ?? '(no title)'}`), `Template: ${plan.template.uri}`, `Progress: ${formatProgress(progressOf(plan, undefined, service.settings.progress))}`, '');
			out.push(style.bold('Outline'), ...formatOutline(plan, style, service.settings.progress).map(line => `  ${line}`), '');
			out.push(style.bold(`Problems (${diagnostics.length})`), ...formatProblems(displayPath, diagnostics, style).map(line => `  ${line}`), '');
		} else {
			out.push(...formatProblems(displayPath, diagnostics, style));
		}
		if (out.length > 0) {
			process.stdout.write(`${out.join('\n')}\n`);
		}
	}
	if (command === 'check') {
		process.stdout.write(`${plans} plan${plans === 1 ? '' : 's'} checked, ${problems} problem${problems === 1 ? '' : 's'}\n`);
	}
	return problems > 0 && command === 'check' ? 1 : 0;

	function findMarkdown(folder: string): string[] {
		const found: string[] = [];
		const walk = (current: string) => {
			for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
				if (entry.name === 'node_modules' || entry.name === '.git') {
					continue;
				}
				const full = path.join(current, entry.name);
				if (entry.isDirectory()) {
					walk(full);
				} else if (entry.name.endsWith('.md') && (matchesPlanFiles(pathToFileURL(full).href, [folder], service.settings.planFiles) || looksLikePlanTitle(full))) {
					found.push(full);
				}
			}
		};
		walk(folder);
		return found.sort();
	}

	function looksLikePlanTitle(file: string): boolean {
		const head = fs.readFileSync(file, 'utf8').slice(0, 4096);
		return /^#\s/m.test(head) && !/template\.md$/i.test(file);
	}
}

process.exitCode = main(process.argv.slice(2));
