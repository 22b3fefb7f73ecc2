/**
 * Imports OCDS contracting processes into the contracts register: each process belongs to its buyer's council,
 * is created or updated by its ocid, and its suppliers are found in the council's provider register by identifier,
 * else by name, else added. Importing the same data twice changes nothing (ADR 0014).
 */
import type { Actor } from '../../../platform/audit/audit.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { CouncilNames, findCouncil, listCouncils, type CouncilRow } from '../../councils/service.ts'
import { nameKey } from '../../providers/names.ts'
import { createProvider, createProviders, findDuplicates, findManyCandidates, flagsOf, getProvider, updateProvider, type ProviderInput, type ProviderRecord, type ProviderRow } from '../../providers/service.ts'
import { inputOf, createContracts, updateContracts, withDetails, type ContractRecord } from '../service.ts'
import { findManyBy as findContractsBy } from '../repository.ts'
import type { ContractInput } from '../types.ts'
import { markAwarded, saveOpportunities, type OpportunityInput } from '../opportunities.ts'
import { candidateOf, isAwarded, opportunityOf, type ContractCandidate, type SupplierCandidate } from './map.ts'
import type { OcdsProcess } from './read.ts'

export interface ImportSummary {
  created: number
  updated: number
  unchanged: number
  skipped: { ref: string; reason: string }[]
  warnings: string[]
  suppliersCreated: number
  /** Processes without an award yet, kept as the council's forward pipeline (not contracts). */
  opportunities: { created: number; updated: number; unchanged: number }
}

export const emptySummary = (): ImportSummary => ({ created: 0, updated: 0, unchanged: 0, skipped: [], warnings: [], suppliersCreated: 0, opportunities: { created: 0, updated: 0, unchanged: 0 } })

export interface ImportOptions {
  actor: Actor
  now: Date
  today: string
  /**
   * The council that owns processes whose file does not name a buyer (--council, or the signed-in officer's
   * council). With `only`, processes whose buyer is another council are skipped rather than filed under it.
   */
  council?: CouncilRow | undefined
  only?: boolean
  onProgress?: (done: number, total: number) => void
}

/**
 * Finds the buyer's council: by GB-LAE or GSS identifier, then by its name as a reader would read it
 * (councils/match.ts: council words, department suffixes and short county names normalised, the council list's
 * alternative names, then similarity). A name that is close to a council's but not close enough is a near miss,
 * which the caller reports.
 */
export class CouncilMatcher {
  private names: CouncilNames<CouncilRow> | undefined
  /** A file names the same buyer thousands of times: ask the database once per buyer. */
  private answers = new Map<string, { council: CouncilRow | undefined; nearMisses: { council: CouncilRow; score: number }[] }>()
  constructor(private readonly db: Executor, private readonly today: string = new Date().toISOString().slice(0, 10)) {}

  async match(buyer: ContractCandidate['buyer']): Promise<CouncilRow | undefined> {
    return (await this.lookUp(buyer)).council
  }

  /** Why a named buyer was not found: the nearest councils, "" when there is none. */
  async nearMisses(buyer: ContractCandidate['buyer']): Promise<string> {
    const misses = (await this.lookUp(buyer)).nearMisses
    return misses.map((m) => `${m.council.name} (${m.council.code}, similarity ${m.score.toFixed(2)})`).join('; ')
  }

  private async lookUp(buyer: ContractCandidate['buyer']) {
    const key = JSON.stringify(buyer)
    let answer = this.answers.get(key)
    if (!answer) {
      answer = await this.find(buyer)
      this.answers.set(key, answer)
    }
    return answer
  }

  private async find(buyer: ContractCandidate['buyer']) {
    for (const id of buyer.identifiers) {
      const scheme = id.scheme.toUpperCase()
      if (scheme === 'GB-LAE' || /^[EWSN]\d{8}$/.test(id.id)) {
        const council = await findCouncil(this.db, id.id)
        if (council) return { council, nearMisses: [] }
      }
    }
    if (buyer.name) {
      this.names ??= new CouncilNames(await listCouncils(this.db), this.today)
      const found = this.names.match(buyer.name)
      return found.council ? { council: found.council, nearMisses: [] } : { council: undefined, nearMisses: found.nearMisses }
    }
    return { council: undefined, nearMisses: [] }
  }
}

