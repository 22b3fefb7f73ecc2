/**
 * Signing in and out, sessions and API tokens: the rules. Sessions live in the database so that any process
 * can serve any request; a sign-in made through one process is valid on all of them.
 */
import type { Database } from '../db/database.ts'
import { recordAudit } from '../audit/audit.ts'
import { decoyPasswordHash, verifyPassword } from './passwords.ts'
import * as repo from './repository.ts'
import type { PrincipalRow } from './repository.ts'
import { randomToken, sha256 } from './tokens.ts'
import { parseScope } from './scopes.ts'
import { reserveAttempt, settleAttempt } from './throttle.ts'
import { hasTotp } from './totp.ts'
import { users } from './schema.ts'
import { eq } from 'drizzle-orm'
import { grantsFor } from './access-settings.ts'
import type { Permission } from './roles.ts'

/** A signed-in session lasts this long after the last request. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000
/** Refresh a session's expiry at most this often, so that reading pages does not write on every request. */
const SESSION_TOUCH_MS = 5 * 60 * 1000

export interface Principal extends PrincipalRow {
  via: 'session' | 'token'
  sessionId?: string
  /** For a token: what it may do (see scopes.ts), and which token it is (rate limits count per token). */
  scopes?: string[]
  tokenId?: string
  /** What the council's settings add to the role (ADR 0062); read with the principal, so every check sees it. */
  granted?: Permission[]
}

export type SignInResult =
  | { outcome: 'signed-in'; sessionToken: string; principal: Principal; chooseCouncil: boolean }
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; retryAfterMs: number }
  | { outcome: 'no-role' }
  /** The password was right and the person has a second factor: no session until the code is checked (ADR 0043). */
  | { outcome: 'second-factor'; userId: string }

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export async function signIn(
  db: Database,
  input: { email: string; password: string; clientAddress: string; now: Date; requestId?: string },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email)
  const reserved = await reserveAttempt(db, email, input.clientAddress, input.now)
  if (!reserved.allowed) return { outcome: 'throttled', retryAfterMs: reserved.retryAfterMs }

  const user = await repo.findUserByEmail(db, email)
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password)
  const succeeded = Boolean(user && passwordOk && !user.disabled)
  await settleAttempt(db, reserved.reservation, succeeded, input.now)
  if (!user || !succeeded) return { outcome: 'invalid' }

  const all = await repo.membershipsOf(db, user.id)
  const membership = landingMembership(all)
  if (!membership) return { outcome: 'no-role' }
  if (await hasTotp(db, user.id)) return { outcome: 'second-factor', userId: user.id }
  const { sessionToken, sessionId } = await startSession(db, { userId: user.id, displayName: user.displayName, membership, now: input.now, requestId: input.requestId })
  const councilCount = new Set(all.map((m) => m.councilId)).size
  const { createdAt: _createdAt, ...row } = membership
  return { outcome: 'signed-in', sessionToken, principal: { ...row, via: 'session', sessionId }, chooseCouncil: councilCount > 1 }
}

/**
 * Where a sign-in lands before the person chooses: the council they first joined (so that a role added later,
 * elsewhere, never moves them), the most capable role there. People with several councils then choose.
 */
export function landingMembership<T extends { councilId: string; createdAt: Date }>(all: readonly T[]): T | undefined {
  const first = [...all].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]
  return first && all.find((m) => m.councilId === first.councilId)
}

/** Opens a session on one membership, audited as a sign-in. */
export async function startSession(
  db: Database,
  input: { userId: string; displayName: string; membership: { membershipId: string; councilId: string }; now: Date; requestId?: string | undefined },
): Promise<{ sessionToken: string; sessionId: string }> {
  const sessionToken = randomToken()
  const sessionId = sha256(sessionToken)
  await db.transaction(async (tx) => {
    await repo.insertSession(tx, {
      id: sessionId,
      userId: input.userId,
      membershipId: input.membership.membershipId,
      expiresAt: new Date(input.now.getTime() + SESSION_IDLE_MS),
      now: input.now,
    })
    // Shown on the administrator's people page (ADR 0043).
    await tx.update(users).set({ lastSignedInAt: input.now }).where(eq(users.id, input.userId))
    await recordAudit(tx, {
      actor: { userId: input.userId, label: input.displayName, requestId: input.requestId },
      councilId: input.membership.councilId,
      action: 'sign-in',
      entityType: 'user',
      entityId: input.userId,
      at: input.now,
    })
  })
  return { sessionToken, sessionId }
}

