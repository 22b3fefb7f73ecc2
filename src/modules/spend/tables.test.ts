/**
 * The table HTML written in TypeScript is the HTML Catalyst's govukTable renders from the same table: govuk-frontend's
 * template inside Catalyst's scrolling region, with the template folders in the app's order (Catalyst's first).
 */
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import path from 'node:path'
import { test } from 'node:test'
import nunjucks from 'nunjucks'
import { count, date, govukTableHtml, govukTableOf, pence, percent, text, type DataTable } from './tables.ts'

const frontend = path.resolve(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist')
const views = path.resolve(import.meta.dirname, '../../platform/views')
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([views, frontend]), { autoescape: true })
const macro = (table: DataTable) => env.renderString('{% from "govuk/components/table/macro.njk" import govukTable %}{{ govukTable(params) }}', { params: govukTableOf(table) })
/** The two differ only in the whitespace between and around tags, which HTML does not show in a table. */
const normalised = (html: string) => html.replace(/\s+/g, ' ').replace(/\s*([<>])\s*/g, '$1').trim()

test('every kind of cell, links, escaping and an empty value render as the macro renders them', () => {
  const table: DataTable = {
    id: 'suppliers',
    caption: 'Suppliers of adult social care & “others” <to the group>',
    headings: ['Supplier', 'Contracts', 'Total value', 'Share', 'Start', 'Note'],
    rows: [
      [text('Smith & Sons <Care> "Ltd" \\ O\'Neil', '/providers/1?a=1&b=2'), count(1234), pence(123456789), percent(0.4567), date('2025-04-01'), text('')],
      [text('Plain <b> & \\ back'), count(0), pence(-500), percent(0), date('2025-04-01', 'month'), text(null)],
    ],
  }
  const ours = govukTableHtml(table)
  assert.equal(normalised(ours), normalised(macro(table)))
  // And the figures a reader checks are there, escaped once.
  assert.match(ours, /Smith &amp; Sons &lt;Care&gt; &quot;Ltd&quot; \\ O&#39;Neil<\/a>/)
  assert.match(ours, />Plain &lt;b&gt; &amp; &#92; back</)
  assert.match(ours, />1,234</)
  assert.match(ours, /class="govuk-table__cell govuk-table__cell--numeric">£1,234,567.89</)
  // In the scrolling region, labelled by the caption, that keeps a wide table from widening the page.
  assert.match(ours, /^<div class="catalyst-table-scroll" role="region" aria-label="Suppliers of adult social care &amp; “others” &lt;to the group&gt;" tabindex="0"><table /)
})

test('a table without rows has its caption and headings only, as the macro', () => {
  const table: DataTable = { id: 'contracts', caption: 'None', headings: ['Council', 'Value'], rows: [] }
  assert.equal(normalised(govukTableHtml(table)), normalised(macro(table)))
})
