/**
 * The SQL of pooled funds. Every read of a fund takes a FundScope: the council's own staff see every fund the council
 * records; a partner organisation's user sees only the funds their organisation is a party to (ADR 0039). Nothing
 * here decides which scope a person has: the service does, from their role.
 */
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm'
import type { Executor } from '../../platform/db/database.ts'
import { partnerOrganisations, pooledFundContributions, pooledFundPartners, pooledFunds, pooledFundSchemeLinks, pooledFundSchemeMappings, pooledFundSchemes, pooledFundSchemeUploads } from './schema.ts'

export interface FundScope {
  councilId: string
  /** Set for a partner's user: only funds this organisation is a party to. */
  partnerOrganisationId?: string | undefined
}

export type FundRow = typeof pooledFunds.$inferSelect
export type PartnerOrganisationRow = typeof partnerOrganisations.$inferSelect
export type ContributionRow = typeof pooledFundContributions.$inferSelect
export type SchemeRow = typeof pooledFundSchemes.$inferSelect
export type SchemeLinkRow = typeof pooledFundSchemeLinks.$inferSelect

function visible(scope: FundScope) {
  const council = eq(pooledFunds.councilId, scope.councilId)
  if (!scope.partnerOrganisationId) return council
  return and(
    council,
    sql`exists (select 1 from ${pooledFundPartners} where ${pooledFundPartners.fundId} = ${pooledFunds.id} and ${pooledFundPartners.organisationId} = ${scope.partnerOrganisationId})`,
  )
}

export async function listFunds(db: Executor, scope: FundScope): Promise<FundRow[]> {
  return db.select().from(pooledFunds).where(visible(scope)).orderBy(asc(pooledFunds.name))
}

export async function findFund(db: Executor, scope: FundScope, id: string): Promise<FundRow | undefined> {
  const [row] = await db.select().from(pooledFunds).where(and(visible(scope), eq(pooledFunds.id, id)))
  return row
}

export async function insertFund(db: Executor, values: typeof pooledFunds.$inferInsert): Promise<FundRow> {
  const [row] = await db.insert(pooledFunds).values(values).returning()
  return row!
}

export async function updateFund(db: Executor, councilId: string, id: string, values: Partial<typeof pooledFunds.$inferInsert>) {
  const [row] = await db.update(pooledFunds).set(values).where(and(eq(pooledFunds.councilId, councilId), eq(pooledFunds.id, id))).returning()
  return row
}

export async function partnersOf(db: Executor, fundId: string) {
  return db
    .select({ id: partnerOrganisations.id, scheme: partnerOrganisations.scheme, code: partnerOrganisations.code, name: partnerOrganisations.name })
    .from(pooledFundPartners)
    .innerJoin(partnerOrganisations, eq(partnerOrganisations.id, pooledFundPartners.organisationId))
    .where(eq(pooledFundPartners.fundId, fundId))
    .orderBy(asc(partnerOrganisations.name))
}

export async function insertPartner(db: Executor, values: { fundId: string; councilId: string; organisationId: string; createdAt: Date }) {
  const rows = await db.insert(pooledFundPartners).values(values).onConflictDoNothing().returning({ id: pooledFundPartners.id })
  return rows.length > 0
}

export async function contributionsOf(db: Executor, fundId: string, financialYear?: number): Promise<ContributionRow[]> {
  return db
    .select()
    .from(pooledFundContributions)
    .where(financialYear === undefined ? eq(pooledFundContributions.fundId, fundId) : and(eq(pooledFundContributions.fundId, fundId), eq(pooledFundContributions.financialYear, financialYear)))
    .orderBy(asc(pooledFundContributions.financialYear), asc(pooledFundContributions.agreedOn), asc(pooledFundContributions.createdAt))
}

export async function insertContribution(db: Executor, values: typeof pooledFundContributions.$inferInsert): Promise<ContributionRow> {
  const [row] = await db.insert(pooledFundContributions).values(values).returning()
  return row!
}

export async function schemesOf(db: Executor, fundId: string, financialYear?: number): Promise<SchemeRow[]> {
  return db
    .select()
    .from(pooledFundSchemes)
    .where(financialYear === undefined ? eq(pooledFundSchemes.fundId, fundId) : and(eq(pooledFundSchemes.fundId, fundId), eq(pooledFundSchemes.financialYear, financialYear)))
    .orderBy(asc(pooledFundSchemes.financialYear), asc(pooledFundSchemes.reference))
}

export async function findScheme(db: Executor, fundId: string, schemeId: string): Promise<SchemeRow | undefined> {
  const [row] = await db.select().from(pooledFundSchemes).where(and(eq(pooledFundSchemes.fundId, fundId), eq(pooledFundSchemes.id, schemeId)))
  return row
}

export async function findSchemeByReference(db: Executor, fundId: string, reference: string, financialYear: number): Promise<SchemeRow | undefined> {
  const [row] = await db
    .select()
    .from(pooledFundSchemes)
    .where(and(eq(pooledFundSchemes.fundId, fundId), eq(pooledFundSchemes.reference, reference), eq(pooledFundSchemes.financialYear, financialYear)))
  return row
}

export async function insertScheme(db: Executor, values: typeof pooledFundSchemes.$inferInsert): Promise<SchemeRow> {
  const [row] = await db.insert(pooledFundSchemes).values(values).returning()
  return row!
}

