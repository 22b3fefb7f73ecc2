/**
 * 360Giving 1.4 (domain-rules 4): the grants register out as a JSON package or a CSV with the standard's column
 * titles (both streamed a page at a time), and in from either. A grant is identified by its 360Giving identifier;
 * the funder is the council (GB-LAE-XXX where it has a code); the recipient is a provider of its register.
 */
import { parse } from 'csv-parse/sync'
import { csvLine } from '../../platform/csv.ts'
import { z } from 'zod'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { CouncilRow } from '../councils/service.ts'
import { CouncilMatcher, emptySummary, SupplierMatcher, type ImportSummary } from '../contracts/ocds/import.ts'
import { dateOf } from '../contracts/dates.ts'
import type { OpenDataIdentity } from '../contracts/settings.ts'
import { orgId, parseOrgId, type IdentifierScheme } from '../providers/identifiers.ts'
import { identifiersOf } from '../providers/repository.ts'
import { createGrant, findGrantByIdentifier, inputOfGrant, mostBeneficiaryPlaces, publishedGrants, sameGrant, updateGrant, type GrantInput, type GrantRecord } from './service.ts'

/** ONS entity prefixes and the geoCodeType codes 360Giving gives them (domain-rules 4). */
const GEO_CODE_TYPES: Record<string, string> = { E06: 'UA', E07: 'NMD', E08: 'MD', E09: 'LONB', E10: 'CTY', E05: 'WD', E01: 'LSOA', E02: 'MSOA', E14: 'WPC' }

export function funderOf(council: CouncilRow, identity: OpenDataIdentity) {
  return { id: council.laeCode ? `GB-LAE-${council.laeCode}` : `${identity.grantsPrefix}-${council.code}`, name: council.name }
}

/** The places as imported; a grant entered on the form before places were kept has its GSS codes only. */
function placesOf(grant: GrantRecord) {
  return grant.beneficiaryPlaces.length ? grant.beneficiaryPlaces : grant.beneficiaryLocations.map((geoCode) => ({ name: null, geoCode }))
}

type Ids = Map<string, { scheme: string; identifier: string }[]>

export function grantJson(grant: GrantRecord, ids: Ids, council: CouncilRow, identity: OpenDataIdentity) {
  const recipientIds = grant.recipientProviderId ? (ids.get(grant.recipientProviderId) ?? []) : []
  const charity = recipientIds.find((i) => i.scheme === 'GB-CHC')
  const company = recipientIds.find((i) => i.scheme === 'GB-COH')
  const recipientId = recipientIds[0] ? orgId(recipientIds[0]) : `${identity.grantsPrefix}-recipient-${grant.recipientProviderId}`
  return {
    id: grant.identifier,
    title: grant.title,
    description: grant.description ?? grant.title,
    currency: 'GBP',
    amountAwarded: grant.amountAwardedPence / 100,
    awardDate: grant.awardDate,
    ...(grant.plannedStartDate || grant.plannedEndDate || grant.plannedDurationMonths !== null
      ? {
          plannedDates: [
            {
              ...(grant.plannedStartDate ? { startDate: grant.plannedStartDate } : {}),
              ...(grant.plannedEndDate ? { endDate: grant.plannedEndDate } : {}),
              ...(grant.plannedDurationMonths !== null ? { duration: grant.plannedDurationMonths } : {}),
            },
          ],
        }
      : {}),
    recipientOrganization: [
      {
        id: recipientId,
        name: grant.recipient?.name ?? 'Unknown recipient',
        ...(charity ? { charityNumber: charity.identifier } : {}),
        ...(company ? { companyNumber: company.identifier } : {}),
      },
    ],
    fundingOrganization: [{ ...funderOf(council, identity), ...(grant.department ? { department: grant.department } : {}) }],
    ...(grant.programme ? { grantProgramme: [{ title: grant.programme }] } : {}),
    ...(grant.fromOpenCall !== null ? { fromOpenCall: grant.fromOpenCall ? 'Yes' : 'No' } : {}),
    ...(placesOf(grant).length
      ? {
          beneficiaryLocation: placesOf(grant).map(({ name, geoCode }) => ({
            ...(name ? { name } : {}),
            ...(geoCode ? { geoCode } : {}),
            ...(geoCode && GEO_CODE_TYPES[geoCode.slice(0, 3)] ? { geoCodeType: GEO_CODE_TYPES[geoCode.slice(0, 3)] } : {}),
          })),
        }
      : {}),
    dateModified: grant.updatedAt.toISOString(),
  }
}

