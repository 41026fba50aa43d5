/*
 * planmark's settings, their defaults and what they mean. The `contributes.configuration` block in
 * package.json must agree with this file; a test checks that it does. No I/O here.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const severityNames: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

/** A severity a reported diagnostic has, by the name settings and the CLI use. */
export type ReportedSeverity = Exclude<SeverityName, 'off'>;

/** Each severity name as LSP numbers it; the one map between the two. */
export const lspSeverities: Readonly<Record<ReportedSeverity, DiagnosticSeverity>> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

/** The name of an LSP severity; a diagnostic without one is an error, as LSP says clients should read it. */
export function severityNameOf(severity: DiagnosticSeverity | undefined): ReportedSeverity {
	return (Object.keys(lspSeverities) as ReportedSeverity[]).find(name => lspSeverities[name] === severity) ?? 'error';
}

/** Every diagnostic code planmark reports, with its default severity and meaning. */
export const diagnosticCodes = {
	'placeholder': { severity: 'warning', description: 'A bracket placeholder from the template, such as "[Service 2]", is still in the plan.' },
	'needs-clarification': { severity: 'warning', description: 'A "[NEEDS CLARIFICATION: …]" marker still asks its question.' },
	'repeat-marker': { severity: 'warning', description: 'A leftover repeat marker such as "[Repeat structure]".' },
	'template-text': { severity: 'warning', description: 'The template\'s instruction or example text is still in the plan, unchanged.' },
	'unresolved-choice': { severity: 'warning', description: 'A choice field still lists all its options, such as "Status: PASS / FAIL / CONDITIONAL".' },
	'invalid-choice': { severity: 'warning', description: 'A choice field holds a value that is not one of the template\'s options.' },
	'gate-failed': { severity: 'error', description: 'A gate\'s status is a blocking value such as FAIL: the plan cannot go ahead.' },
	'gate-conditional': { severity: 'information', description: 'A gate passed with conditions (for example CONDITIONAL).' },
	'missing-section': { severity: 'warning', description: 'A section of the template is missing from the plan.' },
	'section-order': { severity: 'warning', description: 'A section comes in a different order than in the template.' },
	'section-number': { severity: 'warning', description: 'A section\'s number differs from the template\'s, or is used twice.' },
	'duplicate-section': { severity: 'warning', description: 'A template section appears more than once.' },
	'empty-section': { severity: 'warning', description: 'A section the template gives content to has none.' },
	'task-id-duplicate': { severity: 'warning', description: 'A task ID such as T005 is used by two tasks.' },
	'task-id-order': { severity: 'information', description: 'A task ID is lower than one before it (T009 then T005); gaps and suffixed subtasks such as T012a are fine.' },
	'broken-link': { severity: 'warning', description: 'A relative link points at a file or heading that does not exist.' },
	'degraded': { severity: 'information', description: 'Part of the plan (or all of it, above planmark.fullAnalysisLimit) was only scanned for its outline and tasks.' },
} as const satisfies Record<string, { severity: SeverityName; description: string }>;

export type DiagnosticCode = keyof typeof diagnosticCodes;

/**
 * Which outline entries planmark answers document and workspace symbol requests with: every
 * section, block and heading; only the blocks that are not markdown headings (bold leads such as
 * "**Gate 1**"), for editors that already list every heading; or none. `auto` is `blocks` when the
 * client says it lists markdown headings itself (VS Code's built-in Markdown extension does), else `all`.
 */
export type SymbolsSetting = 'auto' | 'all' | 'blocks' | 'none';

const symbolsSettings: readonly SymbolsSetting[] = ['auto', 'all', 'blocks', 'none'];

export interface PlanmarkSettings {
	/** Path of the template file; empty means the workspace's spec-kit template or the bundled one. */
	readonly template: string;
	/** Globs of file names that are plans whatever their title. */
	readonly planFiles: readonly string[];
	/** Globs of documents mapped to the template that governs them, for layouts other than spec-kit's. */
	readonly templates: Readonly<Record<string, string>>;
	readonly codeLens: { readonly enabled: boolean; readonly format: 'count' | 'percentage' | 'both' };
	/** Plans longer than this many characters get outline and progress only. */
	readonly fullAnalysisLimit: number;
	/** Whether gates count as progress items (done when their status passed). */
	readonly progress: { readonly countGates: boolean };
	readonly symbols: SymbolsSetting;
	/** A heading a team writes (a translation, a house name) → the template heading it stands for. */
	readonly headingAliases: Readonly<Record<string, string>>;
	/** Globs of documents → template heading, or "*" for sections the template does not mark → required or optional. */
	readonly sectionRequirements: Readonly<Record<string, Readonly<Record<string, 'required' | 'optional'>>>>;
	readonly diagnostics: { readonly [code in DiagnosticCode]: SeverityName };
}

export const defaultSettings: PlanmarkSettings = {
	template: '',
	planFiles: ['**/plan.md'],
	templates: {},
	codeLens: { enabled: true, format: 'both' },
	fullAnalysisLimit: 1_000_000,
	progress: { countGates: false },
	symbols: 'auto',
	headingAliases: {},
	sectionRequirements: {},
	diagnostics: Object.fromEntries(Object.entries(diagnosticCodes).map(([code, info]) => [code, info.severity])) as PlanmarkSettings['diagnostics'],
};

