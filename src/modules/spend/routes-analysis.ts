/** The spend analysis pages: overview, payees, a payee, payments, concentration, spend against contracts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { can } from '../../platform/auth/roles.ts'
import { financialYear, financialYearOf, type FinancialYear } from '../../platform/financial-year.ts'
import { formatPence } from '../../platform/money.ts'
import type { AppContext } from '../../platform/modules.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { areaSettings } from '../councils/area.ts'
import { contractsOfProvider } from '../contracts/service.ts'
import * as analysis from './analysis.ts'
import { barChart, lineChart } from '../../platform/charts/charts.ts'
import { parsePaymentFilters } from './payment-filters.ts'
import { pageHref, pageOf, previousNextPagination } from '../../platform/http/pagination.ts'
import { spendSettings } from './settings.ts'
import { redFlagSettings } from '../red-flags/settings.ts'
import { count, csvOf, date, govukTableOf, pence, percent, text, type DataTable } from './tables.ts'
import { formatDate } from '../../platform/dates.ts'

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const monthLabel = (iso: string) => `${MONTH_NAMES[Number(iso.slice(5, 7)) - 1]} ${iso.slice(2, 4)}`
const notStated = (label: string) => (label === '' ? 'Not stated' : label)
/** A payment's category as the analysis counts it, with the file's own spelling beside it when the council mapped it. */
const categoryOf = (p: { category: string | null; publishedCategory: string | null }) =>
  (p.publishedCategory ?? '') === (p.category ?? '') ? p.category : `${p.category ?? 'Not stated'} (published as “${p.publishedCategory || 'not stated'}”)`
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>

/** The year asked for (?year=2024), else the latest with spend, else the current one. */
async function chosenYear(context: AppContext, request: FastifyRequest, councilId: string): Promise<{ year: FinancialYear; years: FinancialYear[] }> {
  const years = await analysis.yearsWithSpend(context.db, councilId)
  const asked = Number(query(request).year)
  const year = Number.isInteger(asked) && asked > 1990 && asked < 2100 ? financialYear(asked) : (years[0] ?? financialYearOf(context.clock()))
  return { year, years }
}

const yearItems = (years: FinancialYear[], year: FinancialYear) =>
  (years.some((y) => y.startYear === year.startYear) ? years : [year, ...years]).map((y) => ({ value: String(y.startYear), text: y.label, selected: y.startYear === year.startYear }))

/** Sends one of the page's tables as CSV when the page was asked for `?download=<table id>`. */
function sendCsvIfAsked(request: FastifyRequest, reply: FastifyReply, tables: DataTable[], councilCode: string): boolean {
  const wanted = query(request).download
  if (!wanted) return false
  const table = tables.find((t) => t.id === wanted)
  if (!table) throw new NotFoundError('Table')
  void reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${councilCode.toLowerCase()}-${table.id}.csv"`)
    .send(csvOf(table))
  return true
}

/** Tables ready for the template: GOV.UK parameters and the address of their CSV. */
function present(request: FastifyRequest, tables: DataTable[]) {
  const url = new URL(request.url, 'http://x')
  return Object.fromEntries(
    tables.map((t) => {
      url.searchParams.set('download', t.id)
      return [t.id, { table: govukTableOf(t), csvHref: `${url.pathname}${url.search}`, empty: t.rows.length === 0, caption: t.caption }]
    }),
  )
}

/** Payments a page shows; the CSV download has them all. */
const PAYMENTS_PAGE = 100

/**
 * Said plainly beside the shares: unmatched payees' size, type and place are unknown, so the shares are of the matched
 * spend only, and a low match rate (not a low SME share) may be the story.
 */
function unmatchedSentence(row: analysis.ShareRow | undefined): string | undefined {
  if (!row || row.totalPence <= 0) return undefined
  const unmatched = row.totalPence - row.matchedPence
  if (unmatched <= 0) return `All of ${row.year.label}'s spend is with payees matched to a provider, so these shares are of all its spend.`
  const pct = Math.round((unmatched * 1000) / row.totalPence) / 10
  return `${formatPence(unmatched, { whole: true })} (${pct.toLocaleString('en-GB')}%) of ${row.year.label}'s spend is with payees not matched to a provider, so these shares are of the matched spend only: match more payees to make them more complete.`
}

const paymentsHref = (filters: Record<string, string>) => `${paths.spend.payments.href()}?${new URLSearchParams(filters).toString()}`

