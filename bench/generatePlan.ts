/**
 * Generates realistic plans of a given size from the bundled template's structure: every section
 * filled in, with many research tasks (with tables), development phases (nested task lists and
 * code blocks), gates and risks, so that the large sections grow the way real plans do.
 */
export function generatePlan(targetLines: number): string {
	const out: string[] = [
		'# Implementation Plan: Generated Benchmark Plan',
		'',
		'**Created**: 2026-11-25  ',
		'**Status**: In Progress  ',
		'**Branch**: 999-benchmark  ',
		'**Feature Spec**: [spec.md](./spec.md)',
		'',
		'---',
		'',
	];
	const fixedSections = [
		'## 1. Technical Context',
		'',
		'### 1.1 Technology Stack',
		'- Frontend: React 19',
		'- Backend: Node.js 22',
		'- Database: PostgreSQL 16',
		'- AI/ML: none',
		'- Deployment: Fly.io',
		'- Other: Sentry',
		'',
		'### 1.2 Architecture Pattern',
		'- Local-first client with a sync queue',
		'',
		'### 1.3 Key Integration Points',
		'- Sentry: crash reporting through the SDK',
		'',
		'### 1.4 Unknowns & Research Needs',
		'- [x] Queue size limits',
		'- [ ] Conflict policy for photos',
		'',
		'---',
		'',
		'## 2. Constitution Check',
		'',
		'### 2.1 Alignment Verification',
		'',
		'#### Code Style & Standards',
		'- [x] Follows project naming conventions',
		'- [x] Matches established patterns',
		'',
		'#### Security & Privacy',
		'- [x] Data protection requirements addressed',
		'- [ ] No security anti-patterns introduced',
		'',
		'#### Performance & Scalability',
		'- [x] Resource usage reasonable',
		'',
		'#### Testing & Quality',
		'- [ ] Monitoring approach planned',
		'',
		'### 2.2 Gate Evaluation',
		'',
	];
	out.push(...fixedSections);
	const unit = Math.max(1, Math.round(targetLines / 120));
	for (let gate = 1; gate <= unit; gate++) {
		out.push(
			`**Gate ${gate}**: Review ${gate}`,
			`- Status: ${['PASS', 'CONDITIONAL', 'PASS / FAIL / CONDITIONAL'][gate % 3]}`,
			`- Justification: Reviewed in week ${gate}.`,
			'',
		);
	}
	out.push('---', '', '## 3. Phase 0: Research & Decisions', '', '### 3.1 Research Tasks', '');
	for (let task = 1; task <= unit * 2; task++) {
		out.push(
			`#### Research Task ${task}: Topic ${task}`,
			`**Question**: How does option ${task} behave under load?  `,
			`**Decision**: Use option ${task}${task % 7 === 0 ? ' [NEEDS CLARIFICATION: budget?]' : ''}.  `,
			'**Rationale**: Measured in the lab, see the table.  ',
			'**Alternatives Considered**: Options A and B.  ',
			`**References**: [notes](./research.md#topic-${task})`,
			'',
			'| Option | Latency | Cost |',
			'|---|---|---|',
			`| A | ${task} ms | $${task} |`,
			`| B | ${task * 2} ms | $${task * 3} |`,
			'',
		);
	}
	out.push(
		'### 3.2 Technology Choices',
		'',
		'#### Choice 1: Transport',
		'- **Selected**: HTTPS batches',
		'- **Rationale**: Works everywhere',
		'- **Trade-offs**: Latency',
		'',
		'---',
		'',
		'## 5. Phase 2: Implementation Strategy',
		'',
		'### 5.1 Development Phases',
		'',
	);
	for (let phase = 1; out.length < targetLines - 40; phase++) {
		out.push(
			`#### Phase ${phase}: Milestone ${phase}`,
			`**Goal**: Deliver milestone ${phase}  `,
			'**Duration Estimate**: 1 week',
			'',
			'**Tasks**:',
			`- [x] Design step ${phase}`,
			`- [${phase % 2 ? 'x' : ' '}] Build step ${phase}`,
			`  - [ ] Sub-task ${phase}.1`,
			`  - [x] Sub-task ${phase}.2`,
			`    - [ ] Detail ${phase}.2.1 with [Service ${phase}]`,
			`- [ ] Ship step ${phase}`,
			'',
			'```ts',
			`export const milestone${phase} = { id: ${phase}, done: false }; // - [ ] not a task`,
			'```',
			'',
			'**Deliverables**:',
			`- Release ${phase}`,
			'',
		);
		if (phase % 5 === 0) {
			out.push(
				`**Risk ${phase / 5}**: Risk of phase ${phase}`,
				'- **Impact**: High',
				'- **Probability**: Low',
				'- **Mitigation**: Feature flag',
				'',
			);
		}
	}
	out.push('---', '', '## Notes', '', '- Generated for benchmarks.');
	return `${out.slice(0, Math.max(targetLines, 1)).join('\n')}\n`;
}
