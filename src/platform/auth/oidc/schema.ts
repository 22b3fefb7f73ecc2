/**
 * Tables for signing in with a council's own OpenID Connect provider (ADR 0042): the provider each council
 * configured, the provider accounts linked to Catalyst accounts, the sign-ins under way and the sessions they opened.
 */
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { councils } from '../../../modules/councils/schema.ts'
import { sessions, users } from '../schema.ts'

/** One provider per council. The client secret is stored sealed with the instance secret (secret-box.ts). */
export const councilIdentityProviders = pgTable('council_identity_providers', {
  councilId: uuid('council_id').primaryKey().references(() => councils.id),
  /** Shown on the sign-in page as "Sign in with <name>". */
  displayName: text('display_name').notNull(),
  /** The tenant-specific issuer, compared exactly with the provider's discovery document and every ID token. */
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed').notNull(),
  /** The ID token claim that carries the person's app roles ("roles" for Microsoft Entra ID). */
  rolesClaim: text('roles_claim').notNull(),
  /** Catalyst role to the claim values that give it: { "commissioner": ["Catalyst.Commissioner"] }. */
  roleMapping: jsonb('role_mapping').$type<Record<string, string[]>>().notNull(),
  /** Whether the sign-in page offers it; an administrator can pause it without losing the settings. */
  enabled: boolean('enabled').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A person's account at a council's provider (issuer and subject), linked to their Catalyst account. */
export const externalIdentities = pgTable(
  'external_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('external_identities_user').on(t.userId)],
)

/**
 * A sign-in sent to a provider and not yet back. The browser holds a random cookie; only its SHA-256 is the key.
 * The row is deleted as the answer is read, so a state can be used once.
 */
export const oidcSignInAttempts = pgTable(
  'oidc_sign_in_attempts',
  {
    id: text('id').primaryKey(),
    councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oidc_sign_in_attempts_expires').on(t.expiresAt)],
)

/** The sessions a provider opened, with the ID token to hint at the provider's sign-out. Ends with the session. */
export const oidcSessions = pgTable('oidc_sessions', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  councilId: uuid('council_id').notNull().references(() => councils.id, { onDelete: 'cascade' }),
  idToken: text('id_token').notNull(),
})
