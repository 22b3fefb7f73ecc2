/**
 * A council's own contracts register CSV, whatever its column names: a dictionary of names councils use (the
 * Transparency Code's wording, the LGA schema's, common variants) proposes a mapping, the officer corrects it on
 * the preview, and the council's mapping is remembered for next time. Rows are created or updated by reference.
 */
import { parse } from 'csv-parse/sync'
import { eq } from 'drizzle-orm'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { parsePoundsToPence } from '../../platform/money.ts'
import type { CouncilRow } from '../councils/service.ts'
import { parseOrgId } from '../providers/identifiers.ts'
import { SERVICE_CATEGORIES, type ServiceCategoryCode } from '../providers/service-categories.ts'
import { isIsoDate } from './dates.ts'
import { parseCpvCodes } from './forms.ts'
import { emptySummary, SupplierMatcher, type ImportSummary } from './ocds/import.ts'
import { contractColumnMappings } from './schema.ts'
import { createContract, findContractByReference, getContract, inputOf, updateContract } from './service.ts'
import type { ContractInput } from './types.ts'
import { CONTRACT_STATUS_CODES, type ContractStatus } from './vocabulary.ts'

export const CSV_FIELDS = {
  reference: { label: 'Reference', required: true, names: ['reference', 'reference number', 'contract reference', 'contract ref', 'ref', 'contract id', 'contract number', 'contract no'] },
  title: { label: 'Title', required: true, names: ['title', 'title of agreement', 'contract title', 'contract name', 'name', 'title of contract'] },
  description: { label: 'Description', required: false, names: ['description', 'description of the goods and/or services being provided', 'description of goods and services', 'contract description', 'summary'] },
  department: { label: 'Department', required: false, names: ['department', 'local authority department responsible', 'service area', 'directorate', 'department responsible'] },
  supplier: { label: 'Supplier name', required: true, names: ['supplier', 'supplier name', 'supplier name and details', 'contractor', 'provider', 'supplier details', 'company name'] },
  supplierNumber: { label: 'Supplier registration number', required: false, names: ['supplier registration number', 'supplier registered company number', 'company number', 'registration number', 'charity number', 'companies house number'] },
  totalValue: { label: 'Total value (£)', required: true, names: ['total value', 'value', 'contract value', 'sum to be paid over the length of the contract', 'total contract value', 'value (£)', 'contract value (£)', 'amount'] },
  annualValue: { label: 'Estimated annual value (£)', required: false, names: ['annual value', 'estimated annual value', 'estimated annual spending', 'annual spend'] },
  irrecoverableVat: { label: 'Irrecoverable VAT (£)', required: false, names: ['irrecoverable vat', 'value added tax that cannot be recovered', 'vat that cannot be recovered', 'non-recoverable vat'] },
  startDate: { label: 'Start date', required: false, names: ['start date', 'contract start date', 'start', 'commencement date'] },
  endDate: { label: 'End date', required: false, names: ['end date', 'contract end date', 'end', 'expiry date'] },
  reviewDate: { label: 'Review date', required: false, names: ['review date', 'contract review date'] },
  cpv: { label: 'CPV codes', required: false, names: ['cpv', 'cpv code', 'cpv codes', 'cpv uri'] },
  ocid: { label: 'Open Contracting ID', required: false, names: ['ocid', 'open contracting id'] },
  serviceCategory: { label: 'Service category', required: false, names: ['service category', 'service type', 'category of service'] },
} as const
export type CsvField = keyof typeof CSV_FIELDS
export const CSV_FIELD_NAMES = Object.keys(CSV_FIELDS) as CsvField[]
export type ColumnMapping = Partial<Record<CsvField, string>>

const norm = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[‘’]/g, "'")

export type ReadCsv = { ok: true; columns: string[]; rows: Record<string, string>[] } | { ok: false; reason: string }

