/**
 * Reading the indicator files councils already download, in their published layouts (domain rules §13):
 *
 * - lginform-long: `area_code, area_name, period, indicator, measure, unit, value` (LG Inform as data labs republish
 *   it); one indicator per indicator, measure and unit.
 * - lginform-wide: LG Inform's `data.csv` download: `area, area label, area long label`, then one column per period;
 *   a repeated header row is dropped and thousands separators read. The file does not name its indicator, so the
 *   person importing it does.
 * - ascof: the Adult Social Care Outcomes Framework release, long: `Geographical code, Geographical description,
 *   Geographical level, ONS code, ASCOF measure code, Disaggregation level, Measure type, Measure value`; only the
 *   Outcome rows are figures (numerators and denominators are not). The release is per year: a year column is read
 *   where there is one, else the person importing says which year.
 * - revenue-outturn: the multi-year Revenue Outturn file, one row per council per year (`ONS_code, year_ending,
 *   status, RS_…`), each figure column its own indicator in £ thousands. England and class totals are not councils.
 *
 * Pure: bytes in, rows and a reason for every row not used out. Nothing throws on bad input.
 */
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import { financialYearEnding, readPeriod, type Period } from './periods.ts'

export const INDICATOR_FORMATS = {
  'lginform-long': 'LG Inform long table (area_code, area_name, period, indicator, measure, unit, value)',
  'lginform-wide': 'LG Inform download (area, area label, then one column per period)',
  ascof: 'Adult Social Care Outcomes Framework (ASCOF) release',
  'revenue-outturn': 'Revenue Outturn multi-year file (one row per council per year, £ thousands)',
} as const
export type IndicatorFormat = keyof typeof INDICATOR_FORMATS
export const isIndicatorFormat = (value: unknown): value is IndicatorFormat => typeof value === 'string' && value in INDICATOR_FORMATS

/** Who publishes each layout and under what licence, unless the person importing says otherwise. */
export const DEFAULT_SOURCES: Record<IndicatorFormat, { source: string; licence: string }> = {
  'lginform-long': { source: 'LG Inform (Local Government Association)', licence: 'Open Government Licence v3.0' },
  'lginform-wide': { source: 'LG Inform (Local Government Association)', licence: 'Open Government Licence v3.0' },
  ascof: { source: 'Adult Social Care Outcomes Framework (NHS England)', licence: 'Open Government Licence v3.0' },
  'revenue-outturn': { source: 'Revenue Outturn (Ministry of Housing, Communities and Local Government)', licence: 'Open Government Licence v3.0' },
}

export interface IndicatorIdentity {
  /** Stable across imports of the same indicator: the format and the indicator's code or name, measure and unit. */
  key: string
  name: string
  measure: string
  unit: string
}

export interface IndicatorRow {
  line: number
  areaCode: string
  areaName: string
  period: Period
  indicator: IndicatorIdentity
  value: number
}

export interface RowProblem {
  line: number
  reason: string
}

export interface ReadOptions {
  format: IndicatorFormat
  /** lginform-wide: the indicator's name, measure and unit (the download does not carry them). */
  indicatorName?: string | undefined
  measure?: string | undefined
  unit?: string | undefined
  /** ascof: the year the release covers, where the file has no year column. */
  period?: string | undefined
}

export type ReadResult =
  | { ok: false; reason: string }
  | {
      ok: true
      rows: IndicatorRow[]
      problems: RowProblem[]
      /** Rows that are not councils' figures and were passed over on purpose, counted by reason. */
      passedOver: { reason: string; count: number }[]
    }

const normalise = (header: string) => header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '')

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Spreadsheets saved as "CSV" on Windows: Windows-1252 (£ is 0xA3), read through iconv-lite as Node 20's own
    // decoder treats it as Latin-1.
    return iconv.decode(Buffer.from(bytes), 'win1252')
  }
}

/** Markers statisticians use for a figure that is not there: not available, suppressed, not applicable. */
const MISSING = new Set(['', 'na', 'n/a', '..', '.', '-', '–', 'x', '[x]', 'c', '[c]', ':', '*', 'null', 'z', '[z]', 'u', '[u]'])

/** A figure, or the reason it is not one. Thousands separators and a trailing % are read. */
export function readValue(raw: string): { value: number } | { missing: string } | { bad: string } {
  const text = raw.trim()
  if (MISSING.has(text.toLowerCase())) return { missing: text === '' ? 'no value given' : `no value given (“${text}”)` }
  const cleaned = text.replace(/^£/, '').replace(/%$/, '')
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(cleaned) || cleaned === '' || cleaned === '-' || cleaned === '+') return { bad: `“${text}” is not a number` }
  const value = Number(cleaned.replace(/,/g, ''))
  return Number.isFinite(value) ? { value } : { bad: `“${text}” is not a number` }
}

interface Record_ {
  record: string[]
  line: number
}

