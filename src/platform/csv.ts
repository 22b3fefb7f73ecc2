/**
 * CSV downloads: written by csv-stringify, with every text cell made safe to open in a spreadsheet. A cell that
 * starts with = + - @ (or a tab or carriage return) would run as a formula in Excel or LibreOffice; names in
 * councils' own files and in the registers can start that way, so a leading apostrophe keeps such a cell text.
 * Plain numbers, negative ones included, are left as they are.
 */
import { stringify } from 'csv-stringify/sync'

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/
const FORMULA_START = /^[=+\-@\t\r]/

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

export type CsvValue = string | number | null | undefined

/** A CSV document: the headings, then one line per row; null and undefined are empty cells. */
export function csvDocument(headings: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const cell = (value: CsvValue) => (value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : spreadsheetSafe(value))
  return stringify([headings.map(cell), ...rows.map((row) => row.map(cell))], { record_delimiter: 'windows' })
}
