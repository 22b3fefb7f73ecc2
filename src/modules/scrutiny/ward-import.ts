/**
 * Reading an ONS ward lookup: columns WDyyCD, WDyyNM and LADyyCD, whatever the year digits (WD24CD, WD19NM…), in
 * any order among other columns (LAD24NM, ObjectId…). Rows for other councils are counted and left out; every row
 * that cannot be read is reported with its line number, and nothing is imported when any is (ADR 0036).
 */
import { parse } from 'csv-parse/sync'

export interface WardRow {
  code: string
  name: string
  ladCode: string | null
}

export interface WardFileReading {
  wards: WardRow[]
  /** Rows for another council's area (their LAD code is not the council's GSS code). */
  otherCouncils: number
  problems: { line: number; message: string }[]
}

/** ONS GSS area codes: a letter for the nation, two digits for the entity (E05 is an English ward), six more. */
const GSS = /^[ENSW]\d{8}$/

function column(headers: string[], pattern: RegExp): number {
  return headers.findIndex((h) => pattern.test(h.trim().replace(/^\uFEFF/, '')))
}

export function readWardFile(bytes: Buffer, councilGssCode: string | null): WardFileReading {
  let records: string[][]
  try {
    records = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][]
  } catch (error) {
    return { wards: [], otherCouncils: 0, problems: [{ line: 1, message: `The file is not a CSV file Catalyst can read: ${(error as Error).message}` }] }
  }
  const [headers, ...rows] = records
  if (!headers) return { wards: [], otherCouncils: 0, problems: [{ line: 1, message: 'The file is empty' }] }
  const codeAt = column(headers, /^WD\d{2}CD$/i)
  const nameAt = column(headers, /^WD\d{2}NM$/i)
  const ladAt = column(headers, /^LAD\d{2}CD$/i)
  const missing = [codeAt < 0 && 'a ward code column (WD24CD or another year)', nameAt < 0 && 'a ward name column (WD24NM or another year)'].filter(Boolean)
  if (missing.length) return { wards: [], otherCouncils: 0, problems: [{ line: 1, message: `The first row has no ${missing.join(' and no ')}` }] }

  const wards = new Map<string, WardRow & { line: number }>()
  const problems: WardFileReading['problems'] = []
  let otherCouncils = 0
  rows.forEach((row, index) => {
    const line = index + 2
    const code = (row[codeAt] ?? '').toUpperCase()
    const name = row[nameAt] ?? ''
    const ladCode = ladAt >= 0 ? (row[ladAt] ?? '').toUpperCase() || null : null
    if (councilGssCode && ladCode && ladCode !== councilGssCode) {
      otherCouncils += 1
      return
    }
    if (!GSS.test(code)) return problems.push({ line, message: code ? `“${code}” is not a ward code such as E05001234` : 'The ward code is empty' })
    if (!name) return problems.push({ line, message: `Ward ${code} has no name` })
    const seen = wards.get(code)
    if (seen && seen.name !== name) return problems.push({ line, message: `Ward ${code} is named “${seen.name}” on line ${seen.line} and “${name}” here` })
    if (!seen) wards.set(code, { code, name, ladCode, line })
  })
  return { wards: [...wards.values()].map(({ code, name, ladCode }) => ({ code, name, ladCode })), otherCouncils, problems }
}