async function* grantsWithIds(db: Executor, councilId: string) {
  const pending: GrantRecord[] = []
  const flush = async () => {
    const ids = await identifiersOf(db, { councilId }, [...new Set(pending.map((g) => g.recipientProviderId).filter((x): x is string => !!x))])
    const out = pending.splice(0).map((grant) => ({ grant, ids }))
    return out
  }
  for await (const grant of publishedGrants(db, councilId)) {
    pending.push(grant)
    if (pending.length >= 500) yield* await flush()
  }
  if (pending.length) yield* await flush()
}

export async function* threeSixtyGivingJson(db: Executor, council: CouncilRow, identity: OpenDataIdentity, now: Date): AsyncGenerator<string> {
  yield `{"version":"1.4","issued":${JSON.stringify(now.toISOString().slice(0, 10))},"publisher":${JSON.stringify({ name: council.name })},"license":${JSON.stringify(identity.licenceUrl)},"grants":[`
  let first = true
  for await (const { grant, ids } of grantsWithIds(db, council.id)) {
    yield `${first ? '' : ','}${JSON.stringify(grantJson(grant, ids, council, identity))}`
    first = false
  }
  yield ']}'
}

/**
 * The 360Giving spreadsheet titles Catalyst writes and reads. Beneficiary locations are numbered
 * (Beneficiary Location:0:Name, …:1:Name), as many as the council's grant with the most has, so none is lost.
 */
export const CSV_COLUMNS = [
  'Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Award Date', 'Planned Dates:Start Date', 'Planned Dates:End Date',
  'Planned Dates:Duration (months)', 'Recipient Org:Identifier', 'Recipient Org:Name', 'Recipient Org:Charity Number', 'Recipient Org:Company Number',
  'Funding Org:Identifier', 'Funding Org:Name', 'Funding Org:Department', 'Grant Programme:Title', 'From An Open Call?', 'Last Modified',
] as const
const PLACE_FIELDS = ['Name', 'Geographic Code', 'Geographic Code Type'] as const

export async function* threeSixtyGivingCsv(db: Executor, council: CouncilRow, identity: OpenDataIdentity): AsyncGenerator<string> {
  const placeSlots = Math.max(1, await mostBeneficiaryPlaces(db, council.id))
  const slots = Array.from({ length: placeSlots }, (_, i) => i)
  yield csvLine([...CSV_COLUMNS, ...slots.flatMap((i) => PLACE_FIELDS.map((f) => `Beneficiary Location:${i}:${f}`))])
  for await (const { grant, ids } of grantsWithIds(db, council.id)) {
    const g = grantJson(grant, ids, council, identity)
    const r = g.recipientOrganization[0]!
    const f = g.fundingOrganization[0]!
    const planned = g.plannedDates?.[0]
    yield csvLine([
      g.id, g.title, g.description, g.currency, g.amountAwarded, g.awardDate, planned?.startDate ?? '', planned?.endDate ?? '', planned?.duration ?? '',
      r.id, r.name, r.charityNumber ?? '', r.companyNumber ?? '', f.id, f.name, 'department' in f ? f.department : '', g.grantProgramme?.[0]?.title ?? '',
      g.fromOpenCall ?? '', g.dateModified,
      ...slots.flatMap((i) => {
        const place = g.beneficiaryLocation?.[i]
        return [place?.name ?? '', place?.geoCode ?? '', place?.geoCodeType ?? '']
      }),
    ])
  }
}

