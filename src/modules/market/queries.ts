/**
 * What the market view reads: the providers in a service category and area, their latest accounts, the council's
 * spend with them by financial year, the category's contracts and the providers' capacity. Every query is scoped
 * by the council.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { queryRows, type Executor } from '../../platform/db/database.ts'
import { councils } from '../councils/schema.ts'
import { providerFinancials } from '../risk/schema.ts'
import { providerCapacity } from './schema.ts'

const n = (value: unknown) => Number(value ?? 0)
const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

export interface MarketProvider {
  id: string
  name: string
  legalForm: string
  isSme: boolean
  isVcse: boolean
  isPublicServiceMutual: boolean
  isSupportedEmploymentProvider: boolean
  published: boolean
  serviceCategories: string[]
  areasServed: string[]
}

/**
 * The council's providers in a category: those that list it among their services, and those with a contract in it.
 * With an area (a GSS code), only providers that serve it.
 */
export async function providersInMarket(db: Executor, councilId: string, category: string, area: string | null): Promise<MarketProvider[]> {
  const areaFilter = area ? sql`and ${area} = any(p.areas_served)` : sql``
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id, p.name, p.legal_form, p.is_sme, p.is_vcse, p.is_public_service_mutual, p.is_supported_employment_provider,
               p.published, p.service_categories, p.areas_served
        from providers p
        where p.council_id = ${councilId} ${areaFilter}
          and (${category} = any(p.service_categories) or exists (
            select 1 from contract_suppliers cs join contracts c on c.id = cs.contract_id
            where cs.provider_id = p.id and cs.council_id = ${councilId} and c.council_id = ${councilId} and c.service_category = ${category}))
        order by p.name, p.id`,
  )
  const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? value.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : [])
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    legalForm: String(r.legal_form),
    isSme: Boolean(r.is_sme),
    isVcse: Boolean(r.is_vcse),
    isPublicServiceMutual: Boolean(r.is_public_service_mutual),
    isSupportedEmploymentProvider: Boolean(r.is_supported_employment_provider),
    published: Boolean(r.published),
    serviceCategories: list(r.service_categories),
    areasServed: list(r.areas_served),
  }))
}

export interface Accounts {
  providerId: string
  periodEnd: string
  turnoverPence: number | null
  employees: number | null
}

/** Each provider's years of accounts (turnover and employees only), newest first. */
export async function accountsOf(db: Executor, councilId: string, providerIds: string[]): Promise<Map<string, Accounts[]>> {
  const result = new Map<string, Accounts[]>()
  if (providerIds.length === 0) return result
  const rows = await db
    .select({ providerId: providerFinancials.providerId, periodEnd: providerFinancials.periodEnd, turnoverPence: providerFinancials.turnoverPence, employees: providerFinancials.employees })
    .from(providerFinancials)
    .where(and(eq(providerFinancials.councilId, councilId), inArray(providerFinancials.providerId, providerIds)))
    .orderBy(sql`${providerFinancials.periodEnd} desc`)
  for (const row of rows) result.set(row.providerId, [...(result.get(row.providerId) ?? []), row])
  return result
}

/** The council's spend with each of these providers, by financial year (start year), through matched payees. */
export async function spendByProviderYear(db: Executor, councilId: string, providerIds: string[]): Promise<{ providerId: string; year: number; amountPence: number }[]> {
  if (providerIds.length === 0) return []
  const rows = await queryRows<{ provider_id: string; year: number; amount: string }>(
    db,
    sql`select p.provider_id, b.year, sum(b.amount_pence) as amount
        from spend_by_payee b join spend_payees p on p.id = b.payee_id
        where b.council_id = ${councilId} and p.council_id = ${councilId} and p.provider_id = any(${uuidArray(providerIds)})
        group by p.provider_id, b.year order by b.year`,
  )
  return rows.map((r) => ({ providerId: String(r.provider_id), year: n(r.year), amountPence: n(r.amount) }))
}

/** The first and last financial years of the council's spend data. */
export async function spendYearRange(db: Executor, councilId: string): Promise<{ first: number | null; last: number | null }> {
  const [row] = await queryRows<{ first: number | null; last: number | null }>(
    db,
    sql`select min(year) as first, max(year) as last from spend_by_payee where council_id = ${councilId}`,
  )
  return { first: row?.first === null || row?.first === undefined ? null : n(row.first), last: row?.last === null || row?.last === undefined ? null : n(row.last) }
}

export interface CategoryContract {
  id: string
  reference: string
  title: string
  status: string
  startDate: string | null
  endDate: string | null
  totalValuePence: number | null
  estimatedAnnualValuePence: number | null
  published: boolean
  providerIds: string[]
}

/** The council's contracts in a category, with their suppliers. */
export async function contractsInCategory(db: Executor, councilId: string, category: string): Promise<CategoryContract[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id, c.reference, c.title, c.status, to_char(c.start_date, 'YYYY-MM-DD') as start_date, to_char(c.end_date, 'YYYY-MM-DD') as end_date,
               c.total_value_pence, c.estimated_annual_value_pence, c.published,
               coalesce(array_agg(cs.provider_id::text order by cs.provider_id) filter (where cs.provider_id is not null), '{}') as provider_ids
        from contracts c left join contract_suppliers cs on cs.contract_id = c.id and cs.council_id = ${councilId}
        where c.council_id = ${councilId} and c.service_category = ${category}
        group by c.id order by c.start_date nulls last, c.reference`,
  )
  const ids = (value: unknown) => (Array.isArray(value) ? (value as string[]) : String(value ?? '').replace(/^\{|\}$/g, '').split(',').filter(Boolean))
  return rows.map((r) => ({
    id: String(r.id),
    reference: String(r.reference),
    title: String(r.title),
    status: String(r.status),
    startDate: (r.start_date as string | null) ?? null,
    endDate: (r.end_date as string | null) ?? null,
    totalValuePence: r.total_value_pence === null ? null : n(r.total_value_pence),
    estimatedAnnualValuePence: r.estimated_annual_value_pence === null ? null : n(r.estimated_annual_value_pence),
    published: Boolean(r.published),
    providerIds: ids(r.provider_ids),
  }))
}

