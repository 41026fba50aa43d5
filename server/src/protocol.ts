import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Position, Range } from 'vscode-languageserver-types';

/*
 * planmark's own requests, declared once and shared by the server, the VS Code client and tests.
 * Any LSP client may send them.
 */

/** A section or block with its progress, nested as in the outline. */
export interface ProgressNode {
	readonly name: string;
	readonly kind: 'title' | 'section' | 'block' | 'heading';
	readonly range: Range;
	readonly done: number;
	readonly total: number;
	/** The first open item in it, if any. */
	readonly nextOpen?: Position;
	readonly children: readonly ProgressNode[];
}

export interface OpenItem {
	readonly text: string;
	readonly position: Position;
	/** The section or block it is in. */
	readonly section?: string;
}

export interface DocumentProgress {
	readonly uri: string;
	/** The plan's title, or its file name. */
	readonly title: string;
	readonly isPlan: boolean;
	readonly done: number;
	readonly total: number;
	/** How many diagnostics planmark reports for it. */
	readonly problems: number;
	readonly outline: readonly ProgressNode[];
	readonly openItems: readonly OpenItem[];
}

/**
 * The progress tree of one document: an open one, or a plan of the workspace that is not open (then
 * without open items); null for a document the server does not know.
 */
export const documentProgressRequest = new RequestType<{ readonly uri: string }, DocumentProgress | null, void>(
	'planmark/documentProgress',
);

/**
 * The progress of every plan in the workspace, open or not, without open items. With `outline: false`
 * each plan's outline is left empty, which keeps the answer small in a big workspace: a client asks
 * `planmark/documentProgress` for a plan's outline when it needs it (the Plans view, on expanding one).
 */
export const workspaceProgressRequest = new RequestType<{ readonly outline?: boolean }, DocumentProgress[], void>(
	'planmark/workspaceProgress',
);

/**
 * Where a feature is in spec-kit's workflow, named after its commands, in order. Which one a feature
 * is in follows from its documents (features/featurePhase.ts; the README's "Where a feature stands").
 */
export const featurePhases = ['specify', 'clarify', 'plan', 'tasks', 'implement', 'done'] as const;
export type FeaturePhase = (typeof featurePhases)[number];

/** The workflow as the dashboard and `planmark status --format markdown` draw it: spec → plan → tasks → done. */
export const workflowSteps = ['spec', 'plan', 'tasks', 'done'] as const;

/** The step of spec → plan → tasks → done a phase is at: clarify is still at the spec, implement at the tasks. */
export function workflowStepOf(phase: FeaturePhase): (typeof workflowSteps)[number] {
	return phase === 'specify' || phase === 'clarify' ? 'spec' : phase === 'implement' ? 'tasks' : phase;
}

/** How a step of spec → plan → tasks → done stands for a feature. */
export type WorkflowStepState = 'passed' | 'skipped' | 'current' | 'ahead';

/**
 * Each step of spec → plan → tasks → done for a feature: the step its phase is at is `current`;
 * an earlier one is `passed` when the feature has its document (a spec, a plan), else `skipped`.
 */
export function workflowOf(
	feature: Pick<FeatureStatus, 'phase' | 'documents'>,
): { readonly step: (typeof workflowSteps)[number]; readonly state: WorkflowStepState }[] {
	const reached = workflowSteps.indexOf(workflowStepOf(feature.phase));
	const has = { spec: !!feature.documents.spec, plan: !!feature.documents.plan, tasks: !!feature.documents.tasks };
	return workflowSteps.map((step, index) => ({
		step,
		state:
			index === reached ? 'current' : index > reached ? 'ahead' : step !== 'done' && has[step] ? 'passed' : 'skipped',
	}));
}

/** The progress of a part of a tasks.md: a phase ("Phase 1: Setup") or a user story ("US1"). */
export interface TaskGroupProgress {
	readonly name: string;
	/** Zero-based line of its heading (or of its first task, for a story no heading names). */
	readonly line: number;
	readonly done: number;
	readonly total: number;
}

export interface StoryProgress extends TaskGroupProgress {
	/** "US1", as spec-kit's task tags name it; `name` is its title where a phase heading gives one. */
	readonly id: string;
	/** "P1", from "(Priority: P1)". */
	readonly priority?: string;
}

/** One document of a feature, with what the feature views show of it. */
export interface FeatureDocument {
	readonly uri: string;
	/** Path from the workspace folder, with forward slashes. */
	readonly path: string;
	readonly title: string;
	/** Whether planmark governs it (then its problems are counted). */
	readonly isPlan: boolean;
	/** Its checkboxes: tasks in a tasks.md, items in a checklist. */
	readonly done: number;
	readonly total: number;
	/** Open `[NEEDS CLARIFICATION: …]` questions in it. */
	readonly clarifications: number;
	/** How many diagnostics planmark reports for it. */
	readonly problems: number;
}