// ---------- reading ----------

const numberLike = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)])
/** A text field: surrounding spaces dropped, and an empty text is no text (JSON "" and an empty CSV cell agree). */
const textLike = z.union([z.string(), z.number().transform(String)]).nullish().transform((v) => (v === null || v === undefined || v.trim() === '' ? null : v.trim()))
const optionalNumber = z.union([numberLike, z.literal('')]).nullish().transform((v) => (v === '' || v === undefined ? null : v))
const orgSchema = z.object({ id: textLike, name: textLike, charityNumber: textLike, companyNumber: textLike, department: textLike }).passthrough()
export const grantSchema = z
  .object({
    id: z.string().trim().min(1, 'no Identifier'),
    title: z.string().trim().min(1, 'no Title'),
    description: textLike,
    currency: textLike,
    amountAwarded: numberLike.nullish(),
    awardDate: textLike,
    plannedDates: z.array(z.object({ startDate: textLike, endDate: textLike, duration: optionalNumber }).passthrough()).nullish(),
    recipientOrganization: z.array(orgSchema).nullish(),
    fundingOrganization: z.array(orgSchema).nullish(),
    grantProgramme: z.array(z.object({ title: textLike }).passthrough()).nullish(),
    fromOpenCall: textLike,
    beneficiaryLocation: z.array(z.object({ name: textLike, geoCode: textLike }).passthrough()).nullish(),
  })
  .passthrough()
type GrantIn = z.infer<typeof grantSchema>

export type ReadGrants = { ok: true; format: 'json' | 'csv'; grants: { ref: string; value: unknown }[] } | { ok: false; reason: string }

/**
 * A cell of 360Giving's flattened spreadsheet. Lists of objects are written either rolled up ("Planned Dates:Start
 * Date", the first item) or numbered ("Planned Dates:0:Start Date"); both mean the same, so both are read.
 */
function cell(row: Record<string, string>, list: string, field: string, index = 0): string | null {
  const value = row[`${list}:${index}:${field}`] ?? (index === 0 ? row[`${list}:${field}`] : undefined)
  return value === undefined || value.trim() === '' ? null : value
}

/** Every item of a numbered list present in the header (…:0:…, …:1:…), or just the rolled-up first. */
function listIndexes(columns: string[], list: string): number[] {
  const numbered = new RegExp(`^${list.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):`)
  const indexes = new Set<number>()
  for (const column of columns) {
    const match = numbered.exec(column)
    if (match) indexes.add(Number(match[1]))
    else if (column.startsWith(`${list}:`)) indexes.add(0)
  }
  return [...indexes].sort((a, b) => a - b)
}

