/**
 * A spend file's parts read into COPY text for `spend_payments`, in file order, with the file's new payees and its
 * summary totals worked out on the way (ADR 0015, 0041): the reading half of the import, which import.ts runs in its
 * transaction.
 */
import { randomUUID } from 'node:crypto'
import { nameKey } from '../providers/names.ts'
import { csvField } from './copy.ts'
import type { RejectedRow } from './import.ts'
import type { SpendPart } from './reader/file.ts'
import { readRowsInSlices, type SpendRow } from './reader/read.ts'
import type { SpendDate } from './reader/values.ts'

export const REDACTED_KEY = '~redacted'
/** Every payment whose row names no payee goes to one "Payee not given" payee per council, like the withheld ones. */
export const NOT_GIVEN_KEY = '~not-given'
/** Rejections kept on the import's record; a file of nothing but rejections still reports its count. */
const KEPT_REJECTIONS = 5_000

interface NewPayee {
  id: string
  key: string
  name: string
  redacted: boolean
  notGiven: boolean
  supplierId: string | null
  companyNumber: string | null
  charityNumber: string | null
  vatNumber: string | null
  postcode: string | null
}

interface Total {
  amount: number
  payments: number
}

/**
 * Reads every part into COPY text, new payees and summary totals, against the council's known name variants. The
 * payment rows go to `sink` in pieces of 5,000 as the file is read, in file order (ADR 0041), so a server stores
 * one slice while the next is read, and no more than a slice of rows is held at once.
 */
