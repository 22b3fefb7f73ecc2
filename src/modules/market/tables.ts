/** The market pages' tables: built once from the figures, shown as GOV.UK tables and downloadable as CSV. */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError } from '../../platform/http/authentication.ts'
import { formatPence } from '../../platform/money.ts'
import { paths } from '../../paths.ts'
import { annualValueOf, SECTOR_NAMES, SIZE_NAMES } from '../../rules/market/market.ts'
import { count, csvOf, govukTableOf, pence, percent, text, type DataTable } from '../spend/tables.ts'
import type { MarketFigures, ProviderFigures } from './figures.ts'
import { formatDate } from '../../platform/dates.ts'

const yesNo = (flag: boolean | undefined) => (flag ? 'Yes' : 'No')
const longDate = (iso: string | null) => formatDate(iso)

export function capacityText(p: ProviderFigures): string {
  return p.capacity
    .map((c) => `${c.amount.toLocaleString('en-GB')} ${c.unit}${c.usedByCouncil !== null ? ` (${c.usedByCouncil.toLocaleString('en-GB')} used by the council)` : ''}`)
    .join('; ')
}

export function sizeText(p: ProviderFigures): string {
  const size = SIZE_NAMES[p.size.size]
  return p.size.basis === 'accounts' ? `${size}: ${p.size.band} employees (accounts to ${longDate(p.accounts!.periodEnd)})` : `${size} (provider record)`
}

/** The officers' tables: every provider named, with links. */
export function marketTables(f: MarketFigures): DataTable[] {
  const y = f.year.label
  const name = (p: ProviderFigures) => text(p.name, paths.providers.show.href({ id: p.id }))
  const byId = new Map(f.providers.map((p) => [p.id, p]))
  const trendYears = f.spendTrend.map((t) => t.year)
  return [
    {
      id: 'providers',
      caption: 'Providers, by sector and size, with their capacity',
      headings: ['Provider', 'Sector', 'Size', 'Capacity', `Spend ${y}`, 'Live contracts', 'Live contracts a year'],
      rows: f.providers.map((p) => [name(p), text(SECTOR_NAMES[p.sector]), text(sizeText(p)), text(capacityText(p) || 'Not recorded'), pence(p.spendPence), count(p.liveContracts.length), pence(p.liveAnnualValuePence)]),
    },
    {
      id: 'sector-size',
      caption: 'Number of providers by sector and size',
      headings: ['Sector', 'SME', 'Large', 'All'],
      rows: f.groups.map((g) => [text(SECTOR_NAMES[g.sector]), count(g.sme), count(g.large), count(g.total)]),
    },
    {
      id: 'capacity',
      caption: 'Capacity recorded, by unit',
      headings: ['Unit', 'Capacity', 'Used by the council', 'Providers'],
      rows: f.capacityTotals.map((c) => [text(c.unit), count(c.amount), count(c.usedByCouncil), count(c.providers)]),
    },
    {
      id: 'spend-by-year',
      caption: 'The council’s spend with each provider by financial year',
      headings: ['Provider', ...trendYears.map((t) => t.label)],
      rows: f.providers.filter((p) => p.spendByYear.size > 0).map((p) => [name(p), ...trendYears.map((t) => pence(p.spendByYear.get(t.startYear) ?? 0))]),
    },
    {
      id: 'concentration',
      caption: `Concentration, ${y}`,
      headings: ['Measured over', 'Total', 'Suppliers', 'HHI', 'Band', 'Largest supplier', 'Largest supplier’s share'],
      rows: [
        [text(`Spend, ${y}`), pence(f.spendConcentration.totalPence), count(f.spendConcentration.suppliers), count(f.spendConcentration.hhi), text(f.spendConcentration.band), text(byId.get(f.spendConcentration.topId ?? '')?.name ?? ''), percent(f.spendConcentration.topShare)],
        [text('Live contracts, a year’s value'), pence(f.contractConcentration.totalPence), count(f.contractConcentration.suppliers), count(f.contractConcentration.hhi), text(f.contractConcentration.band), text(byId.get(f.contractConcentration.topId ?? '')?.name ?? ''), percent(f.contractConcentration.topShare)],
      ],
    },
    {
      id: 'trend',
      caption: 'Concentration of spend by financial year',
      headings: ['Financial year', 'Spend', 'Suppliers', 'HHI', 'Band', 'Largest supplier’s share'],
      rows: f.spendTrend.map((t) => [text(t.year.label), pence(t.totalPence), count(t.suppliers), count(t.hhi), text(t.band), percent(t.topShare)]),
    },
    {
      id: 'contracts',
      caption: 'Live contracts in this category',
      headings: ['Contract', 'Supplier', 'Starts', 'Ends', 'Total value', 'A year'],
      rows: f.liveContracts.map((c) => [
        text(`${c.title} (${c.reference})`, paths.contracts.show.href({ id: c.id })),
        text(c.providerIds.map((id) => byId.get(id)?.name ?? '').filter(Boolean).join(', ')),
        text(longDate(c.startDate)),
        text(longDate(c.endDate)),
        pence(c.totalValuePence ?? 0),
        pence(annualValueOf(c)),
      ]),
    },
    {
      id: 'dependency',
      caption: `Dependency both ways, ${y}`,
      headings: [
        'Provider',
        `Spend ${y}`,
        'Share of the category’s spend',
        `Council depends on it (${f.settings.councilDependencyPercent}% or more)`,
        'Turnover',
        'Accounts to',
        'Council spend as a share of its turnover',
        `It depends on the council (${f.settings.supplierDependencyPercent}% or more)`,
      ],
      rows: f.providers
        .filter((p) => p.spendPence > 0)
        .sort((a, b) => b.spendPence - a.spendPence)
        .map((p) => [
          name(p),
          pence(p.spendPence),
          percent(p.councilDependency?.ratio ?? 0),
          text(yesNo(p.councilDependency?.flagged)),
          text(p.dependencyAccounts?.turnoverPence != null ? formatPence(p.dependencyAccounts.turnoverPence, { whole: true }) : 'Not known'),
          text(longDate(p.dependencyAccounts?.periodEnd ?? null)),
          text(p.supplierDependency ? `${(p.supplierDependency.ratio * 100).toFixed(1)}%` : 'Not known'),
          text(p.supplierDependency ? yesNo(p.supplierDependency.flagged) : 'Not known'),
        ]),
    },
    {
      id: 'entrants',
      caption: `Entered the market in ${y}`,
      headings: ['Provider', 'Shown by'],
      rows: f.movements.entrants.map((m) => [name(byId.get(m.id)!), text(m.by.map((b) => (b === 'spend' ? 'first paid this year' : 'first contract starts this year')).join(' and '))]),
    },
    {
      id: 'exits',
      caption: `Left the market in ${y}`,
      headings: ['Provider', 'Shown by'],
      rows: f.movements.exits.map((m) => [name(byId.get(m.id)!), text(m.by.map((b) => (b === 'spend' ? 'paid last year, not since' : 'last contract ended this year')).join(' and '))]),
    },
  ]
}

