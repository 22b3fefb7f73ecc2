/**
 * What the pages ask of the spend data, read from the summaries (spend_by_month, spend_by_payee) so that each
 * answer costs thousands of summary rows, not a million payments. Every query is scoped by the council.
 */
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm'
import { queryRows, type Executor } from '../../platform/db/database.ts'
import { financialYear, type FinancialYear } from '../../platform/financial-year.ts'
import { inForceDuring, type ContractTerm } from '../../rules/contracts/in-force.ts'
import { overspentContracts } from '../../rules/red-flags/overspend.ts'
import type { PaymentFact } from '../../rules/red-flags/types.ts'
import { contractValuesAndTerms } from '../contracts/service.ts'
import { isInDistricts } from '../councils/area.ts'
import { providers } from '../providers/schema.ts'
import { mappedCategory, publishedCategoriesOf } from './categories.ts'
import { spendImports, spendPayeeAliases, spendPayees } from './schema.ts'

const n = (value: unknown) => Number(value ?? 0)

/** Financial years with any spend, newest first. */
export async function yearsWithSpend(db: Executor, councilId: string): Promise<FinancialYear[]> {
  const rows = await queryRows<{ year: number }>(
    db,
    sql`select distinct year from spend_by_payee where council_id = ${councilId} order by year desc`,
  )
  return rows.map((r) => financialYear(n(r.year)))
}

export interface Total {
  label: string
  amountPence: number
  payments: number
}

export async function spendByMonth(db: Executor, councilId: string, year: FinancialYear): Promise<{ month: string; amountPence: number; payments: number }[]> {
  const rows = await queryRows<{ month: string; amount: string; payments: string }>(
    db,
    sql`select to_char(month, 'YYYY-MM-DD') as month, sum(amount_pence) as amount, sum(payments) as payments
        from spend_by_month where council_id = ${councilId} and month between ${year.start} and ${year.end}
        group by month order by month`,
  )
  return rows.map((r) => ({ month: r.month, amountPence: n(r.amount), payments: n(r.payments) }))
}

/** Spend by department, or by category (as the council maps its files' categories, ADR 0034). */
export async function spendByLabel(db: Executor, councilId: string, year: FinancialYear, by: 'department' | 'category'): Promise<Total[]> {
  const column = by === 'department' ? sql`b.department` : mappedCategory(councilId, sql`b.category`)
  const rows = await queryRows<{ label: string; amount: string; payments: string }>(
    db,
    sql`select ${column} as label, sum(b.amount_pence) as amount, sum(b.payments) as payments
        from spend_by_month b where b.council_id = ${councilId} and b.month between ${year.start} and ${year.end}
        group by 1 order by 2 desc, 1`,
  )
  return rows.map((r) => ({ label: r.label, amountPence: n(r.amount), payments: n(r.payments) }))
}

export async function spendByYear(db: Executor, councilId: string): Promise<{ year: FinancialYear; amountPence: number; payments: number }[]> {
  const rows = await queryRows<{ year: number; amount: string; payments: string }>(
    db,
    sql`select year, sum(amount_pence) as amount, sum(payments) as payments from spend_by_payee where council_id = ${councilId} group by year order by year`,
  )
  return rows.map((r) => ({ year: financialYear(n(r.year)), amountPence: n(r.amount), payments: n(r.payments) }))
}

/** The council's providers whose postcode lies in its area's districts. */
export async function localProviderIds(db: Executor, councilId: string, districts: readonly string[]): Promise<string[]> {
  if (districts.length === 0) return []
  const rows = await db
    .select({ id: providers.id, postcode: providers.postcode })
    .from(providers)
    .where(and(eq(providers.councilId, councilId), isNotNull(providers.postcode)))
  return rows.filter((r) => isInDistricts(r.postcode, districts)).map((r) => r.id)
}

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

export interface ShareRow {
  year: FinancialYear
  totalPence: number
  smePence: number
  vcsePence: number
  localPence: number
  matchedPence: number
}

