import { parseArgs } from 'node:util';
import { lspSeverities, type ReportedSeverity } from '../config';

export type Command = 'check' | 'report' | 'progress' | 'status' | 'trace';
export type Format = 'stylish' | 'json' | 'sarif' | 'github' | 'markdown';
export type Threshold = ReportedSeverity;

export interface CliOptions {
	readonly command: Command;
	readonly paths: readonly string[];
	readonly template?: string;
	readonly config?: string;
	readonly format: Format;
	/** Problems at or above this severity make the exit code 1. */
	readonly severity: Threshold;
	readonly maxWarnings?: number;
	readonly quiet: boolean;
	readonly color: boolean;
	readonly fix: boolean;
}

export type ParsedCommandLine =
	| { readonly options: CliOptions }
	| { readonly help: true }
	| { readonly version: true }
	| { readonly error: string };

export const usage = `usage: planmark <command> [options] [paths or globs...]

commands:
  check [paths...]     report the problems of each plan (the default command)
  report [paths...]    outline with progress, then problems, for each plan
  progress [paths...]  done/total and percentage per top-level section and overall
  status [paths...]    each feature folder (specs/NNN-name/): its phase, tasks, checklists,
                       open clarifications and problems
  trace [folders...]   the coverage matrix of each feature folder (or of every feature under a
                       project's specs/): each story and requirement with the tasks and checklist
                       items citing it, and done/total

Without paths, every plan under the current folder is used: files matching the plan globs
(default **/plan.md) or whose title matches the template's. A folder stands for the plans in it; for status, for the features in it (a document, for its feature).

options:
  --template <path>        template file (default: .specify/templates/plan-template.md, else bundled)
  --config <path>          settings file (default: .planmark.json, or "planmark" in package.json)
  -f, --format <name>      check: stylish (default), json, sarif, github; progress: stylish, json;
                           status: stylish, json, markdown (a pull-request comment);
                           trace: markdown (default), json
  --severity <level>       lowest severity that fails the run: error, warning (default), information, hint
  --max-warnings <n>       fail when there are more than n warnings, even below --severity
  -q, --quiet              report errors only
  --no-color               plain output even on a terminal
  --fix                    apply every fix that needs no choice, then report what is left
  -h, --help               this help
  -v, --version            the version

exit codes: 0 nothing at or above the threshold, 1 problems found, 2 usage or configuration error
(report, progress and status describe and exit 0, or 2 on bad usage)`;

const formats: readonly Format[] = ['stylish', 'json', 'sarif', 'github'];
/** The formats of the commands that do not list problems; the first is the default. */
const describingFormats: Partial<Record<Command, readonly Format[]>> = {
	progress: ['stylish', 'json'],
	status: ['stylish', 'json', 'markdown'],
	trace: ['markdown', 'json'],
};
const thresholds = Object.keys(lspSeverities) as readonly Threshold[];

function readArguments(argv: readonly string[]) {
	return parseArgs({
		args: [...argv],
		allowPositionals: true,
		options: {
			template: { type: 'string' },
			config: { type: 'string' },
			format: { type: 'string', short: 'f' },
			severity: { type: 'string' },
			'max-warnings': { type: 'string' },
			quiet: { type: 'boolean', short: 'q' },
			color: { type: 'boolean' },
			'no-color': { type: 'boolean' },
			fix: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
			version: { type: 'boolean', short: 'v' },
		},
	});
}

export function parseCommandLine(
	argv: readonly string[],
	environment: NodeJS.ProcessEnv,
	isTerminal: boolean,
): ParsedCommandLine {
	let parsed: ReturnType<typeof readArguments>;
	try {
		parsed = readArguments(argv);
	} catch (error) {
		return { error: (error as Error).message };
	}
	const { values, positionals } = parsed;
	if (values.help) {
		return { help: true };
	}
	if (values.version) {
		return { version: true };
	}
	const [first, ...rest] = positionals;
	const command: Command =
		first === 'report' || first === 'progress' || first === 'check' || first === 'status' || first === 'trace'
			? first
			: 'check';
	const paths = first === command ? rest : positionals;
	const allowed = describingFormats[command] ?? formats;
	const format = values.format ?? allowed[0];
	if (!allowed.includes(format as Format)) {
		return { error: `unknown format "${format}" for ${command}; use ${allowed.join(', ')}` };
	}
	const severity = values.severity ?? 'warning';
	if (!thresholds.includes(severity as Threshold)) {
		return { error: `unknown severity "${severity}"; use ${thresholds.join(', ')}` };
	}
	const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
	if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
		return { error: `--max-warnings needs a whole number, not "${values['max-warnings']}"` };
	}
	if (values.fix && command !== 'check') {
		return { error: '--fix works with the check command only' };
	}
	const color = values['no-color']
		? false
		: values.color
			? true
			: isTerminal && !environment.NO_COLOR && environment.TERM !== 'dumb';
	return {
		options: {
			command,
			paths,
			template: values.template,
			config: values.config,
			format: format as Format,
			severity: severity as Threshold,
			maxWarnings,
			quiet: values.quiet ?? false,
			color,
			fix: values.fix ?? false,
		},
	};
}