/** The public statement's tables: aggregates only, and names only of providers on the public register. */
export function publicTables(f: MarketFigures): DataTable[] {
  const published = f.providers.filter((p) => p.published)
  return [
    {
      id: 'sector-size',
      caption: 'Number of providers by sector and size',
      headings: ['Sector', 'SME', 'Large', 'All'],
      rows: f.groups.map((g) => [text(SECTOR_NAMES[g.sector]), count(g.sme), count(g.large), count(g.total)]),
    },
    {
      id: 'trend',
      caption: 'The council’s spend and its concentration by financial year',
      headings: ['Financial year', 'Spend', 'Suppliers', 'HHI', 'Band', 'Largest supplier’s share'],
      rows: f.spendTrend.map((t) => [text(t.year.label), pence(t.totalPence), count(t.suppliers), count(t.hhi), text(t.band), percent(t.topShare)]),
    },
    {
      id: 'capacity',
      caption: 'Capacity providers have told the council of, by unit',
      headings: ['Unit', 'Capacity', 'Used by the council', 'Providers'],
      rows: f.capacityTotals.map((c) => [text(c.unit), count(c.amount), count(c.usedByCouncil), count(c.providers)]),
    },
    {
      id: 'providers',
      caption: 'Providers on the public register',
      headings: ['Provider', 'Sector', 'Size'],
      rows: published.map((p) => [text(p.name, paths.publicRegister.show.href({ id: p.id })), text(SECTOR_NAMES[p.sector]), text(SIZE_NAMES[p.size.size])]),
    },
  ]
}

/** Sends one of the tables as CSV when the page was asked for `?download=<table id>`; true when it did. */
export function sendCsvIfAsked(request: FastifyRequest, reply: FastifyReply, tables: DataTable[], filePrefix: string): boolean {
  const wanted = (request.query as Record<string, string | undefined>).download
  if (!wanted) return false
  const table = tables.find((t) => t.id === wanted)
  if (!table) throw new NotFoundError('Table')
  void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filePrefix}-${table.id}.csv"`).send(csvOf(table))
  return true
}

/** Tables ready for the template, with the address of each one's CSV. */
export function present(request: FastifyRequest, tables: DataTable[]) {
  const url = new URL(request.url, 'http://x')
  return Object.fromEntries(
    tables.map((t) => {
      url.searchParams.set('download', t.id)
      return [t.id, { table: govukTableOf(t), csvHref: `${url.pathname}${url.search}`, empty: t.rows.length === 0, caption: t.caption }]
    }),
  )
}
