/**
 * Finding a spend file's layout as a person would: which character separates the columns, which row is the header
 * (below any preamble or blank rows), which columns are empty spacers, and which column holds which field, from the
 * names (known, misspelt, remembered for the council, or chosen by the officer) or, with no header, from the values.
 */
import { firstRecords } from './csv.ts'
import { createHash } from 'node:crypto'
import {
  amountBasis,
  columnRank,
  FIELD_CODES,
  fieldForColumn,
  normaliseColumnName,
  REQUIRED_FIELDS,
  type ColumnTarget,
  type SpendField,
} from './fields.ts'
import { choosePeriodReading, dayOf } from './period.ts'
import { isRedactedPayee, parseAmount, parseSpendDate, type DateReading } from './values.ts'

export type Delimiter = ',' | '\t' | ';' | '|'
const DELIMITERS: Delimiter[] = [',', '\t', ';', '|']
export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' }

/** Column choices: normalised column name (or "#3" for the third column of a file with no header) to field. */
export type MappingChoices = Record<string, ColumnTarget>

export type MappedBy = 'name' | 'close name' | 'remembered' | 'chosen' | 'values' | 'duplicate' | 'outranked' | 'empty' | 'unknown'

export interface ColumnLayout {
  /** Position in the record, from 0. */
  index: number
  /** The column name as the file writes it ('' for none). */
  header: string
  /** What choices are keyed by: the normalised name, or "#n" (from 1) when the column has no name. */
  key: string
  target: ColumnTarget
  mappedBy: MappedBy
  /** Values of the first data rows, for the preview. */
  samples: string[]
  /** How many of the sample rows have a value in this column. */
  filled: number
  /** The field its name stands for and the known name it matched, even when another column was preferred. */
  named?: { field: SpendField; known: string } | undefined
}

export interface FileLayout {
  delimiter: Delimiter
  /** The line of the file the header is on, or null for a file with no header. */
  headerLine: number | null
  /** Records before the header, which are not data (a title, a query line, blank-ish rows). */
  skipRecords: number
  columns: ColumnLayout[]
  /** Required fields no column was mapped to. */
  missing: SpendField[]
  /** A procurement card file (merchant, merchant category, cardholder) rather than an invoice file. */
  kind: 'invoice' | 'card'
  sampleRows: string[][]
  /** The header's normalised column names, hashed: a remembered mapping applies only to the header it was made for. */
  headerSignature: string
  /** Where the mapping came from: worked out from this file, or remembered for a file with the same header. */
  mapping: 'automatic' | 'remembered'
  /** The council has a remembered mapping, but for a different header, so it was not used. */
  rememberedOtherHeader: boolean
  /** How period codes in the date column are read; null when its values are dates. */
  dateReading: DateReading | null
  /** Up to 200 data records and the file's name, for weighing the date column's reading again after a correction. */
  evidenceRows: string[][]
  fileName: string
}

/** The separator that splits the first lines most consistently into the most columns. */
export function detectDelimiter(text: string): Delimiter {
  const lines = text.split(/\r?\n/, 40).filter((line) => line.trim() !== '').slice(0, 25)
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 }
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter))
    const frequency = new Map<number, number>()
    for (const count of counts) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1)
    let score = 0
    for (const [count, lineCount] of frequency) score = Math.max(score, Math.min(count, 30) * lineCount)
    if (score > best.score) best = { delimiter, score }
  }
  return best.delimiter
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0
  let quoted = false
  for (const char of line) {
    if (char === '"') quoted = !quoted
    else if (char === delimiter && !quoted) count++
  }
  return count
}

/** The first records of the text (at most `limit`), for finding the layout. */
export function sampleRecords(text: string, delimiter: Delimiter, limit = 40): string[][] {
  return firstRecords(text, delimiter, limit).map((r) => r.cells)
}

interface HeaderCandidate {
  record: number
  score: number
}

