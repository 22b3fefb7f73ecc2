/**
 * The market for a service category and area, as figures: the providers by sector and size with their capacity,
 * the council's spend and live contracts with each, concentration by year and over live contracts, dependency both
 * ways and entrants and exits. One function builds them for the officers' page, the statement preview and the
 * public statement, so the three never disagree.
 *
 * How spend is counted for a category: the council's spend with each provider in the market (a provider listing the
 * category, or with a contract in it). Spend files carry the council's own ledger categories, not these service
 * categories, so a provider in several categories has all its spend counted in each; the page says so.
 */
import type { Executor } from '../../platform/db/database.ts'
import { financialYear, type FinancialYear } from '../../platform/financial-year.ts'
import {
  annualValueOf,
  concentrationOf,
  councilDependency,
  entrantsAndExits,
  groupBySectorAndSize,
  sectorOf,
  sizeOf,
  supplierDependency,
  type Concentration,
  type Dependency,
  type EntrantsAndExits,
  type Sector,
  type SizeResult,
} from '../../rules/market/market.ts'
import { hhi, hhiBand } from '../spend/analysis.ts'
import * as q from './queries.ts'
import type { MarketSettings } from './settings.ts'

const INDEX = { hhi, band: hhiBand }
const LIVE_STATUSES = new Set(['active', 'extended'])

export interface ProviderFigures extends q.MarketProvider {
  sector: Sector
  size: SizeResult
  /** The latest accounts, where any. */
  accounts: q.Accounts | null
  /** The provider lists other service categories too: its spend is counted in each. */
  otherCategories: number
  spendByYear: Map<number, number>
  /** Spend in the chosen year. */
  spendPence: number
  liveContracts: q.CategoryContract[]
  liveAnnualValuePence: number
  capacity: q.CapacityRow[]
  councilDependency: Dependency | null
  supplierDependency: Dependency | null
  /** The accounts the supplier's dependency was measured against. */
  dependencyAccounts: q.Accounts | null
}

export interface YearConcentration extends Concentration {
  year: FinancialYear
}

export interface MarketFigures {
  category: string
  area: string | null
  year: FinancialYear
  today: string
  providers: ProviderFigures[]
  groups: ReturnType<typeof groupBySectorAndSize>
  spendTrend: YearConcentration[]
  spendConcentration: Concentration
  contractConcentration: Concentration
  liveContracts: q.CategoryContract[]
  movements: EntrantsAndExits
  capacityTotals: { unit: string; amount: number; usedByCouncil: number; providers: number }[]
  settings: MarketSettings
}

/** Accounts to measure a supplier's dependency in a year against: the latest with a turnover ending by the year's end, else the latest with one. */
export function accountsForYear(accounts: q.Accounts[], year: FinancialYear): q.Accounts | null {
  const withTurnover = accounts.filter((a) => a.turnoverPence !== null)
  return withTurnover.find((a) => a.periodEnd <= year.end) ?? withTurnover[0] ?? null
}

/** A contract is live on a day when it is active or extended and has not ended (nor yet to start). */
export function isLive(c: { status: string; startDate: string | null; endDate: string | null }, today: string): boolean {
  return LIVE_STATUSES.has(c.status) && (c.endDate === null || c.endDate >= today) && (c.startDate === null || c.startDate <= today)
}

