/**
 * OCDS 1.1 release and record packages of a council's published contracts, written as a stream: contracts are read
 * a page at a time in id order (keyset pagination) and each release is written as soon as it is built, so memory
 * does not grow with the number of contracts. One release per contract, tagged "contract", with the UK extension's
 * supplier flags (domain-rules 3.5). map.ts reads the same shape back.
 */
import type { Executor } from '../../../platform/db/database.ts'
import type { CouncilRow } from '../../councils/service.ts'
import { orgId } from '../../providers/identifiers.ts'
import { identifiersOf } from '../../providers/repository.ts'
import * as repo from '../repository.ts'
import type { ContractRecord } from '../service.ts'
import { withDetails } from '../service.ts'
import type { OpenDataIdentity } from '../settings.ts'
import { AWARD_PROCEDURES, CONTRACT_STATUSES, DIRECT_AWARD_GROUNDS, type AwardProcedure, type ContractStatus } from '../vocabulary.ts'

export const EXPORT_PAGE_SIZE = 500
export const UK_EXTENSION = 'https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json'

export interface PackageContext {
  council: CouncilRow
  identity: OpenDataIdentity
  /** The package's own address: its public URL, or a urn when written by the command line. */
  uri: string
  publishedDate: Date
}

/** Every published contract of the council, a page at a time, with suppliers, notices and supplier identifiers. */
export async function* publishedContracts(db: Executor, councilId: string, pageSize = EXPORT_PAGE_SIZE) {
  let after: string | null = null
  for (;;) {
    const rows = await repo.pageAfter(db, { published: true, councilId }, after, pageSize)
    if (rows.length === 0) return
    const records = await withDetails(db, rows)
    const providerIds = [...new Set(records.flatMap((r) => r.suppliers.map((s) => s.providerId)))]
    const identifiers = await identifiersOf(db, { councilId }, providerIds)
    for (const record of records) yield { record, identifiers }
    after = rows[rows.length - 1]!.id
    if (rows.length < pageSize) return
  }
}

const pounds = (pence: number) => pence / 100
const dateTime = (iso: string) => `${iso}T00:00:00Z`

function value(pence: number, includesVat: boolean) {
  return includesVat ? { amount: pounds(pence), amountGross: pounds(pence), currency: 'GBP' } : { amount: pounds(pence), currency: 'GBP' }
}

export function buyerParty(council: CouncilRow, identity: OpenDataIdentity) {
  const id = council.laeCode ? `GB-LAE-${council.laeCode}` : `${identity.ocidPrefix}-buyer-${council.code}`
  return {
    id,
    name: council.name,
    ...(council.laeCode ? { identifier: { scheme: 'GB-LAE', id: council.laeCode, legalName: council.name } } : {}),
    roles: ['buyer'],
  }
}

/**
 * The ocid Catalyst publishes for a contract. An ocid starts with its publisher's registered prefix, and only that
 * publisher may issue ocids under it (domain rules 3.3): a process imported from Find a Tender or another council
 * keeps its first ocid in the register, but this council publishes it under its own prefix, and names the first
 * ocid as a related process (see relatedOcid).
 */
export function ocidOf(record: { ocid: string | null; id: string }, identity: Pick<OpenDataIdentity, 'ocidPrefix'>): string {
  return record.ocid && isOwnOcid(record.ocid, identity) ? record.ocid : `${identity.ocidPrefix}-${record.id}`
}

/** The ocid another publisher gave this contract's process, if it came with one. */
export function relatedOcid(record: { ocid: string | null }, identity: Pick<OpenDataIdentity, 'ocidPrefix'>): string | undefined {
  return record.ocid && !isOwnOcid(record.ocid, identity) ? record.ocid : undefined
}

const isOwnOcid = (ocid: string, identity: Pick<OpenDataIdentity, 'ocidPrefix'>) => ocid.startsWith(`${identity.ocidPrefix}-`)

