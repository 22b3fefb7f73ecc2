/**
 * "Who supplies my neighbours": for a comparator group and a service category or CPV prefix, the suppliers on the
 * member councils' published contracts held in Catalyst (their registers and imported OCDS), each with its values,
 * dates, SME and VCSE flags, and whether it already works for this council. Nothing is inferred: a neighbour whose
 * contracts are not in Catalyst, or not published, contributes nothing, and the page says which members had none.
 *
 * The same organisation on two neighbours' registers is one supplier when their records share an org-id identifier
 * (the rule the provider register uses across councils, ADR 0007); records without one stay apart. This council's
 * own record is matched by identifier, or by name key only where the neighbour's record has no identifier, and the
 * page says which.
 */
import type { Executor } from '../../platform/db/database.ts'
import { ownProviderMatches, publishedSuppliersOf, type PublishedSupplierRow } from '../contracts/service.ts'
import type { CouncilRow } from '../councils/service.ts'
import { groupMembers } from './groups.ts'

export interface NeighbourSupplier {
  key: string
  name: string
  /** A neighbour's provider record that is published on the public register, for the link; null when none is. */
  publicProviderId: string | null
  identifiers: string[]
  councils: CouncilRow[]
  contracts: number
  valuePence: number
  /** Contracts without a value are counted but add nothing to the value. */
  unvalued: number
  firstStart: string | null
  lastEnd: string | null
  isSme: boolean
  isVcse: boolean
  own: { providerId: string; name: string; matchedBy: 'identifier' | 'name'; contracts: number } | null
}

export interface NeighbourContract extends PublishedSupplierRow {
  council: CouncilRow
  supplierKey: string
}

export interface NeighbourSuppliers {
  members: CouncilRow[]
  /** Members with at least one published contract in the category in Catalyst. */
  withContracts: CouncilRow[]
  suppliers: NeighbourSupplier[]
  contracts: NeighbourContract[]
  truncated: boolean
}

const supplierKey = (row: PublishedSupplierRow) => (row.identifiers[0] ? `${row.identifiers[0].scheme}-${row.identifiers[0].identifier}` : `provider:${row.providerId}`)

export async function neighbourSuppliers(db: Executor, input: { councilId: string; groupId: string; serviceCategory?: string | undefined; cpvPrefix?: string | undefined }): Promise<NeighbourSuppliers> {
  const members = (await groupMembers(db, input.groupId)).map((m) => m.council).filter((c) => c.id !== input.councilId)
  const { rows, truncated } = await publishedSuppliersOf(db, members.map((m) => m.id), { serviceCategory: input.serviceCategory, cpvPrefix: input.cpvPrefix })
  const councilById = new Map(members.map((m) => [m.id, m]))
  const own = await ownProviderMatches(db, input.councilId, {
    identifiers: rows.flatMap((r) => r.identifiers),
    nameKeys: rows.filter((r) => r.identifiers.length === 0).map((r) => r.nameKey),
  })

  const suppliers = new Map<string, NeighbourSupplier>()
  const contracts: NeighbourContract[] = []
  for (const row of rows) {
    const key = supplierKey(row)
    const council = councilById.get(row.councilId)!
    contracts.push({ ...row, council, supplierKey: key })
    let s = suppliers.get(key)
    if (!s) {
      const matched = row.identifiers.map((i) => own.byIdentifier.get(`${i.scheme}-${i.identifier}`)).find((m) => m) ?? (row.identifiers.length === 0 ? own.byName.get(row.nameKey) : undefined)
      s = {
        key,
        name: row.providerName,
        publicProviderId: null,
        identifiers: row.identifiers.map((i) => `${i.scheme}-${i.identifier}`),
        councils: [],
        contracts: 0,
        valuePence: 0,
        unvalued: 0,
        firstStart: null,
        lastEnd: null,
        isSme: false,
        isVcse: false,
        own: matched ?? null,
      }
      suppliers.set(key, s)
    }
    if (row.providerPublished && !s.publicProviderId) s.publicProviderId = row.providerId
    if (!s.councils.some((c) => c.id === council.id)) s.councils.push(council)
    s.contracts++
    if (row.totalValuePence === null) s.unvalued++
    else s.valuePence += row.totalValuePence
    if (row.startDate && (!s.firstStart || row.startDate < s.firstStart)) s.firstStart = row.startDate
    if (row.endDate && (!s.lastEnd || row.endDate > s.lastEnd)) s.lastEnd = row.endDate
    // A flag any neighbour's record gives: councils keep their own records, and one may know more than another.
    s.isSme ||= row.isSme
    s.isVcse ||= row.isVcse
  }
  const withContracts = members.filter((m) => rows.some((r) => r.councilId === m.id))
  const ordered = [...suppliers.values()].sort((a, b) => b.valuePence - a.valuePence || b.contracts - a.contracts || a.name.localeCompare(b.name, 'en-GB'))
  for (const s of ordered) s.councils.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
  return { members, withContracts, suppliers: ordered, contracts, truncated }
}
