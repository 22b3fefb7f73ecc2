/**
 * Sign-in throttling that slows a guesser without locking out the account's owner.
 *
 * Each attempt is checked and recorded in one transaction holding row locks on its keys, before the password is
 * verified: the attempt is counted as a failure up front and given back if the password is right. So a hundred
 * parallel guesses are served one at a time by the database and at most the free allowance gets through.
 *
 * Three keys, each with free attempts and then a delay that doubles with every further failure:
 * - this account from this address: the guesser's own key. The owner signing in from another address never
 *   shares it, so a guesser cannot lock the owner out.
 * - this address, whatever the account: slows one machine spraying many accounts.
 * - this account, from anywhere: slows a guesser spread over many addresses; its delay is short (capped) so that
 *   at worst the owner waits that long, never a quarter of an hour.
 * Failures are forgotten after the window. Keys hold SHA-256 digests, never an address or email.
 */
import { inArray, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { signInThrottles } from './schema.ts'
import { sha256 } from './tokens.ts'

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000

interface KeyPolicy {
  /** Failures allowed before any delay. */
  free: number
  /** The longest delay between attempts once over the allowance. */
  maxDelayMs: number
}

export const THROTTLE_POLICIES = {
  accountAddress: { free: 5, maxDelayMs: 15 * 60 * 1000 },
  address: { free: 30, maxDelayMs: 15 * 60 * 1000 },
  account: { free: 50, maxDelayMs: 30 * 1000 },
} satisfies Record<string, KeyPolicy>

type KeyKind = keyof typeof THROTTLE_POLICIES

/** The delay after the nth failure: none within the allowance, then 1 s, 2 s, 4 s ... up to the policy's cap. */
export function delayAfter(failures: number, policy: KeyPolicy): number {
  if (failures < policy.free) return 0
  return Math.min(policy.maxDelayMs, 1000 * 2 ** Math.min(30, failures - policy.free))
}

export interface Reservation {
  keys: Record<KeyKind, string>
}

export type ReserveResult = { allowed: true; reservation: Reservation } | { allowed: false; retryAfterMs: number }

function keysFor(email: string, clientAddress: string): Record<KeyKind, string> {
  return {
    accountAddress: `aa:${sha256(`${email}\n${clientAddress}`)}`,
    address: `a:${sha256(clientAddress)}`,
    account: `u:${sha256(email)}`,
  }
}

/**
 * Checks whether an attempt may go ahead and, if so, records it as a failure, atomically. Call `settle` with the
 * outcome once the password has been checked.
 */
export async function reserveAttempt(db: Database, email: string, clientAddress: string, now: Date): Promise<ReserveResult> {
  const keys = keysFor(email, clientAddress)
  const kinds = Object.keys(keys) as KeyKind[]
  return db.transaction(async (tx) => {
    // Create the rows if missing, then lock them in a fixed order (by key) so concurrent attempts queue, not deadlock.
    await tx
      .insert(signInThrottles)
      .values(kinds.map((kind) => ({ key: keys[kind], failures: 0, nextAttemptAt: now, updatedAt: now })))
      .onConflictDoNothing()
    const rows = await tx
      .select()
      .from(signInThrottles)
      .where(inArray(signInThrottles.key, Object.values(keys)))
      .orderBy(signInThrottles.key)
      .for('update')
    const byKey = new Map(rows.map((row) => [row.key, row]))
    const windowStart = now.getTime() - THROTTLE_WINDOW_MS
    let retryAfterMs = 0
    for (const kind of kinds) {
      const row = byKey.get(keys[kind])
      if (!row || row.updatedAt.getTime() < windowStart) continue
      retryAfterMs = Math.max(retryAfterMs, row.nextAttemptAt.getTime() - now.getTime())
    }
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs }
    for (const kind of kinds) {
      const row = byKey.get(keys[kind])
      const previous = row && row.updatedAt.getTime() >= windowStart ? row.failures : 0
      const failures = previous + 1
      await tx
        .update(signInThrottles)
        .set({ failures, nextAttemptAt: new Date(now.getTime() + delayAfter(failures, THROTTLE_POLICIES[kind])), updatedAt: now })
        .where(sql`${signInThrottles.key} = ${keys[kind]}`)
    }
    return { allowed: true, reservation: { keys } }
  })
}

/**
 * After the password check. A right password gives the reserved failure back: the account's own keys are
 * cleared (the owner proved who they are); the address key only loses this attempt, so a guesser who holds one
 * real account cannot wipe their address's count by signing in to it between guesses.
 */
export async function settleAttempt(db: Database, reservation: Reservation, succeeded: boolean, now: Date): Promise<void> {
  if (!succeeded) return
  await db.transaction(async (tx) => {
    await tx.delete(signInThrottles).where(inArray(signInThrottles.key, [reservation.keys.accountAddress, reservation.keys.account]))
    const free = THROTTLE_POLICIES.address.free
    await tx
      .update(signInThrottles)
      .set({
        failures: sql`greatest(${signInThrottles.failures} - 1, 0)`,
        nextAttemptAt: sql`case when ${signInThrottles.failures} - 1 < ${free} then ${now.toISOString()}::timestamptz else ${signInThrottles.nextAttemptAt} end`,
      })
      .where(sql`${signInThrottles.key} = ${reservation.keys.address}`)
  })
}

/** Forgets throttles whose window has passed (called with the expired-session sweep). */
export async function deleteStaleThrottles(db: Database, now: Date): Promise<void> {
  await db.delete(signInThrottles).where(sql`${signInThrottles.updatedAt} < ${new Date(now.getTime() - THROTTLE_WINDOW_MS)}`)
}

/** "2 seconds", "3 minutes": how long to wait, for the page. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`
  const minutes = Math.ceil(seconds / 60)
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}
