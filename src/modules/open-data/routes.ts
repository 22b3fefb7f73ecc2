/**
 * Open data for anyone, no sign-in: each council's published contracts and grants as the Transparency Code CSVs,
 * OCDS release and record packages and 360Giving JSON and CSV (streamed from the database a page at a time), and
 * "Who delivers our services": published contracts and grants searchable by supplier, service, value and date.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError } from '../../platform/http/authentication.ts'
import { publicCache, publicScope } from '../../platform/http/public-cache.ts'
import { parsePoundsToPence } from '../../platform/money.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { findCouncil, listCouncils, type CouncilRow } from '../councils/service.ts'
import { isIsoDate } from '../contracts/dates.ts'
import { hasPublishedContracts, ocdsPackage } from '../contracts/ocds/export.ts'
import { listContracts } from '../contracts/service.ts'
import { openDataIdentity } from '../contracts/settings.ts'
import { transparencyContractsCsv } from '../contracts/transparency-csv.ts'
import { govukDate } from '../contracts/view-models.ts'
import { CONTRACT_STATUSES, nameOf } from '../contracts/vocabulary.ts'
import { threeSixtyGivingCsv, threeSixtyGivingJson } from '../grants/threesixty.ts'
import { vcseGrantsCsv } from '../grants/vcse-csv.ts'
import { hasPublishedGrants, listGrants } from '../grants/service.ts'
import { formatPence } from '../../platform/money.ts'
import { publishedStatementsOf } from '../market/service.ts'
import { serviceCategoryName } from '../providers/service-categories.ts'
import { escapeHtml } from '../../platform/http/html.ts'

export const OPEN_DATA_FILES = [
  { key: 'contractsCsv', name: 'Contracts (Transparency Code CSV)', file: 'contracts.csv' },
  { key: 'ocdsReleases', name: 'Contracts as an OCDS 1.1 release package (JSON)', file: 'ocds-releases.json' },
  { key: 'ocdsRecords', name: 'Contracts as an OCDS 1.1 record package (JSON)', file: 'ocds-records.json' },
  { key: 'grantsJson', name: 'Grants as 360Giving 1.4 (JSON)', file: '360giving.json' },
  { key: 'grantsCsv', name: 'Grants as 360Giving 1.4 (CSV)', file: '360giving.csv' },
  { key: 'vcseGrantsCsv', name: 'Grants to VCSE organisations (Transparency Code CSV)', file: 'vcse-grants.csv' },
] as const

export function registerOpenDataRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  const councilOf = async (request: FastifyRequest): Promise<CouncilRow> => {
    const council = await findCouncil(db, (request.params as { id: string }).id)
    if (!council || !council.isTenant) throw new NotFoundError('Council')
    publicScope(request, council.id)
    return council
  }

  const send = (reply: FastifyReply, type: string, filename: string, chunks: AsyncIterable<string>) =>
    reply.type(type).header('content-disposition', `inline; filename="${filename}"`).header('access-control-allow-origin', '*').send(Readable.from(chunks))

  const file = publicCache(context, { kind: 'file' })
  const page = publicCache(context, { kind: 'page' })

  /** An empty package would break the standard's schema (minItems 1): say so on a page instead of publishing it. */
  const nothingPublished = (reply: FastifyReply, council: CouncilRow, what: 'contracts' | 'grants', standard: string) =>
    reply.code(404).view('open-data/views/nothing-published.njk', { pageTitle: `${council.name} has not published any ${what} yet`, councilName: council.name, what, standard })

  const selfUri = (request: FastifyRequest) => `${request.protocol}://${request.host}${request.url.split('?')[0]}`

  app.get(paths.openData.index.pattern, page, async (_request, reply) => {
    const councils = (await listCouncils(db)).filter((c) => c.isTenant)
    const statements = await Promise.all(councils.map((c) => publishedStatementsOf(db, c.id)))
    return reply.view('open-data/views/index.njk', {
      pageTitle: 'Open data',
      councils: councils.map((c, i) => ({
        name: c.name,
        code: c.code,
        files: OPEN_DATA_FILES.map((f) => ({ name: f.name, href: paths.openData[f.key].href({ id: c.code }) })),
        statements: statements[i]!.map((s) => ({ name: `${s.title} (${serviceCategoryName(s.serviceCategory)})`, href: paths.market.publicStatement.href({ council: c.code, category: s.serviceCategory }) })),
      })),
    })
  })

  app.get(paths.openData.contractsCsv.pattern, file, async (request, reply) => {
    const council = await councilOf(request)
    const identity = await openDataIdentity(db, council)
    return send(reply, 'text/csv; charset=utf-8', `contracts-${council.code.toLowerCase()}.csv`, transparencyContractsCsv(db, council.id, identity.ocidPrefix))
  })

  for (const kind of ['releases', 'records'] as const) {
    const route = kind === 'releases' ? paths.openData.ocdsReleases : paths.openData.ocdsRecords
    app.get(route.pattern, file, async (request, reply) => {
      const council = await councilOf(request)
      const identity = await openDataIdentity(db, council)
      const context_ = { council, identity, uri: selfUri(request), publishedDate: context.clock() }
      if (!(await hasPublishedContracts(db, council.id))) return nothingPublished(reply, council, 'contracts', 'OCDS')
      return send(reply, 'application/json; charset=utf-8', `ocds-${kind}-${council.code.toLowerCase()}.json`, ocdsPackage(db, context_, kind))
    })
  }

  app.get(paths.openData.grantsJson.pattern, file, async (request, reply) => {
    const council = await councilOf(request)
    if (!(await hasPublishedGrants(db, council.id))) return nothingPublished(reply, council, 'grants', '360Giving')
    return send(reply, 'application/json; charset=utf-8', `360giving-${council.code.toLowerCase()}.json`, threeSixtyGivingJson(db, council, await openDataIdentity(db, council), context.clock()))
  })

  app.get(paths.openData.grantsCsv.pattern, file, async (request, reply) => {
    const council = await councilOf(request)
    return send(reply, 'text/csv; charset=utf-8', `360giving-${council.code.toLowerCase()}.csv`, threeSixtyGivingCsv(db, council, await openDataIdentity(db, council)))
  })

  app.get(paths.openData.vcseGrantsCsv.pattern, file, async (request, reply) => {
    const council = await councilOf(request)
    return send(reply, 'text/csv; charset=utf-8', `vcse-grants-${council.code.toLowerCase()}.csv`, vcseGrantsCsv(db, council.id))
  })

  app.get(paths.openData.whoDelivers.pattern, page, async (request, reply) => {
    const raw = request.query as Record<string, string | undefined>
    const councils = (await listCouncils(db)).filter((c) => c.isTenant)
    const council = councils.find((c) => c.code === raw.council) ?? undefined
    if (council) publicScope(request, council.id)
    const query = {
      council: council?.code ?? '',
      supplier: (raw.supplier ?? '').slice(0, 200),
      service: (raw.service ?? '').slice(0, 200),
      minValue: (raw.minValue ?? '').slice(0, 20),
      maxValue: (raw.maxValue ?? '').slice(0, 20),
      activeOn: (raw.activeOn ?? '').slice(0, 10),
    }
    const minPence = query.minValue ? parsePoundsToPence(query.minValue) : undefined
    const maxPence = query.maxValue ? parsePoundsToPence(query.maxValue) : undefined
    const activeOn = isIsoDate(query.activeOn) ? query.activeOn : undefined
    const page = Math.max(1, Math.min(10_000, Number(raw.page) || 1))
    const result = await listContracts(
      db,
      { published: true, councilId: council?.id },
      { q: query.service || undefined, supplier: query.supplier || undefined, minValuePence: minPence, maxValuePence: maxPence, activeFrom: activeOn, activeTo: activeOn },
      page,
    )
    const councilNames = new Map(councils.map((c) => [c.id, c.name]))
    const grants = council ? await listGrants(db, { councilId: council.id, publishedOnly: true }, { q: query.service || undefined }, 1, 50) : undefined
    const supplierLinks = (suppliers: { providerId: string; name: string; published: boolean }[]) =>
      suppliers.map((s) => (s.published ? `<a class="govuk-link" href="${paths.publicRegister.show.href({ id: s.providerId })}">${escapeHtml(s.name)}</a>` : escapeHtml(s.name))).join(', ')
    const qs = (n: number) => `${paths.openData.whoDelivers.href()}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)), page: String(n) })}`
    return reply.view('open-data/views/who-delivers.njk', {
      pageTitle: 'Who delivers our services',
      query,
      councilItems: [{ value: '', text: 'Every council' }, ...councils.map((c) => ({ value: c.code, text: c.name, selected: c.code === query.council }))],
      resultCount: `${result.total} ${result.total === 1 ? 'contract' : 'contracts'}`,
      table: {
        head: [{ text: 'Service' }, { text: 'Delivered by' }, { text: 'Value', format: 'numeric' }, { text: 'Dates' }, { text: 'Council' }],
        rows: result.items.map((c) => [
          { html: `${escapeHtml(c.title)}<br><span class="govuk-body-s">${escapeHtml(nameOf(CONTRACT_STATUSES, c.status))}</span>` },
          { html: supplierLinks(c.suppliers) },
          { text: formatPence(c.totalValuePence, { whole: true }), format: 'numeric' },
          { text: `${govukDate(c.startDate)} to ${govukDate(c.endDate)}` },
          { text: councilNames.get(c.councilId) ?? '' },
        ]),
      },
      empty: result.items.length === 0,
      grantsTable: grants && grants.items.length
        ? {
            head: [{ text: 'Grant' }, { text: 'Recipient' }, { text: 'Amount', format: 'numeric' }, { text: 'Awarded' }],
            rows: grants.items.map((g) => [
              { text: g.title },
              { html: g.recipient ? supplierLinks([{ providerId: g.recipient.id, name: g.recipient.name, published: g.recipient.published }]) : '' },
              { text: formatPence(g.amountAwardedPence, { whole: true }), format: 'numeric' },
              { text: govukDate(g.awardDate) },
            ]),
          }
        : undefined,
      pagination: result.pageCount > 1 ? { previous: page > 1 ? { href: qs(page - 1) } : undefined, next: page < result.pageCount ? { href: qs(page + 1) } : undefined } : undefined,
    })
  })
}
