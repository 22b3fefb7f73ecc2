/**
 * The quarter's (and the year end's) figures for a pooled fund: planned, actual and forecast by scheme and by funding
 * stream, and the risk-share position on the forecast. Pure: the service gathers the rows, this does the sums, and
 * the page, the CSV and the workbook all show what it returns.
 *
 * The method, as the report states it:
 * - a scheme's plan is profiled evenly over the year, so the plan to the end of quarter Q is Q/4 of it;
 * - actual spend is what the spend register shows paid to the providers of the contracts and grants linked to the
 *   scheme, inside each contract's term and the financial year, up to the end of the quarter;
 * - the forecast to year end is the actual to date plus the plan for the quarters still to come (spending is assumed
 *   to return to plan); at the year end it is the actual;
 * - the risk share applies the agreement's rule to the forecast against the pool (the partners' contributions).
 */
import { applyTerms, type PartnerContribution, type RiskSharePosition, type RiskShareTerms } from './risk-share.ts'
import { quartersOf, STREAM_CODES, streamName } from './vocabulary.ts'

export interface SchemeInput {
  id: string
  reference: string
  name: string
  schemeType: string
  stream: string
  plannedPence: number
  plannedOutputs: string
  /** Paid in each month (YYYY-MM) of the year. */
  monthlyPence: Map<string, number>
  /** Each link's name, for the report's notes. */
  links: string[]
}

export interface ContributionInput {
  partnerId: string
  partnerName: string
  stream: string
  amountPence: number
}

export interface Figures {
  plannedPence: number
  plannedToDatePence: number
  /** Actual in each quarter: null for quarters after the report's. */
  quarters: (number | null)[]
  actualToDatePence: number
  forecastPence: number
  /** Forecast less plan: positive is an overspend. */
  variancePence: number
}

export interface SchemeLine extends Figures {
  id: string
  reference: string
  name: string
  schemeType: string
  stream: string
  streamName: string
  plannedOutputs: string
  links: string[]
}

export interface StreamLine extends Figures {
  stream: string
  streamName: string
  /** What the partners put into the pool from this stream. */
  contributedPence: number
}

export interface FundReport {
  financialYear: number
  yearLabel: string
  quarter: 1 | 2 | 3 | 4
  isYearEnd: boolean
  title: string
  periodEnd: string
  quarterLabels: string[]
  schemes: SchemeLine[]
  streams: StreamLine[]
  total: Figures & { contributedPence: number }
  partners: { partnerId: string; name: string; contributedPence: number; byStream: Record<string, number> }[]
  riskShare: RiskSharePosition
  method: string[]
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

function figuresOf(plannedPence: number, monthly: Map<string, number>, quarter: number, startYear: number): Figures {
  const quarters = quartersOf(startYear).map((q) => (q.quarter <= quarter ? sum(q.months.map((m) => monthly.get(m) ?? 0)) : null))
  const actualToDatePence = sum(quarters.map((q) => q ?? 0))
  const plannedToDatePence = Math.round((plannedPence * quarter) / 4)
  const forecastPence = actualToDatePence + (plannedPence - plannedToDatePence)
  return { plannedPence, plannedToDatePence, quarters, actualToDatePence, forecastPence, variancePence: forecastPence - plannedPence }
}

function addFigures(lines: readonly Figures[], quarter: number): Figures {
  return {
    plannedPence: sum(lines.map((l) => l.plannedPence)),
    plannedToDatePence: sum(lines.map((l) => l.plannedToDatePence)),
    quarters: [0, 1, 2, 3].map((i) => (i < quarter ? sum(lines.map((l) => l.quarters[i] ?? 0)) : null)),
    actualToDatePence: sum(lines.map((l) => l.actualToDatePence)),
    forecastPence: sum(lines.map((l) => l.forecastPence)),
    variancePence: sum(lines.map((l) => l.variancePence)),
  }
}

export function buildReport(input: {
  fundName: string
  financialYear: number
  quarter: 1 | 2 | 3 | 4
  schemes: readonly SchemeInput[]
  contributions: readonly ContributionInput[]
  partners: readonly { partnerId: string; name: string }[]
  terms: RiskShareTerms
}): FundReport {
  const { financialYear, quarter } = input
  const quarters = quartersOf(financialYear)
  const yearLabel = `${financialYear}/${String((financialYear + 1) % 100).padStart(2, '0')}`
  const isYearEnd = quarter === 4
  const schemes: SchemeLine[] = input.schemes.map((s) => ({
    id: s.id,
    reference: s.reference,
    name: s.name,
    schemeType: s.schemeType,
    stream: s.stream,
    streamName: streamName(s.stream),
    plannedOutputs: s.plannedOutputs,
    links: s.links,
    ...figuresOf(s.plannedPence, s.monthlyPence, quarter, financialYear),
  }))
  const contributedByStream = (stream: string) => sum(input.contributions.filter((c) => c.stream === stream).map((c) => c.amountPence))
  const usedStreams = STREAM_CODES.filter((code) => schemes.some((s) => s.stream === code) || input.contributions.some((c) => c.stream === code))
  const streams: StreamLine[] = usedStreams.map((stream) => ({
    stream,
    streamName: streamName(stream),
    contributedPence: contributedByStream(stream),
    ...addFigures(schemes.filter((s) => s.stream === stream), quarter),
  }))
  const partners = input.partners.map((p) => {
    const own = input.contributions.filter((c) => c.partnerId === p.partnerId)
    return {
      partnerId: p.partnerId,
      name: p.name,
      contributedPence: sum(own.map((c) => c.amountPence)),
      byStream: Object.fromEntries(usedStreams.map((stream) => [stream, sum(own.filter((c) => c.stream === stream).map((c) => c.amountPence))])),
    }
  })
  const total = { ...addFigures(schemes, quarter), contributedPence: sum(partners.map((p) => p.contributedPence)) }
  const contributions: PartnerContribution[] = partners.map((p) => ({ partnerId: p.partnerId, name: p.name, contributionPence: p.contributedPence }))
  const riskShare = applyTerms(input.terms, total.forecastPence, total.contributedPence, contributions)
  const periodEnd = quarters[quarter - 1]!.end
  return {
    financialYear,
    yearLabel,
    quarter,
    isYearEnd,
    title: isYearEnd ? `${input.fundName}: year-end report ${yearLabel}` : `${input.fundName}: quarter ${quarter} report ${yearLabel}`,
    periodEnd,
    quarterLabels: quarters.map((q) => `Q${q.quarter} (${q.label})`),
    schemes,
    streams,
    total,
    partners,
    riskShare,
    method: [
      'Each scheme’s plan is profiled evenly over the year: the plan to date is the plan × quarters elapsed ÷ 4.',
      'Actual spend is the spend register’s payments to the providers of the contracts and grants linked to each scheme, inside each contract’s term and the financial year, up to the end of the quarter.',
      isYearEnd
        ? 'At the year end the forecast is the actual spend for the year.'
        : 'The forecast to year end is the actual to date plus the plan for the quarters still to come.',
      'The risk share applies the agreement’s rule to the forecast against the pool (the partners’ contributions for the year, with variations).',
    ],
  }
}
