/**
 * The provider register's rules: what a council may record, how duplicates are caught, and what other councils
 * and the public may see. No HTTP and no SQL here: routes call these functions, the repository runs the queries.
 */
import { randomUUID } from 'node:crypto'
import { historyOf, recordAudit, recordAudits, type Actor, type HistoryEntry } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { listCouncils } from '../councils/service.ts'
import type { ProviderIdentifier, ProviderInput } from './forms.ts'
import { IDENTIFIER_SCHEMES, orgId, parseOrgId } from './identifiers.ts'
import { nameKey } from './names.ts'
import * as repo from './repository.ts'
import type { ProviderRow, Scope } from './repository.ts'
import { SUPPLIER_FLAGS, type SupplierFlag } from './vocabulary.ts'

export type { ProviderRow } from './repository.ts'
export type { ProviderIdentifier, ProviderInput } from './forms.ts'

export interface ProviderRecord extends ProviderRow {
  identifiers: ProviderIdentifier[]
}

export interface ProviderFilters {
  q?: string | undefined
  flags?: SupplierFlag[] | undefined
  category?: string | undefined
  area?: string | undefined
}

export interface Paging {
  /** 1-based. */
  page: number
  pageSize: number
  sort?: 'name' | 'updated' | undefined
  order?: 'asc' | 'desc' | undefined
}

export interface ProviderPage {
  items: ProviderRecord[]
  total: number
  page: number
  pageSize: number
  pageCount: number
}

export const PAGE_SIZE = 50

/** A problem with input that only the register can see (an identifier in use, an unknown area). */
export class ProviderInputError extends Error {
  constructor(readonly issues: { field: keyof ProviderInput; message: string; identifier?: ProviderIdentifier }[]) {
    super(issues.map((i) => i.message).join('; '))
    this.name = 'ProviderInputError'
  }
}

export interface Duplicate {
  provider: ProviderRow
  reason: 'name' | 'identifier'
  identifier?: ProviderIdentifier
}

export type CreateResult =
  | { outcome: 'created'; provider: ProviderRecord }
  | { outcome: 'possible-duplicate'; duplicates: Duplicate[] }

export function flagsOf(row: ProviderRow): SupplierFlag[] {
  return SUPPLIER_FLAGS.filter((flag) => row[flag.column]).map((flag) => flag.code)
}

function listFilters(filters: ProviderFilters): repo.ListFilters {
  const q = filters.q?.trim() || undefined
  const typedOrgId = q ? parseOrgId(q) : undefined
  // "GB-COH-4336774" is certainly an identifier and "04336774" probably is; a word without digits is a name, and
  // searching names alone lets the database use the name index instead of also probing identifiers.
  const identifier = typedOrgId ?? (q && /^[A-Za-z0-9-]{3,}$/.test(q) && /\d/.test(q) ? { identifier: q.toUpperCase() } : undefined)
  return { ...filters, q, identifier }
}

async function withIdentifiers(db: Executor, scope: Scope, rows: ProviderRow[]): Promise<ProviderRecord[]> {
  const identifiers = await repo.identifiersOf(db, scope, rows.map((r) => r.id))
  return rows.map((row) => ({ ...row, identifiers: identifiers.get(row.id) ?? [] }))
}

async function pageOf(db: Executor, scope: Scope, filters: ProviderFilters, paging: Paging): Promise<ProviderPage> {
  const pageSize = Math.max(1, Math.floor(paging.pageSize))
  const page = Math.max(1, Math.floor(paging.page))
  const where = listFilters(filters)
  const [rows, total] = await Promise.all([
    repo.list(db, scope, where, { sort: paging.sort ?? 'name', order: paging.order ?? 'asc', limit: pageSize, offset: (page - 1) * pageSize }),
    repo.countMatching(db, scope, where),
  ])
  return { items: await withIdentifiers(db, scope, rows), total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) }
}

export function listProviders(db: Executor, councilId: string, filters: ProviderFilters, paging: Paging): Promise<ProviderPage> {
  return pageOf(db, { councilId }, filters, paging)
}

export function countProviders(db: Executor, councilId: string, filters: ProviderFilters = {}): Promise<number> {
  return repo.countMatching(db, { councilId }, listFilters(filters))
}

export async function getProvider(db: Executor, councilId: string, id: string): Promise<ProviderRecord | undefined> {
  const row = await repo.findById(db, { councilId }, id)
  return row ? (await withIdentifiers(db, { councilId }, [row]))[0] : undefined
}

