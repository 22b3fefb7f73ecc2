/**
 * Periods as indicator files write them, kept as written and told apart by kind: a financial year ("2022/23"), a
 * month ("Nov 2023"), a quarter ("2023 Q2", "Q2 2023/24"), a calendar year ("2023"), or something else kept as
 * text. Each kind gets the first day of its period so that periods of one kind can be put in order; a month is never
 * turned into a year or a quarter, since indicators of different kinds are not comparable.
 */
export type PeriodType = 'financial-year' | 'quarter' | 'month' | 'year' | 'other'

export const PERIOD_TYPE_NAMES: Record<PeriodType, string> = {
  'financial-year': 'Financial year',
  quarter: 'Quarter',
  month: 'Month',
  year: 'Calendar year',
  other: 'Other period',
}

export interface Period {
  label: string
  type: PeriodType
  /** ISO date of the period's first day; null for 'other'. */
  start: string | null
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const iso = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`

/** The second year of "2022/23" or "2022/2023" if it follows the first; else undefined. */
function financialYear(first: string, second: string): number | undefined {
  const start = Number(first)
  const end = Number(second)
  const follows = second.length === 2 ? end === (start + 1) % 100 : end === start + 1
  return follows ? start : undefined
}

export function readPeriod(raw: string): Period {
  const label = raw.replace(/\s+/g, ' ').trim()
  const text = label.toLowerCase()
  let m = text.match(/^(?:fy ?)?(\d{4}) ?[/-] ?(\d{2}|\d{4})$/)
  if (m) {
    const start = financialYear(m[1]!, m[2]!)
    if (start !== undefined) return { label, type: 'financial-year', start: iso(start, 4) }
  }
  // A quarter of a financial year ("2023/24 Q1" or "Q1 2023/24") starts in April; of a calendar year, in January.
  const fq = text.match(/^(\d{4}) ?[/-] ?(\d{2}) ?q([1-4])$/)
  const qf = text.match(/^q([1-4]) ?(\d{4}) ?[/-] ?(\d{2})$/)
  const financialQuarter = fq ? [fq[1]!, fq[2]!, fq[3]!] : qf ? [qf[2]!, qf[3]!, qf[1]!] : undefined
  if (financialQuarter) {
    const [year, next, quarter] = financialQuarter as [string, string, string]
    const start = financialYear(year, next)
    if (start !== undefined) {
      const month = 4 + (Number(quarter) - 1) * 3
      return { label, type: 'quarter', start: month > 12 ? iso(start + 1, month - 12) : iso(start, month) }
    }
  }
  m = text.match(/^(\d{4}) ?q([1-4])$/) ?? text.match(/^q([1-4]) ?(\d{4})$/)
  if (m) {
    const [year, quarter] = text.startsWith('q') ? [m[2]!, m[1]!] : [m[1]!, m[2]!]
    return { label, type: 'quarter', start: iso(Number(year), 1 + (Number(quarter) - 1) * 3) }
  }
  m = text.match(/^([a-z]{3})[a-z]* (\d{4})$/)
  if (m && MONTHS.includes(m[1]!)) return { label, type: 'month', start: iso(Number(m[2]), MONTHS.indexOf(m[1]!) + 1) }
  m = text.match(/^(\d{4})-(\d{2})(?:-01)?$/)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { label, type: 'month', start: iso(Number(m[1]), Number(m[2])) }
  m = text.match(/^(\d{4})$/)
  if (m) return { label, type: 'year', start: iso(Number(m[1]), 1) }
  return { label, type: 'other', start: null }
}

/**
 * Revenue Outturn's `year_ending` (201803: the year ending March 2018) as the financial year it closes, "2017/18".
 * Undefined when it is not a year ending in March.
 */
export function financialYearEnding(raw: string): Period | undefined {
  const m = raw.trim().match(/^(\d{4})0?3$/)
  if (!m) return undefined
  const end = Number(m[1])
  return { label: `${end - 1}/${String(end % 100).padStart(2, '0')}`, type: 'financial-year', start: iso(end - 1, 4) }
}