export async function readForCopy(parts: SpendPart[], ids: { councilId: string; importId: string }, aliases: Map<string, string>, sink: (chunk: Buffer, rows: number) => Promise<void>) {
  // Pieces ready to send, and how many rows each holds (counted as they are made, not by scanning the text again).
  // Rows are written as UTF-8 straight into pieces of PIECE_BYTES outside the JavaScript heap: a row's text dies young,
  // where a piece built as one long string outlived the young generation's collections and piled up, dead, in the
  // old generation (some 200 MB over a million rows) until a full collection (ADR 0057).
  let ready: Buffer[] = []
  let readyRows: number[] = []
  let piece = Buffer.allocUnsafe(PIECE_BYTES)
  let used = 0
  let buffered = 0
  const finishPiece = () => {
    ready.push(piece.subarray(0, used))
    readyRows.push(buffered)
    piece = Buffer.allocUnsafe(PIECE_BYTES)
    used = 0
    buffered = 0
  }
  const append = (rowText: string) => {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit: check room for the worst case before writing.
    if (used > 0 && used + rowText.length * 3 > PIECE_BYTES) finishPiece()
    if (rowText.length * 3 > PIECE_BYTES) {
      ready.push(Buffer.from(rowText, 'utf8'))
      readyRows.push(1)
      return
    }
    used += piece.write(rowText, used, 'utf8')
    buffered++
  }
  const send = async () => {
    if (used > 0) finishPiece()
    const pieces = ready
    const rows = readyRows
    ready = []
    readyRows = []
    for (let i = 0; i < pieces.length; i++) await sink(pieces[i]!, rows[i]!)
  }
  const newPayees = new Map<string, NewPayee>()
  // Everything that repeats down a file is worked out once: a payee's id and CSV, a date's, a department's.
  // The parts of a row a name shares (council, import, payee and name) are made once per name.
  const payeeOfName = new Map<string, { index: number; id: string; segment: string; fresh: NewPayee | undefined }>()
  const payeeIds: string[] = []
  const payeeIndexOf = new Map<string, number>()
  const dates = new Map<SpendDate, { segment: string; month: number; year: number }>()
  // By department, then category: the reader hands out the same string for a value each time it repeats, so these
  // lookups hash nothing new (a joined "department + category" key made a new string to hash on every row).
  const labels = new Map<string, Map<string, { index: number; segment: string }>>()
  const labelList: { department: string; category: string }[] = []
  const byMonth = new Map<number, Total>()
  /** Per payee (by its index): totals keyed by year × label. */
  const byPayee: Map<number, Total>[] = []
  const rejected: RejectedRow[] = []
  let rowsRead = 0
  let rowsRejected = 0
  let rowsImported = 0
  let totalPence = 0
  let dateFrom: string | null = null
  let dateTo: string | null = null
  const prefix = `${ids.councilId},${ids.importId},`
  const add = (map: Map<number, Total>, key: number, amount: number) => {
    const entry = map.get(key)
    if (entry) {
      entry.amount += amount
      entry.payments++
    } else map.set(key, { amount, payments: 1 })
  }

  for (const part of parts) {
    const file = parts.length > 1 ? part.name : undefined
    const onRow = (row: SpendRow) => {
      let payee = payeeOfName.get(row.supplierName)
      if (payee === undefined) {
        const key = row.payeeKind === 'not-given' ? NOT_GIVEN_KEY : row.redacted ? REDACTED_KEY : nameKey(row.supplierName) || `~${row.supplierName.toLowerCase()}`
        let id = aliases.get(key)
        let fresh: NewPayee | undefined
        if (id === undefined) {
          id = randomUUID()
          aliases.set(key, id)
          fresh = {
            id, key, name: row.supplierName, redacted: row.redacted, notGiven: row.payeeKind === 'not-given', supplierId: row.supplierId,
            companyNumber: row.companyNumber, charityNumber: row.charityNumber, vatNumber: row.vatNumber, postcode: row.postcode,
          }
          newPayees.set(key, fresh)
        } else fresh = newPayees.get(key)
        let index = payeeIndexOf.get(id)
        if (index === undefined) {
          index = payeeIds.push(id) - 1
          payeeIndexOf.set(id, index)
        }
        payee = { index, id, segment: `${prefix}${id},${csvField(row.supplierName)},`, fresh }
        payeeOfName.set(row.supplierName, payee)
      }
      if (payee.fresh && (row.companyNumber || row.charityNumber || row.vatNumber || row.supplierId || row.postcode)) {
        payee.fresh.postcode ??= row.postcode
        payee.fresh.companyNumber ??= row.companyNumber
        payee.fresh.charityNumber ??= row.charityNumber
        payee.fresh.vatNumber ??= row.vatNumber
        payee.fresh.supplierId ??= row.supplierId
      }
      let date = dates.get(row.date)
      if (date === undefined) {
        const year = Number(row.date.start.slice(0, 4))
        const month = Number(row.date.start.slice(5, 7))
        date = { segment: `${row.date.start},${row.date.precision}`, month: (year - 1900) * 12 + month - 1, year: month >= 4 ? year : year - 1 }
        dates.set(row.date, date)
        // The file's first and last dates change only with a date not seen before.
        if (dateFrom === null || row.date.start < dateFrom) dateFrom = row.date.start
        if (dateTo === null || row.date.end > dateTo) dateTo = row.date.end
      }
      const category = row.procurementClassification ?? row.expenseType ?? row.merchantCategory ?? ''
      const department = row.department ?? ''
      let ofDepartment = labels.get(department)
      if (ofDepartment === undefined) labels.set(department, (ofDepartment = new Map()))
      let label = ofDepartment.get(category)
      if (label === undefined) {
        label = { index: labelList.push({ department, category }) - 1, segment: `${csvField(row.department)},${csvField(category || null)}` }
        ofDepartment.set(category, label)
      }
      append(`${payee.segment}${row.line},${date.segment},${row.amountPence},${label.segment},${row.purpose === null ? '' : csvField(row.purpose)},${row.transactionNumber === null ? '' : csvField(row.transactionNumber)},${row.irrecoverableVatPence ?? ''},${row.vatPence ?? ''}\n`)
      // Numeric keys: month × label, and year × label × payee (categories are read back from the label).
      add(byMonth, date.month * MAX_DISTINCT + label.index, row.amountPence)
      add((byPayee[payee.index] ??= new Map()), (date.year - 1900) * MAX_DISTINCT + label.index, row.amountPence)
      rowsImported++
      totalPence += row.amountPence
    }
    const result = await readRowsInSlices(part.text, part.layout, {
      row: onRow,
      reject(rejection) {
        rowsRejected++
        if (rejected.length < KEPT_REJECTIONS) rejected.push(file ? { ...rejection, file } : rejection)
      },
    }, send)
    rowsRead += result.rowsRead
  }
  await send()
  if (payeeIds.length >= MAX_DISTINCT || labelList.length >= MAX_DISTINCT) throw new Error('more than 99,999 distinct payees or departments and categories in one file')

  // Summaries by category: the label's department is dropped for the payee totals.
  const monthRows: string[] = []
  for (const [key, total] of byMonth) {
    const month = Math.floor(key / MAX_DISTINCT)
    const label = labelList[key - month * MAX_DISTINCT]!
    const year = 1900 + Math.floor(month / 12)
    const iso = `${year}-${String(month - (year - 1900) * 12 + 1).padStart(2, '0')}-01`
    monthRows.push(`${iso},${csvField(label.department)},${csvField(label.category)},${total.amount},${total.payments}\n`)
  }
  const payeeRows: string[] = []
  byPayee.forEach((totals, payeeIndex) => {
    for (const [key, total] of totals) {
      const yearsFrom1900 = Math.floor(key / MAX_DISTINCT)
      const label = labelList[key - yearsFrom1900 * MAX_DISTINCT]!
      payeeRows.push(`${yearsFrom1900 + 1900},${payeeIds[payeeIndex]},${csvField(label.category)},${total.amount},${total.payments}\n`)
    }
  })
  return { newPayees, monthRows, payeeRows, rejected, rowsRead, rowsRejected, rowsImported, totalPence, dateFrom, dateTo }
}

/** The columns of readForCopy's payment rows, in their order. */
export const PAYMENT_COLUMNS = 'council_id, import_id, payee_id, supplier_name, line, payment_date, date_precision, amount_pence, department, category, purpose, transaction_number, irrecoverable_vat_pence, vat_pence'

/**
 * Keys of the running totals are small integers (much faster than strings over a million rows, and small enough
 * not to be allocated as heap numbers): up to 99,999 labels and payees.
 */
const MAX_DISTINCT = 100_000

/** The size of a piece of COPY data: some 5,000 rows of a typical file. */
const PIECE_BYTES = 1 << 20

