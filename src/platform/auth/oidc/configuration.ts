/**
 * A council's identity provider settings: read, listed for the sign-in page, and saved with an audit entry. The
 * client secret is sealed before it reaches the database and never appears in an audit entry or a page.
 */
import { and, asc, eq } from 'drizzle-orm'
import { councils } from '../../../modules/councils/schema.ts'
import { recordAudit, type Actor } from '../../audit/audit.ts'
import type { Executor } from '../../db/database.ts'
import type { RoleMapping } from './role-claim.ts'
import { councilIdentityProviders } from './schema.ts'
import { open, seal } from './secret-box.ts'

export interface IdentityProvider {
  councilId: string
  displayName: string
  issuer: string
  clientId: string
  clientSecretSealed: string
  rolesClaim: string
  roleMapping: RoleMapping
  enabled: boolean
  updatedAt: Date
}

export interface IdentityProviderInput {
  displayName: string
  issuer: string
  clientId: string
  /** A new secret to seal; undefined keeps the one already saved. */
  clientSecret: string | undefined
  rolesClaim: string
  roleMapping: RoleMapping
  enabled: boolean
}

export async function identityProviderOf(db: Executor, councilId: string): Promise<IdentityProvider | undefined> {
  const [row] = await db.select().from(councilIdentityProviders).where(eq(councilIdentityProviders.councilId, councilId))
  return row
}

/** The council whose code is given, with its provider when one is configured and switched on. */
export async function enabledProviderByCouncilCode(db: Executor, code: string) {
  const [row] = await db
    .select({ provider: councilIdentityProviders, councilName: councils.name, councilCode: councils.code })
    .from(councilIdentityProviders)
    .innerJoin(councils, eq(councils.id, councilIdentityProviders.councilId))
    .where(and(eq(councils.code, code), eq(councilIdentityProviders.enabled, true)))
  return row
}

export async function councilExists(db: Executor, code: string): Promise<boolean> {
  const [row] = await db.select({ id: councils.id }).from(councils).where(eq(councils.code, code))
  return row !== undefined
}

/** What the sign-in page offers: one button per council that has switched its provider on. */
export async function signInChoices(db: Executor): Promise<{ councilCode: string; councilName: string; displayName: string }[]> {
  return db
    .select({ councilCode: councils.code, councilName: councils.name, displayName: councilIdentityProviders.displayName })
    .from(councilIdentityProviders)
    .innerJoin(councils, eq(councils.id, councilIdentityProviders.councilId))
    .where(eq(councilIdentityProviders.enabled, true))
    .orderBy(asc(councils.name))
}

/** The client secret in clear, or undefined when it was sealed under another instance secret. */
export function clientSecretOf(instanceSecret: string, provider: IdentityProvider): string | undefined {
  return open(instanceSecret, provider.councilId, provider.clientSecretSealed)
}

/** What an audit entry may show of the settings: everything but the secret, which shows only whether it changed. */
function auditable(provider: IdentityProvider | undefined, secretChanged?: boolean) {
  if (!provider) return undefined
  const { clientSecretSealed: _sealed, updatedAt: _updated, ...rest } = provider
  return secretChanged === undefined ? rest : { ...rest, clientSecret: secretChanged ? 'replaced' : 'kept' }
}

export async function saveIdentityProvider(
  tx: Executor,
  input: { actor: Actor; councilId: string; instanceSecret: string; values: IdentityProviderInput; now: Date },
): Promise<void> {
  const before = await identityProviderOf(tx, input.councilId)
  const { clientSecret, ...values } = input.values
  const sealed = clientSecret !== undefined ? seal(input.instanceSecret, input.councilId, clientSecret) : before?.clientSecretSealed
  if (sealed === undefined) throw new Error('A council identity provider needs a client secret the first time it is saved')
  const row = { ...values, councilId: input.councilId, clientSecretSealed: sealed, updatedAt: input.now }
  await tx
    .insert(councilIdentityProviders)
    .values(row)
    .onConflictDoUpdate({ target: councilIdentityProviders.councilId, set: row })
  await recordAudit(tx, {
    actor: input.actor,
    councilId: input.councilId,
    action: before ? 'update' : 'create',
    entityType: 'identity-provider',
    entityId: input.councilId,
    before: auditable(before),
    after: auditable(row, clientSecret !== undefined),
    at: input.now,
  })
}