/** Finds or adds each supplier in a council's provider register, remembering answers for the rest of the file. */
export class SupplierMatcher {
  private cache = new Map<string, string>()
  created = 0
  /** Per council, the providers a file's suppliers could be, read once by `prefetch`. */
  private known = new Map<string, { byIdentifier: Map<string, ProviderRecord>; byName: Map<string, ProviderRecord> }>()
  constructor(private readonly db: Executor, private readonly actor: Actor, private readonly now: Date) {}

  /** Reads at once the council's providers that any of these suppliers could be, so matching asks no more queries. */
  async prefetch(councilId: string, candidates: SupplierCandidate[]) {
    const found = await findManyCandidates(this.db, councilId, candidates.map((s) => nameKey(s.name)), candidates.flatMap((s) => s.identifiers))
    const byIdentifier = new Map<string, ProviderRecord>()
    const byName = new Map<string, ProviderRecord>()
    for (const provider of found) {
      for (const i of provider.identifiers) if (!byIdentifier.has(`${i.scheme}|${i.identifier}`)) byIdentifier.set(`${i.scheme}|${i.identifier}`, provider)
      if (!byName.has(provider.nameKey)) byName.set(provider.nameKey, provider)
    }
    this.known.set(councilId, { byIdentifier, byName })
  }

  /** As findDuplicates would answer, from what `prefetch` read: a provider by identifier, else by name. */
  private async matchOf(councilId: string, supplier: SupplierCandidate): Promise<ProviderRow | ProviderRecord | undefined> {
    const known = this.known.get(councilId)
    if (!known) {
      const duplicates = await findDuplicates(this.db, councilId, { name: supplier.name, identifiers: supplier.identifiers })
      const match = duplicates.find((d) => d.reason === 'identifier') ?? duplicates.find((d) => d.reason === 'name')
      return match?.provider
    }
    for (const i of supplier.identifiers) {
      const hit = known.byIdentifier.get(`${i.scheme}|${i.identifier}`)
      if (hit) return hit
    }
    return known.byName.get(nameKey(supplier.name))
  }

  /** The keys a supplier is remembered by for the rest of the file: each identifier, then its name. */
  private keysOf(councilId: string, supplier: SupplierCandidate): string[] {
    return [...supplier.identifiers.map((i) => `${councilId}|${i.scheme}|${i.identifier}`), `${councilId}|name|${nameKey(supplier.name)}`]
  }

  private cached(keys: string[]): string | undefined {
    for (const key of keys) {
      const hit = this.cache.get(key)
      if (hit) return hit
    }
    return undefined
  }

  async providerId(councilId: string, supplier: SupplierCandidate): Promise<string> {
    const keys = this.keysOf(councilId, supplier)
    const hit = this.cached(keys)
    if (hit) return hit
    const match = await this.matchOf(councilId, supplier)
    let id: string
    if (match) {
      id = match.id
      await this.addWhatIsNew(councilId, match, supplier)
    } else {
      const result = await createProvider(this.db, councilId, newProviderInput(supplier), this.actor, this.now, { confirmDuplicate: true })
      if (result.outcome !== 'created') throw new Error('provider not created')
      id = result.provider.id
      this.created++
    }
    for (const key of keys) this.cache.set(key, id)
    return id
  }