/** How much a record looks like a header: the distinct known fields its cells name. */
function headerScore(record: string[], choices: MappingChoices): number {
  const fields = new Set<SpendField>()
  let score = 0
  for (const cell of record) {
    const key = normaliseColumnName(cell)
    const chosen = choices[key]
    const match = chosen && chosen !== 'ignore' ? { field: chosen, how: 'exact' as const } : fieldForColumn(cell)
    if (!match || fields.has(match.field)) continue
    fields.add(match.field)
    score += match.how === 'exact' ? 1 : 0.75
    if (REQUIRED_FIELDS.includes(match.field)) score += 0.5
  }
  return score
}

export function findHeader(records: string[][], choices: MappingChoices = {}): HeaderCandidate | undefined {
  let best: HeaderCandidate | undefined
  for (let i = 0; i < Math.min(records.length, 20); i++) {
    const score = headerScore(records[i]!, choices)
    if (score >= 2.5 && (!best || score > best.score)) best = { record: i, score }
  }
  return best
}

const ORGANISATION_WORDS = /\b(ltd|limited|plc|llp|council|trust|cic|cio|services|group|company|co|association|society|university|nhs|partnership|centre|foundation|charity|uk|inc|&)\b/i

interface Shape {
  date: number
  amount: number
  decimalAmount: number
  text: number
  organisation: number
  distinct: number
  filled: number
}

function shapeOf(values: string[]): Shape {
  const present = values.map((v) => v.trim()).filter((v) => v !== '')
  const n = present.length || 1
  const rate = (test: (v: string) => boolean) => present.filter(test).length / n
  return {
    filled: present.length,
    date: rate((v) => parseSpendDate(v).ok && !/^\d{1,4}(\.\d+)?$/.test(v)),
    amount: rate((v) => parseAmount(v).ok),
    decimalAmount: rate((v) => parseAmount(v).ok && /[.£,()]/.test(v)),
    text: rate((v) => /[A-Za-z]{2,}/.test(v) && !parseSpendDate(v).ok),
    organisation: rate((v) => ORGANISATION_WORDS.test(v) || isRedactedPayee(v)),
    distinct: new Set(present).size / n,
  }
}

/**
 * A "Supplier ID" column that holds names rather than codes (Gateshead's "Supplier ID (T)", T for text) is the payee's
 * name when the file has no other: its values are words, mostly organisations' names, not references.
 */
function idColumnOfNames(columns: ColumnLayout[]): void {
  const column = columns.find((c) => c.target === 'supplierId' && c.mappedBy !== 'chosen' && c.mappedBy !== 'remembered')
  if (!column || column.filled === 0) return
  const shape = shapeOf(column.samples)
  if (shape.text >= 0.8 && shape.organisation >= 0.3) {
    column.target = 'supplierName'
    column.mappedBy = 'values'
  }
}

/** Fields for unnamed or unknown columns from what their values look like: a date, an amount, a supplier's name. */
function mapByValues(columns: ColumnLayout[], missing: SpendField[]): void {
  const open = () => columns.filter((c) => c.target === 'ignore' && c.mappedBy !== 'chosen' && c.mappedBy !== 'remembered' && c.filled > 0)
  const shapes = new Map(columns.map((c) => [c.index, shapeOf(c.samples)]))
  const pick = (field: SpendField, score: (s: Shape) => number, threshold: number) => {
    if (!missing.includes(field)) return
    let best: { column: ColumnLayout; score: number } | undefined
    for (const column of open()) {
      const s = score(shapes.get(column.index)!)
      if (s >= threshold && (!best || s > best.score)) best = { column, score: s }
    }
    if (best) {
      best.column.target = field
      best.column.mappedBy = 'values'
    }
  }
  pick('paymentDate', (s) => s.date, 0.8)
  pick('amount', (s) => s.amount * 0.5 + s.decimalAmount * 0.5, 0.7)
  pick('supplierName', (s) => (s.text >= 0.8 ? s.text + s.organisation + s.distinct : 0), 1.2)
}

/** The signature of a header row: its normalised names in order, trailing empty cells dropped, hashed. */
export function headerSignatureOf(cells: string[]): string {
  const keys = cells.map(normaliseColumnName)
  while (keys.length > 0 && keys[keys.length - 1] === '') keys.pop()
  return createHash('sha256').update(keys.join(',')).digest('hex').slice(0, 32)
}

