/**
 * SQL for the contracts register. Tenancy lives here: every function takes the council from its caller and every
 * query filters by it (ADR 0006); the public scope reads published contracts only.
 */
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm'
import { anyOf, asStored, insertRows } from '../../platform/db/bulk.ts'
import { queryRows, type Executor } from '../../platform/db/database.ts'
import { providers } from '../providers/schema.ts'
import { contractAssessments, contractKpis, contractModifications, contractNotices, contracts, contractSuppliers } from './schema.ts'
import { isUuid } from '../../platform/ids.ts'

export type ContractRow = typeof contracts.$inferSelect
export type ContractValues = Omit<typeof contracts.$inferInsert, 'id' | 'councilId'>

export type Scope = { councilId: string } | { published: true; councilId?: string | undefined }

export interface ContractFilters {
  q?: string | undefined
  status?: string | undefined
  supplier?: string | undefined
  /** A SERVICE_CATEGORIES code. */
  serviceCategory?: string | undefined
  minValuePence?: number | undefined
  maxValuePence?: number | undefined
  /** Contracts running on or after this date (ending on or after it, or with no end). */
  activeFrom?: string | undefined
  activeTo?: string | undefined
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

function scopeConditions(scope: Scope): SQL[] {
  if ('published' in scope) {
    const conditions = [eq(contracts.published, true)]
    if (scope.councilId) conditions.push(eq(contracts.councilId, scope.councilId))
    return conditions
  }
  return [eq(contracts.councilId, scope.councilId)]
}

/** Contracts delivered by a provider whose name matches: a subquery on the join table. */
const bySupplierName = (text: string) =>
  inArray(
    contracts.id,
    sql`(select ${contractSuppliers.contractId} from ${contractSuppliers} join ${providers} on ${providers.id} = ${contractSuppliers.providerId} where ${ilike(providers.name, likePattern(text))})`,
  )

function conditionsOf(scope: Scope, filters: ContractFilters): SQL[] {
  const conditions = scopeConditions(scope)
  const q = filters.q?.trim()
  if (q) conditions.push(or(ilike(contracts.title, likePattern(q)), ilike(contracts.reference, likePattern(q)), ilike(contracts.description, likePattern(q)))!)
  if (filters.supplier?.trim()) conditions.push(bySupplierName(filters.supplier.trim()))
  if (filters.status) conditions.push(eq(contracts.status, filters.status))
  if (filters.serviceCategory) conditions.push(eq(contracts.serviceCategory, filters.serviceCategory))
  if (filters.minValuePence !== undefined) conditions.push(gte(contracts.totalValuePence, filters.minValuePence))
  if (filters.maxValuePence !== undefined) conditions.push(lte(contracts.totalValuePence, filters.maxValuePence))
  if (filters.activeFrom) conditions.push(or(sql`${contracts.endDate} is null`, gte(contracts.endDate, filters.activeFrom))!)
  if (filters.activeTo) conditions.push(or(sql`${contracts.startDate} is null`, lte(contracts.startDate, filters.activeTo))!)
  return conditions
}

export async function list(db: Executor, scope: Scope, filters: ContractFilters, page: { limit: number; offset: number }): Promise<ContractRow[]> {
  return db
    .select()
    .from(contracts)
    .where(and(...conditionsOf(scope, filters)))
    .orderBy(asc(contracts.endDate), asc(contracts.title), asc(contracts.id))
    .limit(page.limit)
    .offset(page.offset)
}

export async function countMatching(db: Executor, scope: Scope, filters: ContractFilters): Promise<number> {
  const [row] = await db.select({ n: count() }).from(contracts).where(and(...conditionsOf(scope, filters)))
  return Number(row?.n ?? 0)
}

/** The next page of matching contracts after `afterId`, in id order: the API's cursor paging (ADR 0044). */
export async function listAfter(db: Executor, scope: Scope, filters: ContractFilters, afterId: string | null, limit: number): Promise<ContractRow[]> {
  const conditions = conditionsOf(scope, filters)
  if (afterId) conditions.push(gt(contracts.id, afterId))
  return db.select().from(contracts).where(and(...conditions)).orderBy(asc(contracts.id)).limit(limit)
}

/** The next page after `afterId`, in id order: keyset pagination for exports that stream any number of contracts. */
export async function pageAfter(db: Executor, scope: Scope, afterId: string | null, limit: number): Promise<ContractRow[]> {
  const conditions = scopeConditions(scope)
  if (afterId) conditions.push(gt(contracts.id, afterId))
  return db.select().from(contracts).where(and(...conditions)).orderBy(asc(contracts.id)).limit(limit)
}

export async function findById(db: Executor, scope: Scope, id: string): Promise<ContractRow | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select().from(contracts).where(and(...scopeConditions(scope), eq(contracts.id, id)))
  return row
}