/** Spend with SMEs, VCSEs and local organisations by financial year (payees linked to the provider register). */
export async function sharesByYear(db: Executor, councilId: string, localIds: string[]): Promise<ShareRow[]> {
  const rows = await queryRows<{ year: number; total: string; sme: string; vcse: string; local: string; matched: string }>(
    db,
    sql`select b.year, sum(b.amount_pence) as total,
          coalesce(sum(b.amount_pence) filter (where pr.is_sme), 0) as sme,
          coalesce(sum(b.amount_pence) filter (where pr.is_vcse), 0) as vcse,
          coalesce(sum(b.amount_pence) filter (where pr.id = any(${uuidArray(localIds)})), 0) as local,
          coalesce(sum(b.amount_pence) filter (where pr.id is not null), 0) as matched
        from spend_by_payee b
        join spend_payees p on p.id = b.payee_id
        left join providers pr on pr.id = p.provider_id
        where b.council_id = ${councilId}
        group by b.year order by b.year`,
  )
  return rows.map((r) => ({
    year: financialYear(n(r.year)),
    totalPence: n(r.total),
    smePence: n(r.sme),
    vcsePence: n(r.vcse),
    localPence: n(r.local),
    matchedPence: n(r.matched),
  }))
}

export interface PayeeTotal {
  payeeId: string
  name: string
  redacted: boolean
  matchStatus: string
  providerId: string | null
  providerName: string | null
  isSme: boolean
  isVcse: boolean
  isMutual: boolean
  amountPence: number
  payments: number
}

/** Payees by spend in a year, largest first, a page at a time; with the total count. */
export async function payeeTotals(
  db: Executor,
  councilId: string,
  year: FinancialYear,
  options: { limit: number; offset: number; q?: string | undefined },
): Promise<{ items: PayeeTotal[]; total: number }> {
  const q = options.q?.trim()
  const nameFilter = q ? sql`and p.name ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with totals as (
          select b.payee_id, sum(b.amount_pence) as amount, sum(b.payments) as payments
          from spend_by_payee b where b.council_id = ${councilId} and b.year = ${year.startYear} group by b.payee_id
        )
        select t.payee_id, p.name, p.redacted, p.match_status, p.provider_id, pr.name as provider_name,
               coalesce(pr.is_sme, false) as is_sme, coalesce(pr.is_vcse, false) as is_vcse,
               coalesce(pr.is_public_service_mutual, false) as is_mutual, t.amount, t.payments,
               count(*) over () as total_count
        from totals t join spend_payees p on p.id = t.payee_id left join providers pr on pr.id = p.provider_id
        where true ${nameFilter}
        order by t.amount desc, p.name limit ${options.limit} offset ${options.offset}`,
  )
  return {
    total: n(rows[0]?.total_count),
    items: rows.map((r) => ({
      payeeId: String(r.payee_id),
      name: String(r.name),
      redacted: Boolean(r.redacted),
      matchStatus: String(r.match_status),
      providerId: (r.provider_id as string | null) ?? null,
      providerName: (r.provider_name as string | null) ?? null,
      isSme: Boolean(r.is_sme),
      isVcse: Boolean(r.is_vcse),
      isMutual: Boolean(r.is_mutual),
      amountPence: n(r.amount),
      payments: n(r.payments),
    })),
  }
}

export async function findPayee(db: Executor, councilId: string, id: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined
  const [row] = await db
    .select({ payee: spendPayees, provider: providers })
    .from(spendPayees)
    .leftJoin(providers, eq(providers.id, spendPayees.providerId))
    .where(and(eq(spendPayees.councilId, councilId), eq(spendPayees.id, id)))
  return row
}

export async function payeeAliases(db: Executor, councilId: string, payeeId: string) {
  return db
    .select({ nameKey: spendPayeeAliases.nameKey, name: spendPayeeAliases.name })
    .from(spendPayeeAliases)
    .where(and(eq(spendPayeeAliases.councilId, councilId), eq(spendPayeeAliases.payeeId, payeeId)))
    .orderBy(asc(spendPayeeAliases.name))
}

export async function payeeByYear(db: Executor, councilId: string, payeeId: string) {
  const rows = await queryRows<{ year: number; category: string; amount: string; payments: string }>(
    db,
    sql`select b.year, ${mappedCategory(councilId, sql`b.category`)} as category, sum(b.amount_pence) as amount, sum(b.payments) as payments from spend_by_payee b
        where b.council_id = ${councilId} and b.payee_id = ${payeeId} group by 1, 2 order by 1 desc, 3 desc, 2`,
  )
  return rows.map((r) => ({ year: financialYear(n(r.year)), category: r.category, amountPence: n(r.amount), payments: n(r.payments) }))
}

