/**
 * From a compiled OCDS release to what the contracts register holds, and back (export.ts). The two directions are
 * written together so that a package Catalyst exports reads back as the same contracts (the round trip):
 * - tender.id and contracts[0].id carry the council's reference; procurementMethodDetails the award procedure's name;
 * - the UK extension's Organization.details carry the SME, VCSE, public service mutual and supported employment flags;
 * - Document.noticeType carries the Find a Tender notices (UK4 … UK11) with their dates.
 */
import { checkIdentifier, isIdentifierScheme, type IdentifierScheme } from '../../providers/identifiers.ts'
import { dateOf } from '../dates.ts'
import type { NoticeInput } from '../types.ts'
import {
  AWARD_PROCEDURES,
  CPV_PATTERN,
  DIRECT_AWARD_GROUNDS,
  NOTICE_TYPE_CODES,
  type AwardProcedure,
  type ContractStatus,
  type DirectAwardGround,
  type MainCategory,
} from '../vocabulary.ts'
import type { OpportunityInput } from '../opportunities.ts'
import type { OcdsParty, OcdsRelease } from './schemas.ts'

export interface SupplierCandidate {
  name: string
  identifiers: { scheme: IdentifierScheme; identifier: string }[]
  sme: boolean
  vcse: boolean
  mutual: boolean
  supportedEmployment: boolean
}

export interface ContractCandidate {
  ocid: string
  reference: string
  title: string
  description: string | null
  buyer: { name: string | null; identifiers: { scheme: string; id: string }[] }
  suppliers: SupplierCandidate[]
  cpvCodes: string[]
  mainCategory: MainCategory
  awardProcedure: AwardProcedure
  directAwardGround: DirectAwardGround | null
  totalValuePence: number | null
  valuesIncludeVat: boolean
  awardDate: string | null
  startDate: string | null
  endDate: string | null
  status: ContractStatus
  notices: NoticeInput[]
}

export type MapResult = { ok: true; candidate: ContractCandidate; warnings: string[] } | { ok: false; reason: string }

const METHOD_TO_PROCEDURE: Record<string, AwardProcedure> = {
  open: 'open',
  selective: 'competitive-flexible',
  limited: 'below-threshold-quotes',
  direct: 'direct-award',
}

const str = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value).trim() || undefined)

function partyIdentifiers(party: OcdsParty): { scheme: string; id: string }[] {
  const all = [party.identifier, ...(party.additionalIdentifiers ?? [])]
  return all.flatMap((i) => (i && str(i.scheme) && str(i.id) ? [{ scheme: str(i.scheme)!, id: str(i.id)! }] : []))
}

function supplierOf(party: OcdsParty | undefined, reference: { id?: unknown; name?: string | null | undefined }): SupplierCandidate | undefined {
  const name = str(party?.name) ?? str(reference.name)
  if (!name) return undefined
  const identifiers: SupplierCandidate['identifiers'] = []
  for (const id of party ? partyIdentifiers(party) : []) {
    if (!isIdentifierScheme(id.scheme)) continue
    const check = checkIdentifier(id.scheme, id.id)
    if (check.ok && !identifiers.some((i) => i.scheme === id.scheme && i.identifier === check.identifier)) {
      identifiers.push({ scheme: id.scheme, identifier: check.identifier })
    }
  }
  const details = party?.details
  const scale = details?.scale?.toLowerCase()
  return {
    name,
    identifiers,
    sme: scale === 'sme' || scale === 'micro',
    vcse: details?.vcse === true,
    mutual: details?.publicServiceMissionOrganization === true,
    supportedEmployment: details?.shelteredWorkshop === true,
  }
}

function pence(value: { amount?: number | null | undefined; amountGross?: number | null | undefined; currency?: string | null | undefined } | null | undefined) {
  if (!value) return undefined
  const amount = value.amount ?? value.amountGross
  if (amount === null || amount === undefined) return undefined
  return {
    pence: Math.round(amount * 100),
    currency: value.currency ?? 'GBP',
    // Catalyst writes amountGross equal to amount when its figure includes VAT; an amount alone is net of it.
    includesVat: (value.amount === null || value.amount === undefined) ? true : value.amountGross === value.amount,
  }
}

function statusOf(ocdsStatus: string | undefined, endDate: string | null, today: string): ContractStatus {
  switch (ocdsStatus) {
    case 'pending':
      return 'planned'
    case 'terminated':
    case 'cancelled':
      return endDate && endDate < today ? 'expired' : 'terminated'
    default:
      return endDate && endDate < today ? 'expired' : 'active'
  }
}

/**
 * The award procedure the release states: by Catalyst's own procedure name, a framework call-off by its details,
 * else by the OCDS method. A release that does not say is `not-stated`, never assumed open.
 */
