/**
 * The council's contracts as benchmarking counts them: how each was awarded, when, and its initial term. All the
 * council's contracts, published or not: these are its own figures about itself.
 */
import { asc, eq } from 'drizzle-orm'
import type { Executor } from '../../platform/db/database.ts'
import { contracts } from './schema.ts'

export interface AwardRow {
  id: string
  reference: string
  title: string
  awardProcedure: string
  awardDate: string | null
  startDate: string | null
  endDate: string | null
  totalValuePence: number | null
}

export function awardRowsOf(db: Executor, councilId: string): Promise<AwardRow[]> {
  return db
    .select({ id: contracts.id, reference: contracts.reference, title: contracts.title, awardProcedure: contracts.awardProcedure, awardDate: contracts.awardDate, startDate: contracts.startDate, endDate: contracts.endDate, totalValuePence: contracts.totalValuePence })
    .from(contracts)
    .where(eq(contracts.councilId, councilId))
    .orderBy(asc(contracts.reference))
}