/** The signatures of the records a header could be on (the first twenty), for finding a remembered mapping. */
export function candidateSignatures(text: string): string[] {
  return firstRecords(text, detectDelimiter(text), 20).map((r) => headerSignatureOf(r.cells))
}

/**
 * The layout of a file from its first records. `choices` are the council's remembered ones (for this header) or the
 * officer's own.
 */
export function detectLayout(text: string, choices: MappingChoices = {}, context: { fileName?: string; remembered?: boolean } = {}): FileLayout {
  const delimiter = detectDelimiter(text)
  const sample = firstRecords(text, delimiter, 40)
  const records = sample.map((r) => r.cells)
  const header = findHeader(records, choices)
  const headerRow = header ? records[header.record]! : []
  const dataRows = records.slice(header ? header.record + 1 : 0, (header ? header.record + 1 : 0) + 10)
  const width = Math.max(headerRow.length, ...dataRows.map((r) => r.length), 0)

  const columns: ColumnLayout[] = []
  for (let index = 0; index < width; index++) {
    const name = (headerRow[index] ?? '').trim()
    const normalised = normaliseColumnName(name)
    const key = normalised === '' ? `#${index + 1}` : normalised
    const samples = dataRows.map((row) => (row[index] ?? '').trim())
    const filled = samples.filter((v) => v !== '').length
    const match = header ? fieldForColumn(name) : undefined
    const column: ColumnLayout = {
      index, header: name, key, target: 'ignore', mappedBy: 'unknown', samples, filled,
      named: match ? { field: match.field, known: match.known } : undefined,
    }
    const chosen = choices[key]
    if (chosen) {
      column.target = chosen
      column.mappedBy = 'remembered'
    } else if (name === '' && filled === 0) {
      column.mappedBy = 'empty'
    } else if (match) {
      column.target = match.field
      column.mappedBy = match.how === 'exact' ? 'name' : 'close name'
    }
    columns.push(column)
  }
  resolveDuplicates(columns)

  const missingNow = () => REQUIRED_FIELDS.filter((field) => !columns.some((c) => c.target === field))
  if (missingNow().includes('supplierName')) idColumnOfNames(columns)
  if (missingNow().length > 0) mapByValues(columns, missingNow())

  const mapped = new Set(columns.map((c) => c.target))
  const kind = mapped.has('merchantCategory') || mapped.has('cardholder') || /merchant/i.test(headerRow.join(' ')) ? 'card' : 'invoice'
  const skipRecords = header ? header.record + 1 : 0
  // Weighing a period column needs more rows than the preview's ten; read only when the column holds codes.
  const evidenceRows = needsEvidence(columns) ? firstRecords(text, delimiter, skipRecords + 200).slice(skipRecords).map((r) => r.cells) : dataRows
  const layout: FileLayout = {
    delimiter,
    headerLine: header ? sample[header.record]!.line : null,
    skipRecords,
    columns,
    missing: missingNow(),
    kind,
    sampleRows: dataRows,
    headerSignature: header ? headerSignatureOf(headerRow) : headerSignatureOf(Array.from({ length: width }, (_, i) => `#${i + 1}`)),
    mapping: context.remembered === true ? 'remembered' : 'automatic',
    rememberedOtherHeader: false,
    dateReading: null,
    evidenceRows,
    fileName: context.fileName ?? '',
  }
  layout.dateReading = dateReadingOf(layout)
  return layout
}

const PERIOD_NAMES = new Set(['period', 'paymentperiod', 'financialperiod'])

function needsEvidence(columns: ColumnLayout[]): boolean {
  const date = columns.find((c) => c.target === 'paymentDate')
  if (!date) return false
  return (date.named !== undefined && PERIOD_NAMES.has(date.named.known)) || date.samples.some((v) => /^(\d{6}|P\d{1,2}\b.*|Period ?\d{1,2}\b.*)$/i.test(v))
}