/** The council's providers a file's suppliers could be (by name key or identifier), with their identifiers. */
export async function findManyCandidates(db: Executor, councilId: string, nameKeys: string[], identifiers: ProviderIdentifier[]): Promise<ProviderRecord[]> {
  return withIdentifiers(db, { councilId }, await repo.findManyCandidates(db, councilId, nameKeys, identifiers))
}

/** The public register: published providers of every council, and nothing unpublished. */
export function listPublishedProviders(db: Executor, filters: ProviderFilters, paging: Paging): Promise<ProviderPage> {
  return pageOf(db, { publishedInAllCouncils: true }, filters, paging)
}

export async function getPublishedProvider(db: Executor, id: string): Promise<ProviderRecord | undefined> {
  const scope: Scope = { publishedInAllCouncils: true }
  const row = await repo.findById(db, scope, id)
  return row ? (await withIdentifiers(db, scope, [row]))[0] : undefined
}

/** Providers of the same council with the same name key or any of the same identifiers. */
export async function findDuplicates(
  db: Executor,
  councilId: string,
  candidate: { name: string; identifiers: ProviderIdentifier[] },
  excludeId?: string,
): Promise<Duplicate[]> {
  const [byName, byIdentifier] = await Promise.all([
    repo.findByNameKey(db, councilId, nameKey(candidate.name)),
    repo.findByIdentifiers(db, councilId, candidate.identifiers),
  ])
  const duplicates: Duplicate[] = byIdentifier.map((m) => ({ provider: m.provider, reason: 'identifier' as const, identifier: m.identifier }))
  for (const provider of byName) {
    if (!duplicates.some((d) => d.provider.id === provider.id)) duplicates.push({ provider, reason: 'name' })
  }
  return duplicates.filter((d) => d.provider.id !== excludeId)
}

/** How many other councils know this organisation by one of its identifiers: a count, none of their data. */
export function otherCouncilsKnowing(db: Executor, councilId: string, providerId: string): Promise<number> {
  return repo.countOtherCouncilsSharingIdentifiers(db, councilId, providerId)
}

export function providerHistory(db: Executor, councilId: string, providerId: string): Promise<HistoryEntry[]> {
  return historyOf(db, { councilId, entityType: 'provider', entityId: providerId })
}

/** Hard rules: an identifier belongs to one provider per council, and areas are councils Catalyst knows. */
async function checkInput(tx: Executor, councilId: string, input: Pick<ProviderInput, 'identifiers' | 'areasServed'>, selfId?: string) {
  const issues: ProviderInputError['issues'] = []
  for (const match of await repo.findByIdentifiers(tx, councilId, input.identifiers)) {
    if (match.provider.id === selfId) continue
    issues.push({
      field: 'identifiers',
      identifier: match.identifier,
      message: `${IDENTIFIER_SCHEMES[match.identifier.scheme]} ${match.identifier.identifier} is already recorded for ${match.provider.name}`,
    })
  }
  if (input.areasServed.length > 0) {
    const known = new Set((await listCouncils(tx)).map((c) => c.gssCode).filter((code): code is string => !!code))
    const unknown = input.areasServed.filter((code) => !known.has(code))
    if (unknown.length > 0) issues.push({ field: 'areasServed', message: `Select areas from the list (${unknown.join(', ')} is not a council area Catalyst knows)` })
  }
  if (issues.length > 0) throw new ProviderInputError(issues)
}

function toValues(input: ProviderInput, now: Date): repo.ProviderValues {
  const flags = new Set(input.flags)
  return {
    name: input.name,
    nameKey: nameKey(input.name),
    legalForm: input.legalForm,
    isSme: flags.has('sme'),
    isVcse: flags.has('vcse'),
    isSupportedEmploymentProvider: flags.has('supported-employment'),
    isPublicServiceMutual: flags.has('mutual'),
    addressLine1: input.addressLine1,
    addressLine2: input.addressLine2,
    town: input.town,
    postcode: input.postcode,
    website: input.website,
    serviceCategories: input.serviceCategories,
    areasServed: input.areasServed,
    privateNotes: input.privateNotes,
    published: input.published,
    updatedAt: now,
  }
}

export function inputOf(record: ProviderRecord): ProviderInput {
  return {
    name: record.name,
    legalForm: record.legalForm as ProviderInput['legalForm'],
    identifiers: record.identifiers,
    flags: flagsOf(record),
    addressLine1: record.addressLine1,
    addressLine2: record.addressLine2,
    town: record.town,
    postcode: record.postcode,
    website: record.website,
    serviceCategories: record.serviceCategories as ProviderInput['serviceCategories'],
    areasServed: record.areasServed,
    published: record.published,
    privateNotes: record.privateNotes,
  }
}

