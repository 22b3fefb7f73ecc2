/**
 * What the council has paid the given providers, by financial year: for other modules (a commissioning project's
 * "what is in place now") that want spend without reading spend tables themselves.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Executor } from '../../platform/db/database.ts'
import { financialYear, type FinancialYear } from '../../platform/financial-year.ts'

export interface ProviderSpend {
  providerId: string
  providerName: string
  /** Newest first. */
  years: { year: FinancialYear; amountPence: number; payments: number }[]
  totalPence: number
}

export async function spendWithProviders(db: Executor, councilId: string, providerIds: readonly string[]): Promise<ProviderSpend[]> {
  if (providerIds.length === 0) return []
  const rows = await queryRows<{ provider_id: string; provider_name: string; year: number; amount: string; payments: string }>(
    db,
    sql`select p.provider_id, pr.name as provider_name, b.year, sum(b.amount_pence) as amount, sum(b.payments) as payments
        from spend_by_payee b
        join spend_payees p on p.id = b.payee_id and p.council_id = b.council_id
        join providers pr on pr.id = p.provider_id
        where b.council_id = ${councilId}
          and p.provider_id in (${sql.join(providerIds.map((id) => sql`${id}::uuid`), sql`, `)})
        group by p.provider_id, pr.name, b.year
        order by pr.name, b.year desc`,
  )
  const byProvider = new Map<string, ProviderSpend>()
  for (const row of rows) {
    const entry = byProvider.get(row.provider_id) ?? { providerId: row.provider_id, providerName: row.provider_name, years: [], totalPence: 0 }
    const amountPence = Number(row.amount)
    entry.years.push({ year: financialYear(Number(row.year)), amountPence, payments: Number(row.payments) })
    entry.totalPence += amountPence
    byProvider.set(row.provider_id, entry)
  }
  return [...byProvider.values()]
}