function records(bytes: Uint8Array): { ok: true; header: string[]; rows: Record_[] } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' }
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'the file is not a CSV file (it contains binary data; save a spreadsheet as CSV first)' }
  let parsed: { record: string[]; info: { lines: number } }[]
  try {
    parsed = parse(decode(bytes), { info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, trim: true }) as unknown as typeof parsed
  } catch (error) {
    return { ok: false, reason: `the file is not valid CSV (${(error as Error).message})` }
  }
  const [header, ...rows] = parsed
  if (!header) return { ok: false, reason: 'the file has no rows' }
  return { ok: true, header: header.record, rows: rows.map((r) => ({ record: r.record, line: r.info.lines })) }
}

/** The columns a layout needs, found by name whatever their case and punctuation, or the reason the file is not it. */
function columnsOf<F extends string>(header: string[], wanted: Record<F, string[]>, layout: string): { ok: true; at: Record<F, number> } | { ok: false; reason: string } {
  const names = header.map(normalise)
  const at = {} as Record<F, number>
  const missing: string[] = []
  for (const [field, aliases] of Object.entries(wanted) as [F, string[]][]) {
    const i = aliases.map((a) => names.indexOf(a)).find((n) => n >= 0)
    if (i === undefined) missing.push(aliases[0]!)
    else at[field] = i
  }
  if (missing.length) {
    const found = header.map((h) => `"${h.replace(/^\uFEFF/, '')}"`).join(', ')
    return { ok: false, reason: `this is not ${layout}: no ${missing.map((m) => `“${m}”`).join(', ')} column among ${found}` }
  }
  return { ok: true, at }
}

class Collector {
  rows: IndicatorRow[] = []
  problems: RowProblem[] = []
  private passed = new Map<string, number>()
  pass(reason: string) {
    this.passed.set(reason, (this.passed.get(reason) ?? 0) + 1)
  }
  /** A figure for the row, or its problem recorded. */
  add(line: number, areaCode: string, areaName: string, period: Period, indicator: IndicatorIdentity, raw: string, where = '') {
    if (!areaCode && !areaName) return this.problems.push({ line, reason: 'no area code or name' })
    if (!period.label) return this.problems.push({ line, reason: 'no period' })
    const read = readValue(raw)
    if ('missing' in read) return this.problems.push({ line, reason: `${read.missing}${where} for ${areaName || areaCode}, ${period.label}` })
    if ('bad' in read) return this.problems.push({ line, reason: `${read.bad}${where}` })
    this.rows.push({ line, areaCode, areaName, period, indicator, value: read.value })
  }
  result(): ReadResult {
    return { ok: true, rows: this.rows, problems: this.problems, passedOver: [...this.passed].map(([reason, count]) => ({ reason, count })) }
  }
}

const cell = (r: Record_, i: number | undefined) => (i === undefined ? '' : (r.record[i] ?? '').trim())
const key = (...parts: string[]) => parts.map((p) => p.trim().toLowerCase().replace(/\s+/g, ' ')).join('|')

function lginformLong(header: string[], rows: Record_[]): ReadResult {
  const cols = columnsOf(header, { code: ['areacode'], name: ['areaname'], period: ['period'], indicator: ['indicator'], measure: ['measure'], unit: ['unit'], value: ['value'] }, 'an LG Inform long table')
  if (!cols.ok) return cols
  const { at } = cols
  const out = new Collector()
  for (const r of rows) {
    const name = cell(r, at.indicator)
    if (!name) {
      out.problems.push({ line: r.line, reason: 'no indicator named' })
      continue
    }
    const measure = cell(r, at.measure)
    const unit = cell(r, at.unit)
    out.add(r.line, cell(r, at.code), cell(r, at.name), readPeriod(cell(r, at.period)), { key: `lginform:${key(name, measure, unit)}`, name, measure, unit }, cell(r, at.value))
  }
  return out.result()
}

function lginformWide(header: string[], rows: Record_[], options: ReadOptions): ReadResult {
  const cols = columnsOf(header, { code: ['area'], name: ['arealabel'] }, 'an LG Inform download')
  if (!cols.ok) return cols
  const name = options.indicatorName?.trim()
  if (!name) return { ok: false, reason: 'an LG Inform download does not name its indicator: give its name' }
  const measure = options.measure?.trim() ?? ''
  const unit = options.unit?.trim() ?? ''
  const names = header.map(normalise)
  const periods = header.map((h, i) => ({ i, period: readPeriod(h) })).filter((p) => !['area', 'arealabel', 'arealonglabel'].includes(names[p.i]!) && p.period.label)
  if (periods.length === 0) return { ok: false, reason: 'the download has no period columns after “area label”' }
  const indicator = { key: `lginform:${key(name, measure, unit)}`, name, measure, unit }
  const out = new Collector()
  for (const r of rows) {
    // LG Inform repeats its header row under the first; it is not a council.
    if (normalise(cell(r, cols.at.code)) === 'area') {
      out.pass('repeated header rows')
      continue
    }
    for (const p of periods) out.add(r.line, cell(r, cols.at.code), cell(r, cols.at.name), p.period, indicator, cell(r, p.i), ` in column “${p.period.label}”`)
  }
  return out.result()
}

const NOT_COUNCIL_LEVELS = new Set(['england', 'region', 'counciltype', 'national', 'regional'])

