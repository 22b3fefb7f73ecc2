/**
 * Reading a spend file's rows with a known layout: each record becomes a payment or a rejection with its line number
 * and reason; nothing throws. csv-parse's record callback keeps memory flat however long the file is.
 */
import { parse } from 'csv-parse/sync'
import { checkIdentifier } from '../../providers/identifiers.ts'
import type { SpendField } from './fields.ts'
import { csvOptions, type FileLayout } from './layout.ts'
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

/** Reads one record with the layout; a row, or the reason it cannot be one. */
export function readRecord(record: string[], line: number, cells: Partial<Record<SpendField, number>>): SpendRow | Rejection {
  const cell = (field: SpendField) => {
    const at = cells[field]
    return at === undefined ? undefined : record[at]
  }
  const date = parseSpendDate(cell('paymentDate') ?? '')
  if (!date.ok) return { line, reason: date.reason }
  const name = text(cell('supplierName'))
  if (!name) return { line, reason: 'no supplier name' }
  const amount = parseAmount(cell('amount') ?? '')
  if (!amount.ok) return { line, reason: amount.reason }
  const redacted = isRedactedPayee(name)
  const vat = parseAmount(cell('irrecoverableVat') ?? '')
  return {
    line,
    date: date.value,
    supplierName: redacted ? REDACTED_NAME : name,
    redacted,
    amountPence: amount.value,
    // Identifiers of a withheld payee would identify them: they are dropped with the name.
    supplierId: redacted ? null : text(cell('supplierId')),
    companyNumber: redacted ? null : identifier('GB-COH', cell('companyNumber')),
    charityNumber: redacted ? null : identifier('GB-CHC', cell('charityNumber')),
    vatNumber: redacted ? null : normaliseVatNumber(cell('vatNumber')),
    department: text(cell('department')),
    expenseType: text(cell('expenseType')),
    transactionNumber: text(cell('transactionNumber')),
    irrecoverableVatPence: vat.ok ? vat.value : null,
    purpose: text(cell('purpose')),
    procurementClassification: text(cell('procurementClassification')),
    merchantCategory: text(cell('merchantCategory')),
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
  try {
    parse(text, {
      ...csvOptions(layout.delimiter),
      skip_records_with_error: true,
      on_skip: (error) => {
        if (!error) return
        rowsRead++
        const line = (error as { lines?: number }).lines ?? 0
        handlers.reject({ line, reason: `the row could not be read as ${layout.delimiter === '\t' ? 'TSV' : 'CSV'} (${error.message.replace(/^Invalid Record Length: /, '')})` })
      },
      on_record: (record: string[], context) => {
        recordNumber++
        if (recordNumber <= layout.skipRecords) return null
        rowsRead++
        const result = readRecord(record, context.lines, cells)
        if (isRejection(result)) handlers.reject(result)
        else handlers.row(result)
        return null
      },
    })
  } catch (error) {
    // csv-parse gives up on some damage (an unterminated quote at the end): what was read stands, the rest is one rejection.
    handlers.reject({ line: 0, reason: `the rest of the file could not be read (${(error as Error).message})` })
  }
  return { rowsRead }
}
