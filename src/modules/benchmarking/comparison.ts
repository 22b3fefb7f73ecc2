/**
 * One indicator for one comparator group: the council against each member, the group's median and a band of one
 * median absolute deviation, each council's rank, the distance from the median in MADs with the flag beyond two,
 * and the direction of travel from the period before. The group's median and MAD are taken over the council and
 * its members together, as Oflog's groups of 16 include the council itself.
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../platform/db/database.ts'
import { findCouncilById, type CouncilRow } from '../councils/service.ts'
import { groupMembers } from './groups.ts'
import { PERIOD_TYPE_NAMES, type PeriodType } from './periods.ts'
import { benchmarkIndicators, benchmarkValues } from './schema.ts'
import { directionOfTravel, madFlag, madsFromMedian, median, medianAbsoluteDeviation, ranks, type Polarity, type Standing, type Travel } from './statistics.ts'

export interface ComparisonRow {
  council: CouncilRow
  isSubject: boolean
  value: number | null
  previous: number | null
  rank: number | null
  mads: number | null
  flag: Standing | null
  travel: Travel | null
}

export interface Comparison {
  indicator: typeof benchmarkIndicators.$inferSelect
  polarity: Polarity
  periods: { label: string; type: PeriodType; typeName: string }[]
  period: string | null
  previousPeriod: string | null
  rows: ComparisonRow[]
  /** Those with a figure, best first. */
  ranked: ComparisonRow[]
  median: number | null
  mad: number | null
  subject: ComparisonRow
  /** The council and the group's median in each period, for the trend. */
  trend: { period: string; value: number | null; median: number | null; count: number }[]
}

type Indicator = typeof benchmarkIndicators.$inferSelect
type ValueRow = typeof benchmarkValues.$inferSelect

/** One indicator against a group: see compareEach, which this asks for one indicator. */
export async function compare(db: Executor, input: { councilId: string; indicator: Indicator; groupId: string; period?: string | undefined }): Promise<Comparison> {
  const [comparison] = await compareEach(db, { councilId: input.councilId, groupId: input.groupId, indicators: [{ indicator: input.indicator, period: input.period }] })
  return comparison!
}

/**
 * Several indicators against one group (the report, cost against outcome, the home page's count) with three queries
 * whatever their number: the council, the group's members, and every value of those indicators for those councils.
 * Each comparison is then worked out as compare works out one; the figures do not depend on how many are asked.
 */
export async function compareEach(db: Executor, input: { councilId: string; groupId: string; indicators: { indicator: Indicator; period?: string | undefined }[] }): Promise<Comparison[]> {
  if (input.indicators.length === 0) return []
  const [subjectCouncil, members] = await Promise.all([findCouncilById(db, input.councilId), groupMembers(db, input.groupId)])
  const councils = [subjectCouncil!, ...members.map((m) => m.council)]
  const values = await db
    .select()
    .from(benchmarkValues)
    .where(and(inArray(benchmarkValues.indicatorId, [...new Set(input.indicators.map((i) => i.indicator.id))]), inArray(benchmarkValues.areaCouncilId, councils.map((c) => c.id))))
  const byIndicator = new Map<string, ValueRow[]>()
  for (const v of values) {
    const list = byIndicator.get(v.indicatorId)
    if (list) list.push(v)
    else byIndicator.set(v.indicatorId, [v])
  }
  return input.indicators.map(({ indicator, period }) => comparisonOf(indicator, councils, byIndicator.get(indicator.id) ?? [], period))
}

/** The comparison from the values already read: councils[0] is the council, the rest its group's members. */
function comparisonOf(indicator: Indicator, councils: CouncilRow[], values: ValueRow[], wantedPeriod: string | undefined): Comparison {
  const polarity = (indicator.polarity as Polarity) ?? null
  const subjectCouncil = councils[0]!
  // Periods of one kind in order; an indicator imported with periods of several kinds lists each kind apart.
  const periodList = [...new Map(values.map((v) => [v.period, v])).values()].sort(
    (a, b) => a.periodType.localeCompare(b.periodType) || (a.periodStart ?? '').localeCompare(b.periodStart ?? '') || a.period.localeCompare(b.period),
  )
  const periods = periodList.map((p) => ({ label: p.period, type: p.periodType as PeriodType, typeName: PERIOD_TYPE_NAMES[p.periodType as PeriodType] ?? p.periodType }))
  const valueAt = new Map(values.map((v) => [`${v.areaCouncilId} ${v.period}`, v.value]))
  const ownPeriods = new Set(values.filter((v) => v.areaCouncilId === subjectCouncil.id).map((v) => v.period))
  const latestOwn = periodList.filter((p) => ownPeriods.has(p.period)).at(-1)?.period ?? periodList.at(-1)?.period ?? null
  const period = wantedPeriod && periods.some((p) => p.label === wantedPeriod) ? wantedPeriod : latestOwn
  const chosen = periodList.find((p) => p.period === period)
  const sameKind = periodList.filter((p) => p.periodType === chosen?.periodType)
  const previousPeriod = chosen ? (sameKind[sameKind.findIndex((p) => p.period === period) - 1]?.period ?? null) : null
  const valueOf = (councilId: string, label: string | null) => (label === null ? null : (valueAt.get(`${councilId} ${label}`) ?? null))

  const rows: ComparisonRow[] = councils.map((council, i) => ({
    council,
    isSubject: i === 0,
    value: valueOf(council.id, period),
    previous: valueOf(council.id, previousPeriod),
    rank: null,
    mads: null,
    flag: null,
    travel: null,
  }))
  const withValue = rows.filter((r) => r.value !== null)
  let centre: number | null = null
  let mad: number | null = null
  if (withValue.length > 0) {
    const figures = withValue.map((r) => r.value!)
    centre = median(figures)
    mad = medianAbsoluteDeviation(figures)
    const rank = ranks(figures, polarity)
    withValue.forEach((r, i) => {
      r.rank = rank[i]!
      r.mads = madsFromMedian(r.value!, centre!, mad!)
      r.flag = madFlag(r.mads, polarity)
      r.travel = r.previous === null ? null : directionOfTravel(r.previous, r.value!, polarity)
    })
  }
  const ranked = [...withValue].sort((a, b) => a.rank! - b.rank! || a.council.name.localeCompare(b.council.name, 'en-GB'))
  const trend = sameKind.map((p) => {
    const figures = councils.map((c) => valueOf(c.id, p.period)).filter((v): v is number => v !== null)
    return { period: p.period, value: valueOf(subjectCouncil.id, p.period), median: figures.length ? median(figures) : null, count: figures.length }
  })
  return { indicator, polarity, periods, period, previousPeriod, rows, ranked, median: centre, mad, subject: rows[0]!, trend }
}

/** A figure as the file gave it, at most three decimals, with thousands separators. */
const valueFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 })
export function formatValue(value: number | null): string {
  if (value === null) return 'No figure'
  return valueFormat.format(value)
}

