/**
 * Residents' stories about services (after Care Opinion): told without an account, confirmed by email, moderated,
 * seen first by private and VCSE providers for a window, then published with the provider's public answers.
 */
import { index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../councils/schema.ts'
import { providers } from '../providers/schema.ts'
import { users } from '../../platform/auth/schema.ts'

export const stories = pgTable(
  'stories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    /** The provider chosen from the published register; null when the author described the service in words. */
    providerId: uuid('provider_id').references(() => providers.id),
    /** The service in the author's words, when it is not (or not only) a provider from the register. */
    serviceDescription: text('service_description'),
    /** A service category code from the provider register's list, when the author chose one. */
    serviceCategory: text('service_category'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Optional ratings, 1 (very poor) to 5 (very good). */
    ratingListened: smallint('rating_listened'),
    ratingInformation: smallint('rating_information'),
    ratingDignity: smallint('rating_dignity'),
    ratingOverall: smallint('rating_overall'),
    ward: text('ward'),
    postcode: text('postcode'),
    /** Lower-cased; never shown on any page. */
    authorEmail: text('author_email').notNull(),
    /**
     * awaiting-confirmation, awaiting-moderation, published, edit-requested, rejected or hidden. A published story
     * whose publishedAt is still in the future is in its provider's preview window.
     */
    status: text('status').notNull().default('awaiting-confirmation'),
    /** What the moderator told the author (the reason for rejecting or what to change). */
    moderatorNote: text('moderator_note'),
    /**
     * When a moderator removed names or personal details before publishing, the author's own words, kept privately
     * for moderators; title and body then hold the published, redacted text. Null when nothing was removed.
     */
    originalTitle: text('original_title'),
    originalBody: text('original_body'),
    redactedAt: timestamp('redacted_at', { withTimezone: true }),
    confirmTokenHash: text('confirm_token_hash'),
    confirmExpiresAt: timestamp('confirm_expires_at', { withTimezone: true }),
    /** The author's own link to follow the story (SHA-256 of the secret in the link). */
    authorTokenHash: text('author_token_hash').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    reportCount: integer('report_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stories_council_status').on(t.councilId, t.status, t.createdAt),
    index('stories_published').on(t.status, t.publishedAt),
    index('stories_provider').on(t.providerId, t.publishedAt),
    uniqueIndex('stories_confirm_token').on(t.confirmTokenHash),
    uniqueIndex('stories_author_token').on(t.authorTokenHash),
  ],
)

/** A provider's public answer to a story. */
export const storyResponses = pgTable(
  'story_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storyId: uuid('story_id').notNull().references(() => stories.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    authorUserId: uuid('author_user_id').references(() => users.id),
    /** The name the response is signed with, e.g. "Pat Provider, Riverside Community Care". */
    signedAs: text('signed_as').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('story_responses_story').on(t.storyId, t.createdAt)],
)

/** A visitor's report that a published story breaks the rules. */
export const storyReports = pgTable(
  'story_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storyId: uuid('story_id').notNull().references(() => stories.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('story_reports_council').on(t.councilId, t.resolvedAt, t.createdAt)],
)

/** Email addresses a council's moderators have blocked from telling stories (stored as SHA-256). */
export const storyBlockedEmails = pgTable(
  'story_blocked_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    emailHash: text('email_hash').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('story_blocked_emails_council_email').on(t.councilId, t.emailHash)],
)

/** "You said, we did": a change a council made because of stories, shown beside the stories it answers. */
export const storyChanges = pgTable(
  'story_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('story_changes_council').on(t.councilId, t.createdAt)],
)

export const storyChangeLinks = pgTable(
  'story_change_links',
  {
    changeId: uuid('change_id').notNull().references(() => storyChanges.id, { onDelete: 'cascade' }),
    storyId: uuid('story_id').notNull().references(() => stories.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('story_change_links_pair').on(t.changeId, t.storyId), index('story_change_links_story').on(t.storyId)],
)

/**
 * Every link the author has been emailed to follow their story (SHA-256 of each secret). Each decision emails a fresh
 * link; the earlier ones keep working, so the author's first link still shows every later decision.
 */
export const storyAuthorLinks = pgTable(
  'story_author_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    storyId: uuid('story_id').notNull().references(() => stories.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('story_author_links_story').on(t.storyId)],
)
