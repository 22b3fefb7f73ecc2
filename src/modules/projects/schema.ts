/** Commissioning projects: a council's work from residents' needs to a way of meeting them (Analyse, Plan, Do, Review). */
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { contracts } from '../contracts/schema.ts'
import { grants } from '../grants/schema.ts'
import { users } from '../../platform/auth/schema.ts'

export const commissioningProjects = pgTable(
  'commissioning_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    title: text('title').notNull(),
    serviceArea: text('service_area').notNull(),
    leadCommissionerId: uuid('lead_commissioner_id').references(() => users.id),
    /** analyse, plan, do or review. */
    stage: text('stage').notNull().default('analyse'),
    /** What the project is for, in a sentence or two. */
    summary: text('summary'),
    /** The money available, in pence (ADR 0010). */
    budgetPence: bigint('budget_pence', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('commissioning_projects_council').on(t.councilId, t.updatedAt)],
)

const projectRef = () => uuid('project_id').notNull().references(() => commissioningProjects.id, { onDelete: 'cascade' })
const councilRef = () => uuid('council_id').notNull().references(() => councils.id)

/** Other councils (from the councils list) and NHS bodies (by name) working on the project. */
export const projectPartners = pgTable(
  'project_partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    councilId: councilRef(),
    /** council or nhs. */
    kind: text('kind').notNull(),
    partnerCouncilId: uuid('partner_council_id').references(() => councils.id),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_partners_project').on(t.projectId)],
)

/** Analyse: residents' needs and the evidence for each. */
export const projectNeeds = pgTable(
  'project_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    councilId: councilRef(),
    need: text('need').notNull(),
    evidence: text('evidence'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_needs_project').on(t.projectId)],
)

/** Analyse and Review: outcomes, each with an indicator, where it stands, where it should get to, and where it got to. */
export const projectOutcomes = pgTable(
  'project_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    councilId: councilRef(),
    outcome: text('outcome').notNull(),
    indicator: text('indicator').notNull(),
    baseline: text('baseline'),
    target: text('target'),
    /** Review: the latest measurement. */
    latest: text('latest'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_outcomes_project').on(t.projectId)],
)

/**
 * Contracts, grants and tenders linked to a project: what is in place now (Analyse) or what resulted (Do).
 * A tender is named by its reference until the contracts register holds it.
 */
export const projectLinks = pgTable(
  'project_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    councilId: councilRef(),
    /** current (in place now) or result (what the project put in place). */
    role: text('role').notNull(),
    /** contract, grant or tender. */
    kind: text('kind').notNull(),
    contractId: uuid('contract_id').references(() => contracts.id),
    grantId: uuid('grant_id').references(() => grants.id),
    reference: text('reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_links_project').on(t.projectId)],
)

/** Plan: the candidate delivery models compared in the options appraisal. */
export const appraisalOptions = pgTable(
  'appraisal_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    councilId: councilRef(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('appraisal_options_project').on(t.projectId, t.position)],
)

/** Plan: the criteria and the weight the commissioner gives each (any whole number; weights are normalised). */
export const appraisalCriteria = pgTable(
  'appraisal_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    councilId: councilRef(),
    name: text('name').notNull(),
    weight: integer('weight').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('appraisal_criteria_project').on(t.projectId, t.position)],
)

/** Plan: an option's score (0 to 5) against a criterion, with the reason for it. */
export const appraisalScores = pgTable(
  'appraisal_scores',
  {
    optionId: uuid('option_id').notNull().references(() => appraisalOptions.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id').notNull().references(() => appraisalCriteria.id, { onDelete: 'cascade' }),
    projectId: projectRef(),
    councilId: councilRef(),
    score: integer('score').notNull(),
    rationale: text('rationale'),
  },
  (t) => [primaryKey({ columns: [t.optionId, t.criterionId] }), index('appraisal_scores_project').on(t.projectId)],
)

/** Plan: route-to-market advice saved against the project, with the request it answered. */
export const projectRouteAdvice = pgTable(
  'project_route_advice',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    councilId: councilRef(),
    request: jsonb('request').notNull(),
    advice: jsonb('advice').notNull(),
    regime: text('regime').notNull(),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_route_advice_project').on(t.projectId, t.createdAt)],
)

/** Decisions: what was decided, by whom, when and why. */
export const projectDecisions = pgTable(
  'project_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    councilId: councilRef(),
    stage: text('stage').notNull(),
    decision: text('decision').notNull(),
    reason: text('reason').notNull(),
    decidedById: uuid('decided_by_id').references(() => users.id),
    decidedByName: text('decided_by_name').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('project_decisions_project').on(t.projectId, t.decidedAt)],
)

/** The timeline: milestones with their dates. */
export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: projectRef(),
    councilId: councilRef(),
    title: text('title').notNull(),
    dueDate: date('due_date').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_milestones_project').on(t.projectId, t.dueDate)],
)