export type CapacityRow = typeof providerCapacity.$inferSelect

/** Capacity recorded in a category for these providers. */
export async function capacityInCategory(db: Executor, councilId: string, category: string, providerIds: string[]): Promise<CapacityRow[]> {
  if (providerIds.length === 0) return []
  return db
    .select()
    .from(providerCapacity)
    .where(and(eq(providerCapacity.councilId, councilId), eq(providerCapacity.serviceCategory, category), inArray(providerCapacity.providerId, providerIds)))
    .orderBy(asc(providerCapacity.unit))
}

/** The areas the council's providers serve (GSS codes), with their councils' names where known, by name. */
export async function areasServed(db: Executor, councilId: string): Promise<{ gssCode: string; name: string }[]> {
  const rows = await queryRows<{ code: string }>(db, sql`select distinct unnest(areas_served) as code from providers where council_id = ${councilId}`)
  const codes = rows.map((r) => String(r.code))
  if (codes.length === 0) return []
  const named = await db.select({ gssCode: councils.gssCode, name: councils.name }).from(councils).where(inArray(councils.gssCode, codes))
  const names = new Map(named.map((c) => [c.gssCode!, c.name]))
  return codes.map((code) => ({ gssCode: code, name: names.get(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name))
}

/** The name of the council whose GSS code this is, if any. */
export async function areaName(db: Executor, gssCode: string): Promise<string | undefined> {
  const [row] = await db.select({ name: councils.name }).from(councils).where(eq(councils.gssCode, gssCode))
  return row?.name
}

