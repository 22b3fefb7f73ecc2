/**
 * Priorities residents set (after Decidim and CONSUL): rounds that move through ideas, review, voting, results and
 * delivery; ideas residents propose and officers review; one ballot per verified resident; winners linked to the
 * commissioning project or grant that delivers them.
 */
import { sql } from 'drizzle-orm'
import { bigint, boolean, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { commissioningProjects } from '../projects/schema.ts'
import { grants } from '../grants/schema.ts'

export const priorityRounds = pgTable(
  'priority_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** ideas, review, voting, results or delivery. */
    phase: text('phase').notNull().default('ideas'),
    /** approval (tick every idea you support) or budget (choose ideas whose costs fit the budget). */
    votingMethod: text('voting_method').notNull(),
    budgetPence: bigint('budget_pence', { mode: 'number' }).notNull(),
    /** The last day residents can vote (voting closes at the end of it), shown on the ballot and in its emails. */
    votingClosesOn: date('voting_closes_on', { mode: 'string' }),
    /** Random, per round: the salt for voting codes and voter keys, so digests from one round say nothing of another. */
    salt: text('salt').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('priority_rounds_council').on(t.councilId, t.createdAt)],
)

export const priorityIdeas = pgTable(
  'priority_ideas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => priorityRounds.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Lower-cased; never shown. Null for ideas an officer entered. */
    proposerEmail: text('proposer_email'),
    /** awaiting-confirmation or submitted. */
    status: text('status').notNull().default('awaiting-confirmation'),
    confirmTokenHash: text('confirm_token_hash'),
    confirmExpiresAt: timestamp('confirm_expires_at', { withTimezone: true }),
    /** The officers' review: feasible or not-feasible (null until reviewed), the cost and a note residents see. */
    feasibility: text('feasibility'),
    costPence: bigint('cost_pence', { mode: 'number' }),
    reviewNote: text('review_note'),
    /** An officer's decision against the tally: true makes it a winner, false removes it; null follows the tally. */
    winnerOverride: boolean('winner_override'),
    overrideReason: text('override_reason'),
    /** What delivers a winning idea: a link to the record, never a copy of it. */
    projectId: uuid('project_id').references(() => commissioningProjects.id),
    grantId: uuid('grant_id').references(() => grants.id),
    /** not-started, in-progress, delivered or stopped. */
    deliveryStatus: text('delivery_status').notNull().default('not-started'),
    deliveryNote: text('delivery_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('priority_ideas_round').on(t.roundId, t.createdAt), uniqueIndex('priority_ideas_confirm_token').on(t.confirmTokenHash)],
)

/** One per verified resident per round: the unique (round, voter key) is the last guard against counting twice. */
export const priorityBallots = pgTable(
  'priority_ballots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => priorityRounds.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** SHA-256 of the round's salt and the voter's email (or code): the same person gets the same key, unreadable. */
    voterKey: text('voter_key').notNull(),
    /** email (confirmed email and a postcode in the area) or code (a code from the council's list). */
    verifiedBy: text('verified_by').notNull(),
    ideaIds: uuid('idea_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** awaiting-confirmation or counted. */
    status: text('status').notNull(),
    confirmTokenHash: text('confirm_token_hash'),
    confirmExpiresAt: timestamp('confirm_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    countedAt: timestamp('counted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('priority_ballots_round_voter').on(t.roundId, t.voterKey),
    uniqueIndex('priority_ballots_confirm_token').on(t.confirmTokenHash),
    index('priority_ballots_round_status').on(t.roundId, t.status),
  ],
)

/** Voting codes a council handed out (by letter, at events), stored as salted SHA-256; each works once. */
export const priorityCodes = pgTable(
  'priority_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => priorityRounds.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('priority_codes_round_code').on(t.roundId, t.codeHash)],
)