export function procedureOf(tender: OcdsRelease['tender'], ref: string, warnings: string[]): AwardProcedure {
  const details = str(tender?.procurementMethodDetails)
  const byName = (Object.entries(AWARD_PROCEDURES) as [AwardProcedure, { name: string }][]).find(([, p]) => p.name === details)?.[0]
  const method = str(tender?.procurementMethod)
  // Contracts Finder says "Call-off from a framework agreement" with the method "selective": the details decide.
  const callOff = !byName && details && /call[- ]?off/i.test(details) ? 'framework-call-off' : undefined
  const awardProcedure: AwardProcedure = byName ?? callOff ?? METHOD_TO_PROCEDURE[method ?? ''] ?? 'not-stated'
  if (awardProcedure === 'not-stated') {
    warnings.push(`${ref}: ${method ? `procurement method "${method}" is not in the OCDS method codelist` : 'no procurement method'}; recorded as not stated`)
  }
  return awardProcedure
}

/** Whether the process has an award with a supplier: without one it is an opportunity, not a contract. */
export function isAwarded(release: OcdsRelease): boolean {
  if ((release.awards ?? []).some((a) => (a.suppliers ?? []).length > 0)) return true
  return (release.parties ?? []).some((p) => p.roles?.includes('supplier'))
}

const CANCELLED = new Set(['cancelled', 'unsuccessful', 'withdrawn'])

/** A process without an award, as the council's forward pipeline holds it. */
export function opportunityOf(release: OcdsRelease): { ok: true; opportunity: OpportunityInput; buyer: ContractCandidate['buyer']; warnings: string[] } | { ok: false; reason: string } {
  const warnings: string[] = []
  const tender = release.tender
  const ref = release.ocid
  const title = str(tender?.title) ?? str((release as { planning?: { project?: string } }).planning?.project)
  if (!title) return { ok: false, reason: `${ref}: no title in the tender or planning` }
  const tags = new Set(release.tag ?? [])
  const status = str(tender?.status)
  const stage: OpportunityInput['stage'] =
    tags.has('tenderCancellation') || (status && CANCELLED.has(status))
      ? 'cancelled'
      : status === 'planning' || status === 'planned' || ((tags.has('planning') || tags.has('planningUpdate')) && !tags.has('tender'))
        ? 'planning'
        : 'tender'
  const value = pence(tender?.value)
  const cpvCodes = new Set<string>()
  const classification = (tender as { classification?: { scheme?: unknown; id?: unknown } } | null | undefined)?.classification
  for (const c of [classification, ...(tender?.items ?? []).flatMap((i) => [i.classification, ...(i.additionalClassifications ?? [])])]) {
    if (!c || str(c.scheme)?.toUpperCase() !== 'CPV') continue
    const code = str(c.id)!
    if (CPV_PATTERN.test(code)) cpvCodes.add(code)
  }
  const period = tender?.contractPeriod
  const tenderPeriod = (tender as { tenderPeriod?: { endDate?: unknown } } | null | undefined)?.tenderPeriod
  const suitability = (tender as { suitability?: { sme?: unknown; vcse?: unknown } } | null | undefined)?.suitability
  const category = str(tender?.mainProcurementCategory)
  const parties = release.parties ?? []
  const buyerParty = parties.find((p) => str(p.id) === str(release.buyer?.id)) ?? parties.find((p) => p.roles?.includes('buyer'))
  return {
    ok: true,
    warnings,
    buyer: { name: str(buyerParty?.name) ?? str(release.buyer?.name) ?? null, identifiers: buyerParty ? partyIdentifiers(buyerParty) : [] },
    opportunity: {
      ocid: release.ocid,
      reference: str(tender?.id)?.slice(0, 100) ?? null,
      title: title.slice(0, 300),
      description: str(tender?.description)?.slice(0, 5000) ?? null,
      stage,
      procedure: procedureOf(tender, ref, warnings),
      mainCategory: category === 'goods' || category === 'works' || category === 'services' ? category : null,
      cpvCodes: [...cpvCodes].sort(),
      valuePence: value && value.currency === 'GBP' && value.pence >= 0 ? value.pence : null,
      tenderEndDate: dateOf(str(tenderPeriod?.endDate)) ?? null,
      contractStartDate: dateOf(str(period?.startDate)) ?? null,
      contractEndDate: dateOf(str(period?.endDate)) ?? null,
      suitableForSme: typeof suitability?.sme === 'boolean' ? suitability.sme : null,
      suitableForVcse: typeof suitability?.vcse === 'boolean' ? suitability.vcse : null,
      publishedOn: dateOf(release.date) ?? null,
    },
  }
}