  /**
   * Each supplier's provider, as `providerId` one after another would find or add them (in the same order, so a
   * later supplier with an identifier or name of an earlier one is that provider), but set-wise: the council's
   * candidates read at once, and the new providers added together at the end.
   */
  async providerIds(councilId: string, suppliers: SupplierCandidate[]): Promise<string[]> {
    if (!this.known.has(councilId)) await this.prefetch(councilId, suppliers)
    const fresh: ProviderInput[] = []
    /** A provider to add is known by its place in `fresh` until the database has it. */
    const ids: (string | number)[] = []
    const freshKeys: string[][] = []
    const freshByKey = new Map<string, number>()
    for (const supplier of suppliers) {
      const keys = this.keysOf(councilId, supplier)
      const hit = this.cached(keys) ?? keys.map((k) => freshByKey.get(k)).find((i) => i !== undefined)
      if (hit !== undefined) {
        ids.push(hit)
        continue
      }
      const match = await this.matchOf(councilId, supplier)
      if (match) {
        await this.addWhatIsNew(councilId, match, supplier)
        for (const key of keys) this.cache.set(key, match.id)
        ids.push(match.id)
      } else {
        for (const key of keys) freshByKey.set(key, fresh.length)
        ids.push(fresh.length)
        fresh.push(newProviderInput(supplier))
        freshKeys.push(keys)
      }
    }
    const created = await createProviders(this.db, councilId, fresh, this.actor, this.now)
    this.created += created.length
    created.forEach((provider, i) => {
      for (const key of freshKeys[i]!) this.cache.set(key, provider.id)
    })
    return ids.map((id) => (typeof id === 'number' ? created[id]!.id : id))
  }

  /** A supplier found by name gains the identifiers and flags the file gives it, never loses any. */
  private async addWhatIsNew(councilId: string, found: ProviderRow | ProviderRecord, supplier: SupplierCandidate) {
    const providerId = found.id
    // Read by prefetch with its identifiers; a match from findDuplicates is read again for them.
    const provider = 'identifiers' in found ? found : await getProvider(this.db, councilId, providerId)
    if (!provider) return
    const identifiers = [...provider.identifiers]
    for (const i of supplier.identifiers) if (!identifiers.some((h) => h.scheme === i.scheme)) identifiers.push(i)
    const flags = new Set(flagsOf(provider))
    if (supplier.sme) flags.add('sme')
    if (supplier.vcse) flags.add('vcse')
    if (supplier.supportedEmployment) flags.add('supported-employment')
    if (supplier.mutual) flags.add('mutual')
    if (identifiers.length === provider.identifiers.length && flags.size === flagsOf(provider).length) return
    try {
      await updateProvider(this.db, councilId, providerId, { identifiers, flags: [...flags] }, this.actor, this.now)
    } catch {
      // An identifier already held by another provider of the council: keep the record as it is.
    }
  }
}

/** A supplier as a new provider: unpublished until the council looks at it, with the flags the file gives. */
function newProviderInput(supplier: SupplierCandidate): ProviderInput {
  const flags = [supplier.sme && 'sme', supplier.vcse && 'vcse', supplier.supportedEmployment && 'supported-employment', supplier.mutual && 'mutual'].filter(
    (f): f is 'sme' | 'vcse' | 'supported-employment' | 'mutual' => !!f,
  )
  return {
    name: supplier.name.slice(0, 200),
    legalForm: 'other',
    identifiers: supplier.identifiers,
    flags,
    addressLine1: null,
    addressLine2: null,
    town: null,
    postcode: null,
    website: null,
    serviceCategories: [],
    areasServed: [],
    published: false,
    privateNotes: null,
  }
}

const sorted = (values: string[]) => [...values].sort()
const comparable = (input: ContractInput) =>
  JSON.stringify({ ...input, supplierIds: sorted(input.supplierIds), cpvCodes: sorted(input.cpvCodes), notices: [...input.notices].sort((a, b) => a.type.localeCompare(b.type)) })