/**
 * Reads settings sent by a client (VS Code's `planmark` section or an editor's
 * initializationOptions). Unknown keys are ignored and ill-typed values fall back to defaults, so a
 * typo in a settings file never breaks the server.
 */
export function readSettings(raw: unknown): PlanmarkSettings {
	const value = isRecord(raw) ? raw : {};
	const codeLens = isRecord(value.codeLens) ? value.codeLens : {};
	const progress = isRecord(value.progress) ? value.progress : {};
	const diagnostics = isRecord(value.diagnostics) ? value.diagnostics : {};
	return {
		template: typeof value.template === 'string' ? value.template.trim() : defaultSettings.template,
		planFiles: Array.isArray(value.planFiles) && value.planFiles.every(glob => typeof glob === 'string') ? value.planFiles : defaultSettings.planFiles,
		templates: isRecord(value.templates) && Object.values(value.templates).every(target => typeof target === 'string') ? (value.templates as Record<string, string>) : defaultSettings.templates,
		codeLens: {
			enabled: typeof codeLens.enabled === 'boolean' ? codeLens.enabled : defaultSettings.codeLens.enabled,
			format: codeLens.format === 'count' || codeLens.format === 'percentage' || codeLens.format === 'both' ? codeLens.format : defaultSettings.codeLens.format,
		},
		fullAnalysisLimit: typeof value.fullAnalysisLimit === 'number' && value.fullAnalysisLimit > 0 ? value.fullAnalysisLimit : defaultSettings.fullAnalysisLimit,
		progress: { countGates: typeof progress.countGates === 'boolean' ? progress.countGates : defaultSettings.progress.countGates },
		symbols: symbolsSettings.includes(value.symbols as SymbolsSetting) ? (value.symbols as SymbolsSetting) : defaultSettings.symbols,
		headingAliases: isRecord(value.headingAliases) && Object.values(value.headingAliases).every(target => typeof target === 'string') ? (value.headingAliases as Record<string, string>) : defaultSettings.headingAliases,
		sectionRequirements: readSectionRequirements(value.sectionRequirements),
		diagnostics: Object.fromEntries(
			Object.keys(diagnosticCodes).map(code => {
				const severity = diagnostics[code];
				return [code, severityNames.includes(severity as SeverityName) ? severity : defaultSettings.diagnostics[code as DiagnosticCode]];
			}),
		) as PlanmarkSettings['diagnostics'],
	};
}

/** Keeps the well-formed rules of `sectionRequirements`: glob → heading → "required" or "optional". */
function readSectionRequirements(raw: unknown): PlanmarkSettings['sectionRequirements'] {
	if (!isRecord(raw)) {
		return defaultSettings.sectionRequirements;
	}
	const rules: Record<string, Record<string, 'required' | 'optional'>> = {};
	for (const [glob, headings] of Object.entries(raw)) {
		if (isRecord(headings)) {
			rules[glob] = Object.fromEntries(Object.entries(headings).filter((entry): entry is [string, 'required' | 'optional'] => entry[1] === 'required' || entry[1] === 'optional'));
		}
	}
	return rules;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Settings for a folder with a project settings file (`.planmark.json`): the file's values win
 * over the editor's where the editor still has the default, so a repository's own settings apply
 * in every editor and in CI, and what a user set explicitly in the editor still counts.
 */
export function withProjectSettings(editor: PlanmarkSettings, project: unknown): PlanmarkSettings {
	const fromProject = readSettings(project);
	const pick = <T>(editorValue: T, defaultValue: T, projectValue: T): T => (JSON.stringify(editorValue) === JSON.stringify(defaultValue) ? projectValue : editorValue);
	return {
		template: pick(editor.template, defaultSettings.template, fromProject.template),
		planFiles: pick(editor.planFiles, defaultSettings.planFiles, fromProject.planFiles),
		templates: pick(editor.templates, defaultSettings.templates, fromProject.templates),
		codeLens: {
			enabled: pick(editor.codeLens.enabled, defaultSettings.codeLens.enabled, fromProject.codeLens.enabled),
			format: pick(editor.codeLens.format, defaultSettings.codeLens.format, fromProject.codeLens.format),
		},
		fullAnalysisLimit: pick(editor.fullAnalysisLimit, defaultSettings.fullAnalysisLimit, fromProject.fullAnalysisLimit),
		progress: { countGates: pick(editor.progress.countGates, defaultSettings.progress.countGates, fromProject.progress.countGates) },
		symbols: pick(editor.symbols, defaultSettings.symbols, fromProject.symbols),
		headingAliases: pick(editor.headingAliases, defaultSettings.headingAliases, fromProject.headingAliases),
		sectionRequirements: pick(editor.sectionRequirements, defaultSettings.sectionRequirements, fromProject.sectionRequirements),
		diagnostics: Object.fromEntries(
			Object.keys(diagnosticCodes).map(code => {
				const key = code as DiagnosticCode;
				return [code, pick(editor.diagnostics[key], defaultSettings.diagnostics[key], fromProject.diagnostics[key])];
			}),
		) as PlanmarkSettings['diagnostics'],
	};
}

/** The symbols setting with `auto` decided: `blocks` when the editor lists markdown headings itself, else `all`. */
export function listedSymbols(settings: PlanmarkSettings, editorListsHeadings: boolean): Exclude<SymbolsSetting, 'auto'> {
	return settings.symbols === 'auto' ? (editorListsHeadings ? 'blocks' : 'all') : settings.symbols;
}