export async function findByReference(db: Executor, councilId: string, reference: string): Promise<ContractRow | undefined> {
  const [row] = await db.select().from(contracts).where(and(eq(contracts.councilId, councilId), eq(contracts.reference, reference)))
  return row
}

export async function findByOcid(db: Executor, councilId: string, ocid: string): Promise<ContractRow | undefined> {
  const [row] = await db.select().from(contracts).where(and(eq(contracts.councilId, councilId), eq(contracts.ocid, ocid)))
  return row
}

export interface SupplierOfContract {
  contractId: string
  providerId: string
  name: string
  published: boolean
  isSme: boolean
  isVcse: boolean
  isSupportedEmploymentProvider: boolean
  isPublicServiceMutual: boolean
}

/** The suppliers of a page of contracts in one query. */
export async function suppliersOf(db: Executor, contractIds: string[]): Promise<Map<string, SupplierOfContract[]>> {
  const result = new Map<string, SupplierOfContract[]>(contractIds.map((id) => [id, []]))
  if (contractIds.length === 0) return result
  const rows = await db
    .select({
      contractId: contractSuppliers.contractId,
      providerId: providers.id,
      name: providers.name,
      published: providers.published,
      isSme: providers.isSme,
      isVcse: providers.isVcse,
      isSupportedEmploymentProvider: providers.isSupportedEmploymentProvider,
      isPublicServiceMutual: providers.isPublicServiceMutual,
    })
    .from(contractSuppliers)
    .innerJoin(providers, and(eq(providers.id, contractSuppliers.providerId), eq(providers.councilId, contractSuppliers.councilId)))
    .where(anyOf(contractSuppliers.contractId, contractIds))
    .orderBy(asc(providers.name))
  for (const row of rows) result.get(row.contractId)?.push(row)
  return result
}

export async function noticesOf(db: Executor, contractIds: string[]): Promise<Map<string, { type: string; publishedOn: string }[]>> {
  const result = new Map<string, { type: string; publishedOn: string }[]>(contractIds.map((id) => [id, []]))
  if (contractIds.length === 0) return result
  const rows = await db
    .select()
    .from(contractNotices)
    .where(anyOf(contractNotices.contractId, contractIds))
    .orderBy(asc(contractNotices.publishedOn), asc(contractNotices.noticeType))
  for (const row of rows) result.get(row.contractId)?.push({ type: row.noticeType, publishedOn: row.publishedOn })
  return result
}

export async function insert(tx: Executor, councilId: string, values: ContractValues): Promise<ContractRow> {
  const [row] = await tx.insert(contracts).values({ ...values, councilId }).returning()
  return row!
}

export async function update(tx: Executor, councilId: string, id: string, values: Partial<ContractValues>): Promise<ContractRow> {
  const [row] = await tx.update(contracts).set(values).where(and(eq(contracts.councilId, councilId), eq(contracts.id, id))).returning()
  return row!
}

export async function addSuppliers(tx: Executor, councilId: string, contractId: string, providerIds: string[]) {
  if (providerIds.length > 0) await tx.insert(contractSuppliers).values(providerIds.map((providerId) => ({ contractId, providerId, councilId })))
}

export async function addNotices(tx: Executor, councilId: string, contractId: string, notices: { type: string; publishedOn: string }[]) {
  if (notices.length > 0) await tx.insert(contractNotices).values(notices.map((n) => ({ contractId, councilId, noticeType: n.type, publishedOn: n.publishedOn })))
}

export async function replaceSuppliers(tx: Executor, councilId: string, contractId: string, providerIds: string[]) {
  await tx.delete(contractSuppliers).where(and(eq(contractSuppliers.councilId, councilId), eq(contractSuppliers.contractId, contractId)))
  if (providerIds.length > 0) await tx.insert(contractSuppliers).values(providerIds.map((providerId) => ({ contractId, providerId, councilId })))
}

export async function replaceNotices(tx: Executor, councilId: string, contractId: string, notices: { type: string; publishedOn: string }[]) {
  await tx.delete(contractNotices).where(and(eq(contractNotices.councilId, councilId), eq(contractNotices.contractId, contractId)))
  if (notices.length > 0) {
    await tx.insert(contractNotices).values(notices.map((n) => ({ contractId, councilId, noticeType: n.type, publishedOn: n.publishedOn })))
  }
}