/** The contract as it will be after the import: the file's fields over what the register already holds. */
function mergedInput(existing: ContractInput | undefined, candidate: ContractCandidate, supplierIds: string[]): ContractInput {
  const base: ContractInput = existing ?? {
    reference: candidate.reference,
    title: candidate.title,
    description: null,
    department: null,
    supplierIds: [],
    cpvCodes: [],
    mainCategory: candidate.mainCategory,
    awardProcedure: candidate.awardProcedure,
    directAwardGround: null,
    invitation: null,
    totalValuePence: null,
    estimatedAnnualValuePence: null,
    valuesIncludeVat: false,
    irrecoverableVatPence: null,
    awardDate: null,
    startDate: null,
    endDate: null,
    reviewDate: null,
    extensionOptions: 0,
    extensionMonths: null,
    extensionsTaken: 0,
    extensionsTakenNote: null,
    lightTouch: false,
    status: candidate.status,
    notices: [],
    ocid: candidate.ocid,
    published: true,
    serviceCategory: null,
  }
  const notices = new Map(base.notices.map((n) => [n.type, n]))
  for (const n of candidate.notices) notices.set(n.type, n)
  return {
    ...base,
    title: candidate.title,
    description: candidate.description ?? base.description,
    supplierIds,
    cpvCodes: candidate.cpvCodes.length > 0 ? candidate.cpvCodes : base.cpvCodes,
    mainCategory: candidate.mainCategory,
    awardProcedure: candidate.awardProcedure,
    directAwardGround: candidate.directAwardGround ?? (candidate.awardProcedure === 'direct-award' ? base.directAwardGround : null),
    totalValuePence: candidate.totalValuePence,
    valuesIncludeVat: candidate.valuesIncludeVat,
    awardDate: candidate.awardDate ?? base.awardDate,
    startDate: candidate.startDate ?? base.startDate,
    endDate: candidate.endDate ?? base.endDate,
    status: candidate.status,
    notices: [...notices.values()],
    ocid: candidate.ocid,
  }
}

interface AwardedProcess {
  source: string
  candidate: ContractCandidate
  supplierIds: string[]
}

/**
 * Creates, updates or leaves each awarded process of one council as the file says, in a few set-wise statements:
 * the contracts the file already names are read by ocid (then by reference) in one query each, compared in memory,
 * and the new and changed ones written with their suppliers, notices and audit entries in multi-row statements.
 * The outcome is the one a process-by-process import gives, in file order: a reference a process of the file
 * has just taken, or one already used by another ocid, skips the process that comes after.
 */
async function saveContracts(tx: Executor, councilId: string, list: AwardedProcess[], summary: ImportSummary, options: ImportOptions) {
  const byOcid = new Map((await findContractsBy(tx, councilId, 'ocid', list.map((p) => p.candidate.ocid))).map((row) => [row.ocid!, row]))
  const byReference = new Map(
    (await findContractsBy(tx, councilId, 'reference', list.filter((p) => !byOcid.has(p.candidate.ocid)).map((p) => p.candidate.reference))).map((row) => [row.reference, row]),
  )
  const details = new Map<string, ContractRecord>()
  const known = [...new Set([...byOcid.values(), ...byReference.values()])]
  for (let i = 0; i < known.length; i += 1000) for (const record of await withDetails(tx, known.slice(i, i + 1000))) details.set(record.id, record)
  /** The ocid that holds each reference as the file is worked through: the register's, then the file's own. */
  const referenceHolder = new Map<string, string | null>([...byReference.values()].map((row) => [row.reference, row.ocid]))
  const creates: ContractInput[] = []
  const updates: { before: ContractRecord; input: ContractInput }[] = []
  for (const { source, candidate, supplierIds } of list) {
    const ocidRow = byOcid.get(candidate.ocid)
    let existing: ContractRecord | undefined
    if (ocidRow) existing = details.get(ocidRow.id)
    else if (referenceHolder.has(candidate.reference)) {
      const holder = referenceHolder.get(candidate.reference)
      if (holder && holder !== candidate.ocid) {
        summary.skipped.push({ ref: source, reason: `${candidate.ocid}: reference ${candidate.reference} is already used by another process (${holder})` })
        continue
      }
      const row = byReference.get(candidate.reference)
      existing = row ? details.get(row.id) : undefined
    }
    const before = existing ? inputOf(existing) : undefined
    const input = mergedInput(before, candidate, supplierIds)
    if (existing && before) {
      referenceHolder.set(existing.reference, candidate.ocid)
      if (comparable(before) === comparable(input)) {
        summary.unchanged++
        continue
      }
      updates.push({ before: existing, input })
      summary.updated++
    } else {
      referenceHolder.set(candidate.reference, candidate.ocid)
      creates.push(input)
      summary.created++
    }
  }
  await updateContracts(tx, councilId, updates, options.actor, options.now, 'import')
  await createContracts(tx, councilId, creates, options.actor, options.now, 'import')
}

