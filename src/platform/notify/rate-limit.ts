/**
 * Limits on what a visitor may do in a window (per address, per email), counted in the database like sign-in
 * failures so that every process sees the same count. Keys are stored as SHA-256 digests.
 */
import { and, count, eq, gte } from 'drizzle-orm'
import { sha256 } from '../auth/tokens.ts'
import type { Executor } from '../db/database.ts'
import { rateLimitEvents } from './schema.ts'

export interface Limit {
  bucket: string
  key: string
  max: number
  windowMs: number
}

/** Whether any of the limits is already used up. */
export async function overAnyLimit(db: Executor, limits: Limit[], now: Date): Promise<boolean> {
  for (const limit of limits) {
    const [row] = await db
      .select({ n: count() })
      .from(rateLimitEvents)
      .where(
        and(
          eq(rateLimitEvents.bucket, limit.bucket),
          eq(rateLimitEvents.keyHash, sha256(limit.key)),
          gte(rateLimitEvents.at, new Date(now.getTime() - limit.windowMs)),
        ),
      )
    if (Number(row?.n ?? 0) >= limit.max) return true
  }
  return false
}

/** Counts one use against each limit. */
export async function recordUse(tx: Executor, limits: Limit[], now: Date): Promise<void> {
  if (limits.length === 0) return
  await tx.insert(rateLimitEvents).values(limits.map((limit) => ({ bucket: limit.bucket, keyHash: sha256(limit.key), at: now })))
}