export function readContractsCsv(bytes: Buffer | string): ReadCsv {
  const content = (typeof bytes === 'string' ? bytes : bytes.toString('utf8')).replace(/^\uFEFF/, '')
  if (/^\s*[{[]/.test(content)) return { ok: false, reason: 'this is a JSON file, not a CSV: import OCDS or 360Giving files as such' }
  try {
    const rows = parse(content, { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as Record<string, string>[]
    const columns = rows[0] ? Object.keys(rows[0]) : []
    if (columns.length < 2) return { ok: false, reason: 'the file has no header row of column names' }
    return { ok: true, columns, rows }
  } catch (error) {
    return { ok: false, reason: `the CSV could not be read (${(error as Error).message})` }
  }
}

/** The mapping for these columns: the council's remembered one where its columns exist, else the dictionary's guess. */
export function proposeMapping(columns: string[], remembered: ColumnMapping = {}): ColumnMapping {
  const mapping: ColumnMapping = {}
  const byNorm = new Map(columns.map((c) => [norm(c), c]))
  for (const field of CSV_FIELD_NAMES) {
    const known = remembered[field]
    if (known && columns.includes(known)) {
      mapping[field] = known
      continue
    }
    const hit = CSV_FIELDS[field].names.map((n) => byNorm.get(n)).find((c) => c !== undefined)
    if (hit) mapping[field] = hit
  }
  return mapping
}

export function missingFields(mapping: ColumnMapping): CsvField[] {
  return CSV_FIELD_NAMES.filter((f) => CSV_FIELDS[f].required && !mapping[f])
}

export async function rememberedMapping(db: Executor, councilId: string): Promise<ColumnMapping> {
  const [row] = await db.select().from(contractColumnMappings).where(eq(contractColumnMappings.councilId, councilId))
  return (row?.mapping ?? {}) as ColumnMapping
}

export async function rememberMapping(tx: Executor, councilId: string, mapping: ColumnMapping, now: Date) {
  await tx
    .insert(contractColumnMappings)
    .values({ councilId, mapping, updatedAt: now })
    .onConflictDoUpdate({ target: contractColumnMappings.councilId, set: { mapping, updatedAt: now } })
}

/** A date as councils write them: 2026-04-01, 01/04/2026 or 1/4/2026 (day first). */
export function csvDate(value: string): string | null | 'invalid' {
  const v = value.trim()
  if (!v) return null
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v)
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : v.slice(0, 10)
  return isIsoDate(iso) ? iso : 'invalid'
}

const categoryKey = (value: string) => value.trim().toLowerCase().replace(/[’']/g, '').replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim()
const CATEGORY_BY_KEY = new Map<string, ServiceCategoryCode>(SERVICE_CATEGORIES.flatMap((c) => [[categoryKey(c.code), c.code], [categoryKey(c.name), c.code]]))

/** A service category as a file may write it: its code (adult-social-care) or its name (Adult social care), any case. */
export function csvServiceCategory(value: string): ServiceCategoryCode | null | 'invalid' {
  if (value.trim() === '') return null
  return CATEGORY_BY_KEY.get(categoryKey(value)) ?? 'invalid'
}

const sortedJson = (input: ContractInput) => JSON.stringify({ ...input, supplierIds: [...input.supplierIds].sort(), cpvCodes: [...input.cpvCodes].sort() })

export async function importContractsCsv(
  tx: Executor,
  rows: Record<string, string>[],
  mapping: ColumnMapping,
  options: { council: CouncilRow; actor: Actor; now: Date; today: string },
): Promise<ImportSummary> {
  const summary = emptySummary()
  const suppliers = new SupplierMatcher(tx, options.actor, options.now)
  const get = (row: Record<string, string>, field: CsvField) => (mapping[field] ? (row[mapping[field]] ?? '').trim() : '')
  for (const [index, row] of rows.entries()) {
    const ref = `line ${index + 2}`
    const reference = get(row, 'reference')
    const title = get(row, 'title')
    const supplierName = get(row, 'supplier')
    const valueText = get(row, 'totalValue')
    if (!reference) { summary.skipped.push({ ref, reason: 'no reference' }); continue }
    if (!title) { summary.skipped.push({ ref, reason: `${reference}: no title` }); continue }
    if (!supplierName) { summary.skipped.push({ ref, reason: `${reference}: no supplier` }); continue }
    if (!valueText) { summary.skipped.push({ ref, reason: `${reference}: no value` }); continue }
    const totalValuePence = parsePoundsToPence(valueText)
    if (totalValuePence === undefined || totalValuePence < 0) { summary.skipped.push({ ref, reason: `${reference}: value "${valueText}" is not an amount of money` }); continue }
    const annual = get(row, 'annualValue') ? parsePoundsToPence(get(row, 'annualValue')) : null
    const vat = get(row, 'irrecoverableVat') ? parsePoundsToPence(get(row, 'irrecoverableVat')) : null
    const dates = { startDate: csvDate(get(row, 'startDate')), endDate: csvDate(get(row, 'endDate')), reviewDate: csvDate(get(row, 'reviewDate')) }
    const badDate = Object.entries(dates).find(([, v]) => v === 'invalid')
    if (badDate) { summary.skipped.push({ ref, reason: `${reference}: ${badDate[0].replace('Date', ' date')} "${get(row, badDate[0] as CsvField)}" is not a real date` }); continue }
    const startDate = dates.startDate as string | null
    const endDate = dates.endDate as string | null
    if (startDate && endDate && endDate < startDate) { summary.skipped.push({ ref, reason: `${reference}: ends (${endDate}) before it starts (${startDate})` }); continue }
    const cpv = parseCpvCodes(get(row, 'cpv'))
    if (cpv.invalid.length) summary.warnings.push(`${ref} (${reference}): CPV ${cpv.invalid.join(', ')} left out (not 8 digits with an optional check digit)`)
    const category = csvServiceCategory(get(row, 'serviceCategory'))
    if (category === 'invalid') summary.warnings.push(`${ref} (${reference}): service category "${get(row, 'serviceCategory')}" left out (not one of the service categories)`)
    const number = get(row, 'supplierNumber')
    const parsedId = number ? (parseOrgId(number) ?? parseOrgId(`GB-COH-${number}`) ?? parseOrgId(`GB-CHC-${number}`)) : undefined
    const supplierId = await suppliers.providerId(options.council.id, { name: supplierName, identifiers: parsedId ? [parsedId] : [], sme: false, vcse: false, mutual: false, supportedEmployment: false })
    const existingRow = await findContractByReference(tx, options.council.id, reference)
    const existing = existingRow ? await getContract(tx, options.council.id, existingRow.id) : undefined
    const base = existing ? inputOf(existing) : undefined
    const status: ContractStatus = endDate && endDate < options.today ? 'expired' : startDate && startDate > options.today ? 'planned' : 'active'
    const input: ContractInput = {
      reference,
      title: title.slice(0, 300),
      description: get(row, 'description') || base?.description || null,
      department: get(row, 'department') || base?.department || null,
      supplierIds: [supplierId],
      cpvCodes: cpv.codes.length ? cpv.codes : (base?.cpvCodes ?? []),
      mainCategory: base?.mainCategory ?? 'services',
      // A spreadsheet has no column for it: not stated, never assumed open.
      awardProcedure: base?.awardProcedure ?? 'not-stated',
      directAwardGround: base?.directAwardGround ?? null,
      invitation: base?.invitation ?? null,
      totalValuePence,
      estimatedAnnualValuePence: annual ?? base?.estimatedAnnualValuePence ?? null,
      valuesIncludeVat: base?.valuesIncludeVat ?? false,
      irrecoverableVatPence: vat ?? base?.irrecoverableVatPence ?? null,
      awardDate: base?.awardDate ?? null,
      startDate: startDate ?? base?.startDate ?? null,
      endDate: endDate ?? base?.endDate ?? null,
      reviewDate: (dates.reviewDate as string | null) ?? base?.reviewDate ?? null,
      extensionOptions: base?.extensionOptions ?? 0,
      extensionMonths: base?.extensionMonths ?? null,
      extensionsTaken: base?.extensionsTaken ?? 0,
      extensionsTakenNote: base?.extensionsTakenNote ?? null,
      lightTouch: base?.lightTouch ?? false,
      status: base && (CONTRACT_STATUS_CODES as string[]).includes(base.status) && base.status !== 'active' && base.status !== 'expired' && base.status !== 'planned' ? base.status : status,
      notices: base?.notices ?? [],
      ocid: get(row, 'ocid') || base?.ocid || null,
      published: base?.published ?? true,
      serviceCategory: category !== null && category !== 'invalid' ? category : (base?.serviceCategory ?? null),
    }
    if (existing && base) {
      if (sortedJson(base) === sortedJson(input)) { summary.unchanged++; continue }
      await updateContract(tx, options.council.id, existing.id, input, options.actor, options.now, 'import')
      summary.updated++
    } else {
      await createContract(tx, options.council.id, input, options.actor, options.now, 'import')
      summary.created++
    }
  }
  summary.suppliersCreated = suppliers.created
  return summary
}
