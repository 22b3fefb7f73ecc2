/**
 * Importing a fund's scheme list from a spreadsheet (xlsx, first sheet) or a CSV, whatever its column names: the
 * columns are proposed from their names (or from the mapping the council used last time), the officer confirms or
 * changes them, and every row is checked before any is stored. A file with a row that cannot be read imports nothing
 * and says which row and why. Pure functions here; the service stores.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { parsePoundsToPence } from '../../platform/money.ts'
import { STREAMS, type Stream } from './vocabulary.ts'

export const SCHEME_FIELDS = {
  reference: { label: 'Scheme id', required: true, names: ['scheme id', 'scheme ref', 'scheme reference', 'reference', 'ref', 'id', 'scheme no', 'scheme number', 'line'] },
  name: { label: 'Scheme name', required: true, names: ['scheme name', 'name', 'scheme', 'title', 'scheme title'] },
  schemeType: { label: 'Scheme type', required: true, names: ['scheme type', 'type', 'category'] },
  areaOfSpend: { label: 'Area of spend', required: true, names: ['area of spend', 'spend area', 'area'] },
  commissioner: { label: 'Commissioner', required: true, names: ['commissioner', 'commissioned by', 'lead commissioner'] },
  providerName: { label: 'Provider', required: true, names: ['provider', 'provider name', 'delivered by', 'supplier'] },
  stream: { label: 'Source of funding', required: true, names: ['source of funding', 'funding source', 'funding stream', 'stream', 'source', 'funding', 'funded by'] },
  planned: { label: 'Planned expenditure', required: true, names: ['planned expenditure', 'planned spend', 'expenditure', 'planned', 'budget', 'amount', 'value', 'planned expenditure £'] },
  plannedOutputs: { label: 'Planned outputs', required: false, names: ['planned outputs', 'outputs', 'planned output', 'output'] },
} as const
export type SchemeField = keyof typeof SCHEME_FIELDS
export const SCHEME_FIELD_NAMES = Object.keys(SCHEME_FIELDS) as SchemeField[]
export type SchemeMapping = Partial<Record<SchemeField, string>>

export interface SheetData {
  columns: string[]
  rows: Record<string, string>[]
}

const norm = (text: string) => text.toLowerCase().replace(/[^a-z0-9£ ]+/g, ' ').replace(/\s+/g, ' ').trim()

/** The file's header and rows as text, from an xlsx workbook's first sheet or a CSV; an error says why not. */
export async function readSheet(bytes: Buffer, fileName: string): Promise<SheetData | { error: string }> {
  const isXlsx = bytes.subarray(0, 2).toString('latin1') === 'PK' || /\.xlsx$/i.test(fileName)
  if (isXlsx) {
    const workbook = new ExcelJS.Workbook()
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    } catch {
      return { error: 'The file could not be read as an Excel workbook (.xlsx). Save it as .xlsx or CSV and try again' }
    }
    const sheet = workbook.worksheets[0]
    if (!sheet) return { error: 'The workbook has no sheets' }
    const text = (value: ExcelJS.CellValue): string => {
      if (value === null || value === undefined) return ''
      if (typeof value === 'object' && 'result' in value) return text((value as { result?: ExcelJS.CellValue }).result ?? '')
      if (typeof value === 'object' && 'richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')
      if (value instanceof Date) return value.toISOString().slice(0, 10)
      return String(value)
    }
    const grid: string[][] = []
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = []
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(text(row.getCell(c).value).trim())
      grid.push(cells)
    })
    return fromGrid(grid)
  }
  try {
    const grid = parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][]
    return fromGrid(grid)
  } catch (error) {
    return { error: `The file could not be read as CSV: ${(error as Error).message}` }
  }
}

/** The header is the first row with at least two filled cells (spreadsheets often have a title above the table). */
function fromGrid(grid: string[][]): SheetData | { error: string } {
  const headerAt = grid.findIndex((row) => row.filter((c) => c !== '').length >= 2)
  if (headerAt < 0) return { error: 'The file has no table of schemes: no row with column headings was found' }
  const header = grid[headerAt]!.map((c, i) => c || `Column ${i + 1}`)
  const columns = header.map((c, i) => (header.indexOf(c) === i ? c : `${c} (${i + 1})`))
  const rows = grid
    .slice(headerAt + 1)
    .filter((row) => row.some((c) => c !== ''))
    .map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? ''])))
  if (rows.length === 0) return { error: 'The file has column headings but no schemes under them' }
  return { columns, rows }
}