/** The councils and roles a signed-in person may switch between. */
export async function membershipChoices(db: Database, principal: Principal) {
  return repo.membershipsOf(db, principal.userId)
}

/** Moves a session to another of the same person's memberships; false when that membership is not theirs. */
export async function switchMembership(db: Database, principal: Principal, membershipId: string, now: Date, requestId?: string): Promise<boolean> {
  if (!principal.sessionId) return false
  const target = (await repo.membershipsOf(db, principal.userId)).find((m) => m.membershipId === membershipId)
  if (!target) return false
  await db.transaction(async (tx) => {
    await repo.setSessionMembership(tx, principal.sessionId!, principal.userId, target.membershipId)
    await recordAudit(tx, {
      actor: { userId: principal.userId, label: principal.displayName, requestId },
      councilId: target.councilId,
      action: 'switch-council',
      entityType: 'user',
      entityId: principal.userId,
      after: { councilId: target.councilId, role: target.role },
      at: now,
    })
  })
  return true
}

export async function principalForSession(db: Database, sessionToken: string, now: Date): Promise<Principal | undefined> {
  const sessionId = sha256(sessionToken)
  const row = await repo.findSessionPrincipal(db, sessionId, now)
  if (!row) return undefined
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await repo.touchSession(db, sessionId, now, new Date(now.getTime() + SESSION_IDLE_MS))
  }
  const { lastSeenAt: _lastSeen, ...principal } = row
  return { ...principal, via: 'session', granted: await grantsFor(db, principal.councilId, principal.role) }
}

export async function signOut(db: Database, principal: Principal, now: Date, requestId?: string): Promise<void> {
  if (!principal.sessionId) return
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, principal.sessionId!)
    await recordAudit(tx, {
      actor: { userId: principal.userId, label: principal.displayName, requestId },
      councilId: principal.councilId,
      action: 'sign-out',
      entityType: 'user',
      entityId: principal.userId,
      at: now,
    })
  })
}

/** A token lasts this long unless its maker says otherwise, and never longer than the maximum. */
export const API_TOKEN_DEFAULT_DAYS = 90
export const API_TOKEN_MAX_DAYS = 366
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * API tokens look like `cat_` followed by 43 random characters. Without scopes a token may read and write every
 * module its user's role allows (what tokens could do before scopes existed); the command line always names them.
 */
export async function createApiToken(
  db: Database,
  input: { membershipId: string; name: string; now: Date; scopes?: string[]; expiresAt?: Date },
): Promise<{ id: string; token: string; scopes: string[]; expiresAt: Date }> {
  const scopes = input.scopes ?? ['*:write']
  const bad = scopes.filter((scope) => !parseScope(scope))
  if (bad.length > 0 || scopes.length === 0) {
    throw new Error(`API token scopes must be like contracts:read or *:write (got ${bad.join(', ') || 'none'})`)
  }
  const expiresAt = input.expiresAt ?? new Date(input.now.getTime() + API_TOKEN_DEFAULT_DAYS * DAY_MS)
  if (expiresAt.getTime() <= input.now.getTime() || expiresAt.getTime() > input.now.getTime() + API_TOKEN_MAX_DAYS * DAY_MS) {
    throw new Error(`An API token must expire within ${API_TOKEN_MAX_DAYS} days`)
  }
  const token = `cat_${randomToken()}`
  const { id } = await repo.insertApiToken(db, {
    membershipId: input.membershipId,
    name: input.name,
    tokenHash: sha256(token),
    prefix: token.slice(0, 10),
    scopes,
    expiresAt,
    now: input.now,
  })
  return { id, token, scopes, expiresAt }
}

export type ApiTokenCheck =
  | { outcome: 'valid'; principal: Principal; tokenId: string }
  | { outcome: 'expired'; expiredAt: Date }
  | { outcome: 'unknown' }

/** Who a bearer token acts as. Recording its use is the caller's (see token-usage.ts), so reading never writes. */
export async function checkApiToken(db: Database, token: string, now: Date): Promise<ApiTokenCheck> {
  const row = await repo.findTokenPrincipal(db, sha256(token))
  if (!row) return { outcome: 'unknown' }
  const { tokenId, expiresAt, ...principal } = row
  if (expiresAt.getTime() <= now.getTime()) return { outcome: 'expired', expiredAt: expiresAt }
  return { outcome: 'valid', principal: { ...principal, via: 'token', tokenId, granted: await grantsFor(db, principal.councilId, principal.role) }, tokenId }
}
