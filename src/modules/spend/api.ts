/**
 * Spend's JSON API (/api/v1/spend/...): imports, payees and the summaries by month and by category, read only,
 * with the pages' permission (spend:read) and tenancy, cursor paging, filters and ETags (ADR 0044). Importing a
 * file stays on the pages and the command line, where a person sees the preview before anything is written.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pagingQuery, sendWithEtag } from '../../platform/http/api-paging.ts'
import { sendInvalid } from '../../platform/http/problem.ts'
import { financialYear, financialYearOf, type FinancialYear } from '../../platform/financial-year.ts'
import { isUuid } from '../../platform/ids.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import * as analysis from './analysis.ts'
import * as records from './records.ts'

export const IMPORT_KINDS = ['invoice', 'card'] as const
export const MATCH_STATUSES = ['identifier', 'name', 'confirmed', 'suggested', 'unmatched', 'redacted'] as const

const importsQuery = z.object({ kind: z.enum(IMPORT_KINDS, { error: `Use one of ${IMPORT_KINDS.join(', ')}` }).optional(), ...pagingQuery })
const payeesQuery = z.object({
  q: z.string().trim().max(200).optional(),
  matchStatus: z.enum(MATCH_STATUSES, { error: `Use one of ${MATCH_STATUSES.join(', ')}` }).optional(),
  provider: z.string().refine(isUuid, 'Use the id of a provider in your register').optional(),
  ...pagingQuery,
})
const yearQuery = z.object({
  year: z.coerce
    .number({ error: 'Use the year the financial year starts in, such as 2025 for 2025/26' })
    .int('Use the year the financial year starts in, such as 2025 for 2025/26')
    .min(1990, 'Use a year from 1990')
    .max(2100, 'Use a year before 2100')
    .optional(),
})

const yearJson = (year: FinancialYear) => ({ startYear: year.startYear, label: year.label, start: year.start, end: year.end })

export function registerSpendApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: [requirePermission('api:use'), requirePermission('spend:read')] }

  /** The financial year asked for, or the newest with spend (this one when there is none), as the overview page does. */
  const yearOf = async (request: FastifyRequest, councilId: string): Promise<FinancialYear | z.ZodError> => {
    const parsed = yearQuery.safeParse(request.query ?? {})
    if (!parsed.success) return parsed.error
    if (parsed.data.year !== undefined) return financialYear(parsed.data.year)
    return (await analysis.yearsWithSpend(db, councilId))[0] ?? financialYearOf(context.clock())
  }

  app.get(paths.api.spendImports.pattern, read, async (request, reply) => {
    const parsed = importsQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, ...filters } = parsed.data
    const page = await records.importsAfter(db, principalOf(request).councilId, filters, cursor, limit)
    return sendWithEtag(request, reply, {
      items: page.items.map((i) => ({
        ...i,
        createdAt: i.createdAt.toISOString(),
        links: { self: paths.api.spendImport.href({ id: i.id }), html: paths.spend.import.href({ id: i.id }) },
      })),
      links: { next: nextLink(request, page.items.at(-1)?.id, page.more) },
    })
  })

  app.get(paths.api.spendImport.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const row = await analysis.findImport(db, principalOf(request).councilId, id)
    if (!row) throw new NotFoundError('Spend import')
    return sendWithEtag(request, reply, {
      id: row.id,
      fileName: row.fileName,
      kind: row.kind,
      rowsRead: row.rowsRead,
      rowsImported: row.rowsImported,
      rowsRejected: row.rowsRejected,
      totalPence: row.totalPence,
      dateFrom: row.dateFrom,
      dateTo: row.dateTo,
      periodReading: row.periodReading,
      dateColumn: row.dateColumn,
      amountColumn: row.amountColumn,
      importedBy: row.importedBy,
      createdAt: row.createdAt.toISOString(),
      rejected: row.rejected,
      overlaps: row.overlaps,
      links: { self: paths.api.spendImport.href({ id: row.id }), html: paths.spend.import.href({ id: row.id }) },
    })
  })

  app.get(paths.api.spendPayees.pattern, read, async (request, reply) => {
    const parsed = payeesQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, provider, ...filters } = parsed.data
    const page = await records.payeesAfter(db, principalOf(request).councilId, { ...filters, providerId: provider }, cursor, limit)
    return sendWithEtag(request, reply, { items: page.items.map(payeeJson), links: { next: nextLink(request, page.items.at(-1)?.id, page.more) } })
  })

  app.get(paths.api.spendPayee.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const councilId = principalOf(request).councilId
    const found = await analysis.findPayee(db, councilId, id)
    if (!found) throw new NotFoundError('Payee')
    const [aliases, byYear] = await Promise.all([analysis.payeeAliases(db, councilId, id), analysis.payeeByYear(db, councilId, id)])
    const { payee, provider } = found
    return sendWithEtag(request, reply, {
      ...payeeJson({
        id: payee.id,
        name: payee.name,
        redacted: payee.redacted,
        matchStatus: payee.matchStatus,
        provider: provider ? { id: provider.id, name: provider.name } : null,
        companyNumber: payee.companyNumber,
        charityNumber: payee.charityNumber,
        vatNumber: payee.vatNumber,
        totalPence: byYear.reduce((sum, y) => sum + y.amountPence, 0),
        payments: byYear.reduce((sum, y) => sum + y.payments, 0),
      }),
      namesSeen: aliases.map((a) => a.name),
      byYearAndCategory: byYear.map((y) => ({ year: yearJson(y.year), category: y.category, amountPence: y.amountPence, payments: y.payments })),
    })
  })

  app.get(paths.api.spendByMonth.pattern, read, async (request, reply) => {
    const councilId = principalOf(request).councilId
    const year = await yearOf(request, councilId)
    if (year instanceof z.ZodError) return sendInvalid(reply, year)
    const months = await analysis.spendByMonth(db, councilId, year)
    return sendWithEtag(request, reply, { year: yearJson(year), months })
  })

  app.get(paths.api.spendByCategory.pattern, read, async (request, reply) => {
    const councilId = principalOf(request).councilId
    const year = await yearOf(request, councilId)
    if (year instanceof z.ZodError) return sendInvalid(reply, year)
    const totals = await analysis.spendByLabel(db, councilId, year, 'category')
    return sendWithEtag(request, reply, {
      year: yearJson(year),
      categories: totals.map((t) => ({ category: t.label, amountPence: t.amountPence, payments: t.payments })),
    })
  })
}

function payeeJson(p: records.PayeeSummary) {
  return {
    ...p,
    provider: p.provider ? { ...p.provider, links: { self: paths.api.provider.href({ id: p.provider.id }) } } : null,
    links: { self: paths.api.spendPayee.href({ id: p.id }), html: paths.spend.payee.href({ id: p.id }) },
  }
}
