/**
 * How the market for a service is described: each provider's sector and size, concentration (domain-rules §8),
 * dependency both ways, and who entered or left. Pure functions: no database, dates and thresholds passed in.
 * The figures are descriptive yardsticks for commissioners, not a legal finding.
 */
import { annualValueOf as contractAnnualValue, type ContractValueFacts } from '../../modules/contracts/annual-value.ts'

export const SECTORS = ['vcse', 'mutual', 'supported-employment', 'public-body', 'private'] as const
export type Sector = (typeof SECTORS)[number]
export const SECTOR_NAMES: Record<Sector, string> = {
  vcse: 'VCSE',
  mutual: 'Public service mutual',
  'supported-employment': 'Supported employment',
  'public-body': 'Public body',
  private: 'Private',
}

export interface SectorFacts {
  legalForm: string
  isVcse: boolean
  isPublicServiceMutual: boolean
  isSupportedEmploymentProvider: boolean
}

/**
 * One sector per provider, so that the groups add up: a public body first (its legal form says so), then a public
 * service mutual, a supported employment provider and a VCSE organisation (a mutual or supported employment
 * provider is often also a VCSE; the narrower label says more), and private otherwise.
 */
export function sectorOf(p: SectorFacts): Sector {
  if (p.legalForm === 'public-body') return 'public-body'
  if (p.isPublicServiceMutual) return 'mutual'
  if (p.isSupportedEmploymentProvider) return 'supported-employment'
  if (p.isVcse) return 'vcse'
  return 'private'
}

export type Size = 'sme' | 'large'
export const SIZE_NAMES: Record<Size, string> = { sme: 'SME', large: 'Large' }

export interface SizeSettings {
  /** An SME has fewer employees than this (Procurement Act 2023 s.123 as quoted: fewer than 250). */
  smeMaxEmployees: number
  /** ...and turnover at most this, where known (s.123 as quoted: £44m, or a balance sheet of £38m). */
  smeMaxTurnoverPence: number
  /** Where the employee bands start: [10, 50, 250] gives "fewer than 10", "10 to 49", "50 to 249", "250 or more". */
  employeeBandEdges: number[]
}

export interface SizeFacts {
  /** The register's own SME flag. */
  isSme: boolean
  /** From the latest year of accounts, where given. */
  employees: number | null
  turnoverPence: number | null
}

export interface SizeResult {
  size: Size
  /** 'accounts' when the latest accounts give employees, else 'register' (the provider record's SME flag). */
  basis: 'accounts' | 'register'
  /** The employee band, where the accounts give employees. */
  band: string | null
}

/** The employee band a count falls in, by the band edges (ascending). */
export function employeeBand(employees: number, edges: readonly number[]): string {
  const sorted = [...new Set(edges)].filter((e) => e > 0).sort((a, b) => a - b)
  if (sorted.length === 0) return 'Any number'
  if (employees < sorted[0]!) return `Fewer than ${sorted[0]!.toLocaleString('en-GB')}`
  for (let i = 1; i < sorted.length; i++) {
    if (employees < sorted[i]!) return `${sorted[i - 1]!.toLocaleString('en-GB')} to ${(sorted[i]! - 1).toLocaleString('en-GB')}`
  }
  return `${sorted[sorted.length - 1]!.toLocaleString('en-GB')} or more`
}

/**
 * SME or large. With employees from the latest accounts: an SME has fewer than the set number of employees and,
 * where turnover is known, turnover at most the set ceiling. Without them, the register's SME flag decides.
 */
export function sizeOf(p: SizeFacts, settings: SizeSettings): SizeResult {
  if (p.employees === null) return { size: p.isSme ? 'sme' : 'large', basis: 'register', band: null }
  const small = p.employees < settings.smeMaxEmployees && (p.turnoverPence === null || p.turnoverPence <= settings.smeMaxTurnoverPence)
  return { size: small ? 'sme' : 'large', basis: 'accounts', band: employeeBand(p.employees, settings.employeeBandEdges) }
}

/** Counts of providers by sector and size, every cell present (zero where none), in SECTORS order. */
export function groupBySectorAndSize(items: { sector: Sector; size: Size }[]): { sector: Sector; sme: number; large: number; total: number }[] {
  return SECTORS.map((sector) => {
    const inSector = items.filter((i) => i.sector === sector)
    const sme = inSector.filter((i) => i.size === 'sme').length
    return { sector, sme, large: inSector.length - sme, total: inSector.length }
  })
}

export type HhiBand = 'Unconcentrated' | 'Moderately concentrated' | 'Highly concentrated'

export interface Concentration {
  /** The total of the positive amounts. */
  totalPence: number
  /** Suppliers with a positive amount. */
  suppliers: number
  hhi: number
  band: HhiBand
  /** The largest supplier's share, 0 to 1 (0 when there is nothing). */
  topShare: number
  topId: string | null
}

/**
 * Concentration of amounts by supplier: the HHI (sum of squared percentage shares, rounded), its band, the largest
 * supplier's share and the number of suppliers. Suppliers with nothing, or with net credits, are left out.
 * `hhi` and `band` are passed in so the spend pages and the market view use the same index and bands.
 */