export function registerAnalysisRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: requirePermission('spend:read') }

  app.get(paths.spend.overview.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const council = principal.councilId
    const { year, years } = await chosenYear(context, request, council)
    const area = await readSettings(db, council, areaSettings)
    const [months, departments, categories, byYear, shares] = await Promise.all([
      analysis.spendByMonth(db, council, year),
      analysis.spendByLabel(db, council, year, 'department'),
      analysis.spendByLabel(db, council, year, 'category'),
      analysis.spendByYear(db, council),
      analysis.localProviderIds(db, council, area.postcodeDistricts).then((ids) => analysis.sharesByYear(db, council, ids)),
    ])
    const range = { from: year.start, to: year.end }
    const quarters = [1, 2, 3, 4].map((q) => {
      const inQuarter = months.filter((m) => Math.floor(((Number(m.month.slice(5, 7)) + 8) % 12) / 3) + 1 === q)
      return { q, amount: inQuarter.reduce((s, m) => s + m.amountPence, 0), payments: inQuarter.reduce((s, m) => s + m.payments, 0) }
    })
    const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0)
    const tables: DataTable[] = [
      {
        id: 'by-month',
        caption: `Spend by month, ${year.label}`,
        headings: ['Month', 'Spend', 'Payments'],
        rows: months.map((m) => {
          const end = new Date(Date.UTC(Number(m.month.slice(0, 4)), Number(m.month.slice(5, 7)), 0)).toISOString().slice(0, 10)
          return [text(monthLabel(m.month), paymentsHref({ from: m.month, to: end })), pence(m.amountPence), count(m.payments)]
        }),
      },
      {
        id: 'by-quarter',
        caption: `Spend by quarter, ${year.label}`,
        headings: ['Quarter', 'Spend', 'Payments'],
        rows: quarters.map((q) => [text(`Q${q.q}`), pence(q.amount), count(q.payments)]),
      },
      {
        id: 'by-year',
        caption: 'Spend by financial year',
        headings: ['Financial year', 'Spend', 'Payments'],
        rows: byYear.map((y) => [text(y.year.label, `${paths.spend.overview.href()}?year=${y.year.startYear}`), pence(y.amountPence), count(y.payments)]),
      },
      {
        id: 'by-department',
        caption: `Spend by department, ${year.label}`,
        headings: ['Department or service', 'Spend', 'Payments'],
        rows: departments.map((d) => [text(notStated(d.label), paymentsHref({ department: d.label, ...range })), pence(d.amountPence), count(d.payments)]),
      },
      {
        id: 'by-category',
        caption: `Spend by category, ${year.label}`,
        headings: ['Category', 'Spend', 'Payments'],
        rows: categories.map((d) => [text(notStated(d.label), paymentsHref({ category: d.label, ...range })), pence(d.amountPence), count(d.payments)]),
      },
      {
        id: 'shares',
        caption: 'Share of matched spend with SMEs, VCSEs and local organisations',
        headings: ['Financial year', 'Spend', 'Not matched to a provider', 'Not matched (share of spend)', 'SMEs (of matched spend)', 'VCSEs (of matched spend)', 'Local (of matched spend)'],
        rows: shares.map((s) => [
          text(s.year.label),
          pence(s.totalPence),
          pence(s.totalPence - s.matchedPence),
          percent(share(s.totalPence - s.matchedPence, s.totalPence)),
          percent(share(s.smePence, s.matchedPence)),
          percent(share(s.vcsePence, s.matchedPence)),
          percent(share(s.localPence, s.matchedPence)),
        ]),
      },
    ]
    if (sendCsvIfAsked(request, reply, tables, principal.councilCode)) return reply
    const total = months.reduce((s, m) => s + m.amountPence, 0)
    return reply.view('spend/views/overview.njk', {
      pageTitle: 'Spend',
      year,
      yearItems: yearItems(years, year),
      total,
      paymentCount: months.reduce((s, m) => s + m.payments, 0),
      tables: present(request, tables),
      monthChart: months.length
        ? barChart({
            title: `Spend by month, ${year.label}`,
            description: `Bar chart of the council's spend in each month of ${year.label}; the figures are in the table that follows.`,
            data: months.map((m) => ({ label: monthLabel(m.month), value: m.amountPence })),
            format: (v) => formatPence(v, { whole: true }).replace(/,000$/, 'k'),
          })
        : undefined,
      sharesChart: shares.length
        ? lineChart({
            title: 'Share of spend with SMEs, VCSEs and local organisations by financial year',
            description: 'Line chart of the percentage of spend with SMEs, VCSEs and local organisations in each financial year; the figures are in the table that follows.',
            labels: shares.map((s) => s.year.label),
            series: [
              { name: 'SMEs', values: shares.map((s) => share(s.smePence, s.matchedPence) * 100) },
              { name: 'VCSEs', values: shares.map((s) => share(s.vcsePence, s.matchedPence) * 100) },
              { name: 'Local', values: shares.map((s) => share(s.localPence, s.matchedPence) * 100) },
            ],
          })
        : undefined,
      unmatched: unmatchedSentence(shares.find((s) => s.year.startYear === year.startYear)),
      noArea: area.postcodeDistricts.length === 0,
      canImport: can(principal, 'spend:import'),
    })
  })

  app.get(paths.spend.payees.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const { year, years } = await chosenYear(context, request, principal.councilId)
    const page = pageOf(query(request).page)
    const q = query(request).q?.slice(0, 100)
    const pageSize = query(request).download ? 100_000 : 50
    const result = await analysis.payeeTotals(db, principal.councilId, year, { limit: pageSize, offset: (page - 1) * pageSize, q })
    const tables: DataTable[] = [
      {
        id: 'payees',
        caption: `Payees by spend, ${year.label}`,
        headings: ['Payee', 'Provider record', 'Supplier type', 'Spend', 'Payments'],
        rows: result.items.map((p) => [
          text(p.name, paths.spend.payee.href({ id: p.payeeId })),
          text(p.providerName ?? (p.matchStatus === 'not-given' ? 'Payee not given' : p.redacted ? 'Withheld' : p.matchStatus === 'suggested' ? 'Awaiting review' : 'Not matched'), p.providerId ? paths.providers.show.href({ id: p.providerId }) : undefined),
          text([p.isSme ? 'SME' : '', p.isVcse ? 'VCSE' : '', p.isMutual ? 'Mutual' : ''].filter(Boolean).join(', ')),
          pence(p.amountPence),
          count(p.payments),
        ]),
      },
    ]
    if (sendCsvIfAsked(request, reply, tables, principal.councilCode)) return reply
    const pageCount = Math.max(1, Math.ceil(result.total / pageSize))
    const href = (n: number) => `${paths.spend.payees.href()}?${new URLSearchParams({ year: String(year.startYear), ...(q ? { q } : {}), page: String(n) })}`
    return reply.view('spend/views/payees.njk', {
      pageTitle: 'Payees',
      year,
      yearItems: yearItems(years, year),
      q: q ?? '',
      resultCount: `${result.total.toLocaleString('en-GB')} ${result.total === 1 ? 'payee' : 'payees'}`,
      tables: present(request, tables),
      pagination:
        pageCount > 1
          ? {
              previous: page > 1 ? { href: href(page - 1) } : undefined,
              next: page < pageCount ? { href: href(page + 1) } : undefined,
              items: Array.from({ length: pageCount }, (_, i) => i + 1)
                .filter((n) => n === 1 || n === pageCount || Math.abs(n - page) <= 2)
                .map((n) => ({ number: n, href: href(n), current: n === page })),
            }
          : undefined,
    })
  })

  app.get(paths.spend.payee.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const found = await analysis.findPayee(db, principal.councilId, id)
    if (!found) throw new NotFoundError('Payee')
    const [byYear, aliases, recent] = await Promise.all([
      analysis.payeeByYear(db, principal.councilId, id),
      analysis.payeeAliases(db, principal.councilId, id),
      analysis.payments(db, principal.councilId, { payeeId: id }, 50),
    ])
    const years = new Map<number, { year: FinancialYear; amount: number; payments: number }>()
    for (const row of byYear) {
      const entry = years.get(row.year.startYear) ?? { year: row.year, amount: 0, payments: 0 }
      entry.amount += row.amountPence
      entry.payments += row.payments
      years.set(row.year.startYear, entry)
    }
    const tables: DataTable[] = [
      {
        id: 'payee-years',
        caption: 'Spend by financial year',
        headings: ['Financial year', 'Spend', 'Payments'],
        rows: [...years.values()].map((y) => [text(y.year.label), pence(y.amount), count(y.payments)]),
      },
      {
        id: 'payee-categories',
        caption: 'Spend by financial year and category',
        headings: ['Financial year', 'Category', 'Spend', 'Payments'],
        rows: byYear.map((r) => [text(r.year.label), text(notStated(r.category)), pence(r.amountPence), count(r.payments)]),
      },
      {
        id: 'payee-payments',
        caption: 'Latest payments',
        headings: ['Date', 'Name in the file', 'Department', 'Category', 'Amount'],
        rows: recent.map((p) => [date(p.paymentDate, p.datePrecision === 'day' ? undefined : p.datePrecision), text(p.supplierName), text(p.department), text(categoryOf(p)), pence(p.amountPence)]),
      },
    ]
    if (sendCsvIfAsked(request, reply, tables, principal.councilCode)) return reply
    const { payee, provider } = found
    // The contracts of the provider the payee is matched to: where the payments should sit.
    const contracts = provider && can(principal, 'registers:read') ? await contractsOfProvider(db, { councilId: principal.councilId }, provider.id) : []
    return reply.view('spend/views/payee.njk', {
      pageTitle: payee.name,
      payee,
      provider,
      contracts: contracts.map((c) => ({ title: c.title, reference: c.reference, href: paths.contracts.show.href({ id: c.id }), startDate: c.startDate, endDate: c.endDate })),
      aliases,
      tables: present(request, tables),
      allPaymentsHref: paymentsHref({ payee: id }),
      canReview: can(principal, 'spend:import') && !payee.redacted,
      canAddToRegister: can(principal, 'spend:import') && can(principal, 'providers:write') && !payee.redacted && !provider,
      done: typeof query(request).done === 'string' ? query(request).done!.slice(0, 300) : undefined,
      problem: typeof query(request).problem === 'string' ? query(request).problem!.slice(0, 300) : undefined,
      chart: years.size
        ? barChart({
            title: `Spend with ${payee.name} by financial year`,
            description: 'Bar chart of spend with this payee in each financial year; the figures are in the table that follows.',
            data: [...years.values()].reverse().map((y) => ({ label: y.year.label, value: y.amount })),
            format: (v) => formatPence(v, { whole: true }),
          })
        : undefined,
    })
  })

  app.get(paths.spend.payments.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const q = query(request)
    const { filters, problems, kept, described } = parsePaymentFilters(q)
    const page = pageOf(q.page)
    // One row more than a page shows whether there is a next page, without counting every payment.
    const [found, categories] = await Promise.all([
      analysis.payments(db, principal.councilId, filters, q.download ? 100_000 : PAYMENTS_PAGE + 1, q.download ? 0 : (page - 1) * PAYMENTS_PAGE),
      analysis.categoriesOf(db, principal.councilId),
    ])
    const rows = q.download ? found : found.slice(0, PAYMENTS_PAGE)
    const tables: DataTable[] = [
      {
        id: 'payments',
        caption: 'Payments',
        headings: ['Date', 'Payee', 'Department', 'Category', 'Purpose', 'Transaction', 'Amount'],
        rows: rows.map((p) => [
          date(p.paymentDate, p.datePrecision === 'day' ? undefined : p.datePrecision),
          text(p.supplierName, paths.spend.payee.href({ id: p.payeeId })),
          text(p.department),
          text(categoryOf(p)),
          text(p.purpose),
          text(p.transactionNumber),
          pence(p.amountPence),
        ]),
      },
    ]
    if (sendCsvIfAsked(request, reply, tables, principal.councilCode)) return reply
    const hrefFor = (n: number) => pageHref(paths.spend.payments.href(), kept, n)
    return reply.view('spend/views/payments.njk', {
      pageTitle: 'Payments',
      described: described.join(', '),
      first: (page - 1) * PAYMENTS_PAGE + 1,
      last: (page - 1) * PAYMENTS_PAGE + rows.length,
      page,
      values: q,
      categoryItems: [
        { value: 'any', text: 'Any category', selected: filters.category === undefined },
        ...categories.map((c) => ({ value: c, text: c || 'Not stated', selected: filters.category === c })),
      ],
      clearHref: paths.spend.payments.href(),
      pagination: previousNextPagination(page, found.length > PAYMENTS_PAGE, hrefFor),
      tables: present(request, tables),
      errorList: problems.map((p) => ({ text: p.message, href: p.href })),
      fieldErrors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
    })
  })

  app.get(paths.spend.concentration.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const { year, years } = await chosenYear(context, request, principal.councilId)
    const settings = await readSettings(db, principal.councilId, spendSettings)
    const [overall, perCategory, dependencies] = await Promise.all([
      analysis.concentration(db, principal.councilId, year, false),
      analysis.concentration(db, principal.councilId, year, true),
      analysis.dependencies(db, principal.councilId, year, settings.dependencySharePercent),
    ])
    const row = (c: analysis.Concentration, label: string) => [
      text(label),
      pence(c.totalPence),
      count(c.payees),
      count(c.hhi),
      text(c.band),
      percent(c.top1Share),
      percent(c.top5Share),
      count(c.payeesFor80),
    ]
    const headings = ['Spend', 'Total', 'Payees', 'HHI', 'Band', 'Largest payee', 'Largest 5', 'Payees making 80%']
    const tables: DataTable[] = [
      { id: 'concentration', caption: `Concentration of all spend, ${year.label}`, headings, rows: overall.map((c) => row(c, 'All spend')) },
      { id: 'concentration-by-category', caption: `Concentration by category, ${year.label}`, headings: ['Category', ...headings.slice(1)], rows: perCategory.map((c) => row(c, notStated(c.category))) },
      {
        id: 'dependencies',
        caption: `Payees with ${settings.dependencySharePercent}% or more of spend, ${year.label}`,
        headings: ['Payee', 'Spend', 'Share of spend'],
        rows: dependencies.map((d) => [text(d.name, paths.spend.payee.href({ id: d.payeeId })), pence(d.amountPence), percent(d.share)]),
      },
    ]
    if (sendCsvIfAsked(request, reply, tables, principal.councilCode)) return reply
    const top = perCategory.slice(0, 12)
    return reply.view('spend/views/concentration.njk', {
      pageTitle: 'Concentration',
      year,
      yearItems: yearItems(years, year),
      overall: overall[0],
      dependencyShare: settings.dependencySharePercent,
      tables: present(request, tables),
      chart: top.length
        ? barChart({
            title: `Herfindahl–Hirschman index by category, ${year.label}`,
            description: 'Bar chart of the concentration index (0 to 10,000) of the largest categories of spend; the figures are in the table that follows.',
            data: top.map((c) => ({ label: notStated(c.category), value: c.hhi })),
            format: (v) => v.toLocaleString('en-GB'),
          })
        : undefined,
    })
  })

  app.get(paths.spend.contracts.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const { year, years } = await chosenYear(context, request, principal.councilId)
    const [settings, flagSettings] = await Promise.all([readSettings(db, principal.councilId, spendSettings), readSettings(db, principal.councilId, redFlagSettings)])
    const tolerance = flagSettings.overspendLateInvoiceDays
    const [over, without] = await Promise.all([
      analysis.spendOverContractValue(db, principal.councilId, tolerance),
      analysis.spendWithoutContract(db, principal.councilId, year, settings.noContractThresholdPence),
    ])
    const tables: DataTable[] = [
      {
        id: 'over-contract-value',
        // The same contracts as RF-OVERSPEND, with the same counted payments (ADR 0027).
        caption: `Spend under a contract beyond its value and the modification limit (s.74(4)(a)), counting payments made in the contract’s term${tolerance > 0 ? ` plus ${tolerance} days` : ''}`,
        headings: ['Provider', 'Contracts', 'Payments counted', 'Contract value', 'Modification limit', 'Spend counted', 'Over value by'],
        rows: over.map((o) => [
          text(o.name, paths.providers.show.href({ id: o.providerId })),
          text(o.contracts.map((c) => c.reference).join(', ')),
          text(`${o.payments.toLocaleString('en-GB')}, ${formatDate(o.first)} to ${formatDate(o.last)}`),
          pence(o.contractValuePence),
          pence(o.allowancePence),
          pence(o.spentPence),
          pence(o.spentPence - o.contractValuePence),
        ]),
      },
      {
        id: 'without-contract',
        caption: `Payees paid more than ${formatPence(settings.noContractThresholdPence, { whole: true })} in ${year.label} with no contract in the register`,
        headings: ['Payee', 'Spend'],
        rows: without.map((w) => [text(w.name, paths.spend.payee.href({ id: w.payeeId })), pence(w.amountPence)]),
      },
    ]
    if (sendCsvIfAsked(request, reply, tables, principal.councilCode)) return reply
    return reply.view('spend/views/contracts.njk', { pageTitle: 'Spend against contracts', year, yearItems: yearItems(years, year), tolerance, tables: present(request, tables) })
  })
}
