/**
 * One council's spend is changed by one transaction at a time (an import, an undo, a payee decision): a
 * transaction-scoped advisory lock keyed by the council. Its own file so that the importer and payee matching both
 * use it without importing each other.
 */
import { sql } from 'drizzle-orm'
import type { Executor } from '../../platform/db/database.ts'

export async function lockCouncilSpend(tx: Executor, councilId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`catalyst-spend:${councilId}`}))`)
}