/** Chunks of rows for multi-row statements, well under PostgreSQL's 65,535 parameters per statement. */
function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

/** A council's contracts with any of these ocids (or, with `by: 'reference'`, references), in one query per 5,000. */
export async function findManyBy(db: Executor, councilId: string, by: 'ocid' | 'reference', values: string[]): Promise<ContractRow[]> {
  const rows: ContractRow[] = []
  const column = by === 'ocid' ? contracts.ocid : contracts.reference
  for (const chunk of chunked([...new Set(values)], 5000)) rows.push(...(await db.select().from(contracts).where(and(eq(contracts.councilId, councilId), anyOf(column, chunk)))))
  return rows
}

/**
 * Many contracts in a few set-wise statements. Every column is given (ids and timestamps included), so the rows
 * stored are the rows given, returned in the same order.
 */
export async function insertMany(tx: Executor, councilId: string, values: (ContractValues & { id: string })[]): Promise<ContractRow[]> {
  const rows = asStored(contracts, values.map((v) => ({ ...v, councilId })))
  await insertRows(tx, contracts, rows)
  return rows
}

/** Replaces the suppliers and notices of many contracts: one delete and a few multi-row inserts each. */
export async function replaceLinksMany(
  tx: Executor,
  councilId: string,
  links: { contractId: string; providerIds: string[]; notices: { type: string; publishedOn: string }[] }[],
  options: { fresh?: boolean } = {},
) {
  const ids = links.map((l) => l.contractId)
  if (!options.fresh) {
    for (const chunk of chunked(ids, 5000)) {
      await tx.delete(contractSuppliers).where(and(eq(contractSuppliers.councilId, councilId), anyOf(contractSuppliers.contractId, chunk)))
      await tx.delete(contractNotices).where(and(eq(contractNotices.councilId, councilId), anyOf(contractNotices.contractId, chunk)))
    }
  }
  await insertRows(tx, contractSuppliers, links.flatMap((l) => l.providerIds.map((providerId) => ({ contractId: l.contractId, providerId, councilId }))))
  await insertRows(tx, contractNotices, links.flatMap((l) => l.notices.map((n) => ({ contractId: l.contractId, councilId, noticeType: n.type, publishedOn: n.publishedOn }))))
}

/** Which of these providers belong to the council. */
export async function councilProviderIds(db: Executor, councilId: string, providerIds: string[]): Promise<Set<string>> {
  const ids = providerIds.filter(isUuid)
  if (ids.length === 0) return new Set()
  const rows = await db.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, councilId), inArray(providers.id, ids)))
  return new Set(rows.map((r) => r.id))
}

export async function kpisOf(db: Executor, councilId: string, contractId: string) {
  return db
    .select()
    .from(contractKpis)
    .where(and(eq(contractKpis.councilId, councilId), eq(contractKpis.contractId, contractId)))
    .orderBy(asc(contractKpis.createdAt), asc(contractKpis.id))
}

export async function assessmentsOf(db: Executor, councilId: string, contractId: string) {
  return db
    .select()
    .from(contractAssessments)
    .where(and(eq(contractAssessments.councilId, councilId), eq(contractAssessments.contractId, contractId)))
    .orderBy(desc(contractAssessments.assessedOn), desc(contractAssessments.createdAt))
}

export async function modificationsOf(db: Executor, councilId: string, contractId: string) {
  return db
    .select()
    .from(contractModifications)
    .where(and(eq(contractModifications.councilId, councilId), eq(contractModifications.contractId, contractId)))
    .orderBy(desc(contractModifications.modifiedOn), desc(contractModifications.createdAt))
}

/** Every live contract of a council with its KPI count and latest assessment: what the duty and attention checks read. */
export async function dutyFacts(db: Executor, councilId: string, contractIds?: string[]) {
  const conditions = [eq(contracts.councilId, councilId)]
  if (contractIds) {
    if (contractIds.length === 0) return []
    conditions.push(inArray(contracts.id, contractIds))
  } else {
    conditions.push(inArray(contracts.status, ['active', 'extended']))
  }
  return db
    .select({
      id: contracts.id,
      reference: contracts.reference,
      title: contracts.title,
      totalValuePence: contracts.totalValuePence,
      lightTouch: contracts.lightTouch,
      status: contracts.status,
      startDate: contracts.startDate,
      endDate: contracts.endDate,
      reviewDate: contracts.reviewDate,
      extensionOptions: contracts.extensionOptions,
      extensionsTaken: contracts.extensionsTaken,
      // Written out in full: inside a select list drizzle leaves column names unqualified, and "id" would be the KPI's.
      kpiCount: sql<number>`(select count(*)::int from ${contractKpis} k where k.contract_id = "contracts"."id")`,
      lastAssessedOn: sql<string | null>`(select max(a.assessed_on)::text from ${contractAssessments} a where a.contract_id = "contracts"."id")`,
    })
    .from(contracts)
    .where(and(...conditions))
    .orderBy(asc(contracts.endDate), asc(contracts.title))
}

