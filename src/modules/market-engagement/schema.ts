/**
 * Preliminary market engagement (Procurement Act 2023 s.16–17; ADR 0053): a commissioner opens engagement on an
 * entry of the council's pipeline with a few questions; providers register interest and answer them. The record is
 * what the UK2 preliminary market engagement notice is written from.
 */
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { providers } from '../providers/schema.ts'

/** One question: free text, or a choice of one of `choices` when it has any. */
export interface EngagementQuestion {
  id: string
  text: string
  choices: string[]
}

export const marketEngagements = pgTable(
  'market_engagements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /**
     * The pipeline entry it is about: its kind (notice, contract-ending or project) and the id of the record the
     * entry comes from. Not a foreign key, because the entry may come from any of three tables; the service checks
     * the entry is in the council's pipeline when engagement opens.
     */
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The entry's title when engagement opened, so the record still reads if the entry leaves the pipeline. */
    title: text('title').notNull(),
    /** What the council wants to learn from the market, shown to providers. */
    purpose: text('purpose').notNull(),
    questions: jsonb('questions').$type<EngagementQuestion[]>().notNull(),
    /** The last day providers may register interest (inclusive, London date). */
    closesOn: date('closes_on').notNull(),
    /** open, or closed early by the commissioner. */
    status: text('status').notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('market_engagements_subject').on(t.councilId, t.subjectKind, t.subjectId), index('market_engagements_council').on(t.councilId, t.closesOn)],
)

/** A provider's registered interest, its stated capacity and its answers (question id to answer). */
export const engagementResponses = pgTable(
  'engagement_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id').notNull().references(() => marketEngagements.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    /** What the provider says it could deliver (people, hours, areas, when it could start). */
    capacity: text('capacity').notNull(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('engagement_responses_provider').on(t.engagementId, t.providerId), index('engagement_responses_council_provider').on(t.councilId, t.providerId)],
)
