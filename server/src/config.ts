/*
 * planmark's settings, their defaults and what they mean. The `contributes.configuration` block in
 * package.json must agree with this file; a test checks that it does. No I/O here.
 */
import { diagnosticCodes, type DiagnosticCode } from './diagnosticCodes';
import { severityNames, type SeverityName } from './severities';

export { diagnosticCodes, type DiagnosticCode } from './diagnosticCodes';
export * from './severities';

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
	/** Progress as an inlay hint at the end of each heading line, for editors that show hints rather than lenses. */
	readonly inlayHints: { readonly enabled: boolean };
	/** Plans longer than this many characters get outline and progress only. */
	readonly fullAnalysisLimit: number;
	/** The most markdown files the workspace index lists (Plans view, workspace symbols); planmark says when a workspace has more. */
	readonly indexLimit: number;
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
	inlayHints: { enabled: false },
	fullAnalysisLimit: 1_000_000,
	indexLimit: 50_000,
	progress: { countGates: false },
	symbols: 'auto',
	headingAliases: {},
	sectionRequirements: {},
	diagnostics: Object.fromEntries(
		Object.entries(diagnosticCodes).map(([code, info]) => [code, info.severity]),
	) as PlanmarkSettings['diagnostics'],
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
		planFiles:
			Array.isArray(value.planFiles) && value.planFiles.every(glob => typeof glob === 'string')
				? value.planFiles
				: defaultSettings.planFiles,
		templates:
			isRecord(value.templates) && Object.values(value.templates).every(target => typeof target === 'string')
				? (value.templates as Record<string, string>)
				: defaultSettings.templates,
		inlayHints: {
			enabled:
				isRecord(value.inlayHints) && typeof value.inlayHints.enabled === 'boolean'
					? value.inlayHints.enabled
					: defaultSettings.inlayHints.enabled,
		},
		codeLens: {
			enabled: typeof codeLens.enabled === 'boolean' ? codeLens.enabled : defaultSettings.codeLens.enabled,
			format:
				codeLens.format === 'count' || codeLens.format === 'percentage' || codeLens.format === 'both'
					? codeLens.format
					: defaultSettings.codeLens.format,
		},
		fullAnalysisLimit:
			typeof value.fullAnalysisLimit === 'number' && value.fullAnalysisLimit > 0
				? value.fullAnalysisLimit
				: defaultSettings.fullAnalysisLimit,
		indexLimit:
			typeof value.indexLimit === 'number' && value.indexLimit >= 1
				? Math.floor(value.indexLimit)
				: defaultSettings.indexLimit,
		progress: {
			countGates: typeof progress.countGates === 'boolean' ? progress.countGates : defaultSettings.progress.countGates,
		},
		symbols: symbolsSettings.includes(value.symbols as SymbolsSetting)
			? (value.symbols as SymbolsSetting)
			: defaultSettings.symbols,
		headingAliases:
			isRecord(value.headingAliases) && Object.values(value.headingAliases).every(target => typeof target === 'string')
				? (value.headingAliases as Record<string, string>)
				: defaultSettings.headingAliases,
		sectionRequirements: readSectionRequirements(value.sectionRequirements),
		diagnostics: Object.fromEntries(
			Object.keys(diagnosticCodes).map(code => {
				// VS Code nests dotted keys: planmark.diagnostics.trace.unknown-id arrives as { trace: { 'unknown-id': … } }.
				const [group, rest] = code.split(/\.(.*)/s);
				const nested =
					rest && isRecord(diagnostics[group]) ? (diagnostics[group] as Record<string, unknown>)[rest] : undefined;
				const severity = diagnostics[code] ?? nested;
				return [
					code,
					severityNames.includes(severity as SeverityName)
						? severity
						: defaultSettings.diagnostics[code as DiagnosticCode],
				];
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
			rules[glob] = Object.fromEntries(
				Object.entries(headings).filter(
					(entry): entry is [string, 'required' | 'optional'] => entry[1] === 'required' || entry[1] === 'optional',
				),
			);
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
	const pick = <T>(editorValue: T, defaultValue: T, projectValue: T): T =>
		JSON.stringify(editorValue) === JSON.stringify(defaultValue) ? projectValue : editorValue;
	return {
		template: pick(editor.template, defaultSettings.template, fromProject.template),
		planFiles: pick(editor.planFiles, defaultSettings.planFiles, fromProject.planFiles),
		templates: pick(editor.templates, defaultSettings.templates, fromProject.templates),
		inlayHints: {
			enabled: pick(editor.inlayHints.enabled, defaultSettings.inlayHints.enabled, fromProject.inlayHints.enabled),
		},
		codeLens: {
			enabled: pick(editor.codeLens.enabled, defaultSettings.codeLens.enabled, fromProject.codeLens.enabled),
			format: pick(editor.codeLens.format, defaultSettings.codeLens.format, fromProject.codeLens.format),
		},
		fullAnalysisLimit: pick(editor.fullAnalysisLimit, defaultSettings.fullAnalysisLimit, fromProject.fullAnalysisLimit),
		indexLimit: pick(editor.indexLimit, defaultSettings.indexLimit, fromProject.indexLimit),
		progress: {
			countGates: pick(
				editor.progress.countGates,
				defaultSettings.progress.countGates,
				fromProject.progress.countGates,
			),
		},
		symbols: pick(editor.symbols, defaultSettings.symbols, fromProject.symbols),
		headingAliases: pick(editor.headingAliases, defaultSettings.headingAliases, fromProject.headingAliases),
		sectionRequirements: pick(
			editor.sectionRequirements,
			defaultSettings.sectionRequirements,
			fromProject.sectionRequirements,
		),
		diagnostics: Object.fromEntries(
			Object.keys(diagnosticCodes).map(code => {
				const key = code as DiagnosticCode;
				return [code, pick(editor.diagnostics[key], defaultSettings.diagnostics[key], fromProject.diagnostics[key])];
			}),
		) as PlanmarkSettings['diagnostics'],
	};
}

/** The symbols setting with `auto` decided: `blocks` when the editor lists markdown headings itself, else `all`. */
export function listedSymbols(
	settings: PlanmarkSettings,
	editorListsHeadings: boolean,
): Exclude<SymbolsSetting, 'auto'> {
	return settings.symbols === 'auto' ? (editorListsHeadings ? 'blocks' : 'all') : settings.symbols;
}