export async function importOcdsProcesses(tx: Executor, processes: OcdsProcess[], options: ImportOptions): Promise<ImportSummary> {
  const summary = emptySummary()
  const councils = new CouncilMatcher(tx, options.today)
  const suppliers = new SupplierMatcher(tx, options.actor, options.now)
  const awardedByCouncil = new Map<string, string[]>()
  /** The council a process belongs to, or the reason it is skipped (with the nearest councils for a near miss). */
  const councilOf = async (ocid: string, buyer: ContractCandidate['buyer']): Promise<CouncilRow | string> => {
    const named = buyer.name || buyer.identifiers.length > 0
    const buyerCouncil = named ? await councils.match(buyer) : undefined
    if (buyerCouncil) {
      if (options.only && options.council && buyerCouncil.id !== options.council.id) return `${ocid}: the buyer is ${buyerCouncil.name}, not ${options.council.name}`
      return buyerCouncil
    }
    if (named && !options.only) {
      const who = buyer.name ?? buyer.identifiers.map((i) => `${i.scheme}-${i.id}`).join(', ')
      const near = await councils.nearMisses(buyer)
      return `${ocid}: the buyer (${who}) is not a council Catalyst knows${near ? `; nearest: ${near}` : ''}`
    }
    return options.council ?? `${ocid}: the file does not say which council is the buyer; give --council`
  }
  /** Awarded processes, by council, saved set-wise once the whole file is mapped (ADR 0026). */
  const awardedProcesses = new Map<string, AwardedProcess[]>()
  /** Processes without an award, by council, saved set-wise the same way (ADR 0041). */
  const openProcesses = new Map<string, OpportunityInput[]>()
  let done = 0
  for (const process of processes) {
    done++
    options.onProgress?.(done, processes.length)
    if (!isAwarded(process.compiled)) {
      const planned = opportunityOf(process.compiled)
      if (!planned.ok) {
        summary.skipped.push({ ref: process.source, reason: planned.reason })
        continue
      }
      summary.warnings.push(...planned.warnings)
      const owner = await councilOf(process.ocid, planned.buyer)
      if (typeof owner === 'string') {
        summary.skipped.push({ ref: process.source, reason: owner })
        continue
      }
      const pipeline = openProcesses.get(owner.id) ?? []
      pipeline.push(planned.opportunity)
      openProcesses.set(owner.id, pipeline)
      continue
    }
    const mapped = candidateOf(process.compiled, options.today)
    if (!mapped.ok) {
      summary.skipped.push({ ref: process.source, reason: mapped.reason })
      continue
    }
    summary.warnings.push(...mapped.warnings)
    const candidate = mapped.candidate
    const owner = await councilOf(candidate.ocid, candidate.buyer)
    if (typeof owner === 'string') {
      summary.skipped.push({ ref: process.source, reason: owner })
      continue
    }
    const council = owner
    const ocids = awardedByCouncil.get(council.id) ?? []
    ocids.push(candidate.ocid)
    awardedByCouncil.set(council.id, ocids)
    const list = awardedProcesses.get(council.id) ?? []
    list.push({ source: process.source, candidate, supplierIds: [] })
    awardedProcesses.set(council.id, list)
  }
  for (const [councilId, list] of awardedProcesses) {
    const ids = await suppliers.providerIds(councilId, list.flatMap((p) => p.candidate.suppliers))
    let next = 0
    for (const p of list) for (const _ of p.candidate.suppliers) p.supplierIds.push(ids[next++]!)
  }
  for (const [councilId, list] of openProcesses) {
    for (const outcome of await saveOpportunities(tx, councilId, list, options.actor, options.now)) summary.opportunities[outcome]++
  }
  for (const [councilId, list] of awardedProcesses) await saveContracts(tx, councilId, list, summary, options)
  for (const [councilId, ocids] of awardedByCouncil) await markAwarded(tx, councilId, ocids, options.actor, options.now)
  summary.suppliersCreated = suppliers.created
  return summary
}
