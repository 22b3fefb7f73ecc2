/**
 * The grants register: a grant funds the recipient's own activity, so it is not a contract. Shaped by 360Giving
 * (domain-rules 4) and the Transparency Code's VCSE grants list (2.3). Tenancy: every query takes the council.
 */
import { isUuid } from '../../platform/ids.ts'
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lte, or, sql } from 'drizzle-orm'
import { historyOf, recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { providers } from '../providers/schema.ts'
import { grants, type BeneficiaryPlace } from './schema.ts'

export type GrantRow = typeof grants.$inferSelect
export interface GrantInput {
  identifier: string
  title: string
  description: string | null
  amountAwardedPence: number
  awardDate: string
  plannedStartDate: string | null
  plannedEndDate: string | null
  /** Omitted by the form, which does not ask for it: the stored duration is then kept. */
  plannedDurationMonths?: number | null
  recipientProviderId: string
  programme: string | null
  fromOpenCall: boolean | null
  beneficiaryLocations: string[]
  /** Omitted by the form (GSS codes only): places are then the codes, keeping the names already stored for them. */
  beneficiaryPlaces?: BeneficiaryPlace[]
  department: string | null
  published: boolean
}

export interface GrantRecord extends GrantRow {
  recipient: { id: string; name: string; isVcse: boolean; published: boolean } | null
}

export class GrantInputError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(issues.map((i) => i.message).join('; '))
    this.name = 'GrantInputError'
  }
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export type GrantScope = { councilId: string; publishedOnly?: boolean }

function scopeConditions(scope: GrantScope) {
  const conditions = [eq(grants.councilId, scope.councilId)]
  if (scope.publishedOnly) conditions.push(eq(grants.published, true))
  return conditions
}

async function withRecipients(db: Executor, rows: GrantRow[]): Promise<GrantRecord[]> {
  const ids = [...new Set(rows.map((r) => r.recipientProviderId).filter((id): id is string => !!id))]
  const recipients = ids.length
    ? await db.select({ id: providers.id, name: providers.name, isVcse: providers.isVcse, published: providers.published }).from(providers).where(inArray(providers.id, ids))
    : []
  const byId = new Map(recipients.map((r) => [r.id, r]))
  return rows.map((row) => ({ ...row, recipient: row.recipientProviderId ? (byId.get(row.recipientProviderId) ?? null) : null }))
}

export interface GrantFilters {
  /** Words of the title, identifier or programme (what the list page's search looks in). */
  q?: string | undefined
  recipientProviderId?: string | undefined
  programme?: string | undefined
  /** Awarded on or after / on or before, YYYY-MM-DD. */
  awardedFrom?: string | undefined
  awardedTo?: string | undefined
}

/** The list page and the API narrow by the same conditions. */
function filterConditions(scope: GrantScope, filters: GrantFilters) {
  const conditions = scopeConditions(scope)
  const q = filters.q?.trim()
  if (q) conditions.push(or(ilike(grants.title, likePattern(q)), ilike(grants.identifier, likePattern(q)), ilike(grants.programme, likePattern(q)))!)
  if (filters.recipientProviderId) conditions.push(eq(grants.recipientProviderId, filters.recipientProviderId))
  if (filters.programme) conditions.push(ilike(grants.programme, filters.programme.replace(/[\\%_]/g, (c) => `\\${c}`)))
  if (filters.awardedFrom) conditions.push(gte(grants.awardDate, filters.awardedFrom))
  if (filters.awardedTo) conditions.push(lte(grants.awardDate, filters.awardedTo))
  return conditions
}

export async function listGrants(db: Executor, scope: GrantScope, filters: GrantFilters, page: number, pageSize = 50) {
  const conditions = filterConditions(scope, filters)
  const current = Math.max(1, page)
  const [rows, [total]] = await Promise.all([
    db.select().from(grants).where(and(...conditions)).orderBy(desc(grants.awardDate), asc(grants.id)).limit(pageSize).offset((current - 1) * pageSize),
    db.select({ n: count() }).from(grants).where(and(...conditions)),
  ])
  const n = Number(total?.n ?? 0)
  return { items: await withRecipients(db, rows), total: n, page: current, pageCount: Math.max(1, Math.ceil(n / pageSize)) }
}

/** The page after `afterId` in id order (keyset paging for the API, ADR 0044), with whether more follow. */
export async function listGrantsAfter(db: Executor, councilId: string, filters: GrantFilters, afterId: string | null, limit: number) {
  const conditions = filterConditions({ councilId }, filters)
  if (afterId) conditions.push(gt(grants.id, afterId))
  const rows = await db.select().from(grants).where(and(...conditions)).orderBy(asc(grants.id)).limit(limit + 1)
  return { items: await withRecipients(db, rows.slice(0, limit)), more: rows.length > limit }
}

/** Published grants a page at a time in id order, for streaming exports. */
export async function* publishedGrants(db: Executor, councilId: string, pageSize = 500) {
  let after: string | null = null
  for (;;) {
    const conditions = scopeConditions({ councilId, publishedOnly: true })
    if (after) conditions.push(gt(grants.id, after))
    const rows = await db.select().from(grants).where(and(...conditions)).orderBy(asc(grants.id)).limit(pageSize)
    if (rows.length === 0) return
    for (const record of await withRecipients(db, rows)) yield record
    after = rows[rows.length - 1]!.id
    if (rows.length < pageSize) return
  }
}

