/**
 * Imports OCDS contracting processes into the contracts register: each process belongs to its buyer's council,
 * is created or updated by its ocid, and its suppliers are found in the council's provider register by identifier,
 * else by name, else added. Importing the same data twice changes nothing (ADR 0014).
 */
import type { Actor } from '../../../platform/audit/audit.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { CouncilNames, findCouncil, listCouncils, type CouncilRow } from '../../councils/service.ts'
import { nameKey } from '../../providers/names.ts'
import { createProvider, findDuplicates, flagsOf, getProvider, updateProvider } from '../../providers/service.ts'
import { inputOf, createContract, updateContract, findContractByOcid, findContractByReference, withDetails } from '../service.ts'
import type { ContractInput } from '../types.ts'
import { markAwarded, saveOpportunity } from '../opportunities.ts'
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
  constructor(private readonly db: Executor, private readonly actor: Actor, private readonly now: Date) {}

  async providerId(councilId: string, supplier: SupplierCandidate): Promise<string> {
    const keys = [...supplier.identifiers.map((i) => `${councilId}|${i.scheme}|${i.identifier}`), `${councilId}|name|${nameKey(supplier.name)}`]
    for (const key of keys) {
      const hit = this.cache.get(key)
      if (hit) return hit
    }
    const duplicates = await findDuplicates(this.db, councilId, { name: supplier.name, identifiers: supplier.identifiers })
    const match = duplicates.find((d) => d.reason === 'identifier') ?? duplicates.find((d) => d.reason === 'name')
    let id: string
    if (match) {
      id = match.provider.id
      await this.addWhatIsNew(councilId, match.provider.id, supplier)
    } else {
      const flags = [supplier.sme && 'sme', supplier.vcse && 'vcse', supplier.supportedEmployment && 'supported-employment', supplier.mutual && 'mutual'].filter(
        (f): f is 'sme' | 'vcse' | 'supported-employment' | 'mutual' => !!f,
      )
      const result = await createProvider(
        this.db,
        councilId,
        {
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
        },
        this.actor,
        this.now,
        { confirmDuplicate: true },
      )
      if (result.outcome !== 'created') throw new Error('provider not created')
      id = result.provider.id
      this.created++
    }
    for (const key of keys) this.cache.set(key, id)
    return id
  }

  /** A supplier found by name gains the identifiers and flags the file gives it, never loses any. */
  private async addWhatIsNew(councilId: string, providerId: string, supplier: SupplierCandidate) {
    const provider = await getProvider(this.db, councilId, providerId)
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
      summary.opportunities[await saveOpportunity(tx, owner.id, planned.opportunity, options.actor, options.now)]++
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
    awardedByCouncil.set(council.id, [...(awardedByCouncil.get(council.id) ?? []), candidate.ocid])

    const supplierIds: string[] = []
    for (const s of candidate.suppliers) supplierIds.push(await suppliers.providerId(council.id, s))
    const byOcid = await findContractByOcid(tx, council.id, candidate.ocid)
    const byReference = byOcid ? undefined : await findContractByReference(tx, council.id, candidate.reference)
    if (byReference && byReference.ocid && byReference.ocid !== candidate.ocid) {
      summary.skipped.push({ ref: process.source, reason: `${candidate.ocid}: reference ${candidate.reference} is already used by another process (${byReference.ocid})` })
      continue
    }
    const existingRow = byOcid ?? byReference
    const existing = existingRow ? (await withDetails(tx, [existingRow]))[0] : undefined
    const before = existing ? inputOf(existing) : undefined
    const input = mergedInput(before, candidate, supplierIds)
    if (existing && before) {
      if (comparable(before) === comparable(input)) {
        summary.unchanged++
        continue
      }
      await updateContract(tx, council.id, existing.id, input, options.actor, options.now, 'import')
      summary.updated++
    } else {
      await createContract(tx, council.id, input, options.actor, options.now, 'import', { checked: true })
      summary.created++
    }
  }
  for (const [councilId, ocids] of awardedByCouncil) await markAwarded(tx, councilId, ocids, options.actor, options.now)
  summary.suppliersCreated = suppliers.created
  return summary
}