/** A column for each field: the one used last time if the file has it, else one whose name means the field. */
export function proposeMapping(columns: readonly string[], remembered: SchemeMapping = {}): SchemeMapping {
  const mapping: SchemeMapping = {}
  const byNorm = new Map(columns.map((c) => [norm(c), c]))
  const used = new Set<string>()
  for (const field of SCHEME_FIELD_NAMES) {
    const known = remembered[field]
    const hit = known && columns.includes(known) ? known : SCHEME_FIELDS[field].names.map((n) => byNorm.get(n)).find((c) => c !== undefined && !used.has(c))
    if (hit) {
      mapping[field] = hit
      used.add(hit)
    }
  }
  return mapping
}

/** A funding stream as plans write it: "NHS minimum contribution", "Minimum NHS contribution", "DFG", "iBCF"… */
export function streamOf(text: string): Stream | undefined {
  const t = norm(text)
  if (!t) return undefined
  for (const [code, name] of Object.entries(STREAMS)) if (t === code || t === norm(name)) return code as Stream
  if (/\bdfg\b|disabled facilities/.test(t)) return 'dfg'
  if (/\bnhs\b|\bicb\b|\bccg\b|minimum/.test(t)) return 'nhs-minimum'
  if (/\bibcf\b|improved|local authority|\bla\b/.test(t)) return 'la-grant'
  if (/additional|other/.test(t)) return 'additional'
  return undefined
}

export interface SchemeImportRow {
  reference: string
  name: string
  schemeType: string
  areaOfSpend: string
  commissioner: string
  providerName: string
  stream: Stream
  plannedPence: number
  plannedOutputs: string
}

/** Every row read with the mapping, or every problem with its line (the header is line 1 of the table). */
export function readSchemes(data: SheetData, mapping: SchemeMapping): { rows: SchemeImportRow[]; problems: string[] } {
  const problems: string[] = []
  const missing = SCHEME_FIELD_NAMES.filter((f) => SCHEME_FIELDS[f].required && !(mapping[f] && data.columns.includes(mapping[f]!)))
  if (missing.length > 0) return { rows: [], problems: missing.map((f) => `Choose the column that holds the ${SCHEME_FIELDS[f].label.toLowerCase()}`) }
  const rows: SchemeImportRow[] = []
  const seen = new Map<string, number>()
  data.rows.forEach((record, i) => {
    const line = i + 2
    const get = (field: SchemeField) => (mapping[field] ? (record[mapping[field]!] ?? '').trim() : '')
    const rowProblems: string[] = []
    for (const field of SCHEME_FIELD_NAMES) {
      if (SCHEME_FIELDS[field].required && field !== 'stream' && field !== 'planned' && get(field) === '') rowProblems.push(`no ${SCHEME_FIELDS[field].label.toLowerCase()}`)
    }
    const stream = streamOf(get('stream'))
    if (!stream) rowProblems.push(`“${get('stream')}” is not a funding stream (NHS minimum contribution, Disabled Facilities Grant, Local Authority BCF grant or additional contributions)`)
    const planned = parsePoundsToPence(get('planned'))
    if (planned === undefined || planned < 0) rowProblems.push(`“${get('planned')}” is not an amount in pounds`)
    const reference = get('reference')
    if (reference && seen.has(reference)) rowProblems.push(`scheme id ${reference} is also on line ${seen.get(reference)}`)
    if (reference) seen.set(reference, line)
    if (rowProblems.length > 0) {
      problems.push(`Line ${line}: ${rowProblems.join('; ')}`)
      return
    }
    rows.push({
      reference,
      name: get('name'),
      schemeType: get('schemeType'),
      areaOfSpend: get('areaOfSpend'),
      commissioner: get('commissioner'),
      providerName: get('providerName'),
      stream: stream!,
      plannedPence: planned!,
      plannedOutputs: get('plannedOutputs'),
    })
  })
  return { rows, problems }
}
