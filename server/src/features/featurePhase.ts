import type { FeaturePhase } from '../protocol';

/** What the phase of a feature is judged from. */
export interface PhaseEvidence {
	readonly hasSpec: boolean;
	/** Open `[NEEDS CLARIFICATION: …]` questions in the spec. */
	readonly specClarifications: number;
	readonly hasPlan: boolean;
	/** The tasks of tasks.md, when the feature has one. */
	readonly tasks?: { readonly done: number; readonly total: number };
	/** The items of every checklist together. */
	readonly checklistItems: { readonly done: number; readonly total: number };
}

/**
 * Where a feature is in spec-kit's workflow, judged from the furthest document it has (the README's
 * "Where a feature stands" states these rules for users):
 * - with a tasks.md: `done` once every task and every checklist item is checked (a tasks.md with
 *   tasks is needed for that), `implement` once a task is checked, else `tasks`;
 * - with a plan.md and no tasks.md: `plan`;
 * - with only a spec.md (or only checklists): `clarify` while the spec has an open question, else `specify`.
 */
export function featurePhase(evidence: PhaseEvidence): FeaturePhase {
	const { tasks, checklistItems } = evidence;
	if (tasks) {
		if (tasks.total > 0 && tasks.done === tasks.total) {
			return checklistItems.done === checklistItems.total ? 'done' : 'implement';
		}
		return tasks.done > 0 ? 'implement' : 'tasks';
	}
	if (evidence.hasPlan) {
		return 'plan';
	}
	return evidence.specClarifications > 0 ? 'clarify' : 'specify';
}
