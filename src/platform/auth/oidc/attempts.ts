/**
 * Sign-ins under way, kept in the database so that any process can take the provider's answer. The browser's
 * cookie names the attempt; taking it deletes it, so a state, nonce and code verifier serve one answer only.
 */
import { eq, lt } from 'drizzle-orm'
import type { Executor } from '../../db/database.ts'
import { randomToken, sha256 } from '../tokens.ts'
import { oidcSignInAttempts } from './schema.ts'

/** How long a person has at the provider before the sign-in must be started again. */
export const ATTEMPT_TTL_MS = 10 * 60 * 1000

export interface Attempt {
  councilId: string
  state: string
  nonce: string
  codeVerifier: string
  returnTo: string | null
}

/** Stores an attempt and returns the cookie value that names it. Expired attempts are cleared on the way. */
export async function storeAttempt(db: Executor, attempt: Attempt, now: Date): Promise<string> {
  const cookie = randomToken()
  await db.delete(oidcSignInAttempts).where(lt(oidcSignInAttempts.expiresAt, now))
  await db.insert(oidcSignInAttempts).values({ ...attempt, id: sha256(cookie), expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS) })
  return cookie
}

/** The attempt the cookie names, removed as it is read; undefined when unknown, already taken or expired. */
export async function takeAttempt(db: Executor, cookie: string, now: Date): Promise<Attempt | undefined> {
  const [row] = await db.delete(oidcSignInAttempts).where(eq(oidcSignInAttempts.id, sha256(cookie))).returning()
  if (!row || row.expiresAt.getTime() <= now.getTime()) return undefined
  return { councilId: row.councilId, state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier, returnTo: row.returnTo }
}
