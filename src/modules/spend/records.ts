/**
 * The council's spend imports and payees a page at a time in id order (keyset paging, ADR 0044), for the API: a
 * page never repeats or skips a record while imports add payees. Every query is scoped by the council.
 */
import { and, asc, eq, gt, ilike, inArray, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../platform/db/database.ts'
import { providers } from '../providers/schema.ts'
import { spendByPayee, spendImports, spendPayees } from './schema.ts'

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export interface ImportFilters {
  /** invoice or card. */
  kind?: string | undefined
}

export async function importsAfter(db: Executor, councilId: string, filters: ImportFilters, afterId: string | null, limit: number) {
  const conditions: SQL[] = [eq(spendImports.councilId, councilId)]
  if (filters.kind) conditions.push(eq(spendImports.kind, filters.kind))
  if (afterId) conditions.push(gt(spendImports.id, afterId))
  const rows = await db
    .select({
      id: spendImports.id, fileName: spendImports.fileName, kind: spendImports.kind, rowsRead: spendImports.rowsRead, rowsImported: spendImports.rowsImported,
      rowsRejected: spendImports.rowsRejected, totalPence: spendImports.totalPence, dateFrom: spendImports.dateFrom, dateTo: spendImports.dateTo,
      periodReading: spendImports.periodReading, importedBy: spendImports.importedBy, createdAt: spendImports.createdAt,
    })
    .from(spendImports)
    .where(and(...conditions))
    .orderBy(asc(spendImports.id))
    .limit(limit + 1)
  return { items: rows.slice(0, limit), more: rows.length > limit }
}

export interface PayeeFilters {
  /** Part of the payee's name. */
  q?: string | undefined
  /** identifier, name, confirmed, suggested, unmatched or redacted. */
  matchStatus?: string | undefined
  providerId?: string | undefined
}

export interface PayeeSummary {
  id: string
  name: string
  redacted: boolean
  matchStatus: string
  provider: { id: string; name: string } | null
  companyNumber: string | null
  charityNumber: string | null
  vatNumber: string | null
  /** Over every year of spend the council has imported. */
  totalPence: number
  payments: number
}

export async function payeesAfter(db: Executor, councilId: string, filters: PayeeFilters, afterId: string | null, limit: number) {
  const conditions: SQL[] = [eq(spendPayees.councilId, councilId)]
  const q = filters.q?.trim()
  if (q) conditions.push(ilike(spendPayees.name, likePattern(q)))
  if (filters.matchStatus) conditions.push(eq(spendPayees.matchStatus, filters.matchStatus))
  if (filters.providerId) conditions.push(eq(spendPayees.providerId, filters.providerId))
  if (afterId) conditions.push(gt(spendPayees.id, afterId))
  const rows = await db
    .select({ payee: spendPayees, providerName: providers.name })
    .from(spendPayees)
    .leftJoin(providers, eq(providers.id, spendPayees.providerId))
    .where(and(...conditions))
    .orderBy(asc(spendPayees.id))
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  const totals = await payeeTotalsOf(db, councilId, page.map((r) => r.payee.id))
  const items: PayeeSummary[] = page.map(({ payee, providerName }) => ({
    id: payee.id,
    name: payee.name,
    redacted: payee.redacted,
    matchStatus: payee.matchStatus,
    provider: payee.providerId ? { id: payee.providerId, name: providerName ?? '' } : null,
    companyNumber: payee.companyNumber,
    charityNumber: payee.charityNumber,
    vatNumber: payee.vatNumber,
    totalPence: totals.get(payee.id)?.amount ?? 0,
    payments: totals.get(payee.id)?.payments ?? 0,
  }))
  return { items, more: rows.length > limit }
}

/** Spend with each payee over all years, from the summary table (one page's payees at a time). */
async function payeeTotalsOf(db: Executor, councilId: string, payeeIds: string[]) {
  if (payeeIds.length === 0) return new Map<string, { amount: number; payments: number }>()
  const rows = await db
    .select({ payeeId: spendByPayee.payeeId, amount: sql<string>`sum(${spendByPayee.amountPence})`, payments: sql<string>`sum(${spendByPayee.payments})` })
    .from(spendByPayee)
    .where(and(eq(spendByPayee.councilId, councilId), inArray(spendByPayee.payeeId, payeeIds)))
    .groupBy(spendByPayee.payeeId)
  return new Map(rows.map((r) => [r.payeeId, { amount: Number(r.amount ?? 0), payments: Number(r.payments ?? 0) }]))
}