export async function getGrant(db: Executor, councilId: string, id: string): Promise<GrantRecord | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select().from(grants).where(and(eq(grants.councilId, councilId), eq(grants.id, id)))
  return row ? (await withRecipients(db, [row]))[0] : undefined
}

export async function findGrantByIdentifier(db: Executor, councilId: string, identifier: string) {
  const [row] = await db.select().from(grants).where(and(eq(grants.councilId, councilId), eq(grants.identifier, identifier)))
  return row
}

async function check(tx: Executor, councilId: string, input: GrantInput, selfId?: string) {
  const issues: GrantInputError['issues'] = []
  const same = await findGrantByIdentifier(tx, councilId, input.identifier)
  if (same && same.id !== selfId) issues.push({ field: 'identifier', message: `Identifier ${input.identifier} is already used by “${same.title}”` })
  const [recipient] = isUuid(input.recipientProviderId)
    ? await tx.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, councilId), eq(providers.id, input.recipientProviderId)))
    : []
  if (!recipient) issues.push({ field: 'recipientProviderId', message: 'Select the recipient from your provider register' })
  if (issues.length) throw new GrantInputError(issues)
}

export async function createGrant(tx: Executor, councilId: string, input: GrantInput, actor: Actor, now: Date, action = 'create') {
  await check(tx, councilId, input)
  const beneficiaryPlaces = input.beneficiaryPlaces ?? placesOfCodes(input.beneficiaryLocations, [])
  const [row] = await tx.insert(grants).values({ ...input, beneficiaryPlaces, councilId, createdAt: now, updatedAt: now }).returning()
  await recordAudit(tx, { actor, councilId, action, entityType: 'grant', entityId: row!.id, after: row, at: now })
  return row!
}

export async function updateGrant(tx: Executor, councilId: string, id: string, input: GrantInput, actor: Actor, now: Date, action = 'update') {
  const before = await getGrant(tx, councilId, id)
  if (!before) return undefined
  await check(tx, councilId, input, id)
  const beneficiaryPlaces = input.beneficiaryPlaces ?? placesOfCodes(input.beneficiaryLocations, before.beneficiaryPlaces)
  const [row] = await tx.update(grants).set({ ...input, beneficiaryPlaces, updatedAt: now }).where(and(eq(grants.councilId, councilId), eq(grants.id, id))).returning()
  const { recipient: _r, ...plain } = before
  await recordAudit(tx, { actor, councilId, action, entityType: 'grant', entityId: id, before: plain, after: row, at: now })
  return row!
}

export function inputOfGrant(row: GrantRow): GrantInput {
  return {
    identifier: row.identifier,
    title: row.title,
    description: row.description,
    amountAwardedPence: row.amountAwardedPence,
    awardDate: row.awardDate,
    plannedStartDate: row.plannedStartDate,
    plannedEndDate: row.plannedEndDate,
    plannedDurationMonths: row.plannedDurationMonths,
    recipientProviderId: row.recipientProviderId ?? '',
    programme: row.programme,
    fromOpenCall: row.fromOpenCall,
    beneficiaryLocations: row.beneficiaryLocations,
    beneficiaryPlaces: row.beneficiaryPlaces.map((p) => ({ name: p.name ?? null, geoCode: p.geoCode ?? null })),
    department: row.department,
    published: row.published,
  }
}

/** Places for GSS codes entered on the form: a code already stored keeps its name; codes no longer given go. */
function placesOfCodes(codes: string[], stored: BeneficiaryPlace[]): BeneficiaryPlace[] {
  const named = stored.filter((p) => !p.geoCode || codes.includes(p.geoCode))
  const kept = new Set(named.map((p) => p.geoCode))
  return [...named, ...codes.filter((c) => !kept.has(c)).map((geoCode) => ({ name: null, geoCode }))]
}

/** Whether two grants hold the same facts, whatever order a database returns JSON keys in. */
export function sameGrant(a: GrantInput, b: GrantInput): boolean {
  return canonical(a) === canonical(b)
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

export const grantHistory = (db: Executor, councilId: string, id: string) => historyOf(db, { councilId, entityType: 'grant', entityId: id })

/** Grants the provider received, newest first; the public page asks for published ones only. */
export async function grantsOfProvider(db: Executor, scope: GrantScope, providerId: string, limit = 200): Promise<GrantRow[]> {
  return db
    .select()
    .from(grants)
    .where(and(...scopeConditions(scope), eq(grants.recipientProviderId, providerId)))
    .orderBy(desc(grants.awardDate), asc(grants.id))
    .limit(limit)
}

/** Whether the council has published a grant: the 360Giving package schema requires at least one (minItems 1). */
export async function hasPublishedGrants(db: Executor, councilId: string): Promise<boolean> {
  const [row] = await db.select({ id: grants.id }).from(grants).where(and(...scopeConditions({ councilId, publishedOnly: true }))).limit(1)
  return row !== undefined
}

/** The most beneficiary locations a published grant has (the 360Giving CSV gets that many numbered columns). */
export async function mostBeneficiaryPlaces(db: Executor, councilId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number | null>`max(greatest(jsonb_array_length(${grants.beneficiaryPlaces}), cardinality(${grants.beneficiaryLocations})))` })
    .from(grants)
    .where(and(...scopeConditions({ councilId, publishedOnly: true })))
  return Number(row?.n ?? 0)
}