export interface PaymentRow {
  paymentDate: string
  datePrecision: string
  supplierName: string
  payeeId: string
  amountPence: number
  department: string | null
  /** The category the payment counts under: the council's mapping of the published one, if any. */
  category: string | null
  /** The category as the file gave it. */
  publishedCategory: string | null
  purpose: string | null
  transactionNumber: string | null
}

export interface PaymentFilters {
  payeeId?: string | undefined
  /** Part of a payee's name: payments to every payee whose name contains it. */
  payeeName?: string | undefined
  department?: string | undefined
  category?: string | undefined
  from?: string | undefined
  to?: string | undefined
  minPence?: number | undefined
  maxPence?: number | undefined
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** Payments for a drill-down, newest first. With a payee it reads by the payee index; otherwise it scans. */
export async function payments(db: Executor, councilId: string, filters: PaymentFilters, limit = 100, offset = 0): Promise<PaymentRow[]> {
  const conditions = [sql`s.council_id = ${councilId}`]
  if (filters.payeeId) conditions.push(sql`payee_id = ${filters.payeeId}`)
  if (filters.payeeName?.trim())
    conditions.push(sql`payee_id in (select id from spend_payees where council_id = ${councilId} and name ilike ${likePattern(filters.payeeName.trim())})`)
  if (filters.minPence !== undefined) conditions.push(sql`amount_pence >= ${filters.minPence}`)
  if (filters.maxPence !== undefined) conditions.push(sql`amount_pence <= ${filters.maxPence}`)
  if (filters.department !== undefined) conditions.push(sql`coalesce(department, '') = ${filters.department}`)
  if (filters.category !== undefined) {
    // A council category stands for each published spelling mapped to it.
    const spellings = await publishedCategoriesOf(db, councilId, filters.category)
    conditions.push(spellings.length ? sql`coalesce(s.category, '') in (${sql.join(spellings.map((c) => sql`${c}`), sql`, `)})` : sql`false`)
  }
  if (filters.from) conditions.push(sql`payment_date >= ${filters.from}`)
  if (filters.to) conditions.push(sql`payment_date <= ${filters.to}`)
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_char(payment_date, 'YYYY-MM-DD') as payment_date, date_precision, supplier_name, payee_id, amount_pence, department,
               nullif(${mappedCategory(councilId, sql`coalesce(s.category, '')`)}, '') as category, s.category as published_category, purpose, transaction_number
        from spend_payments s where ${sql.join(conditions, sql` and `)}
        order by payment_date desc, import_id, line limit ${limit} offset ${offset}`,
  )
  return rows.map((r) => ({
    paymentDate: String(r.payment_date),
    datePrecision: String(r.date_precision),
    supplierName: String(r.supplier_name),
    payeeId: String(r.payee_id),
    amountPence: n(r.amount_pence),
    department: (r.department as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    publishedCategory: (r.published_category as string | null) ?? null,
    purpose: (r.purpose as string | null) ?? null,
    transactionNumber: (r.transaction_number as string | null) ?? null,
  }))
}

/** HHI bands of the US DOJ/FTC Merger Guidelines 2023, Guideline 1 (domain-rules §8): descriptive yardsticks only. */
export function hhiBand(hhi: number): 'Unconcentrated' | 'Moderately concentrated' | 'Highly concentrated' {
  if (hhi < 1000) return 'Unconcentrated'
  if (hhi <= 1800) return 'Moderately concentrated'
  return 'Highly concentrated'
}

/** The Herfindahl–Hirschman index of a set of amounts: the sum of squared percentage shares (0 to 10,000). */
export function hhi(amounts: number[]): number {
  const positive = amounts.filter((a) => a > 0)
  const total = positive.reduce((sum, a) => sum + a, 0)
  if (total === 0) return 0
  return positive.reduce((sum, a) => sum + ((a * 100) / total) ** 2, 0)
}

export interface Concentration {
  category: string
  totalPence: number
  payees: number
  hhi: number
  band: ReturnType<typeof hhiBand>
  top1Share: number
  top5Share: number
  payeesFor80: number
}

/** Concentration of a year's spend, over all spend ('' category) or per category. Payees with net credits are left out. */
export async function concentration(db: Executor, councilId: string, year: FinancialYear, perCategory: boolean): Promise<Concentration[]> {
  const group = perCategory ? mappedCategory(councilId, sql`b.category`) : sql`''::text`
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with p as (
          select ${group} as category, b.payee_id, sum(b.amount_pence)::float8 as a
          from spend_by_payee b where b.council_id = ${councilId} and b.year = ${year.startYear}
          group by 1, 2 having sum(amount_pence) > 0
        ), ranked as (
          select category, a, sum(a) over (partition by category) as total,
                 row_number() over (partition by category order by a desc, payee_id) as rn,
                 sum(a) over (partition by category order by a desc, payee_id rows unbounded preceding) as running
          from p
        )
        select category, max(total) as total, count(*) as payees, sum((a * 100 / total) ^ 2) as hhi,
               max(a) / max(total) as top1, sum(a) filter (where rn <= 5) / max(total) as top5,
               count(*) filter (where running - a < 0.8 * total) as payees80
        from ranked group by category order by 2 desc`,
  )
  return rows.map((r) => {
    const index = Math.round(n(r.hhi))
    return {
      category: String(r.category),
      totalPence: Math.round(n(r.total)),
      payees: n(r.payees),
      hhi: index,
      band: hhiBand(index),
      top1Share: n(r.top1),
      top5Share: n(r.top5),
      payeesFor80: n(r.payees80),
    }
  })
}

