/** SQL for users, memberships, sessions, sign-in failures and API tokens. No rules here. */
import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { councils } from '../../modules/councils/schema.ts'
import type { Executor } from '../db/database.ts'
import { apiTokens, memberships, sessions, users } from './schema.ts'
import type { Role } from './roles.ts'

export interface PrincipalRow {
  userId: string
  email: string
  displayName: string
  membershipId: string
  councilId: string
  councilName: string
  councilCode: string
  role: Role
  providerId: string | null
  /** For the partner role: the partner organisation whose pooled funds the user may see. */
  partnerOrganisationId: string | null
}

const principalColumns = {
  userId: users.id,
  email: users.email,
  displayName: users.displayName,
  membershipId: memberships.id,
  councilId: memberships.councilId,
  councilName: councils.name,
  councilCode: councils.code,
  role: sql<Role>`${memberships.role}`,
  providerId: memberships.providerId,
  partnerOrganisationId: memberships.partnerOrganisationId,
}

export async function findUserByEmail(db: Executor, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email))
  return user
}

export async function findUserById(db: Executor, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id))
  return user
}

/** A user's memberships, admin first within a council, with when each began. */
export async function membershipsOf(db: Executor, userId: string): Promise<(PrincipalRow & { createdAt: Date })[]> {
  return db
    .select({ ...principalColumns, createdAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(councils, eq(councils.id, memberships.councilId))
    .where(eq(memberships.userId, userId))
    .orderBy(sql`case ${memberships.role} when 'admin' then 0 else 1 end`, asc(councils.name), asc(memberships.role))
}

export async function insertSession(
  db: Executor,
  session: { id: string; userId: string; membershipId: string; expiresAt: Date; now: Date },
) {
  await db.insert(sessions).values({ ...session, createdAt: session.now, lastSeenAt: session.now })
}

export async function findSessionPrincipal(db: Executor, sessionId: string, now: Date) {
  const [row] = await db
    .select({ ...principalColumns, sessionId: sessions.id, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(memberships, eq(memberships.id, sessions.membershipId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(councils, eq(councils.id, memberships.councilId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), eq(users.disabled, false)))
  return row
}

export async function touchSession(db: Executor, sessionId: string, now: Date, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, sessionId))
}

/** Points a session at another of the same user's memberships (the council switcher). */
export async function setSessionMembership(db: Executor, sessionId: string, userId: string, membershipId: string) {
  const rows = await db
    .update(sessions)
    .set({ membershipId })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id })
  return rows.length > 0
}

export async function deleteSession(db: Executor, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId))
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now))
}

export async function insertApiToken(
  db: Executor,
  token: { membershipId: string; name: string; tokenHash: string; prefix: string; scopes: string[]; expiresAt: Date; now: Date },
) {
  const [row] = await db
    .insert(apiTokens)
    .values({
      membershipId: token.membershipId,
      name: token.name,
      tokenHash: token.tokenHash,
      prefix: token.prefix,
      scopes: token.scopes,
      expiresAt: token.expiresAt,
      createdAt: token.now,
    })
    .returning({ id: apiTokens.id })
  return row!
}

export async function findTokenPrincipal(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ ...principalColumns, tokenId: apiTokens.id, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .innerJoin(memberships, eq(memberships.id, apiTokens.membershipId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(councils, eq(councils.id, memberships.councilId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.disabled, false)))
  return row
}

/** Adds uses counted since the last write; the last use only moves forward (another process may have written later). */
export async function markTokenUsed(db: Executor, tokenId: string, lastUsedAt: Date, uses: number) {
  await db
    .update(apiTokens)
    .set({
      lastUsedAt: sql`greatest(${apiTokens.lastUsedAt}, ${lastUsedAt.toISOString()}::timestamptz)`,
      usageCount: sql`${apiTokens.usageCount} + ${uses}`,
    })
    .where(eq(apiTokens.id, tokenId))
}