export async function updateScheme(db: Executor, fundId: string, schemeId: string, values: Partial<typeof pooledFundSchemes.$inferInsert>): Promise<SchemeRow> {
  const [row] = await db.update(pooledFundSchemes).set(values).where(and(eq(pooledFundSchemes.fundId, fundId), eq(pooledFundSchemes.id, schemeId))).returning()
  return row!
}

export async function linksOf(db: Executor, schemeIds: readonly string[]): Promise<SchemeLinkRow[]> {
  if (schemeIds.length === 0) return []
  return db.select().from(pooledFundSchemeLinks).where(inArray(pooledFundSchemeLinks.schemeId, [...schemeIds])).orderBy(asc(pooledFundSchemeLinks.createdAt))
}

export async function insertLink(db: Executor, values: typeof pooledFundSchemeLinks.$inferInsert) {
  const rows = await db.insert(pooledFundSchemeLinks).values(values).onConflictDoNothing().returning({ id: pooledFundSchemeLinks.id })
  return rows.length > 0
}

/** The funds (of a council) whose schemes a contract delivers: the contract's page links back to them. */
export async function fundsOfContract(db: Executor, councilId: string, contractId: string) {
  return db
    .selectDistinct({ id: pooledFunds.id, name: pooledFunds.name, schemeName: pooledFundSchemes.name })
    .from(pooledFundSchemeLinks)
    .innerJoin(pooledFundSchemes, eq(pooledFundSchemes.id, pooledFundSchemeLinks.schemeId))
    .innerJoin(pooledFunds, eq(pooledFunds.id, pooledFundSchemes.fundId))
    .where(and(eq(pooledFundSchemeLinks.councilId, councilId), eq(pooledFundSchemeLinks.contractId, contractId)))
}

export async function listOrganisations(db: Executor): Promise<PartnerOrganisationRow[]> {
  return db.select().from(partnerOrganisations).orderBy(asc(partnerOrganisations.name))
}

export async function findOrganisation(db: Executor, id: string): Promise<PartnerOrganisationRow | undefined> {
  const [row] = await db.select().from(partnerOrganisations).where(eq(partnerOrganisations.id, id))
  return row
}

export async function findOrganisationByCode(db: Executor, scheme: string, code: string): Promise<PartnerOrganisationRow | undefined> {
  const [row] = await db.select().from(partnerOrganisations).where(and(eq(partnerOrganisations.scheme, scheme), eq(partnerOrganisations.code, code)))
  return row
}

/** Adds or renames organisations by code; returns how many were added and renamed. */
export async function upsertOrganisations(db: Executor, rows: readonly { scheme: string; code: string; name: string }[], now: Date) {
  let added = 0
  let renamed = 0
  for (const row of rows) {
    const existing = await findOrganisationByCode(db, row.scheme, row.code)
    if (!existing) {
      await db.insert(partnerOrganisations).values({ ...row, createdAt: now, updatedAt: now })
      added++
    } else if (existing.name !== row.name) {
      await db.update(partnerOrganisations).set({ name: row.name, updatedAt: now }).where(eq(partnerOrganisations.id, existing.id))
      renamed++
    }
  }
  return { added, renamed }
}

export async function searchFunds(db: Executor, scope: FundScope, query: string, limit: number) {
  const vector = sql`to_tsvector('english', ${pooledFunds.name} || ' ' || ${pooledFunds.aimsAndOutcomes})`
  const tsquery = sql`websearch_to_tsquery('english', ${query})`
  return db
    .select({ id: pooledFunds.id, name: pooledFunds.name, kind: pooledFunds.kind, rank: sql<number>`ts_rank(${vector}, ${tsquery})` })
    .from(pooledFunds)
    .where(and(visible(scope), sql`${vector} @@ ${tsquery}`))
    .orderBy(sql`4 desc`)
    .limit(limit)
}

export async function insertUpload(db: Executor, values: typeof pooledFundSchemeUploads.$inferInsert) {
  await db.insert(pooledFundSchemeUploads).values(values)
}

export async function deleteUploadsBefore(db: Executor, before: Date) {
  await db.delete(pooledFundSchemeUploads).where(lt(pooledFundSchemeUploads.createdAt, before))
}

export async function findUpload(db: Executor, councilId: string, fundId: string, token: string) {
  const [row] = await db
    .select()
    .from(pooledFundSchemeUploads)
    .where(and(eq(pooledFundSchemeUploads.token, token), eq(pooledFundSchemeUploads.councilId, councilId), eq(pooledFundSchemeUploads.fundId, fundId)))
  return row
}

export async function deleteUpload(db: Executor, token: string) {
  await db.delete(pooledFundSchemeUploads).where(eq(pooledFundSchemeUploads.token, token))
}

export async function findMapping(db: Executor, councilId: string) {
  const [row] = await db.select().from(pooledFundSchemeMappings).where(eq(pooledFundSchemeMappings.councilId, councilId))
  return row?.mapping
}

export async function saveMapping(db: Executor, councilId: string, mapping: Record<string, string>, now: Date) {
  await db
    .insert(pooledFundSchemeMappings)
    .values({ councilId, mapping, updatedAt: now })
    .onConflictDoUpdate({ target: pooledFundSchemeMappings.councilId, set: { mapping, updatedAt: now } })
}
