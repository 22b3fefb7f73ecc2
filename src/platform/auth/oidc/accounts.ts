/**
 * From a checked ID token to a Catalyst session (ADR 0042): find the account linked to the provider's subject, or
 * link or create one; refuse a disabled account; bring the person's roles in the council into line with the roles
 * claim; open a session when they hold a role there.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../audit/audit.ts'
import type { Database, Executor } from '../../db/database.ts'
import { hashPassword } from '../passwords.ts'
import * as repo from '../repository.ts'
import { ROLES } from '../roles.ts'
import { memberships, users } from '../schema.ts'
import { normaliseEmail, startSession } from '../service.ts'
import { randomToken } from '../tokens.ts'
import { claimValues, governedRoles, mappedRoles, type RoleMapping } from './role-claim.ts'
import { externalIdentities, oidcSessions } from './schema.ts'

export type ProviderSignInResult =
  | { outcome: 'signed-in'; sessionToken: string; chooseCouncil: boolean }
  /** Signed in at the provider, but no claim value they hold gives a role here yet. */
  | { outcome: 'no-role'; claimValues: string[] }
  | { outcome: 'disabled' }
  /** The provider gave no email address, which Catalyst accounts are known by. */
  | { outcome: 'no-email' }
  /** The email belongs to an account with roles in another council, which this council's provider may not take. */
  | { outcome: 'email-elsewhere' }

export interface ProviderSignInInput {
  councilId: string
  issuer: string
  claims: Record<string, unknown> & { sub: string }
  idToken: string
  rolesClaim: string
  roleMapping: RoleMapping
  now: Date
  requestId?: string
}

/** The email a provider gives: `email`, or Entra's `preferred_username` when it is an address. */
export function emailFromClaims(claims: Record<string, unknown>): string | undefined {
  for (const key of ['email', 'preferred_username', 'upn']) {
    const value = claims[key]
    if (typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())) return normaliseEmail(value)
  }
  return undefined
}

export async function signInFromProvider(db: Database, input: ProviderSignInInput): Promise<ProviderSignInResult> {
  const values = claimValues(input.claims, input.rolesClaim)
  type Decided = { user: UserRow } | { outcome: 'no-email' | 'email-elsewhere' | 'disabled' }
  const decided = await db.transaction(async (tx): Promise<Decided> => {
    const found = await linkedOrNewUser(tx, input)
    if ('outcome' in found) return found
    const { user } = found
    if (user.disabled) return { outcome: 'disabled' }
    const actor: Actor = { userId: user.id, label: user.displayName, requestId: input.requestId }
    await syncRoles(tx, { actor, userId: user.id, councilId: input.councilId, values, mapping: input.roleMapping, now: input.now })
    return { user }
  })
  if ('outcome' in decided) return decided

  const { user } = decided
  const all = await repo.membershipsOf(db, user.id)
  // The session opens in the council whose provider vouched for the person, on their most capable role there.
  const here = all.filter((m) => m.councilId === input.councilId).sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role))[0]
  if (!here) return { outcome: 'no-role', claimValues: values }
  const { sessionToken, sessionId } = await startSession(db, {
    userId: user.id,
    displayName: user.displayName,
    membership: here,
    now: input.now,
    requestId: input.requestId,
  })
  await db.insert(oidcSessions).values({ sessionId, councilId: input.councilId, idToken: input.idToken })
  return { outcome: 'signed-in', sessionToken, chooseCouncil: new Set(all.map((m) => m.councilId)).size > 1 }
}

type UserRow = typeof users.$inferSelect

/**
 * The account for the provider's subject. The first time, an account with the same email is linked only when all
 * its roles are in this council (so that one council's provider can never sign someone in to another council's
 * account); otherwise a new account is created, with a password nobody knows.
 */