/** Reads a 360Giving JSON package (or a list of grants) or a CSV with the standard's column titles. */
export function read360Giving(bytes: Buffer | string): ReadGrants {
  const textValue = (typeof bytes === 'string' ? bytes : bytes.toString('utf8')).replace(/^\uFEFF/, '')
  const trimmed = textValue.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown
    try {
      data = JSON.parse(textValue)
    } catch (error) {
      return { ok: false, reason: `the file is not valid JSON (${(error as Error).message})` }
    }
    const list = Array.isArray(data) ? data : (data as { grants?: unknown }).grants
    if (!Array.isArray(list)) {
      if (typeof data === 'object' && data !== null && ('releases' in data || 'records' in data || 'ocid' in data)) {
        return { ok: false, reason: 'this is an OCDS file, not 360Giving: import it as OCDS' }
      }
      return { ok: false, reason: 'this is not a 360Giving file: it has no "grants" list' }
    }
    return { ok: true, format: 'json', grants: list.map((value, i) => ({ ref: `grant ${i + 1}`, value })) }
  }
  let rows: Record<string, string>[]
  let columns: string[] = []
  try {
    rows = parse(textValue, {
      columns: (header: string[]) => (columns = header.map((h) => h.trim())),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as Record<string, string>[]
  } catch (error) {
    return { ok: false, reason: `the CSV could not be read (${(error as Error).message})` }
  }
  if (!columns.includes('Identifier') || !columns.includes('Amount Awarded')) {
    return { ok: false, reason: 'this is not a 360Giving CSV: it needs the columns Identifier, Title, Amount Awarded, Award Date and Recipient Org:Name' }
  }
  const places = listIndexes(columns, 'Beneficiary Location')
  return {
    ok: true,
    format: 'csv',
    grants: rows.map((row, i) => ({
      ref: `line ${i + 2}`,
      value: {
        id: row['Identifier'],
        title: row['Title'],
        description: row['Description'],
        currency: row['Currency'] || 'GBP',
        amountAwarded: row['Amount Awarded'] || null,
        awardDate: row['Award Date'],
        plannedDates: [{ startDate: cell(row, 'Planned Dates', 'Start Date'), endDate: cell(row, 'Planned Dates', 'End Date'), duration: cell(row, 'Planned Dates', 'Duration (months)') }],
        recipientOrganization: [{ id: cell(row, 'Recipient Org', 'Identifier'), name: cell(row, 'Recipient Org', 'Name'), charityNumber: cell(row, 'Recipient Org', 'Charity Number'), companyNumber: cell(row, 'Recipient Org', 'Company Number') }],
        fundingOrganization: [{ id: cell(row, 'Funding Org', 'Identifier'), name: cell(row, 'Funding Org', 'Name'), department: cell(row, 'Funding Org', 'Department') }],
        grantProgramme: [{ title: cell(row, 'Grant Programme', 'Title') }],
        fromOpenCall: row['From An Open Call?'],
        beneficiaryLocation: places.map((n) => ({ name: cell(row, 'Beneficiary Location', 'Name', n), geoCode: cell(row, 'Beneficiary Location', 'Geographic Code', n) })),
      },
    })),
  }
}

/** 360Giving's From An Open Call? is Yes or No; anything else (or nothing) is not known, never a guess. */
function openCallOf(value: string | null): boolean | null {
  if (value === null) return null
  if (/^(yes|y|true)$/i.test(value)) return true
  if (/^(no|n|false)$/i.test(value)) return false
  return null
}

function recipientOf(grant: GrantIn) {
  const org = grant.recipientOrganization?.[0]
  const name = org?.name?.trim()
  if (!name) return undefined
  const identifiers: { scheme: IdentifierScheme; identifier: string }[] = []
  const fromId = org?.id ? parseOrgId(org.id) : undefined
  if (fromId) identifiers.push(fromId)
  for (const [scheme, value] of [['GB-CHC', org?.charityNumber], ['GB-COH', org?.companyNumber]] as const) {
    if (!value) continue
    const parsed = parseOrgId(`${scheme}-${value}`)
    if (parsed && !identifiers.some((i) => i.scheme === parsed.scheme)) identifiers.push(parsed)
  }
  return { name, identifiers, sme: false, vcse: false, mutual: false, supportedEmployment: false }
}

export async function import360Giving(
  tx: Executor,
  grants: { ref: string; value: unknown }[],
  options: { actor: Actor; now: Date; council?: CouncilRow | undefined; only?: boolean },
): Promise<ImportSummary> {
  const summary = emptySummary()
  const councils = new CouncilMatcher(tx)
  const recipients = new SupplierMatcher(tx, options.actor, options.now)
  for (const { ref, value } of grants) {
    const parsed = grantSchema.safeParse(value)
    if (!parsed.success) {
      summary.skipped.push({ ref, reason: parsed.error.issues[0]?.message ?? 'not a readable grant' })
      continue
    }
    const grant = parsed.data
    const where = `${ref} (${grant.id})`
    if (grant.amountAwarded === null || grant.amountAwarded === undefined) {
      summary.skipped.push({ ref: where, reason: 'no Amount Awarded' })
      continue
    }
    if ((grant.currency ?? 'GBP') !== 'GBP') {
      summary.skipped.push({ ref: where, reason: `the amount is in ${grant.currency}; the register holds pounds` })
      continue
    }
    const awardDate = dateOf(grant.awardDate)
    if (!awardDate) {
      summary.skipped.push({ ref: where, reason: grant.awardDate ? `Award Date ${grant.awardDate} is not a real date` : 'no Award Date' })
      continue
    }
    const rawStart = grant.plannedDates?.[0]?.startDate
    const rawEnd = grant.plannedDates?.[0]?.endDate
    const start = dateOf(rawStart) ?? null
    const end = dateOf(rawEnd) ?? null
    if ((rawStart && !start) || (rawEnd && !end) || (start && end && end < start)) {
      summary.skipped.push({ ref: where, reason: `the planned dates are impossible (${rawStart ?? ''} to ${rawEnd ?? ''})` })
      continue
    }
    const duration = grant.plannedDates?.[0]?.duration ?? null
    if (duration !== null && !(duration > 0)) {
      summary.skipped.push({ ref: where, reason: `Planned Dates:Duration (months) ${duration} is not a length of time` })
      continue
    }
    const recipient = recipientOf(grant)
    if (!recipient) {
      summary.skipped.push({ ref: where, reason: 'no Recipient Org:Name (grants to individuals are not held in the register)' })
      continue
    }
    const funder = grant.fundingOrganization?.[0]
    const funderCouncil = funder ? await councils.match({ name: funder.name ?? null, identifiers: funder.id ? [{ scheme: funder.id.startsWith('GB-LAE-') ? 'GB-LAE' : '', id: funder.id.replace(/^GB-LAE-/, '') }] : [] }) : undefined
    let council = funderCouncil ?? options.council
    if (funderCouncil && options.only && options.council && funderCouncil.id !== options.council.id) {
      summary.skipped.push({ ref: where, reason: `the funder is ${funderCouncil.name}, not ${options.council.name}` })
      continue
    }
    if (!council) {
      const near = funder ? await councils.nearMisses({ name: funder.name ?? null, identifiers: [] }) : ''
      summary.skipped.push({ ref: where, reason: `the funder is not a council Catalyst knows${near ? ` (nearest: ${near})` : ''}; give --council` })
      continue
    }
    if (options.only && options.council) council = options.council
    const recipientProviderId = await recipients.providerId(council.id, recipient)
    const places = (grant.beneficiaryLocation ?? [])
      .map((l) => ({ name: l.name, geoCode: l.geoCode?.toUpperCase() ?? null }))
      .filter((p) => p.name !== null || p.geoCode !== null)
    const input: GrantInput = {
      identifier: grant.id,
      title: grant.title.slice(0, 300),
      // Catalyst publishes the title where no description is held (the standard requires one): a description that only
      // repeats the title says nothing more, so it is held as none and an exported file imports back unchanged.
      description: grant.description === grant.title ? null : grant.description,
      amountAwardedPence: Math.round(Number(grant.amountAwarded) * 100),
      awardDate,
      plannedStartDate: start,
      plannedEndDate: end,
      plannedDurationMonths: duration,
      recipientProviderId,
      programme: grant.grantProgramme?.[0]?.title ?? null,
      fromOpenCall: openCallOf(grant.fromOpenCall),
      beneficiaryLocations: [...new Set(places.map((p) => p.geoCode ?? '').filter((c) => /^[EWSN]\d{8}$/.test(c)))],
      beneficiaryPlaces: places,
      department: funder?.department ?? null,
      published: true,
    }
    const existing = await findGrantByIdentifier(tx, council.id, grant.id)
    if (existing) {
      const before = inputOfGrant(existing)
      const merged = { ...input, published: before.published, department: input.department ?? before.department }
      if (sameGrant(before, merged)) {
        summary.unchanged++
        continue
      }
      await updateGrant(tx, council.id, existing.id, merged, options.actor, options.now, 'import')
      summary.updated++
    } else {
      await createGrant(tx, council.id, input, options.actor, options.now, 'import')
      summary.created++
    }
  }
  summary.suppliersCreated = recipients.created
  return summary
}