export { isUuid }

/** Contracts the provider delivers, alone or with others, newest first: for the provider's own pages. */
export async function listForProvider(db: Executor, scope: Scope, providerId: string, limit: number): Promise<ContractRow[]> {
  return db
    .select()
    .from(contracts)
    .where(and(...scopeConditions(scope), inArray(contracts.id, sql`(select ${contractSuppliers.contractId} from ${contractSuppliers} where ${contractSuppliers.providerId} = ${providerId})`)))
    .orderBy(desc(contracts.startDate), asc(contracts.title), asc(contracts.id))
    .limit(limit)
}

/**
 * Every contract of the council with a supplier, with what is needed to tie payments to it by date and measure them
 * against its value (RF-OVERSPEND's rule, ADR 0027): value, category, light touch, award, start and end dates, suppliers.
 */
export async function valuesTermsAndSuppliers(db: Executor, councilId: string) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id, c.reference, c.title, c.main_category, c.light_touch, c.total_value_pence,
               to_char(c.award_date, 'YYYY-MM-DD') as award_date, to_char(c.start_date, 'YYYY-MM-DD') as start_date,
               to_char(c.end_date, 'YYYY-MM-DD') as end_date,
               array_agg(cs.provider_id::text order by cs.provider_id) as supplier_ids
        from contracts c join contract_suppliers cs on cs.contract_id = c.id and cs.council_id = ${councilId}
        where c.council_id = ${councilId}
        group by c.id order by c.reference`,
  )
  return rows.map((c) => ({
    id: String(c.id),
    reference: String(c.reference),
    title: String(c.title),
    mainCategory: String(c.main_category) as 'goods' | 'services' | 'works',
    lightTouch: Boolean(c.light_touch),
    totalValuePence: c.total_value_pence === null ? null : Number(c.total_value_pence),
    awardDate: (c.award_date as string | null) ?? null,
    startDate: (c.start_date as string | null) ?? null,
    endDate: (c.end_date as string | null) ?? null,
    supplierIds: Array.isArray(c.supplier_ids) ? c.supplier_ids.map(String) : String(c.supplier_ids ?? '').replace(/^\{|\}$/g, '').split(',').filter(Boolean),
  }))
}

/**
 * Each KPI of the council's contracts with its contract's term and one row per supplier: what providers report
 * returns against (kpi-returns). Narrowed to one provider's contracts, one contract, or one KPI when asked.
 */
export async function kpisWithSuppliers(db: Executor, councilId: string, filter: { providerId?: string; contractId?: string; kpiId?: string } = {}) {
  const conditions = [eq(contractKpis.councilId, councilId)]
  if (filter.providerId) conditions.push(eq(contractSuppliers.providerId, filter.providerId))
  if (filter.contractId) conditions.push(eq(contractKpis.contractId, filter.contractId))
  if (filter.kpiId) conditions.push(eq(contractKpis.id, filter.kpiId))
  return db
    .select({
      kpiId: contractKpis.id,
      kpiName: contractKpis.name,
      target: contractKpis.target,
      contractId: contracts.id,
      reference: contracts.reference,
      title: contracts.title,
      status: contracts.status,
      startDate: contracts.startDate,
      endDate: contracts.endDate,
      providerId: providers.id,
      providerName: providers.name,
    })
    .from(contractKpis)
    .innerJoin(contracts, and(eq(contracts.id, contractKpis.contractId), eq(contracts.councilId, councilId)))
    .innerJoin(contractSuppliers, eq(contractSuppliers.contractId, contracts.id))
    .innerJoin(providers, and(eq(providers.id, contractSuppliers.providerId), eq(providers.councilId, councilId)))
    .where(and(...conditions))
    .orderBy(asc(contracts.title), asc(contractKpis.createdAt), asc(contractKpis.name), asc(contractKpis.id), asc(providers.name))
}