/** Payees whose share of the year's spend is at least the council's dependency share. */
export async function dependencies(db: Executor, councilId: string, year: FinancialYear, sharePercent: number) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    // The year's total (of payees paid more than they repaid) as a window over the per-payee sums: one pass.
    sql`select t.payee_id, p.name, t.a, t.a::float8 / t.total as share
        from (
          select payee_id, sum(amount_pence) as a, sum(greatest(sum(amount_pence), 0)) over () as total
          from spend_by_payee where council_id = ${councilId} and year = ${year.startYear} group by payee_id
        ) t
        join spend_payees p on p.id = t.payee_id
        where t.total > 0 and t.a::float8 / t.total >= ${sharePercent / 100}
        order by t.a desc`,
  )
  return rows.map((r) => ({ payeeId: String(r.payee_id), name: String(r.name), amountPence: n(r.a), share: n(r.share) }))
}

/**
 * Payments by day (summed) to payees matched to a provider with a contract: what RF-OVERSPEND ties to contracts by
 * date. Redacted payees are left out, as the red flags leave them out.
 */
export async function paymentsToContractedProviders(db: Executor, councilId: string): Promise<PaymentFact[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.payee_id, p.name, p.provider_id, to_char(s.payment_date, 'YYYY-MM-DD') as day, sum(s.amount_pence) as amount_pence, count(*) as n
        from spend_payments s join spend_payees p on p.id = s.payee_id and p.council_id = ${councilId}
        where s.council_id = ${councilId} and p.provider_id is not null and not p.redacted
          and exists (select 1 from contract_suppliers cs where cs.council_id = ${councilId} and cs.provider_id = p.provider_id)
        group by s.payee_id, p.name, p.provider_id, s.payment_date
        order by s.payment_date`,
  )
  return rows.map((p) => ({ payeeId: String(p.payee_id), payeeName: String(p.name), providerId: String(p.provider_id), date: String(p.day), amountPence: n(p.amount_pence), count: n(p.n) }))
}

/**
 * Contracts (or groups of overlapping contracts) paid beyond their value plus the s.74(4)(a) limit, counting only
 * payments in each contract's term or up to `toleranceDays` after it: RF-OVERSPEND's own rule (ADR 0027), so the
 * spend page lists exactly the contracts the red flag raises, with the same totals.
 */
export async function spendOverContractValue(db: Executor, councilId: string, toleranceDays: number) {
  const [contracts, payments, names] = await Promise.all([
    contractValuesAndTerms(db, councilId),
    paymentsToContractedProviders(db, councilId),
    db.select({ id: providers.id, name: providers.name }).from(providers).where(eq(providers.councilId, councilId)),
  ])
  const nameOf = new Map(names.map((r) => [String(r.id), String(r.name)]))
  return overspentContracts(contracts, payments, toleranceDays)
    .map((o) => ({
      providerId: o.providerId,
      name: nameOf.get(o.providerId) ?? 'Unknown provider',
      contracts: o.contracts.map((c) => ({ id: c.id, reference: c.reference })),
      contractValuePence: o.valuePence,
      allowancePence: o.allowancePence,
      spentPence: o.counted.total,
      payments: o.counted.count,
      first: o.counted.first,
      last: o.counted.last,
    }))
    // The largest excess over value plus limit first.
    .sort((a, b) => b.spentPence - b.contractValuePence - b.allowancePence - (a.spentPence - a.contractValuePence - a.allowancePence) || a.name.localeCompare(b.name))
}

/** Payees paid more than the threshold in the year with no contract in the register (unmatched payees have none). */
/**
 * Payees paid more than the threshold in the year with no contract in force that year: the same question as
 * RF-NOCONTRACT, answered by the same rule (inForceDuring, ADR 0027), so the page and the red flag list the same payees.
 */
export async function spendWithoutContract(db: Executor, councilId: string, year: FinancialYear, thresholdPence: number, limit = 500) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with t as (
          select payee_id, sum(amount_pence) as a from spend_by_payee where council_id = ${councilId} and year = ${year.startYear}
          group by payee_id having sum(amount_pence) > ${thresholdPence}
        )
        select t.payee_id, p.name, p.provider_id, t.a,
               (select coalesce(json_agg(json_build_object('startDate', to_char(c.start_date, 'YYYY-MM-DD'), 'awardDate', to_char(c.award_date, 'YYYY-MM-DD'),
                                                           'endDate', to_char(c.end_date, 'YYYY-MM-DD'))), '[]'::json)
                from contract_suppliers cs join contracts c on c.id = cs.contract_id and c.council_id = ${councilId}
                where cs.council_id = ${councilId} and cs.provider_id = p.provider_id) as terms
        from t join spend_payees p on p.id = t.payee_id and p.council_id = ${councilId}
        where not p.redacted
        order by t.a desc, p.name`,
  )
  return rows
    .filter((r) => {
      const terms = (typeof r.terms === 'string' ? JSON.parse(r.terms) : (r.terms ?? [])) as ContractTerm[]
      return !terms.some((term) => inForceDuring(term, year.start, year.end))
    })
    .slice(0, limit)
    .map((r) => ({ payeeId: String(r.payee_id), name: String(r.name), providerId: (r.provider_id as string | null) ?? null, amountPence: n(r.a) }))
}