/** One OCDS release for a contract: its tender, award and contract, its buyer and suppliers. */
export function releaseOf(
  record: ContractRecord,
  identifiers: Map<string, { scheme: string; identifier: string }[]>,
  council: CouncilRow,
  identity: OpenDataIdentity,
) {
  const ocid = ocidOf(record, identity)
  const updated = record.updatedAt.toISOString()
  const buyer = buyerParty(council, identity)
  const suppliers = record.suppliers.map((s) => {
    const ids = identifiers.get(s.providerId) ?? []
    const [first, ...rest] = ids
    return {
      id: first ? orgId(first) : `${identity.ocidPrefix}-supplier-${s.providerId}`,
      name: s.name,
      ...(first ? { identifier: { scheme: first.scheme, id: first.identifier, legalName: s.name } } : {}),
      ...(rest.length ? { additionalIdentifiers: rest.map((i) => ({ scheme: i.scheme, id: i.identifier })) } : {}),
      roles: ['supplier'],
      details: {
        ...(s.isSme ? { scale: 'sme' } : {}),
        vcse: s.isVcse,
        publicServiceMissionOrganization: s.isPublicServiceMutual,
        shelteredWorkshop: s.isSupportedEmploymentProvider,
      },
    }
  })
  const notice = (type: string, documentType: string) => {
    const n = record.notices.find((x) => x.type === type)
    return n ? [{ id: `${record.reference}-${type}`, documentType, noticeType: type, title: `${type} notice`, datePublished: dateTime(n.publishedOn) }] : []
  }
  const period = record.startDate || record.endDate
    ? { ...(record.startDate ? { startDate: dateTime(record.startDate) } : {}), ...(record.endDate ? { endDate: dateTime(record.endDate) } : {}) }
    : undefined
  const money = record.totalValuePence !== null ? value(record.totalValuePence, record.valuesIncludeVat) : undefined
  const procedure = AWARD_PROCEDURES[record.awardProcedure as AwardProcedure]
  const ground = record.directAwardGround ? DIRECT_AWARD_GROUNDS[record.directAwardGround as keyof typeof DIRECT_AWARD_GROUNDS] : undefined
  const contractDocuments = [...notice('UK7', 'contractNotice'), ...notice('UK9', 'contractNotice'), ...notice('UK10', 'contractNotice'), ...notice('UK11', 'contractNotice')]
  const supplierRefs = suppliers.map((s) => ({ id: s.id, name: s.name }))
  return {
    ocid,
    id: `${ocid}-${updated.replace(/[^0-9]/g, '').slice(0, 14)}`,
    date: updated,
    tag: ['contract'],
    initiationType: 'tender',
    language: 'en',
    ...(relatedOcid(record, identity)
      ? { relatedProcesses: [{ id: '1', title: 'The same process as its first publisher published it', scheme: 'ocid', identifier: relatedOcid(record, identity) }] }
      : {}),
    parties: [buyer, ...suppliers],
    buyer: { id: buyer.id, name: buyer.name },
    tender: {
      id: record.reference,
      title: record.title,
      ...(record.description ? { description: record.description } : {}),
      status: 'complete',
      // A procedure the source did not state is left out, not published as a guess.
      ...(procedure?.ocds ? { procurementMethod: procedure.ocds, procurementMethodDetails: procedure.name } : {}),
      ...(ground ? { procurementMethodRationale: ground } : {}),
      mainProcurementCategory: record.mainCategory,
      ...(record.cpvCodes.length
        ? { items: record.cpvCodes.map((code, i) => ({ id: String(i + 1), classification: { scheme: 'CPV', id: code } })) }
        : {}),
      ...(period ? { contractPeriod: period } : {}),
      ...(notice('UK4', 'tenderNotice').length ? { documents: notice('UK4', 'tenderNotice') } : {}),
    },
    awards: [
      {
        id: `${record.reference}-award`,
        title: record.title,
        status: 'active',
        ...(record.awardDate ? { date: dateTime(record.awardDate) } : {}),
        ...(money ? { value: money } : {}),
        suppliers: supplierRefs,
        ...(period ? { contractPeriod: period } : {}),
        ...(notice('UK6', 'awardNotice').length ? { documents: notice('UK6', 'awardNotice') } : {}),
      },
    ],
    contracts: [
      {
        id: record.reference,
        awardID: `${record.reference}-award`,
        title: record.title,
        ...(record.description ? { description: record.description } : {}),
        status: CONTRACT_STATUSES[record.status as ContractStatus]?.ocds ?? 'active',
        ...(period ? { period } : {}),
        ...(money ? { value: money } : {}),
        ...(contractDocuments.length ? { documents: contractDocuments } : {}),
      },
    ],
  }
}

function header(context: PackageContext) {
  const { council, identity } = context
  return {
    uri: context.uri,
    version: '1.1',
    extensions: [UK_EXTENSION],
    publishedDate: context.publishedDate.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    publisher: { name: council.name, ...(council.laeCode ? { scheme: 'GB-LAE', uid: council.laeCode } : {}) },
    license: identity.licenceUrl,
  }
}

/** The package as text chunks: the header, then releases (or records) one at a time, then the closing brackets. */
export async function* ocdsPackage(db: Executor, context: PackageContext, kind: 'releases' | 'records'): AsyncGenerator<string> {
  const head = JSON.stringify(header(context))
  yield `${head.slice(0, -1)},"${kind}":[`
  let first = true
  for await (const { record, identifiers } of publishedContracts(db, context.council.id)) {
    const release = releaseOf(record, identifiers, context.council, context.identity)
    const item = kind === 'releases' ? release : { ocid: release.ocid, releases: [release], compiledRelease: { ...release, tag: ['compiled'] } }
    yield `${first ? '' : ','}${JSON.stringify(item)}`
    first = false
  }
  yield ']}'
}

/**
 * Whether the council has published a contract. The official OCDS package schemas require at least one release or
 * record (minItems 1), so an empty package is refused rather than published invalid.
 */
export async function hasPublishedContracts(db: Executor, councilId: string): Promise<boolean> {
  for await (const _ of publishedContracts(db, councilId, 1)) return true
  return false
}
