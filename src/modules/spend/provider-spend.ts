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

export interface MonthSpend {
  /** YYYY-MM */
  month: string
  amountPence: number
  payments: number
}

/**
 * What the council paid the given providers each month between two dates (inclusive), from the payments
 * themselves: a contract's page shows the spend inside its term. Payees not yet matched to a provider are not
 * counted, which the page says.
 */
export async function spendWithProvidersByMonth(db: Executor, councilId: string, providerIds: readonly string[], from: string, to: string): Promise<MonthSpend[]> {
  if (providerIds.length === 0) return []
  const rows = await queryRows<{ month: string; amount: string; payments: string }>(
    db,
    sql`select to_char(date_trunc('month', pay.payment_date), 'YYYY-MM') as month, sum(pay.amount_pence) as amount, count(*) as payments
        from spend_payments pay
        join spend_payees p on p.id = pay.payee_id and p.council_id = pay.council_id
        where pay.council_id = ${councilId}
          and p.provider_id in (${sql.join(providerIds.map((id) => sql`${id}::uuid`), sql`, `)})
          and pay.payment_date between ${from}::date and ${to}::date
        group by 1
        order by 1`,
  )
  return rows.map((r) => ({ month: r.month, amountPence: Number(r.amount), payments: Number(r.payments) }))
}

/** The payees matched to a provider: its page links each to the payee's payments. */
export async function payeesOfProvider(db: Executor, councilId: string, providerId: string): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from spend_payees where council_id = ${councilId} and provider_id = ${providerId}::uuid order by name limit 50`,
  )
}
