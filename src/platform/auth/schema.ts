/** Tables for people, their roles in each council, sessions, sign-in attempts and API tokens. */
import { sql } from 'drizzle-orm'
import { index, pgTable, text, timestamp, uniqueIndex, uuid, boolean, integer } from 'drizzle-orm/pg-core'
import { councils } from '../../modules/councils/schema.ts'
import { providers } from '../../modules/providers/schema.ts'
import { partnerOrganisations } from '../../modules/pooled-funds/schema.ts'

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-cased so that sign-in is case-insensitive. */
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  /** When the person last opened a session (password, invitation or any other way in); shown to administrators. */
  lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * A user's role in one council. A provider user also names the provider record they speak for; a partner user (a
 * pooled fund partner such as an ICB) names the partner organisation they speak for (ADR 0039).
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    role: text('role').notNull(),
    providerId: uuid('provider_id').references(() => providers.id),
    partnerOrganisationId: uuid('partner_organisation_id').references(() => partnerOrganisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('memberships_user_council_role').on(t.userId, t.councilId, t.role)],
)

/** Server-side sessions: the cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id').notNull().references(() => memberships.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user').on(t.userId), index('sessions_expires').on(t.expiresAt)],
)

/**
 * Sign-in throttles: one row per key (an account from one address, an address, an account from anywhere), with
 * the failures counted in the current window and the time before which the next attempt is refused. A row is
 * locked while an attempt is checked and recorded, so parallel guesses cannot slip past the count.
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
})

/**
 * Personal API tokens: shown once, stored as SHA-256; they act as the user in one council, within their scopes
 * (ADR 0044) and until they expire. Last use and the count of uses are written at most once a minute per process.
 */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  membershipId: uuid('membership_id').notNull().references(() => memberships.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** The first characters of the token, so a user can tell tokens apart without the secret. */
  prefix: text('prefix').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  usageCount: integer('usage_count').notNull().default(0),
  /**
   * What the token may do, as "<module>:read" or "<module>:write" (write includes read; "*" is every module).
   * Tokens made before scopes existed keep what they could do: every module, read and write.
   */
  scopes: text('scopes').array().notNull().default(sql`'{*:write}'::text[]`),
  /** After this the token is refused (401). Tokens made before expiry existed get 90 days from the migration. */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull().default(sql`now() + interval '90 days'`),
})

/** Settings that belong to this installation rather than to a council (for example a generated secret). */
export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
})

/**
 * An administrator's offer of a role in their council to an email address. Nothing changes for the person until
 * they open the link sent to that address and accept: an account in another council is never given a role, or a
 * new landing council, without its owner's consent. Only the SHA-256 of the link's token is stored.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    providerId: uuid('provider_id').references(() => providers.id),
    /** For the partner role: the pooled fund partner organisation the person will speak for. */
    partnerOrganisationId: uuid('partner_organisation_id').references(() => partnerOrganisations.id),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [index('invitations_council_email').on(t.councilId, t.email)],
)

/**
 * Password reset links (ADR 0043): only the SHA-256 of the emailed token is stored; a link works once, for a short
 * time, and every link still open for the user dies when one is used.
 */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_reset_tokens_user').on(t.userId)],
)

/**
 * A user's TOTP second factor (RFC 6238, ADR 0043). The shared secret is kept encrypted with a key derived from the
 * instance secret; it is confirmed by a code before it counts. The last time step accepted is kept so that a code
 * cannot be used twice.
 */
export const totpFactors = pgTable('totp_factors', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  secretCiphertext: text('secret_ciphertext').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: integer('last_used_step'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** One-use recovery codes for a confirmed TOTP factor: shown once, stored as SHA-256. */
export const totpRecoveryCodes = pgTable(
  'totp_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('totp_recovery_codes_user_code').on(t.userId, t.codeHash)],
)