/** A feature folder (`specs/001-photo-albums/`) and where it stands. */
export interface FeatureStatus {
	readonly folderUri: string;
	/** Path from the workspace folder, with forward slashes (`specs/001-photo-albums`). */
	readonly folder: string;
	/** "001", when the folder's name starts with a number. */
	readonly number?: string;
	/** "photo-albums": the folder's name after its number. */
	readonly name: string;
	readonly phase: FeaturePhase;
	readonly documents: {
		readonly spec?: FeatureDocument;
		readonly plan?: FeatureDocument;
		readonly tasks?: FeatureDocument;
		readonly checklists: readonly FeatureDocument[];
	};
	/** The tasks of tasks.md. */
	readonly tasks: { readonly done: number; readonly total: number };
	/** tasks.md's phases, in document order. */
	readonly taskPhases: readonly TaskGroupProgress[];
	/** Its user stories, by the phase headings that name them and the tasks' `[US1]` tags, in story order. */
	readonly stories: readonly StoryProgress[];
	/** The items of every checklist together. */
	readonly checklistItems: { readonly done: number; readonly total: number };
	/** Open clarifications in all its documents. */
	readonly clarifications: number;
	/** Problems in all its documents. */
	readonly problems: number;
}

/** Every feature of the workspace, sorted by number and name, from open documents and the workspace index. */
export const featuresRequest = new RequestType<Record<string, never>, FeatureStatus[], void>('planmark/features');

export interface TemplateInfo {
	/** The template file's URI, or `bundled:plan-template.md`. */
	readonly uri: string;
	/** The file a new document from it gets, e.g. "tasks.md". */
	readonly documentName: string;
	/** The template's title, e.g. "Tasks: [FEATURE NAME]". */
	readonly title: string;
}

/** The templates a new document in a workspace folder can be created from. */
export const templatesRequest = new RequestType<{ readonly folderUri?: string }, TemplateInfo[], void>(
	'planmark/templates',
);

/** A new document from a template: where it goes and its text. The client creates and opens it. */
export const newDocumentRequest = new RequestType<
	{ readonly templateUri: string; readonly featureName: string; readonly folderUri: string },
	{ readonly uri: string; readonly text: string; readonly exists: boolean },
	void
>('planmark/newDocument');

/**
 * The client tells the server that the user now trusts the workspace (trust is passed at start as
 * `initializationOptions.workspaceTrusted`; absent means trusted, for editors without the notion).
 * Until then the workspace's `.planmark.json` cannot name templates outside `.specify/`.
 */
export const workspaceTrustNotification = new NotificationType<{ readonly trusted: boolean }>(
	'planmark/workspaceTrust',
);

/** The code action kind of planmark's fix-all action (`source.fixAll.planmark`), for `codeAction` requests' `only`. */
export const fixAllKind = 'source.fixAll.planmark';

/**
 * How long after a change the server waits for typing to pause before it pushes the document's
 * diagnostics (to a client without pull diagnostics) and asks for its siblings' to be pulled again.
 */
export const typingPauseMs = 75;

/** Server commands (workspace/executeCommand); each applies its edit through workspace/applyEdit. */
export const serverCommands = {
	/** Arguments: uri, a range or an array of ranges. Toggles every task box on the lines they touch, in one edit. */
	toggleTasks: 'planmark.server.toggleTasks',
	/** Arguments: uri, position. Checks every open task in the section or block around the position. */
	completeSection: 'planmark.server.completeSection',
	/**
	 * Arguments: uri, position of the next open task (or null), the section's name. What a progress
	 * lens runs in editors other than VS Code: shows the task with `window/showDocument` where the
	 * client supports it, else says which task is next and on which line.
	 */
	revealTask: 'planmark.server.revealTask',
} as const;

/** What the progress of a whole document is called, on its title lens and in the status bar (`Plan: 3/7 done · 43%`). */
export const wholeDocumentLabel = 'Plan';

/** How progress reads: `3/7 done · 43%` in lenses, `3/7 · 43%` where space is short (status bar, tree items). */
export type ProgressFormat = 'count' | 'percentage' | 'both' | 'compact';

/** Whole percent, never rounded up to 100 while an item is open nor down to 0 once one is done. */
export function percent(progress: { readonly done: number; readonly total: number }): number {
	if (progress.total === 0) {
		return 0;
	}
	const value = Math.round((progress.done / progress.total) * 100);
	if (progress.done < progress.total) {
		return Math.max(progress.done > 0 ? 1 : 0, Math.min(99, value));
	}
	return 100;
}

/** A count with its word, plural unless it is one: "1 problem", "3 questions". */
export function countOf(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The one way planmark writes progress, in the editor, the CLI and other editors alike. */
export function formatProgress(
	progress: { readonly done: number; readonly total: number },
	format: ProgressFormat = 'both',
): string {
	switch (format) {
		case 'count':
			return `${progress.done}/${progress.total} done`;
		case 'percentage':
			return `${percent(progress)}% done`;
		case 'both':
			return `${progress.done}/${progress.total} done · ${percent(progress)}%`;
		case 'compact':
			return `${progress.done}/${progress.total} · ${percent(progress)}%`;
	}
}
