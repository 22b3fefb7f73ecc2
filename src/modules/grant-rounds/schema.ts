/**
 * Grant rounds (ADR 0040): a council's call for grant applications, the applications providers make, two assessors'
 * scores with moderation, and the decisions. An award becomes a grant in the grants register, with the round as its
 * programme. Money is in pence (ADR 0010).
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { grants } from '../grants/schema.ts'
import { providers } from '../providers/schema.ts'
import { users } from '../../platform/auth/schema.ts'

export const grantRounds = pgTable(
  'grant_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    title: text('title').notNull(),
    purpose: text('purpose').notNull(),
    /** open (anyone eligible may apply) or invited (only the providers the council invites). */
    kind: text('kind').notNull(),
    budgetPence: bigint('budget_pence', { mode: 'number' }).notNull(),
    /** Eligibility: only VCSE organisations; only organisations based in the council's area; a largest annual income. */
    vcseOnly: boolean('vcse_only').notNull().default(false),
    localOnly: boolean('local_only').notNull().default(false),
    maxIncomePence: bigint('max_income_pence', { mode: 'number' }),
    /** Requests up to this amount use the short form; above it, the full form (the council's band when the round was made). */
    shortFormUpToPence: bigint('short_form_up_to_pence', { mode: 'number' }).notNull(),
    /** Two assessors' scores further apart than this many percentage points need moderating before a decision. */
    moderationGap: integer('moderation_gap').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    /** The deadline: an application submitted after this instant, by a second, is refused. */
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /** draft (the council is still writing it), published, decided (awards made, feedback released). */
    status: text('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('grant_rounds_council_status').on(t.councilId, t.status, t.closesAt)],
)

/** What applications are scored against, each with its weight. */
export const grantRoundCriteria = pgTable(
  'grant_round_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => grantRounds.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    name: text('name').notNull(),
    weight: integer('weight').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('grant_round_criteria_round').on(t.roundId, t.position)],
)

/** For an invited round: who is invited. */
export const grantRoundInvitees = pgTable(
  'grant_round_invitees',
  {
    roundId: uuid('round_id').notNull().references(() => grantRounds.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    councilId: uuid('council_id').notNull().references(() => councils.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.providerId] })],
)

/**
 * An assessor's declaration of interests for a round: the applicants they have a conflict with (none is a
 * declaration too). An assessor scores only after declaring, and never an applicant they declared.
 */
export const grantRoundDeclarations = pgTable(
  'grant_round_declarations',
  {
    roundId: uuid('round_id').notNull().references(() => grantRounds.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    conflictProviderIds: uuid('conflict_provider_ids').array().notNull().default(sql`'{}'::uuid[]`),
    note: text('note'),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] })],
)

export const grantApplications = pgTable(
  'grant_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => grantRounds.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    /** draft or submitted; the decision is kept in its own columns. */
    status: text('status').notNull().default('draft'),
    projectTitle: text('project_title').notNull(),
    amountRequestedPence: bigint('amount_requested_pence', { mode: 'number' }).notNull(),
    /** The organisation's annual income as the applicant gives it: the size used for eligibility and reach. */
    annualIncomePence: bigint('annual_income_pence', { mode: 'number' }),
    summary: text('summary'),
    whoBenefits: text('who_benefits'),
    /** Full form only: outcomes, how the money will be spent, and how delivery will be run. */
    outcomes: text('outcomes'),
    budgetBreakdown: text('budget_breakdown'),
    delivery: text('delivery'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** A score agreed at moderation, 0 to 100, with the moderator's reason. */
    moderatedScore: doublePrecision('moderated_score'),
    moderationNote: text('moderation_note'),
    /** awarded or declined; null until decided. */
    decision: text('decision'),
    awardedPence: bigint('awarded_pence', { mode: 'number' }),
    decisionReason: text('decision_reason'),
    /** What the applicant is told; released when the round is decided. */
    feedback: text('feedback'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The grant an award became. */
    grantId: uuid('grant_id').references(() => grants.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grant_applications_round_provider').on(t.roundId, t.providerId), index('grant_applications_provider').on(t.providerId)],
)

/** One assessor's scores for one application: 0 to 5 for each criterion, by criterion id. */
export const grantApplicationScores = pgTable(
  'grant_application_scores',
  {
    applicationId: uuid('application_id').notNull().references(() => grantApplications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    /** The weighted score, 0 to 100. */
    weighted: doublePrecision('weighted').notNull(),
    comment: text('comment'),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.userId] })],
)
