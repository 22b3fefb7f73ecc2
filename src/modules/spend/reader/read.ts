/**
 * Reading a spend file's rows with a known layout: each record becomes a payment or a rejection with its line number
 * and reason; nothing throws. csv-parse's record callback keeps memory flat however long the file is.
 */
import { normalisePostcode } from '../../providers/fields.ts'
import { checkIdentifier } from '../../providers/identifiers.ts'
import type { SpendField } from './fields.ts'
import { readCsv, type CsvPlace } from './csv.ts'
import { amountReadingOf, type FileLayout } from './layout.ts'
import { isRedactedPayee, parseAmount, parseSpendDateAs, type DateReading, type SpendDate } from './values.ts'

export const REDACTED_NAME = 'Redacted'
/** The payee of a payment whose row names none: still a payment, counted in every total (issue 12). */
export const NOT_GIVEN_NAME = 'Payee not given'

/** named: the file names the payee; redacted: the council withheld the name; not-given: the row's name is blank. */
export type PayeeKind = 'named' | 'redacted' | 'not-given'

export interface SpendRow {
  line: number
  date: SpendDate
  /** As the file writes it (whitespace tidied), "Redacted" for a withheld payee, "Payee not given" for a blank one. */
  supplierName: string
  /** Whether the payee is withheld or not given: either way it is never matched to an organisation. */
  redacted: boolean
  payeeKind: PayeeKind
  amountPence: number
  supplierId: string | null
  companyNumber: string | null
  charityNumber: string | null
  vatNumber: string | null
  /** The payee's postcode where the file gives one (normalised; what is not a UK postcode is dropped). */
  postcode: string | null
  department: string | null
  expenseType: string | null
  transactionNumber: string | null
  irrecoverableVatPence: number | null
  purpose: string | null
  procurementClassification: string | null
  merchantCategory: string | null
  /** The VAT the file gives for the payment, where it has a VAT column (the amount is net of it). */
  vatPence: number | null
}

/** How a file's rows are read beyond which column is which. */
export interface ReadOptions {
  /** How period codes in the date column are read (null: its values are dates). */
  dates?: DateReading | null | undefined
  /** The amount column is gross and the VAT column is taken off it, so the amount is net. */
  netFromGross?: boolean | undefined
}

export interface Rejection {
  line: number
  reason: string
}

export interface RowHandlers {
  row(row: SpendRow): void
  reject(rejection: Rejection): void
}

/** Free text kept tidy and bounded: a 10,000-character "purpose" is somebody's paste error. */
const text = (value: string | undefined): string | null => {
  if (value === undefined || value === '') return null
  if (value.length <= 300 && !/^\s|\s$|\s\s|[\t\r\n]/.test(value)) return value
  const tidy = (value ?? '').replace(/\s+/g, ' ').trim()
  return tidy === '' ? null : tidy.slice(0, 300)
}

const identifier = (scheme: 'GB-COH' | 'GB-CHC', value: string | undefined): string | null => {
  const raw = (value ?? '').trim()
  if (raw === '' || /^(n\/?a|none|0+|-)$/i.test(raw)) return null
  const check = checkIdentifier(scheme, raw)
  return check.ok ? check.identifier : null
}

/** A UK VAT number: 9 digits (or 12 for a branch), with or without "GB" and spaces. */
export function normaliseVatNumber(value: string | undefined): string | null {
  const raw = (value ?? '').toUpperCase().replace(/[\s.-]/g, '').replace(/^GB/, '')
  return /^(\d{9}|\d{12})$/.test(raw) ? raw : null
}

/** Values that repeat down a file (dates, payees, departments), read once each. */
export interface ReaderCaches {
  dates: Map<string, ReturnType<typeof parseSpendDateAs>>
  names: Map<string, { name: string; redacted: boolean } | null>
  labels: Map<string, string | null>
}

export const newCaches = (): ReaderCaches => ({ dates: new Map(), names: new Map(), labels: new Map() })

/** The common case, "1234.56", without the general parser's regular expressions. */
const PLAIN_AMOUNT = /^-?\d{1,13}(\.\d{1,2})?$/
function plainAmount(raw: string): { ok: true; value: number } {
  const point = raw.indexOf('.')
  if (point === -1) return { ok: true, value: Number(raw) * 100 }
  const whole = raw.slice(0, point)
  const fraction = raw.slice(point + 1).padEnd(2, '0')
  const pence = Math.abs(Number(whole)) * 100 + Number(fraction)
  return { ok: true, value: raw.startsWith('-') ? -pence : pence }
}
const NO_AMOUNT = { ok: false as const, reason: 'no amount' }

const cellAt = (record: string[], index: number | undefined) => (index === undefined ? undefined : record[index])

/** A label (department, category) read once per distinct value: they repeat down a file. */
function label(raw: string | undefined, caches: ReaderCaches): string | null {
  if (raw === undefined || raw === '') return null
  let value = caches.labels.get(raw)
  if (value === undefined) {
    value = text(raw)
    if (caches.labels.size < 100_000) caches.labels.set(raw, value)
  }
  return value
}

/**
 * Reads one record with the layout; a row, or the reason it cannot be one. Called once per row of files of a million
 * rows, so it makes no closures and skips the checks of columns the file does not have.
 */