export function concentrationOf(
  amounts: { id: string; amountPence: number }[],
  index: { hhi: (amounts: number[]) => number; band: (hhi: number) => HhiBand },
): Concentration {
  const byId = new Map<string, number>()
  for (const a of amounts) byId.set(a.id, (byId.get(a.id) ?? 0) + a.amountPence)
  const positive = [...byId].filter(([, a]) => a > 0).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
  const total = positive.reduce((s, [, a]) => s + a, 0)
  const hhi = Math.round(index.hhi(positive.map(([, a]) => a)))
  return {
    totalPence: total,
    suppliers: positive.length,
    hhi,
    band: index.band(hhi),
    topShare: total > 0 ? positive[0]![1] / total : 0,
    topId: positive[0]?.[0] ?? null,
  }
}

export interface Dependency {
  /** 0 to 1 (the supplier's dependency may exceed 1 when a year's spend is more than a year's turnover). */
  ratio: number
  /** The ratio is at or above the council's threshold. */
  flagged: boolean
}

/** The council on a supplier: the supplier's share of the category's spend, against the council's threshold (percent). */
export function councilDependency(supplierPence: number, categoryPence: number, thresholdPercent: number): Dependency | null {
  if (categoryPence <= 0) return null
  const ratio = Math.max(0, supplierPence) / categoryPence
  return { ratio, flagged: ratio * 100 >= thresholdPercent }
}

/** A supplier on the council: the council's spend with it in the year over its turnover; null when turnover is unknown. */
export function supplierDependency(councilSpendPence: number, turnoverPence: number | null, thresholdPercent: number): Dependency | null {
  if (turnoverPence === null || turnoverPence <= 0) return null
  const ratio = Math.max(0, councilSpendPence) / turnoverPence
  return { ratio, flagged: ratio * 100 >= thresholdPercent }
}

/** The calendar year a UK financial year starts in, for an ISO date (1 April to 31 March). */
export function financialYearStartOf(iso: string): number {
  const year = Number(iso.slice(0, 4))
  return Number(iso.slice(5, 7)) >= 4 ? year : year - 1
}

export interface ProviderHistory {
  id: string
  /** Financial years (start years) in which the council paid the provider anything in the category. */
  spendYears: number[]
  /** The provider's contracts in the category. */
  contracts: { startDate: string | null; endDate: string | null }[]
}

export interface Movement {
  id: string
  /** What shows the movement: spend, a contract, or both. */
  by: ('spend' | 'contract')[]
}

export interface EntrantsAndExits {
  entrants: Movement[]
  exits: Movement[]
  /** False when the year is the first year of spend data: everyone paid then would look new, so spend cannot show entrants. */
  spendShowsEntrants: boolean
  /** False when there is no spend data for the year: a supplier not yet paid would look gone. */
  spendShowsExits: boolean
}

/**
 * Who entered and who left the market in a financial year (`year`, its start year).
 * - Entered by spend: first paid in the year (not when the year is the first year of data).
 * - Entered by contract: its first contract in the category starts in the year.
 * - Left by spend: paid in the year before, and not in the year or since (only when the year has spend data).
 * - Left by contract: its last contract in the category ended in the year, before today, and none runs on.
 */
export function entrantsAndExits(
  histories: ProviderHistory[],
  year: number,
  data: { firstSpendYear: number | null; lastSpendYear: number | null; today: string },
): EntrantsAndExits {
  const spendShowsEntrants = data.firstSpendYear !== null && year > data.firstSpendYear
  const spendShowsExits = data.lastSpendYear !== null && data.firstSpendYear !== null && year > data.firstSpendYear && year <= data.lastSpendYear
  const entrants: Movement[] = []
  const exits: Movement[] = []
  for (const h of histories) {
    const years = [...new Set(h.spendYears)].sort((a, b) => a - b)
    const entered: Movement['by'] = []
    const left: Movement['by'] = []
    if (spendShowsEntrants && years[0] === year) entered.push('spend')
    if (spendShowsExits && years.includes(year - 1) && !years.some((y) => y >= year)) left.push('spend')
    const starts = h.contracts.map((c) => c.startDate).filter((d): d is string => d !== null).sort()
    if (starts[0] !== undefined && financialYearStartOf(starts[0]) === year) entered.push('contract')
    if (h.contracts.length > 0 && h.contracts.every((c) => c.endDate !== null)) {
      const lastEnd = h.contracts.map((c) => c.endDate!).sort().at(-1)!
      if (financialYearStartOf(lastEnd) === year && lastEnd < data.today) left.push('contract')
    }
    if (entered.length) entrants.push({ id: h.id, by: entered })
    if (left.length) exits.push({ id: h.id, by: left })
  }
  return { entrants, exits, spendShowsEntrants, spendShowsExits }
}

/** A contract's value for a year (contracts/annual-value.ts); concentration counts a contract with no value as nothing. */
export function annualValueOf(c: ContractValueFacts): number {
  return contractAnnualValue(c) ?? 0
}
