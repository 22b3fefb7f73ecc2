/**
 * Spend on a home page: payees waiting for an officer to confirm or reject a suggested match, and the months since
 * the council's spend began for which no payment has been imported (up to the last whole month).
 */
import { sql } from 'drizzle-orm'
import { queryRows } from '../../platform/db/database.ts'
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'

/** Months (YYYY-MM) from `from` to `to` inclusive. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return months
}

/** The last whole month before today (YYYY-MM). */
function lastWholeMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

export async function monthsWithoutSpend(db: Parameters<typeof queryRows>[0], councilId: string, today: string): Promise<string[]> {
  const rows = await queryRows<{ month: string }>(
    db,
    sql`select distinct to_char(month, 'YYYY-MM') as month from spend_by_month where council_id = ${councilId} order by 1`,
  )
  const present = new Set(rows.map((row) => String(row.month)))
  const first = rows[0]?.month
  if (!first) return []
  return monthsBetween(String(first), lastWholeMonth(today)).filter((month) => !present.has(month))
}

export const spendAttention: AttentionSource = {
  permission: 'spend:import',
  async items({ db, principal, now }) {
    const [suggested] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from spend_payees where council_id = ${principal.councilId} and match_status = 'suggested'`,
    )
    const missing = await monthsWithoutSpend(db, principal.councilId, londonDate(now))
    const reviewCount = Number(suggested?.n ?? 0)
    return [
      { count: reviewCount, text: reviewCount === 1 ? 'payee to review: a suggested match to the provider register' : 'payees to review: suggested matches to the provider register', href: paths.spend.review.href() },
      { count: missing.length, text: missing.length === 1 ? 'month with no spend imported yet' : 'months with no spend imported yet', href: paths.spend.imports.href() },
    ]
  },
}