export async function listImports(db: Executor, councilId: string) {
  return db
    .select({
      id: spendImports.id, fileName: spendImports.fileName, kind: spendImports.kind, rowsImported: spendImports.rowsImported,
      rowsRejected: spendImports.rowsRejected, totalPence: spendImports.totalPence, dateFrom: spendImports.dateFrom,
      dateTo: spendImports.dateTo, createdAt: spendImports.createdAt, importedBy: spendImports.importedBy,
    })
    .from(spendImports)
    .where(eq(spendImports.councilId, councilId))
    .orderBy(desc(spendImports.createdAt))
    .limit(200)
}

export async function findImport(db: Executor, councilId: string, id: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined
  const [row] = await db.select().from(spendImports).where(and(eq(spendImports.councilId, councilId), eq(spendImports.id, id)))
  return row
}

/** The review queue: payees with a suggested match, then the largest unmatched payees. */
export async function reviewQueue(db: Executor, councilId: string, limit = 50) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id, p.name, p.match_status, p.suggestion_score, pr.id as provider_id, pr.name as provider_name,
               coalesce((select sum(amount_pence) from spend_by_payee b where b.council_id = p.council_id and b.payee_id = p.id), 0) as spent
        from spend_payees p left join providers pr on pr.id = p.suggested_provider_id
        where p.council_id = ${councilId} and p.match_status in ('suggested', 'unmatched')
        order by case p.match_status when 'suggested' then 0 else 1 end, spent desc, p.name limit ${limit}`,
  )
  return rows.map((r) => ({
    payeeId: String(r.id), name: String(r.name), matchStatus: String(r.match_status), score: r.suggestion_score === null ? null : n(r.suggestion_score),
    providerId: (r.provider_id as string | null) ?? null, providerName: (r.provider_name as string | null) ?? null, spentPence: n(r.spent),
  }))
}

/** The categories the council's payments count under (mapped), for the payments filter. '' stands for "not stated". */
export async function categoriesOf(db: Executor, councilId: string): Promise<string[]> {
  const rows = await queryRows<{ category: string }>(
    db,
    sql`select distinct ${mappedCategory(councilId, sql`b.category`)} as category from spend_by_month b where b.council_id = ${councilId} order by 1`,
  )
  return rows.map((r) => r.category)
}
