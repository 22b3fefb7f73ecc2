/**
 * SQL for the provider register. Tenancy lives here: every function takes the council (or the explicit public
 * scope) from its caller and every query filters by it, so no rule elsewhere can forget.
 */
import { and, arrayContains, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm'
import { anyOf, asStored, insertRows } from '../../platform/db/bulk.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { ProviderIdentifier } from './forms.ts'
import { providerIdentifiers, providers } from './schema.ts'
import { SUPPLIER_FLAGS, type SupplierFlag } from './vocabulary.ts'

export type ProviderRow = typeof providers.$inferSelect
export type ProviderValues = Omit<typeof providers.$inferInsert, 'id' | 'councilId'>

/** One council's register, or every council's published providers (the public pages): never anything else. */
export type Scope = { councilId: string } | { publishedInAllCouncils: true }

export interface ListFilters {
  /** Words of the name, or an identifier (with or without its scheme). */
  q?: string | undefined
  identifier?: { scheme?: string; identifier: string } | undefined
  flags?: SupplierFlag[] | undefined
  category?: string | undefined
  area?: string | undefined
}

export interface ListOrder {
  sort: 'name' | 'updated'
  order: 'asc' | 'desc'
  limit: number
  offset: number
}

function scopeCondition(scope: Scope): SQL {
  return 'councilId' in scope ? eq(providers.councilId, scope.councilId) : eq(providers.published, true)
}

/** LIKE's own wildcards in what someone typed are meant literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

function filterConditions(scope: Scope, filters: ListFilters): SQL[] {
  const conditions: SQL[] = [scopeCondition(scope)]
  const q = filters.q?.trim()
  if (q) {
    const byName = ilike(providers.name, likePattern(q))
    const idFilter = filters.identifier
    if (idFilter) {
      const idConditions = [eq(providerIdentifiers.identifier, idFilter.identifier)]
      if (idFilter.scheme) idConditions.push(eq(providerIdentifiers.scheme, idFilter.scheme))
      if ('councilId' in scope) idConditions.push(eq(providerIdentifiers.councilId, scope.councilId))
      const byIdentifier = inArray(
        providers.id,
        sql`(select ${providerIdentifiers.providerId} from ${providerIdentifiers} where ${and(...idConditions)})`,
      )
      conditions.push(or(byName, byIdentifier)!)
    } else {
      conditions.push(byName)
    }
  }
  for (const flag of filters.flags ?? []) {
    const column = SUPPLIER_FLAGS.find((f) => f.code === flag)!.column
    conditions.push(eq(providers[column], true))
  }
  if (filters.category) conditions.push(arrayContains(providers.serviceCategories, [filters.category]))
  if (filters.area) conditions.push(arrayContains(providers.areasServed, [filters.area]))
  return conditions
}

export async function list(db: Executor, scope: Scope, filters: ListFilters, order: ListOrder): Promise<ProviderRow[]> {
  const direction = order.order === 'desc' ? desc : asc
  const orderBy =
    order.sort === 'updated'
      ? [direction(providers.updatedAt), direction(providers.id)]
      : [direction(providers.nameKey), direction(providers.name), direction(providers.id)]
  return db
    .select()
    .from(providers)
    .where(and(...filterConditions(scope, filters)))
    .orderBy(...orderBy)
    .limit(order.limit)
    .offset(order.offset)
}

export async function countMatching(db: Executor, scope: Scope, filters: ListFilters): Promise<number> {
  const [row] = await db.select({ n: count() }).from(providers).where(and(...filterConditions(scope, filters)))
  return Number(row?.n ?? 0)
}

export async function findById(db: Executor, scope: Scope, id: string): Promise<ProviderRow | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select().from(providers).where(and(scopeCondition(scope), eq(providers.id, id)))
  return row
}

/** The identifiers of a page of providers in one query (never one query per row). */
export async function identifiersOf(db: Executor, scope: Scope, providerIds: string[]): Promise<Map<string, ProviderIdentifier[]>> {
  const result = new Map<string, ProviderIdentifier[]>(providerIds.map((id) => [id, []]))
  if (providerIds.length === 0) return result
  const conditions = [anyOf(providerIdentifiers.providerId, providerIds)]
  if ('councilId' in scope) conditions.push(eq(providerIdentifiers.councilId, scope.councilId))
  const rows = await db
    .select({ providerId: providerIdentifiers.providerId, scheme: providerIdentifiers.scheme, identifier: providerIdentifiers.identifier })
    .from(providerIdentifiers)
    .where(and(...conditions))
    .orderBy(asc(providerIdentifiers.scheme), asc(providerIdentifiers.identifier))
  for (const row of rows) result.get(row.providerId)?.push({ scheme: row.scheme as ProviderIdentifier['scheme'], identifier: row.identifier })
  return result
}

export async function findByNameKey(db: Executor, councilId: string, key: string): Promise<ProviderRow[]> {
  return db
    .select()
    .from(providers)
    .where(and(eq(providers.councilId, councilId), eq(providers.nameKey, key)))
    .orderBy(asc(providers.name))
    .limit(20)
}

/**
 * The council's providers whose name key is one of these, or holding one of these identifiers: what an import
 * matches a whole file's suppliers against, in a few queries rather than two per supplier.
 */
export async function findManyCandidates(db: Executor, councilId: string, nameKeys: string[], identifiers: ProviderIdentifier[]): Promise<ProviderRow[]> {
  const ids = new Set<string>()
  const rows: ProviderRow[] = []
  const add = (found: ProviderRow[]) => {
    for (const row of found) if (!ids.has(row.id)) (ids.add(row.id), rows.push(row))
  }
  const keys = [...new Set(nameKeys)]
  for (let i = 0; i < keys.length; i += 5000) {
    add(await db.select().from(providers).where(and(eq(providers.councilId, councilId), anyOf(providers.nameKey, keys.slice(i, i + 5000)))).orderBy(asc(providers.name)))
  }
  const values = [...new Set(identifiers.map((i) => i.identifier))]
  for (let i = 0; i < values.length; i += 5000) {
    const matched = db.select({ id: providerIdentifiers.providerId }).from(providerIdentifiers).where(and(eq(providerIdentifiers.councilId, councilId), anyOf(providerIdentifiers.identifier, values.slice(i, i + 5000))))
    add(await db.select().from(providers).where(and(eq(providers.councilId, councilId), inArray(providers.id, matched))).orderBy(asc(providers.name)))
  }
  return rows
}

/** Providers of this council holding any of these identifiers, with the identifier that matched (one query for any number). */
export async function findByIdentifiers(
  db: Executor,
  councilId: string,
  identifiers: ProviderIdentifier[],
): Promise<{ provider: ProviderRow; identifier: ProviderIdentifier }[]> {
  if (identifiers.length === 0) return []
  const pairs = sql`(select * from unnest(${sql.param(identifiers.map((i) => i.scheme))}::text[], ${sql.param(identifiers.map((i) => i.identifier))}::text[]))`
  const rows = await db
    .select({ provider: providers, scheme: providerIdentifiers.scheme, identifier: providerIdentifiers.identifier })
    .from(providerIdentifiers)
    .innerJoin(providers, and(eq(providers.id, providerIdentifiers.providerId), eq(providers.councilId, councilId)))
    .where(and(eq(providerIdentifiers.councilId, councilId), sql`(${providerIdentifiers.scheme}, ${providerIdentifiers.identifier}) in ${pairs}`))
  return rows.map((r) => ({ provider: r.provider, identifier: { scheme: r.scheme as ProviderIdentifier['scheme'], identifier: r.identifier } }))
}

/** How many other councils hold a record with any of this provider's identifiers: a number, nothing else of theirs. */
export async function countOtherCouncilsSharingIdentifiers(db: Executor, councilId: string, providerId: string): Promise<number> {
  const mine = db
    .select({ scheme: providerIdentifiers.scheme, identifier: providerIdentifiers.identifier })
    .from(providerIdentifiers)
    .where(and(eq(providerIdentifiers.councilId, councilId), eq(providerIdentifiers.providerId, providerId)))
    .as('mine')
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${providerIdentifiers.councilId})::int` })
    .from(providerIdentifiers)
    .innerJoin(mine, and(eq(mine.scheme, providerIdentifiers.scheme), eq(mine.identifier, providerIdentifiers.identifier)))
    .where(ne(providerIdentifiers.councilId, councilId))
  return row?.n ?? 0
}

export async function insert(tx: Executor, councilId: string, values: ProviderValues): Promise<ProviderRow> {
  const [row] = await tx.insert(providers).values({ ...values, councilId }).returning()
  return row!
}

/** Many providers and their identifiers in a few set-wise statements; every column is given, so the rows stored are the rows given, in order. */
export async function insertMany(tx: Executor, councilId: string, values: { row: ProviderValues & { id: string }; identifiers: ProviderIdentifier[] }[]): Promise<ProviderRow[]> {
  const rows = asStored(providers, values.map((v) => ({ ...v.row, councilId })))
  await insertRows(tx, providers, rows)
  await insertRows(tx, providerIdentifiers, values.flatMap((v) => v.identifiers.map((i) => ({ providerId: v.row.id, councilId, scheme: i.scheme, identifier: i.identifier }))))
  return rows
}

export async function update(tx: Executor, councilId: string, id: string, values: Partial<ProviderValues>): Promise<ProviderRow> {
  const [row] = await tx
    .update(providers)
    .set(values)
    .where(and(eq(providers.councilId, councilId), eq(providers.id, id)))
    .returning()
  return row!
}

export async function replaceIdentifiers(tx: Executor, councilId: string, providerId: string, identifiers: ProviderIdentifier[]) {
  await tx
    .delete(providerIdentifiers)
    .where(and(eq(providerIdentifiers.councilId, councilId), eq(providerIdentifiers.providerId, providerId)))
  if (identifiers.length > 0) {
    await tx.insert(providerIdentifiers).values(identifiers.map((i) => ({ providerId, councilId, scheme: i.scheme, identifier: i.identifier })))
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}

export async function choices(db: Executor, councilId: string, ids?: readonly string[]) {
  if (ids && ids.length === 0) return []
  return db
    .select({ id: providers.id, name: providers.name, postcode: providers.postcode })
    .from(providers)
    .where(and(eq(providers.councilId, councilId), ids ? inArray(providers.id, [...ids]) : undefined))
    .orderBy(asc(providers.name))
}
