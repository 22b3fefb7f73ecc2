/**
 * A table of figures, once: shown as a GOV.UK table and downloadable as CSV from the same page (`?download=<id>`), so
 * every table on every spend page has its CSV and the two never disagree.
 */
import { csvDocument } from '../../platform/csv.ts'
import { formatDate } from '../../platform/dates.ts'
import { formatPence } from '../../platform/money.ts'
import { escapeHtml } from '../../platform/http/html.ts'

export type Cell =
  | { kind: 'text'; value: string; href?: string | undefined }
  | { kind: 'pence'; value: number }
  | { kind: 'count'; value: number }
  | { kind: 'percent'; value: number }
  /** An ISO calendar date: "7 December 2026" on the page, "2026-12-07" in the CSV; `note` says when it is a month or quarter. */
  | { kind: 'date'; value: string; note?: string | undefined }

export interface DataTable {
  id: string
  caption: string
  headings: string[]
  rows: Cell[][]
}

export const text = (value: string | null | undefined, href?: string): Cell => ({ kind: 'text', value: value ?? '', href })
export const pence = (value: number): Cell => ({ kind: 'pence', value })
export const count = (value: number): Cell => ({ kind: 'count', value })
export const date = (value: string, note?: string): Cell => ({ kind: 'date', value, note })
/** A share from 0 to 1. */
export const percent = (value: number): Cell => ({ kind: 'percent', value })

const numberFormat = new Intl.NumberFormat('en-GB')
const percentText = (value: number) => `${(value * 100).toFixed(1)}%`

/** The table as govukTable's parameters. */
export function govukTableOf(table: DataTable) {
  const numeric = table.rows[0]?.map((cell) => cell.kind !== 'text' && cell.kind !== 'date') ?? []
  return {
    caption: table.caption,
    captionClasses: 'govuk-table__caption--m',
    firstCellIsHeader: false,
    attributes: { id: table.id },
    head: table.headings.map((heading, i) => ({ text: heading, format: numeric[i] ? 'numeric' : undefined })),
    rows: table.rows.map((row) =>
      row.map((cell) => {
        if (cell.kind === 'text') return cell.href ? { html: `<a class="govuk-link" href="${escapeHtml(cell.href)}">${escapeHtml(cell.value)}</a>` } : { text: cell.value }
        if (cell.kind === 'date') return { text: `${formatDate(cell.value)}${cell.note ? ` (${cell.note})` : ''}` }
        const shown = cell.kind === 'pence' ? formatPence(cell.value) : cell.kind === 'count' ? numberFormat.format(cell.value) : percentText(cell.value)
        return { text: shown, format: 'numeric' }
      }),
    ),
  }
}

/**
 * The table as the HTML Catalyst's govukTable renders from govukTableOf's parameters (the same elements, classes, attributes and
 * escaping; only the whitespace between tags differs), written here because the Nunjucks macro costs tens of
 * microseconds a cell: a few thousand rows took most of a page's time. tables.test.ts checks it against the macro.
 */
export function govukTableHtml(table: DataTable): string {
  const params = govukTableOf(table)
  // Inside the scrolling region Catalyst's own govukTable puts every table in (views/macros/scrolling-table.njk),
  // so a wide table scrolls in its box instead of widening the page on a phone.
  const out: string[] = [
    `<div class="catalyst-table-scroll" role="region" aria-label="${escapeNunjucks(params.caption || 'Table')}" tabindex="0">`,
    `<table class="govuk-table" id="${escapeNunjucks(params.attributes.id)}">`,
  ]
  if (params.caption) out.push(`<caption class="govuk-table__caption ${params.captionClasses}">${escapeNunjucks(params.caption)}</caption>`)
  out.push('<thead class="govuk-table__head"><tr class="govuk-table__row">')
  for (const h of params.head) out.push(`<th scope="col" class="govuk-table__header${h.format ? ` govuk-table__header--${h.format}` : ''}">${escapeNunjucks(h.text)}</th>`)
  out.push('</tr></thead><tbody class="govuk-table__body">')
  for (const row of params.rows) {
    out.push('<tr class="govuk-table__row">')
    for (const cell of row) {
      const format = 'format' in cell && cell.format ? ` govuk-table__cell--${cell.format}` : ''
      out.push(`<td class="govuk-table__cell${format}">${'html' in cell ? cell.html : escapeNunjucks(cell.text)}</td>`)
    }
    out.push('</tr>')
  }
  out.push('</tbody></table></div>')
  return out.join('')
}

/** Nunjucks's autoescape, character for character, so the HTML is what the macro would have written. */
const NUNJUCKS_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' }
const escapeNunjucks = (value: string) => value.replace(/[&"'<>\\]/g, (c) => NUNJUCKS_ESCAPES[c]!)

/** The table as CSV: amounts in pounds with two decimals, shares as percentages, no formatting. */
export function csvOf(table: DataTable): string {
  const headings = table.headings.map((h, i) => (table.rows[0]?.[i]?.kind === 'pence' ? `${h} (£)` : table.rows[0]?.[i]?.kind === 'percent' ? `${h} (%)` : h))
  const rows = table.rows.map((row) =>
    row.map((cell) => {
      if (cell.kind === 'text') return cell.value
      if (cell.kind === 'date') return cell.note ? `${cell.value} (${cell.note})` : cell.value
      if (cell.kind === 'pence') return (cell.value / 100).toFixed(2)
      if (cell.kind === 'percent') return (cell.value * 100).toFixed(2)
      return String(cell.value)
    }),
  )
  return csvDocument(headings, rows, { recordDelimiter: 'unix' })
}