export function candidateOf(release: OcdsRelease, today: string): MapResult {
  const warnings: string[] = []
  const contract = release.contracts?.[0]
  const award = (contract?.awardID ? release.awards?.find((a) => a.id === String(contract.awardID)) : undefined) ?? release.awards?.[0]
  const tender = release.tender
  const ref = release.ocid

  const title = str(contract?.title) ?? str(award?.title) ?? str(tender?.title)
  if (!title) return { ok: false, reason: `${ref}: no title in the tender, award or contract` }

  const parties = release.parties ?? []
  const partyById = new Map(parties.map((p) => [str(p.id) ?? '', p]))
  const suppliers: SupplierCandidate[] = []
  for (const s of award?.suppliers ?? []) {
    const supplier = supplierOf(partyById.get(str(s.id) ?? ''), s)
    if (supplier) suppliers.push(supplier)
  }
  if (suppliers.length === 0) {
    for (const party of parties.filter((p) => p.roles?.includes('supplier'))) {
      const supplier = supplierOf(party, {})
      if (supplier) suppliers.push(supplier)
    }
  }
  if (suppliers.length === 0) return { ok: false, reason: `${ref}: no supplier (the process has no award with a supplier yet)` }

  const value = pence(contract?.value) ?? pence(award?.value) ?? pence(tender?.value)
  if (!value) return { ok: false, reason: `${ref}: no value in the contract, award or tender` }
  if (value.currency !== 'GBP') return { ok: false, reason: `${ref}: the value is in ${value.currency}; the register holds pounds` }
  if (value.pence < 0) return { ok: false, reason: `${ref}: the value is negative` }

  const period = contract?.period ?? award?.contractPeriod ?? tender?.contractPeriod
  const rawStart = str(period?.startDate)
  const rawEnd = str(period?.endDate)
  const startDate = dateOf(rawStart) ?? null
  const endDate = dateOf(rawEnd) ?? null
  if ((rawStart && !startDate) || (rawEnd && !endDate)) return { ok: false, reason: `${ref}: the contract period has an impossible date (${rawStart ?? ''} to ${rawEnd ?? ''})` }
  if (startDate && endDate && endDate < startDate) return { ok: false, reason: `${ref}: the contract ends (${endDate}) before it starts (${startDate})` }

  const buyerParty = partyById.get(str(release.buyer?.id) ?? '') ?? parties.find((p) => p.roles?.includes('buyer'))
  const buyer = { name: str(buyerParty?.name) ?? str(release.buyer?.name) ?? null, identifiers: buyerParty ? partyIdentifiers(buyerParty) : [] }

  const cpvCodes = new Set<string>()
  for (const item of [...(tender?.items ?? []), ...(award?.items ?? []), ...(contract?.items ?? [])]) {
    for (const c of [item.classification, ...(item.additionalClassifications ?? [])]) {
      if (!c || str(c.scheme)?.toUpperCase() !== 'CPV') continue
      const code = str(c.id)!
      if (CPV_PATTERN.test(code)) cpvCodes.add(code)
      else warnings.push(`${ref}: CPV code "${code}" is not 8 digits with an optional check digit; left out`)
    }
  }

  const category = str(tender?.mainProcurementCategory)
  let mainCategory: MainCategory = 'services'
  if (category === 'goods' || category === 'works' || category === 'services') mainCategory = category
  else warnings.push(`${ref}: no main procurement category; recorded as services`)

  const awardProcedure = procedureOf(tender, ref, warnings)
  const rationale = str(tender?.procurementMethodRationale)
  const directAwardGround =
    awardProcedure === 'direct-award' ? ((Object.entries(DIRECT_AWARD_GROUNDS) as [DirectAwardGround, string][]).find(([, name]) => name === rationale)?.[0] ?? null) : null

  const notices: NoticeInput[] = []
  for (const doc of [...(tender?.documents ?? []), ...(award?.documents ?? []), ...(contract?.documents ?? [])]) {
    const type = str(doc.noticeType)?.toUpperCase()
    const publishedOn = dateOf(doc.datePublished)
    if (type && publishedOn && (NOTICE_TYPE_CODES as string[]).includes(type) && !notices.some((n) => n.type === type)) {
      notices.push({ type: type as NoticeInput['type'], publishedOn })
    }
  }

  return {
    ok: true,
    warnings,
    candidate: {
      ocid: release.ocid,
      reference: (str(tender?.id) ?? str(contract?.id) ?? release.ocid).slice(0, 100),
      title: title.slice(0, 300),
      description: (str(contract?.description) ?? str(award?.description) ?? str(tender?.description) ?? null)?.slice(0, 5000) ?? null,
      buyer,
      suppliers,
      cpvCodes: [...cpvCodes],
      mainCategory,
      awardProcedure,
      directAwardGround,
      totalValuePence: value.pence,
      valuesIncludeVat: value.includesVat,
      awardDate: dateOf(award?.date) ?? null,
      startDate,
      endDate,
      status: statusOf(str(contract?.status), endDate, today),
      notices: notices.sort((a, b) => a.type.localeCompare(b.type)),
    },
  }
}
