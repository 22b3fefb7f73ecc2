import type { FastifyRequest } from 'fastify'
import { govukTableHtml, type DataTable } from '../spend/tables.ts'

/**
 * The tables of a benchmarking page as the dataTable macro shows them: each with its HTML (written in TypeScript:
 * the govukTable macro took most of "who supplies my neighbours"' time at a few thousand rows) and the address of
 * its CSV, which is this page's own address with `download` set to the table's id.
 */
export function pageTables(request: FastifyRequest, tables: DataTable[]) {
  const url = new URL(request.url, 'http://x')
  return Object.fromEntries(
    tables.map((t) => {
      url.searchParams.set('download', t.id)
      return [t.id, { html: govukTableHtml(t), csvHref: `${url.pathname}${url.search}`, empty: t.rows.length === 0, caption: t.caption }]
    }),
  )
}
