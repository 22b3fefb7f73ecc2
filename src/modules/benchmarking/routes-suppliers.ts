/**
 * The "who supplies my neighbours" page of a comparator group: choose a service category or a CPV prefix, read the
 * suppliers on the neighbours' published contracts and the contracts themselves, each table with its CSV.
 */
import type { FastifyInstance } from 'fastify'
import { NotFoundError, requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { AWARD_PROCEDURES, type AwardProcedure } from '../contracts/vocabulary.ts'
import { SERVICE_CATEGORIES, serviceCategoryName } from '../providers/service-categories.ts'
import { count, csvOf, date, pence, text, type Cell, type DataTable } from '../spend/tables.ts'
import { neighbourSuppliers, type NeighbourSuppliers } from './neighbour-suppliers.ts'
import { groupInAddress } from './group-in-address.ts'
import { pageTables } from './page-tables.ts'

const CPV_PREFIX = /^[0-9]{2,8}$/
const dateOrBlank = (value: string | null): Cell => (value ? date(value) : text(''))

export function supplierTables(result: NeighbourSuppliers, what: string): DataTable[] {
  const councilOf = new Map(result.suppliers.map((s) => [s.key, s]))
  return [
    {
      id: 'suppliers',
      caption: `Suppliers of ${what} to the group’s councils`,
      headings: ['Supplier', 'Identifier', 'Councils it supplies', 'Contracts', 'Total value', 'Earliest start', 'Latest end', 'SME', 'VCSE', 'Works for this council'],
      rows: result.suppliers.map((s) => [
        text(s.name, s.publicProviderId ? paths.publicRegister.show.href({ id: s.publicProviderId }) : undefined),
        text(s.identifiers.join(', ') || 'None recorded'),
        text(s.councils.map((c) => c.name).join('; ')),
        count(s.contracts),
        pence(s.valuePence),
        dateOrBlank(s.firstStart),
        dateOrBlank(s.lastEnd),
        text(s.isSme ? 'Yes' : 'No'),
        text(s.isVcse ? 'Yes' : 'No'),
        s.own
          ? text(
              `${s.own.contracts > 0 ? `Yes: ${s.own.contracts} ${s.own.contracts === 1 ? 'contract' : 'contracts'}` : 'On the register, no contract'}${s.own.matchedBy === 'name' ? ' (matched by name only)' : ''}`,
              paths.providers.show.href({ id: s.own.providerId }),
            )
          : text('No'),
      ]),
    },
    {
      id: 'contracts',
      caption: `The neighbours’ published contracts for ${what}`,
      headings: ['Council', 'Contract', 'Supplier', 'Value', 'Start', 'End', 'How it was awarded'],
      rows: result.contracts.map((c) => [
        text(c.council.name),
        text(c.title, `${paths.openData.whoDelivers.href()}?${new URLSearchParams({ council: c.council.code, service: c.title })}`),
        text(councilOf.get(c.supplierKey)?.name ?? c.providerName),
        c.totalValuePence === null ? text('Not recorded') : pence(c.totalValuePence),
        dateOrBlank(c.startDate),
        dateOrBlank(c.endDate),
        text(AWARD_PROCEDURES[c.awardProcedure as AwardProcedure]?.name ?? c.awardProcedure),
      ]),
    },
  ]
}

export function registerSupplierRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  app.get(paths.benchmarking.suppliers.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const { principal, group } = await groupInAddress(db, request)
    const query = request.query as Record<string, string | undefined>
    const category = SERVICE_CATEGORIES.some((c) => c.code === query.category) ? query.category! : ''
    const cpv = (query.cpv ?? '').replace(/\s+/g, '').slice(0, 20)
    const errorList: { text: string; href: string }[] = []
    const fieldErrors: Record<string, { text: string }> = {}
    if (cpv && !CPV_PREFIX.test(cpv)) {
      const message = 'Enter the first 2 to 8 digits of a CPV code, like 85 or 8531'
      errorList.push({ text: message, href: '#cpv' })
      fieldErrors.cpv = { text: message }
    }
    const chosen = (category || cpv) && errorList.length === 0
    const result = chosen ? await neighbourSuppliers(db, { councilId: principal.councilId, groupId: group.id, serviceCategory: category || undefined, cpvPrefix: cpv || undefined }) : undefined
    const what = [category ? serviceCategoryName(category).toLowerCase() : '', cpv ? `CPV ${cpv}…` : ''].filter(Boolean).join(', ')
    const tables = result ? supplierTables(result, what) : []
    if (query.download) {
      const table = tables.find((t) => t.id === query.download)
      if (!table) throw new NotFoundError('Table')
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${principal.councilCode.toLowerCase()}-neighbours-${table.id}.csv"`).send(csvOf(table))
    }
    return reply.code(errorList.length ? 400 : 200).view('benchmarking/views/suppliers.njk', {
      pageTitle: `Who supplies my neighbours: ${group.name}`,
      group,
      categoryItems: [{ value: '', text: 'Any service' }, ...SERVICE_CATEGORIES.map((c) => ({ value: c.code, text: c.name, selected: c.code === category }))],
      cpv,
      what,
      result,
      withoutContracts: result ? result.members.filter((m) => !result.withContracts.some((w) => w.id === m.id)) : [],
      alreadyHere: result ? result.suppliers.filter((s) => s.own && s.own.contracts > 0).length : 0,
      tables: pageTables(request, tables),
      errorList,
      fieldErrors,
    })
  })
}
