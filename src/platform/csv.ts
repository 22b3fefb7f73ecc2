/**
 * CSV downloads: the one writer every CSV Catalyst serves goes through (a unit test refuses any other import of
 * csv-stringify). Written by csv-stringify, with every text cell made safe to open in a spreadsheet: a cell that
 * starts with = + - @ (or a tab or carriage return) would run as a formula in Excel or LibreOffice, and names,
 * titles and descriptions from councils' files and public forms can start that way, so a leading apostrophe
 * keeps such a cell text.
 *
 * Numbers: a JavaScript number is written as it is. A string is left alone only when the whole of it is a plain
 * decimal number (an optional minus, digits, an optional point and digits: "-12.50"), which a spreadsheet reads
 * as that number and never as a formula; anything else with a formula character in front ("-1+2", "+44 20",
 * "=SUM(A1)") is guarded. So amounts formatted as text keep their sign and still add up in a spreadsheet.
 */
import { stringify } from 'csv-stringify/sync'

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/
const FORMULA_START = /^[=+\-@\t\r]/

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

export type CsvValue = string | number | boolean | null | undefined

const cell = (value: CsvValue) =>
  value === null || value === undefined ? '' : typeof value === 'string' ? spreadsheetSafe(value) : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value)

export interface CsvOptions {
  /** windows (CRLF, the default for whole documents) or unix (LF). */
  recordDelimiter?: 'windows' | 'unix'
}

/** A CSV document: the headings, then one line per row; null and undefined are empty cells. */
export function csvDocument(headings: readonly string[], rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  return stringify([headings.map(cell), ...rows.map((row) => row.map(cell))], { record_delimiter: options.recordDelimiter ?? 'windows' })
}

/** One line of a CSV streamed a row at a time (LF-terminated). */
export function csvLine(values: readonly CsvValue[]): string {
  return stringify([values.map(cell)])
}

/** Records as CSV with a header line of the column names, in the order given (LF-terminated). */
export function csvRecords<K extends string>(columns: readonly K[], records: readonly Record<K, CsvValue>[]): string {
  return csvDocument(columns, records.map((record) => columns.map((column) => record[column])), { recordDelimiter: 'unix' })
}
