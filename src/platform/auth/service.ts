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

/** A signed-in session lasts this long after the last request. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000
/** Failed sign-ins allowed for one email, and from one address, within the throttle window. */
export const MAX_FAILURES_PER_EMAIL = 5
export const MAX_FAILURES_PER_CLIENT = 30
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000
/** Refresh a session's expiry at most this often, so that reading pages does not write on every request. */
const SESSION_TOUCH_MS = 5 * 60 * 1000

export interface Principal extends PrincipalRow {
  via: 'session' | 'token'
  sessionId?: string
}

export type SignInResult =
  | { outcome: 'signed-in'; sessionToken: string; principal: Principal }
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; minutes: number }
  | { outcome: 'no-role' }

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export async function signIn(
  db: Database,
  input: { email: string; password: string; clientAddress: string; now: Date; requestId?: string },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email)
  const since = new Date(input.now.getTime() - THROTTLE_WINDOW_MS)
  const [byEmail, byClient] = await Promise.all([
    repo.countRecentFailures(db, since, { email }),
    repo.countRecentFailures(db, since, { clientAddress: input.clientAddress }),
  ])
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byClient >= MAX_FAILURES_PER_CLIENT) {
    return { outcome: 'throttled', minutes: THROTTLE_WINDOW_MS / 60_000 }
  }

  const user = await repo.findUserByEmail(db, email)
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password)
  if (!user || !passwordOk || user.disabled) {
    await repo.insertFailure(db, { email, clientAddress: input.clientAddress, at: input.now })
    return { outcome: 'invalid' }
  }

  const [membership] = await repo.membershipsOf(db, user.id)
  if (!membership) return { outcome: 'no-role' }

  const sessionToken = randomToken()
  const sessionId = sha256(sessionToken)
  await db.transaction(async (tx) => {
    await repo.clearFailures(tx, email)
    await repo.insertSession(tx, {
      id: sessionId,
      userId: user.id,
      membershipId: membership.membershipId,
      expiresAt: new Date(input.now.getTime() + SESSION_IDLE_MS),
      now: input.now,
    })
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.displayName, requestId: input.requestId },
      councilId: membership.councilId,
      action: 'sign-in',
      entityType: 'user',
      entityId: user.id,
      at: input.now,
    })
  })
  return { outcome: 'signed-in', sessionToken, principal: { ...membership, via: 'session', sessionId } }
}

export async function principalForSession(db: Database, sessionToken: string, now: Date): Promise<Principal | undefined> {
  const sessionId = sha256(sessionToken)
  const row = await repo.findSessionPrincipal(db, sessionId, now)
  if (!row) return undefined
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await repo.touchSession(db, sessionId, now, new Date(now.getTime() + SESSION_IDLE_MS))
  }
  const { lastSeenAt: _lastSeen, ...principal } = row
  return { ...principal, via: 'session' }
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

/** API tokens look like `cat_` followed by 43 random characters. */
export async function createApiToken(
  db: Database,
  input: { membershipId: string; name: string; now: Date },
): Promise<{ id: string; token: string }> {
  const token = `cat_${randomToken()}`
  const { id } = await repo.insertApiToken(db, {
    membershipId: input.membershipId,
    name: input.name,
    tokenHash: sha256(token),
    prefix: token.slice(0, 10),
    now: input.now,
  })
  return { id, token }
}

export async function principalForApiToken(db: Database, token: string, now: Date): Promise<Principal | undefined> {
  const row = await repo.findTokenPrincipal(db, sha256(token))
  if (!row) return undefined
  await repo.markTokenUsed(db, row.tokenId, now)
  const { tokenId: _tokenId, ...principal } = row
  return { ...principal, via: 'token' }
}