export async function marketFigures(
  db: Executor,
  councilId: string,
  options: { category: string; area: string | null; year: FinancialYear; today: string; settings: MarketSettings },
): Promise<MarketFigures> {
  const { category, area, year, today, settings } = options
  const list = await q.providersInMarket(db, councilId, category, area)
  const ids = list.map((p) => p.id)
  const idSet = new Set(ids)
  const [accounts, spend, range, contracts, capacity] = await Promise.all([
    q.accountsOf(db, councilId, ids),
    q.spendByProviderYear(db, councilId, ids),
    q.spendYearRange(db, councilId),
    q.contractsInCategory(db, councilId, category),
    q.capacityInCategory(db, councilId, category, ids),
  ])
  const inMarket = contracts.filter((c) => c.providerIds.some((id) => idSet.has(id)))
  const live = inMarket.filter((c) => isLive(c, today))

  const spendOf = new Map<string, Map<number, number>>()
  for (const s of spend) {
    const byYear = spendOf.get(s.providerId) ?? new Map<number, number>()
    byYear.set(s.year, (byYear.get(s.year) ?? 0) + s.amountPence)
    spendOf.set(s.providerId, byYear)
  }
  const years: number[] = []
  if (range.first !== null && range.last !== null) for (let y = range.first; y <= range.last; y++) years.push(y)
  const categoryTotalInYear = (y: number) => list.reduce((sum, p) => sum + Math.max(0, spendOf.get(p.id)?.get(y) ?? 0), 0)
  const yearTotal = categoryTotalInYear(year.startYear)

  const providers: ProviderFigures[] = list.map((p) => {
    const own = accounts.get(p.id) ?? []
    const latest = own[0] ?? null
    const byYear = spendOf.get(p.id) ?? new Map<number, number>()
    const spendPence = byYear.get(year.startYear) ?? 0
    const liveContracts = live.filter((c) => c.providerIds.includes(p.id))
    const dependencyAccounts = accountsForYear(own, year)
    return {
      ...p,
      sector: sectorOf(p),
      size: sizeOf({ isSme: p.isSme, employees: latest?.employees ?? null, turnoverPence: latest?.turnoverPence ?? null }, settings),
      accounts: latest,
      otherCategories: p.serviceCategories.filter((c) => c !== category).length,
      spendByYear: byYear,
      spendPence,
      liveContracts,
      // A contract with several suppliers is shared between them equally.
      liveAnnualValuePence: liveContracts.reduce((sum, c) => sum + Math.round(annualValueOf(c) / Math.max(1, c.providerIds.length)), 0),
      capacity: capacity.filter((c) => c.providerId === p.id),
      councilDependency: councilDependency(spendPence, yearTotal, settings.councilDependencyPercent),
      supplierDependency: supplierDependency(spendPence, dependencyAccounts?.turnoverPence ?? null, settings.supplierDependencyPercent),
      dependencyAccounts,
    }
  })

  const spendTrend = years.map((y) => ({
    year: financialYear(y),
    ...concentrationOf(providers.map((p) => ({ id: p.id, amountPence: p.spendByYear.get(y) ?? 0 })), INDEX),
  }))
  const units = new Map<string, { unit: string; amount: number; usedByCouncil: number; providers: Set<string> }>()
  for (const c of capacity) {
    const entry = units.get(c.unit) ?? { unit: c.unit, amount: 0, usedByCouncil: 0, providers: new Set<string>() }
    entry.amount += c.amount
    entry.usedByCouncil += c.usedByCouncil ?? 0
    entry.providers.add(c.providerId)
    units.set(c.unit, entry)
  }
  return {
    category,
    area,
    year,
    today,
    providers,
    groups: groupBySectorAndSize(providers.map((p) => ({ sector: p.sector, size: p.size.size }))),
    spendTrend,
    spendConcentration: concentrationOf(providers.map((p) => ({ id: p.id, amountPence: p.spendPence })), INDEX),
    contractConcentration: concentrationOf(providers.map((p) => ({ id: p.id, amountPence: p.liveAnnualValuePence })), INDEX),
    liveContracts: live,
    movements: entrantsAndExits(
      providers.map((p) => ({
        id: p.id,
        spendYears: [...p.spendByYear].filter(([, a]) => a > 0).map(([y]) => y),
        contracts: inMarket.filter((c) => c.providerIds.includes(p.id)).map((c) => ({ startDate: c.startDate, endDate: c.endDate })),
      })),
      year.startYear,
      { firstSpendYear: range.first, lastSpendYear: range.last, today },
    ),
    capacityTotals: [...units.values()].map((u) => ({ unit: u.unit, amount: u.amount, usedByCouncil: u.usedByCouncil, providers: u.providers.size })),
    settings,
  }
}
