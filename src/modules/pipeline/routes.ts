/**
 * The public commissioning pipeline (ADR 0047): a page filterable by service, value band and kind, the same rows as
 * CSV and an Atom feed, and the s.93 pipeline notice's content for the coming 1 April. `/pipeline` takes a signed-in
 * user to their own council's.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Feed } from 'feed'
import { can } from '../../platform/auth/roles.ts'
import { csvDocument } from '../../platform/csv.ts'
import { formatDate } from '../../platform/dates.ts'
import { escapeHtml as escape } from '../../platform/http/html.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { formatPence } from '../../platform/money.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { findCouncil, findCouncilById } from '../councils/service.ts'
import { engagementLinks } from '../market-engagement/pipeline-links.ts'
import { SERVICE_CATEGORIES } from '../providers/service-categories.ts'
import { PIPELINE_NOTICE_CONTRACT_PENCE, PIPELINE_NOTICE_PAYMENTS_PENCE, VALUE_BANDS, bandOf } from './rules.ts'
import { pipelineOf, type PipelineEntry } from './service.ts'

const KINDS = { notice: 'Planned procurements and open tenders', 'contract-ending': 'Contracts ending', project: 'Commissioning projects planning a procurement' } as const

export function registerPipelineRoutes(app: FastifyInstance, context: AppContext): void {
  const { db, config } = context
  const today = () => londonDate(context.clock())

  const load = async (request: FastifyRequest) => {
    const code = (request.params as { council: string }).council
    const council = await findCouncil(db, code)
    if (!council || !council.isTenant) throw new NotFoundError('Pipeline')
    const pipeline = await pipelineOf(db, council.id, today())
    const q = request.query as Record<string, unknown>
    const filters = {
      service: typeof q.service === 'string' && SERVICE_CATEGORIES.some((c) => c.code === q.service) ? q.service : '',
      band: typeof q.band === 'string' && VALUE_BANDS.some((b) => b.code === q.band) ? q.band : '',
      kind: typeof q.kind === 'string' && q.kind in KINDS ? q.kind : '',
    }
    const entries = pipeline.entries.filter(
      (e) => (!filters.service || e.serviceCategory === filters.service) && (!filters.band || bandOf(e.valuePence)?.code === filters.band) && (!filters.kind || e.kind === filters.kind),
    )
    return { council, pipeline, entries, filters }
  }

  app.get(paths.pipeline.mine.pattern, { preHandler: requirePermission('opportunities:read') }, async (request, reply) => {
    const council = await findCouncilById(db, principalOf(request).councilId)
    if (!council) throw new NotFoundError('Pipeline')
    return reply.redirect(paths.pipeline.page.href({ council: council.code }), 303)
  })

  /** An entry's summary list: the record it comes from linked where it is public (a supplier, the service's statement). */
  const summaryRows = (e: PipelineEntry, councilCode: string) => {
    const suppliers = e.suppliers.filter((s) => s.published).map((s) => `<a class="govuk-link" href="${paths.publicRegister.show.href({ id: s.id })}">${escape(s.name)}</a>`)
    const suitability = [e.sme ? 'Suitable for SMEs' : '', e.vcse ? 'Suitable for VCSEs' : ''].filter(Boolean).join('; ')
    const service = e.serviceCategory
      ? `<a class="govuk-link" href="${paths.market.publicStatement.href({ council: councilCode, category: e.serviceCategory })}">${escape(e.service)}<span class="govuk-visually-hidden">: market position statement</span></a>`
      : escape(e.service || 'Not stated')
    return [
      { key: { text: 'Stage' }, value: { text: e.stage } },
      { key: { text: 'Reference' }, value: { text: e.reference } },
      { key: { text: 'Service' }, value: { html: service } },
      { key: { text: 'Value' }, value: { text: e.valuePence === null ? 'Not stated' : `${formatPence(e.valuePence, { whole: true })} (${e.valueBasis.toLowerCase()})` } },
      { key: { text: 'Value band' }, value: { text: e.band } },
      { key: { text: 'Date' }, value: { text: e.date ? `${e.dateLabel}: ${formatDate(e.date)}` : `${e.dateLabel}: not stated` } },
      ...(suppliers.length ? [{ key: { text: 'Current suppliers' }, value: { html: suppliers.join(', ') } }] : []),
      ...(suitability ? [{ key: { text: 'Suitability' }, value: { text: suitability } }] : []),
    ]
  }

  app.get(paths.pipeline.page.pattern, async (request, reply) => {
    const { council, pipeline, entries, filters } = await load(request)
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString()
    const w = pipeline.window
    const engagement = await engagementLinks(db, council.id, today(), request.principal ?? null)
    return reply.view('pipeline/views/pipeline.njk', {
      pageTitle: `Commissioning pipeline: ${council.name}`,
      council,
      filters,
      count: entries.length,
      total: pipeline.entries.length,
      serviceItems: [{ value: '', text: 'Any service' }, ...SERVICE_CATEGORIES.map((c) => ({ value: c.code, text: c.name, selected: c.code === filters.service }))],
      bandItems: [{ value: '', text: 'Any value' }, ...VALUE_BANDS.map((b) => ({ value: b.code, text: b.text, selected: b.code === filters.band }))],
      kindItems: [{ value: '', text: 'Both' }, ...Object.entries(KINDS).map(([value, text]) => ({ value, text, selected: value === filters.kind }))],
      entries: entries.map((e) => ({
        ...e,
        valueText: e.valuePence === null ? 'Not stated' : `${formatPence(e.valuePence, { whole: true })} (${e.valueBasis.toLowerCase()})`,
        dateText: e.date ? `${e.dateLabel}: ${formatDate(e.date)}` : `${e.dateLabel}: not stated`,
        marketHref: e.serviceCategory ? paths.market.publicStatement.href({ council: council.code, category: e.serviceCategory }) : undefined,
        rows: summaryRows(e, council.code),
        engagement: engagement(e),
        // A project's own page is the council's: linked for its staff who read projects.
        projectHref: e.kind === 'project' && request.principal?.councilId === council.id && can(request.principal, 'projects:read') ? paths.projects.show.href({ id: e.id }) : undefined,
      })),
      csv: `${paths.pipeline.csv.href({ council: council.code })}${query ? `?${query}` : ''}`,
      atom: paths.pipeline.atom.href({ council: council.code }),
      notice: {
        year: w.yearLabel,
        from: formatDate(w.from),
        to: formatDate(w.to),
        publishBy: formatDate(w.publishBy),
        expected: formatPence(pipeline.expectedPaymentsPence, { whole: true }),
        threshold: formatPence(PIPELINE_NOTICE_PAYMENTS_PENCE, { whole: true }),
        contractThreshold: formatPence(PIPELINE_NOTICE_CONTRACT_PENCE, { whole: true }),
        required: pipeline.required,
        rows: pipeline.noticeEntries.map((e) => [{ text: e.title }, { text: e.reference }, { text: formatPence(e.valuePence, { whole: true }), format: 'numeric' }, { text: formatDate(e.date) }]),
      },
    })
  })

  app.get(paths.pipeline.csv.pattern, async (request, reply) => {
    const { council, entries, pipeline } = await load(request)
    const notice = new Set(pipeline.noticeEntries.map((e) => e.id))
    const csv = csvDocument(
      ['Kind', 'Stage', 'Title', 'Reference', 'Service', 'Estimated value (£)', 'Basis of the value', 'Value band', 'Date', 'What the date is', 'Current suppliers', 'In the s.93 pipeline notice'],
      entries.map((e) => [KINDS[e.kind], e.stage, e.title, e.reference, e.service, e.valuePence === null ? '' : (e.valuePence / 100).toFixed(2), e.valueBasis, e.band, e.date ?? '', e.dateLabel, e.suppliers.filter((s) => s.published).map((s) => s.name).join('; '), notice.has(e.id) ? 'Yes' : 'No']),
    )
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${council.code.toLowerCase()}-pipeline.csv"`).send(csv)
  })

  app.get(paths.pipeline.atom.pattern, async (request, reply) => {
    const { council, entries } = await load(request)
    // Absolute links (a feed reader has no page to resolve them against), on the configured address, never the Host header.
    const base = config.publicUrl.replace(/\/$/, '')
    const page = `${base}${paths.pipeline.page.href({ council: council.code })}`
    const updated = entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), '2000-01-01')
    const feed = new Feed({
      title: `${council.name}: commissioning pipeline`,
      description: 'Planned procurements, open tenders and contracts ending that the council expects to commission again.',
      id: page,
      link: page,
      language: 'en-GB',
      updated: new Date(`${updated}T00:00:00Z`),
      copyright: 'Open Government Licence v3.0',
      feedLinks: { atom: `${base}${paths.pipeline.atom.href({ council: council.code })}` },
      generator: 'Catalyst',
    })
    for (const e of entries) {
      feed.addItem({
        title: `${e.stage}: ${e.title}`,
        id: `${page}#${e.id}`,
        link: `${page}#${e.id}`,
        date: new Date(`${e.updated}T00:00:00Z`),
        description: [e.description, e.valuePence === null ? 'Value not stated' : `${formatPence(e.valuePence, { whole: true })} (${e.valueBasis.toLowerCase()})`, e.date ? `${e.dateLabel}: ${formatDate(e.date)}` : ''].filter(Boolean).join('. '),
      })
    }
    return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1())
  })
}
