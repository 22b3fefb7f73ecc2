/**
 * The suppliers on other councils' published contracts, for benchmarking's "who supplies my neighbours": only
 * contracts a council has published (its public register and open data), never its unpublished ones, each with
 * its suppliers' provider records, their org-id identifiers and whether the asking council holds a provider with
 * the same identifier (or, without one, the same name key) and has a contract with it.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../platform/db/database.ts'
import { providerIdentifiers, providers } from '../providers/schema.ts'
import { contracts, contractSuppliers } from './schema.ts'

export interface PublishedSupplierFilter {
  /** A service category code (SERVICE_CATEGORIES). */
  serviceCategory?: string | undefined
  /** Digits the start of one of the contract's CPV codes must match ("85" for health and social work). */
  cpvPrefix?: string | undefined
}

export interface PublishedSupplierRow {
  contractId: string
  councilId: string
  reference: string
  title: string
  totalValuePence: number | null
  startDate: string | null
  endDate: string | null
  awardProcedure: string
  providerId: string
  providerName: string
  nameKey: string
  isSme: boolean
  isVcse: boolean
  providerPublished: boolean
  identifiers: { scheme: string; identifier: string }[]
}

/** At most this many contract-supplier rows are read: a group of 15 councils' published contracts in one category. */
export const PUBLISHED_SUPPLIER_LIMIT = 5000

export async function publishedSuppliersOf(db: Executor, councilIds: string[], filter: PublishedSupplierFilter): Promise<{ rows: PublishedSupplierRow[]; truncated: boolean }> {
  if (councilIds.length === 0) return { rows: [], truncated: false }
  const conditions: SQL[] = [inArray(contracts.councilId, councilIds), eq(contracts.published, true)]
  if (filter.serviceCategory) conditions.push(eq(contracts.serviceCategory, filter.serviceCategory))
  // LIKE on the digits only: the caller has checked the prefix is digits, so no pattern characters reach it.
  if (filter.cpvPrefix) conditions.push(sql`exists (select 1 from unnest(${contracts.cpvCodes}) as code where code like ${`${filter.cpvPrefix}%`})`)
  const rows = await db
    .select({
      contractId: contracts.id,
      councilId: contracts.councilId,
      reference: contracts.reference,
      title: contracts.title,
      totalValuePence: contracts.totalValuePence,
      startDate: contracts.startDate,
      endDate: contracts.endDate,
      awardProcedure: contracts.awardProcedure,
      providerId: providers.id,
      providerName: providers.name,
      nameKey: providers.nameKey,
      isSme: providers.isSme,
      isVcse: providers.isVcse,
      providerPublished: providers.published,
    })
    .from(contracts)
    .innerJoin(contractSuppliers, eq(contractSuppliers.contractId, contracts.id))
    .innerJoin(providers, eq(providers.id, contractSuppliers.providerId))
    .where(and(...conditions))
    .orderBy(sql`${contracts.totalValuePence} desc nulls last`, contracts.id)
    .limit(PUBLISHED_SUPPLIER_LIMIT + 1)
  const truncated = rows.length > PUBLISHED_SUPPLIER_LIMIT
  const kept = rows.slice(0, PUBLISHED_SUPPLIER_LIMIT)
  const providerIds = [...new Set(kept.map((r) => r.providerId))]
  const identifiers = providerIds.length
    ? await db.select({ providerId: providerIdentifiers.providerId, scheme: providerIdentifiers.scheme, identifier: providerIdentifiers.identifier }).from(providerIdentifiers).where(inArray(providerIdentifiers.providerId, providerIds))
    : []
  const byProvider = new Map<string, { scheme: string; identifier: string }[]>()
  for (const i of identifiers) byProvider.set(i.providerId, [...(byProvider.get(i.providerId) ?? []), { scheme: i.scheme, identifier: i.identifier }])
  return { rows: kept.map((r) => ({ ...r, identifiers: (byProvider.get(r.providerId) ?? []).sort((a, b) => `${a.scheme}-${a.identifier}`.localeCompare(`${b.scheme}-${b.identifier}`)) })), truncated }
}

export interface OwnProviderMatch {
  providerId: string
  name: string
  /** How it was matched: the same org-id identifier, or (where the neighbour's record has none) the same name key. */
  matchedBy: 'identifier' | 'name'
  contracts: number
}

/**
 * The asking council's own provider records that match the given identifiers or name keys, with how many of the
 * council's contracts each supplies.
 */
export async function ownProviderMatches(db: Executor, councilId: string, wanted: { identifiers: { scheme: string; identifier: string }[]; nameKeys: string[] }) {
  const byIdentifier = new Map<string, OwnProviderMatch>()
  const byName = new Map<string, OwnProviderMatch>()
  const contractCounts = async (ids: string[]) => {
    if (ids.length === 0) return new Map<string, number>()
    const counted = await db
      .select({ providerId: contractSuppliers.providerId, n: sql<number>`count(*)::int` })
      .from(contractSuppliers)
      .where(and(eq(contractSuppliers.councilId, councilId), inArray(contractSuppliers.providerId, ids)))
      .groupBy(contractSuppliers.providerId)
    return new Map(counted.map((c) => [c.providerId, Number(c.n)]))
  }
  const identifierRows = wanted.identifiers.length
    ? await db
        .select({ providerId: providers.id, name: providers.name, scheme: providerIdentifiers.scheme, identifier: providerIdentifiers.identifier })
        .from(providerIdentifiers)
        .innerJoin(providers, eq(providers.id, providerIdentifiers.providerId))
        .where(and(eq(providerIdentifiers.councilId, councilId), inArray(providerIdentifiers.identifier, [...new Set(wanted.identifiers.map((i) => i.identifier))])))
    : []
  const wantedKeys = new Set(wanted.identifiers.map((i) => `${i.scheme}-${i.identifier}`))
  const nameRows = wanted.nameKeys.length
    ? await db.select({ providerId: providers.id, name: providers.name, nameKey: providers.nameKey }).from(providers).where(and(eq(providers.councilId, councilId), inArray(providers.nameKey, [...new Set(wanted.nameKeys)])))
    : []
  const counts = await contractCounts([...new Set([...identifierRows.map((r) => r.providerId), ...nameRows.map((r) => r.providerId)])])
  for (const r of identifierRows) {
    const key = `${r.scheme}-${r.identifier}`
    if (wantedKeys.has(key)) byIdentifier.set(key, { providerId: r.providerId, name: r.name, matchedBy: 'identifier', contracts: counts.get(r.providerId) ?? 0 })
  }
  for (const r of nameRows) if (!byName.has(r.nameKey)) byName.set(r.nameKey, { providerId: r.providerId, name: r.name, matchedBy: 'name', contracts: counts.get(r.providerId) ?? 0 })
  return { byIdentifier, byName }
}