export function readRecord(
  record: string[],
  line: number,
  cells: Partial<Record<SpendField, number>>,
  caches: ReaderCaches = newCaches(),
  options: ReadOptions = {},
): SpendRow | Rejection {
  const rawDate = cellAt(record, cells.paymentDate) ?? ''
  let date = caches.dates.get(rawDate)
  if (!date) {
    date = parseSpendDateAs(rawDate, options.dates)
    if (caches.dates.size < 50_000) caches.dates.set(rawDate, date)
  }
  if (!date.ok) return { line, reason: date.reason }
  const rawName = cellAt(record, cells.supplierName) ?? ''
  let payee = caches.names.get(rawName)
  if (payee === undefined) {
    const tidy = text(rawName)
    payee = tidy ? { name: tidy, redacted: isRedactedPayee(tidy) } : null
    if (caches.names.size < 200_000) caches.names.set(rawName, payee)
  }
  const payeeKind: PayeeKind = payee === null ? 'not-given' : payee.redacted ? 'redacted' : 'named'
  const redacted = payeeKind !== 'named'
  const rawAmount = cellAt(record, cells.amount) ?? ''
  const amount = PLAIN_AMOUNT.test(rawAmount) ? plainAmount(rawAmount) : parseAmount(rawAmount)
  if (!amount.ok) return { line, reason: amount.reason }
  const rawVat = cellAt(record, cells.irrecoverableVat)
  const vat = rawVat === undefined || rawVat === '' ? NO_AMOUNT : parseAmount(rawVat)
  const rawVatAmount = cellAt(record, cells.vatAmount)
  const vatAmount = rawVatAmount === undefined || rawVatAmount.trim() === '' ? NO_AMOUNT : parseAmount(rawVatAmount)
  if (options.netFromGross && rawVatAmount !== undefined && rawVatAmount.trim() !== '' && !vatAmount.ok) return { line, reason: `${vatAmount.reason} (VAT)` }
  const amountPence = options.netFromGross && vatAmount.ok ? amount.value - vatAmount.value : amount.value
  // Identifiers of a withheld payee would identify them: they are dropped with the name. A row with no name has
  // nothing to tie its identifiers to a payee either.
  const identifies = !redacted
  return {
    line,
    date: date.value,
    supplierName: payeeKind === 'redacted' ? REDACTED_NAME : payeeKind === 'not-given' ? NOT_GIVEN_NAME : payee!.name,
    redacted,
    payeeKind,
    amountPence,
    supplierId: identifies && cells.supplierId !== undefined ? text(record[cells.supplierId]) : null,
    companyNumber: identifies && cells.companyNumber !== undefined ? identifier('GB-COH', record[cells.companyNumber]) : null,
    charityNumber: identifies && cells.charityNumber !== undefined ? identifier('GB-CHC', record[cells.charityNumber]) : null,
    vatNumber: identifies && cells.vatNumber !== undefined ? normaliseVatNumber(record[cells.vatNumber]) : null,
    postcode: identifies && cells.supplierPostcode !== undefined ? (normalisePostcode(record[cells.supplierPostcode] ?? '') ?? null) : null,
    department: label(cellAt(record, cells.department), caches),
    expenseType: label(cellAt(record, cells.expenseType), caches),
    transactionNumber: text(cellAt(record, cells.transactionNumber)),
    irrecoverableVatPence: vat.ok ? vat.value : null,
    purpose: text(cellAt(record, cells.purpose)),
    procurementClassification: label(cellAt(record, cells.procurementClassification), caches),
    merchantCategory: label(cellAt(record, cells.merchantCategory), caches),
    vatPence: vatAmount.ok ? vatAmount.value : null,
  }
}

export function isRejection(result: SpendRow | Rejection): result is Rejection {
  return 'reason' in result
}

/**
 * Reads every data record of the text with the layout, calling the handlers for each. Returns how many rows were read
 * (records after the header that are not entirely empty). The cardholder column is never read.
 */
export function readRows(text: string, layout: FileLayout, handlers: RowHandlers): { rowsRead: number } {
  const reader = rowReader(layout, handlers)
  readCsv(text, layout.delimiter, reader.onRecord)
  return { rowsRead: reader.rowsRead() }
}

/**
 * readRows in slices of `sliceChars`, awaiting `pause` between them: an import streams each slice's rows to the
 * database while the next is read (ADR 0041). The same rows and rejections as readRows, in the same order.
 */
export async function readRowsInSlices(text: string, layout: FileLayout, handlers: RowHandlers, pause: () => Promise<void>, sliceChars = 1 << 20) {
  const reader = rowReader(layout, handlers)
  let place: CsvPlace = { position: 0, line: 1 }
  while (place.position < text.length) {
    place = readCsv(text, layout.delimiter, reader.onRecord, place, place.position + sliceChars)
    await pause()
  }
  return { rowsRead: reader.rowsRead() }
}

function rowReader(layout: FileLayout, handlers: RowHandlers) {
  const cells: Partial<Record<SpendField, number>> = {}
  for (const column of layout.columns) {
    if (column.target !== 'ignore' && column.target !== 'cardholder' && cells[column.target] === undefined) cells[column.target] = column.index
  }
  let recordNumber = 0
  let rowsRead = 0
  const caches = newCaches()
  const options: ReadOptions = { dates: layout.dateReading, netFromGross: amountReadingOf(layout)?.lessVat != null }
  const onRecord = (record: string[], line: number) => {
    recordNumber++
    if (recordNumber <= layout.skipRecords) return
    rowsRead++
    const result = readRecord(record, line, cells, caches, options)
    if (isRejection(result)) handlers.reject(result)
    else handlers.row(result)
  }
  return { onRecord, rowsRead: () => rowsRead }
}
