/**
 * Reading a spend file's rows with a known layout: each record becomes a payment or a rejection with its line number
 * and reason; nothing throws. csv-parse's record callback keeps memory flat however long the file is.
 */
import { checkIdentifier } from '../../providers/identifiers.ts'
import type { SpendField } from './fields.ts'
import { readCsv } from './csv.ts'
import type { FileLayout } from './layout.ts'
import { isRedactedPayee, parseAmount, parseSpendDate, type SpendDate } from './values.ts'

export const REDACTED_NAME = 'Redacted'

export interface SpendRow {
  line: number
  date: SpendDate
  /** As the file writes it (whitespace tidied), or "Redacted" for a withheld payee. */
  supplierName: string
  redacted: boolean
  amountPence: number
  supplierId: string | null
  companyNumber: string | null
  charityNumber: string | null
  vatNumber: string | null
  department: string | null
  expenseType: string | null
  transactionNumber: string | null
  irrecoverableVatPence: number | null
  purpose: string | null
  procurementClassification: string | null
  merchantCategory: string | null
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
  dates: Map<string, ReturnType<typeof parseSpendDate>>
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
): SpendRow | Rejection {
  const rawDate = cellAt(record, cells.paymentDate) ?? ''
  let date = caches.dates.get(rawDate)
  if (!date) {
    date = parseSpendDate(rawDate)
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
  if (!payee) return { line, reason: 'no supplier name' }
  const redacted = payee.redacted
  const rawAmount = cellAt(record, cells.amount) ?? ''
  const amount = PLAIN_AMOUNT.test(rawAmount) ? plainAmount(rawAmount) : parseAmount(rawAmount)
  if (!amount.ok) return { line, reason: amount.reason }
  const rawVat = cellAt(record, cells.irrecoverableVat)
  const vat = rawVat === undefined || rawVat === '' ? NO_AMOUNT : parseAmount(rawVat)
  // Identifiers of a withheld payee would identify them: they are dropped with the name.
  const identifies = !redacted
  return {
    line,
    date: date.value,
    supplierName: redacted ? REDACTED_NAME : payee.name,
    redacted,
    amountPence: amount.value,
    supplierId: identifies && cells.supplierId !== undefined ? text(record[cells.supplierId]) : null,
    companyNumber: identifies && cells.companyNumber !== undefined ? identifier('GB-COH', record[cells.companyNumber]) : null,
    charityNumber: identifies && cells.charityNumber !== undefined ? identifier('GB-CHC', record[cells.charityNumber]) : null,
    vatNumber: identifies && cells.vatNumber !== undefined ? normaliseVatNumber(record[cells.vatNumber]) : null,
    department: label(cellAt(record, cells.department), caches),
    expenseType: label(cellAt(record, cells.expenseType), caches),
    transactionNumber: text(cellAt(record, cells.transactionNumber)),
    irrecoverableVatPence: vat.ok ? vat.value : null,
    purpose: text(cellAt(record, cells.purpose)),
    procurementClassification: label(cellAt(record, cells.procurementClassification), caches),
    merchantCategory: label(cellAt(record, cells.merchantCategory), caches),
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
  const cells: Partial<Record<SpendField, number>> = {}
  for (const column of layout.columns) {
    if (column.target !== 'ignore' && column.target !== 'cardholder' && cells[column.target] === undefined) cells[column.target] = column.index
  }
  let recordNumber = 0
  let rowsRead = 0
  const caches = newCaches()
  readCsv(text, layout.delimiter, (record, line) => {
    recordNumber++
    if (recordNumber <= layout.skipRecords) return
    rowsRead++
    const result = readRecord(record, line, cells, caches)
    if (isRejection(result)) handlers.reject(result)
    else handlers.row(result)
  })
  return { rowsRead }
}