async function linkedOrNewUser(tx: Executor, input: ProviderSignInInput): Promise<{ user: UserRow } | { outcome: 'no-email' | 'email-elsewhere' }> {
  const [linked] = await tx
    .select({ user: users })
    .from(externalIdentities)
    .innerJoin(users, eq(users.id, externalIdentities.userId))
    .where(and(eq(externalIdentities.issuer, input.issuer), eq(externalIdentities.subject, input.claims.sub)))
  if (linked) {
    await tx
      .update(externalIdentities)
      .set({ lastSignInAt: input.now })
      .where(and(eq(externalIdentities.issuer, input.issuer), eq(externalIdentities.subject, input.claims.sub)))
    return linked
  }

  const email = emailFromClaims(input.claims)
  if (!email) return { outcome: 'no-email' }
  let user = await repo.findUserByEmail(tx, email)
  if (user) {
    const elsewhere = (await repo.membershipsOf(tx, user.id)).some((m) => m.councilId !== input.councilId)
    if (elsewhere) return { outcome: 'email-elsewhere' }
  } else {
    const name = typeof input.claims.name === 'string' && input.claims.name.trim() ? input.claims.name.trim().slice(0, 200) : email
    ;[user] = await tx
      .insert(users)
      .values({ email, displayName: name, passwordHash: await hashPassword(randomToken(32)), createdAt: input.now, updatedAt: input.now })
      .returning()
    if (!user) throw new Error('Could not create the account')
    await recordAudit(tx, {
      actor: { userId: user.id, label: name, requestId: input.requestId },
      councilId: input.councilId,
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      after: { email, displayName: name, via: 'identity provider' },
      at: input.now,
    })
  }
  await tx.insert(externalIdentities).values({ issuer: input.issuer, subject: input.claims.sub, councilId: input.councilId, userId: user.id, createdAt: input.now, lastSignInAt: input.now })
  await recordAudit(tx, {
    actor: { userId: user.id, label: user.displayName, requestId: input.requestId },
    councilId: input.councilId,
    action: 'link-identity',
    entityType: 'user',
    entityId: user.id,
    after: { issuer: input.issuer, subject: input.claims.sub },
    at: input.now,
  })
  return { user }
}

/**
 * Gives the roles the claim maps to and takes away the mapped roles it no longer carries. Roles the mapping does not
 * speak for (a provider's or partner's role, or a staff role with no claim values) are left as an administrator set them.
 */
async function syncRoles(
  tx: Executor,
  input: { actor: Actor; userId: string; councilId: string; values: string[]; mapping: RoleMapping; now: Date },
): Promise<void> {
  const wanted = mappedRoles(input.values, input.mapping)
  const governed = governedRoles(input.mapping)
  const current = await tx
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, input.userId), eq(memberships.councilId, input.councilId)))
  const held = new Set(current.map((m) => m.role))
  const toRemove = current.filter((m) => (governed as string[]).includes(m.role) && !(wanted as string[]).includes(m.role))
  const toAdd = wanted.filter((role) => !held.has(role))
  if (toRemove.length > 0) await tx.delete(memberships).where(inArray(memberships.id, toRemove.map((m) => m.id)))
  for (const role of toAdd) {
    await tx.insert(memberships).values({ userId: input.userId, councilId: input.councilId, role, createdAt: input.now }).onConflictDoNothing()
  }
  if (toAdd.length > 0 || toRemove.length > 0) {
    await recordAudit(tx, {
      actor: input.actor,
      councilId: input.councilId,
      action: 'update-roles',
      entityType: 'user',
      entityId: input.userId,
      before: { roles: [...held].sort() },
      after: { roles: [...held].filter((role) => !toRemove.some((m) => m.role === role)).concat(toAdd).sort(), from: 'identity provider roles claim' },
      at: input.now,
    })
  }
}

/** The ID token and council of a session opened through a provider, for signing out there too. */
export async function providerSessionOf(db: Executor, sessionId: string) {
  const [row] = await db.select().from(oidcSessions).where(eq(oidcSessions.sessionId, sessionId))
  return row
}