/** What the audit trail stores: the record with identifiers as org-ids, so the history reads plainly. */
function auditSnapshot(record: ProviderRecord) {
  return { ...record, identifiers: record.identifiers.map(orgId).sort() }
}

/**
 * Adds a provider to a council's register. A name (or identifier) like an existing provider's is reported back
 * as a possible duplicate unless the person has confirmed it is a different organisation; an identifier already
 * held by another provider of the council is never accepted.
 */
export async function createProvider(
  tx: Executor,
  councilId: string,
  input: ProviderInput,
  actor: Actor,
  now: Date,
  options: { confirmDuplicate?: boolean } = {},
): Promise<CreateResult> {
  await checkInput(tx, councilId, input)
  if (!options.confirmDuplicate) {
    const duplicates = await findDuplicates(tx, councilId, input)
    if (duplicates.length > 0) return { outcome: 'possible-duplicate', duplicates }
  }
  const row = await repo.insert(tx, councilId, { ...toValues(input, now), createdAt: now })
  await repo.replaceIdentifiers(tx, councilId, row.id, input.identifiers)
  const provider: ProviderRecord = { ...row, identifiers: input.identifiers }
  await recordAudit(tx, { actor, councilId, action: 'create', entityType: 'provider', entityId: row.id, after: auditSnapshot(provider), at: now })
  return { outcome: 'created', provider }
}

/**
 * Adds many providers at once, as createProvider would one after another with each duplicate confirmed (imports
 * that have already matched the file's suppliers against the register), in a few set-wise statements. The hard
 * rules stand: an identifier already recorded for a provider of the council, or given to two of these, is refused
 * (nothing is added). The records come back in the order given.
 */
export async function createProviders(tx: Executor, councilId: string, inputs: ProviderInput[], actor: Actor, now: Date): Promise<ProviderRecord[]> {
  if (inputs.length === 0) return []
  await checkInput(tx, councilId, { identifiers: inputs.flatMap((i) => i.identifiers), areasServed: [...new Set(inputs.flatMap((i) => i.areasServed))] })
  const holder = new Map<string, string>()
  const issues: ProviderInputError['issues'] = []
  const values = inputs.map((input) => {
    // The same identifier given twice for one provider is one identifier.
    const identifiers = [...new Map(input.identifiers.map((i) => [`${i.scheme}|${i.identifier}`, i])).values()]
    for (const identifier of identifiers) {
      const key = `${identifier.scheme}|${identifier.identifier}`
      const first = holder.get(key)
      if (first !== undefined) issues.push({ field: 'identifiers', identifier, message: `${IDENTIFIER_SCHEMES[identifier.scheme]} ${identifier.identifier} is already recorded for ${first}` })
      else holder.set(key, input.name)
    }
    return { row: { ...toValues(input, now), createdAt: now, id: randomUUID() }, identifiers }
  })
  if (issues.length > 0) throw new ProviderInputError(issues)
  const rows = await repo.insertMany(tx, councilId, values)
  const records = rows.map((row, i): ProviderRecord => ({ ...row, identifiers: values[i]!.identifiers }))
  await recordAudits(
    tx,
    records.map((provider) => ({ actor, councilId, action: 'create', entityType: 'provider', entityId: provider.id, after: auditSnapshot(provider), at: now })),
  )
  return records
}

/** Changes the fields given (a partial update); undefined when the council has no such provider. */
export async function updateProvider(
  tx: Executor,
  councilId: string,
  id: string,
  changes: Partial<ProviderInput>,
  actor: Actor,
  now: Date,
): Promise<ProviderRecord | undefined> {
  const before = await getProvider(tx, councilId, id)
  if (!before) return undefined
  const input: ProviderInput = { ...inputOf(before), ...changes }
  await checkInput(tx, councilId, input, id)
  const row = await repo.update(tx, councilId, id, toValues(input, now))
  if (changes.identifiers) await repo.replaceIdentifiers(tx, councilId, id, input.identifiers)
  const after: ProviderRecord = { ...row, identifiers: input.identifiers }
  await recordAudit(tx, {
    actor,
    councilId,
    action: 'update',
    entityType: 'provider',
    entityId: id,
    before: auditSnapshot(before),
    after: auditSnapshot(after),
    at: now,
  })
  return after
}

/** A council's providers by name, id and postcode: for another module to choose from or show by id. */
export function providerChoices(db: Executor, councilId: string, ids?: readonly string[]) {
  return repo.choices(db, councilId, ids)
}