/** How the date column's period codes are read, weighed on the evidence rows (see period.ts). */
function dateReadingOf(layout: FileLayout): DateReading | null {
  const date = layout.columns.find((c) => c.target === 'paymentDate')
  if (!date) return null
  const others = layout.columns.filter((c) => c !== date && c.named?.field === 'paymentDate')
  const rows = layout.evidenceRows.length > 0 ? layout.evidenceRows : layout.sampleRows
  return choosePeriodReading({
    values: rows.map((r) => (r[date.index] ?? '').trim()),
    otherDates: rows.map((r) => others.map((c) => dayOf(r[c.index] ?? '')).filter((d): d is string => d !== undefined)),
    fileName: layout.fileName,
    namedPeriod: date.named !== undefined && date.mappedBy !== 'chosen' && PERIOD_NAMES.has(date.named.known),
  })
}

/** The column the payment dates were read from, as the file names it. */
export function dateColumnOf(layout: FileLayout): string | null {
  const date = layout.columns.find((c) => c.target === 'paymentDate')
  return date ? date.header || `Column ${date.index + 1}` : null
}

/**
 * How the amount is read: the net amount where the file gives it (the Transparency Code's "amount" is net of VAT),
 * else a stated or unstated amount; a gross column beside a VAT column is read as gross less VAT.
 */
export function amountReadingOf(layout: FileLayout): { column: string; lessVat: string | null } | null {
  const amount = layout.columns.find((c) => c.target === 'amount')
  if (!amount) return null
  const vat = layout.columns.find((c) => c.target === 'vatAmount')
  const gross = amount.named?.field === 'amount' && amountBasis(amount.named.known) === 'gross' && amount.mappedBy !== 'chosen'
  const name = (c: ColumnLayout) => c.header || `Column ${c.index + 1}`
  return { column: name(amount), lessVat: gross && vat ? name(vat) : null }
}

/**
 * Two columns for one field (a duplicated name, "Effective Date" and "Payment Date", "Net" and "Gross"): the officer's
 * choice, else a column with values before an empty one, then the surer name (columnRank: a payment date before an
 * effective date, net before gross), then the fuller, then the first.
 */
function resolveDuplicates(columns: ColumnLayout[]): void {
  for (const field of FIELD_CODES) {
    const claimants = columns.filter((c) => c.target === field)
    if (claimants.length < 2) continue
    const rank = (c: ColumnLayout) => columnRank(field, c.named?.field === field ? c.named.known : undefined)
    const officer = claimants.find((c) => c.mappedBy === 'chosen') ?? claimants.find((c) => c.mappedBy === 'remembered')
    const keep =
      officer ??
      [...claimants].sort((a, b) => Number(b.filled > 0) - Number(a.filled > 0) || rank(a) - rank(b) || b.filled - a.filled || a.index - b.index)[0]!
    for (const column of claimants) {
      if (column === keep) continue
      column.target = 'ignore'
      column.mappedBy = rank(column) !== rank(keep) ? 'outranked' : 'duplicate'
    }
  }
}

/** Applies the officer's corrections to a layout (a select per column on the preview page). */
export function withChoices(layout: FileLayout, choices: MappingChoices): FileLayout {
  const columns = layout.columns.map((column) => {
    const chosen = choices[column.key]
    return chosen === undefined ? { ...column } : { ...column, target: chosen, mappedBy: 'chosen' as const }
  })
  resolveDuplicates(columns)
  const corrected: FileLayout = { ...layout, columns, missing: REQUIRED_FIELDS.filter((field) => !columns.some((c) => c.target === field)) }
  corrected.dateReading = dateReadingOf(corrected)
  return corrected
}

/** The mapping to remember for the council: every named column's field, including those left out on purpose. */
export function choicesOf(layout: FileLayout): MappingChoices {
  const choices: MappingChoices = {}
  for (const column of layout.columns) if (column.mappedBy !== 'empty' && column.mappedBy !== 'duplicate' && column.mappedBy !== 'outranked') choices[column.key] = column.target
  return choices
}