function ascof(header: string[], rows: Record_[], options: ReadOptions): ReadResult {
  const cols = columnsOf(
    header,
    { code: ['onscode', 'onsareacode'], name: ['geographicaldescription'], level: ['geographicallevel'], measure: ['ascofmeasurecode'], type: ['measuretype'], value: ['measurevalue'] },
    'an ASCOF release',
  )
  if (!cols.ok) return cols
  const { at } = cols
  const names = header.map(normalise)
  const yearColumn = ['financialyear', 'year', 'period', 'reportingperiod'].map((c) => names.indexOf(c)).find((i) => i >= 0)
  const description = names.indexOf('measuregroupdescription')
  if (yearColumn === undefined && !options.period?.trim()) return { ok: false, reason: 'the ASCOF file does not say which year it covers: give the financial year, for example 2023/24' }
  const out = new Collector()
  for (const r of rows) {
    const level = normalise(cell(r, at.level))
    if (NOT_COUNCIL_LEVELS.has(level)) {
      out.pass('England, region and council-type rows')
      continue
    }
    if (normalise(cell(r, at.type)) !== 'outcome') {
      out.pass('numerator and denominator rows (only outcomes are figures)')
      continue
    }
    const code = cell(r, at.measure)
    if (!code) {
      out.problems.push({ line: r.line, reason: 'no ASCOF measure code' })
      continue
    }
    const title = description >= 0 ? cell(r, description) : ''
    const period = readPeriod(yearColumn !== undefined ? cell(r, yearColumn) : options.period!)
    out.add(r.line, cell(r, at.code), cell(r, at.name), period, { key: `ascof:${key(code)}`, name: title ? `${title} (ASCOF ${code})` : `ASCOF ${code}`, measure: 'Outcome', unit: '' }, cell(r, at.value))
  }
  return out.result()
}

/** Revenue Outturn's usual columns that are not figures. */
const RO_IDENTIFIERS = new Set(['onscode', 'ecode', 'laname', 'laclass', 'class', 'yearending', 'status', 'region', 'lacode', 'authority', 'localauthority', 'name'])
/** Names for the Revenue Outturn columns most used in benchmarking; others keep the column's own name. */
const RO_NAMES: Record<string, string> = {
  rsnetcurrtotnetexp: 'Net current expenditure',
  rstotsxnetexp: 'Total service expenditure',
  rsascnetexp: 'Adult social care net expenditure',
  rscscnetexp: 'Children’s social care net expenditure',
  rsedunetexp: 'Education services net expenditure',
  rsphsnetexp: 'Public health net expenditure',
  rshousnetexp: 'Housing services (General Fund) net expenditure',
  rsenvnetexp: 'Environmental and regulatory services net expenditure',
  rshighnetexp: 'Highways and transport services net expenditure',
  rsculnetexp: 'Cultural and related services net expenditure',
  rsplannetexp: 'Planning and development services net expenditure',
  rscennetexp: 'Central services net expenditure',
}

function revenueOutturn(header: string[], rows: Record_[]): ReadResult {
  const cols = columnsOf(header, { code: ['onscode', 'gsscode'], year: ['yearending'] }, 'a Revenue Outturn file')
  if (!cols.ok) return cols
  const names = header.map(normalise)
  const nameColumn = names.indexOf('laname')
  const figures = header.map((h, i) => ({ i, column: h.trim(), id: names[i]! })).filter((c) => c.column && !RO_IDENTIFIERS.has(c.id))
  if (figures.length === 0) return { ok: false, reason: 'the Revenue Outturn file has no figure columns after its identifiers' }
  const out = new Collector()
  for (const r of rows) {
    const code = cell(r, cols.at.code).toUpperCase()
    // England (E92) and class totals (no council code) are published beside the councils; they are not councils.
    if (!code || code.startsWith('E92') || code.startsWith('E12') || code.startsWith('E13')) {
      out.pass('England, region and class totals')
      continue
    }
    const period = financialYearEnding(cell(r, cols.at.year))
    if (!period) {
      out.problems.push({ line: r.line, reason: `“${cell(r, cols.at.year)}” is not a year ending in March (year_ending is written 201803)` })
      continue
    }
    for (const f of figures) {
      // A blank cell is a service the council does not provide or did not report: no figure, and not a fault.
      if (cell(r, f.i) === '') continue
      out.add(r.line, code, nameColumn >= 0 ? cell(r, nameColumn) : '', period, { key: `revenue-outturn:${f.id}`, name: RO_NAMES[f.id] ?? f.column, measure: f.id.endsWith('netexp') ? 'Net expenditure' : '', unit: '£ thousands' }, cell(r, f.i), ` in column ${f.column}`)
    }
  }
  return out.result()
}

export function readIndicatorFile(bytes: Uint8Array, options: ReadOptions): ReadResult {
  const file = records(bytes)
  if (!file.ok) return file
  switch (options.format) {
    case 'lginform-long':
      return lginformLong(file.header, file.rows)
    case 'lginform-wide':
      return lginformWide(file.header, file.rows, options)
    case 'ascof':
      return ascof(file.header, file.rows, options)
    case 'revenue-outturn':
      return revenueOutturn(file.header, file.rows)
  }
}
