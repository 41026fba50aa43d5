import { joinLines } from './support';

/* A small spec-kit feature with its templates, shared by the feature-ID tests. */

export const root = '/workspace';
export const feature = `${root}/specs/004-photo-albums`;
export const uriOf = (name: string) => `file://${feature}/${name}`;

export const specTemplate = joinLines([
	'# Feature Specification: [FEATURE NAME]',
	'## User Scenarios & Testing *(mandatory)*',
	'### User Story 1 - [Brief Title] (Priority: P1)',
	'[Describe this user journey in plain language]',
	'### User Story 2 - [Brief Title] (Priority: P2)',
	'[Describe this user journey in plain language]',
	'## Requirements *(mandatory)*',
	'### Functional Requirements',
	'- **FR-001**: System MUST [specific capability]',
	'- **FR-002**: System MUST [specific capability]',
	'## Success Criteria *(mandatory)*',
	'- **SC-001**: [Measurable metric]',
]);

export const tasksTemplate = joinLines([
	'# Tasks: [FEATURE NAME]',
	'## Format: `[ID] [P?] [Story] Description`',
	'## Phase 1: Setup',
	'- [ ] T001 Create project structure per implementation plan',
	'- [ ] T002 [P] Configure linting and formatting tools',
	'## Phase 3: User Story 1 - [Title] (Priority: P1) 🎯 MVP',
	'**Goal**: [Brief description of what this story delivers]',
	'### Implementation for User Story 1',
	'- [ ] T012 [P] [US1] Create [Entity1] model in src/models/[entity1].py',
	'- [ ] T014 [US1] Implement [Service] in src/services/[service].py (depends on T012)',
	'## Phase 4: User Story 2 - [Title] (Priority: P2)',
	'- [ ] T020 [P] [US2] Create [Entity] model in src/models/[entity].py',
	'## Phase N: Polish & Cross-Cutting Concerns',
	'- [ ] TXXX [P] Documentation updates in docs/',
]);

export const checklistTemplate = joinLines([
	'# [CHECKLIST TYPE] Checklist: [FEATURE NAME]',
	'## [Category 1]',
	'- [ ] CHK001 First checklist item with clear action',
	'- [ ] CHK002 Second checklist item',
	'- [ ] CHK003 Third checklist item',
]);

export const spec = joinLines([
	'# Feature Specification: Photo Albums',
	'## User Scenarios & Testing *(mandatory)*',
	'### User Story 1 - Create an album (Priority: P1)',
	'A user groups photos into an album.',
	'### User Story 2 - Share an album (Priority: P2)',
	'A user shares an album by link.',
	'### User Story 3 - Reorder photos (Priority: P3)',
	'A user drags photos into a new order.',
	'## Requirements *(mandatory)*',
	'### Functional Requirements',
	'- **FR-001**: System MUST let users create albums with a name',
	'- **FR-002**: System MUST show albums newest first',
	'- **FR-003**: Users MUST be able to share an album by link',
	'- **FR-004**: System MUST log every share',
	'## Success Criteria *(mandatory)*',
	'- **SC-001**: Users create an album in under 30 seconds',
]);

export const tasks = joinLines([
	'# Tasks: Photo Albums',
	'## Phase 1: Setup',
	'- [x] T001 Create project structure',
	'- [x] T002 [P] Configure linting',
	'## Phase 3: User Story 1 - Create an album (Priority: P1) 🎯 MVP',
	'### Implementation for User Story 1',
	'- [x] T003 [P] [US1] Create Album model (FR-001)',
	'- [ ] T004 [US1] Implement AlbumService (depends on T003)',
	'- [ ] T005 [US1] Sort albums newest first per FR-002',
	'## Phase 4: User Story 2 - Share an album (Priority: P2)',
	'- [ ] T006 [P] [US2] Create ShareLink model for FR-003',
	'- [ ] T007 [US1] Add the share button',
	'- [ ] T008 [US2] Validate links against FR-009',
	'## Phase 5: Polish',
	'- [ ] T009 Documentation',
	'- [ ] T010 Run quickstart checks for T003-T006 and [US4]',
]);

export const checklist = joinLines([
	'# Requirements Checklist: Photo Albums',
	'## Completeness',
	'- [x] CHK001 Are album names limited in length? [Completeness, Spec §FR-001]',
	'- [ ] CHK002 Is sharing defined for private albums? [Gap, Spec §FR-003]',
]);

export const plan = joinLines([
	'# Implementation Plan: Photo Albums',
	'## Summary',
	'Covers SC-001 with a cached album list.',
]);

export const featureFiles: Record<string, string> = {
	[`${root}/.specify/templates/spec-template.md`]: specTemplate,
	[`${root}/.specify/templates/tasks-template.md`]: tasksTemplate,
	[`${root}/.specify/templates/checklist-template.md`]: checklistTemplate,
	[`${feature}/spec.md`]: spec,
	[`${feature}/tasks.md`]: tasks,
	[`${feature}/plan.md`]: plan,
	[`${feature}/checklists/requirements.md`]: checklist,
};
