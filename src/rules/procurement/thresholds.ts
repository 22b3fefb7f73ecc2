/**
 * Procurement Act 2023 Schedule 1 threshold amounts (VAT included), dated by when the procurement commenced.
 * Facts: 24 Feb 2025 to 31 Dec 2025 as set by SI 2025/163; from 1 Jan 2026 as set by SI 2025/1200 (PPN 023).
 * A procurement that commenced before 24 Feb 2025 is under the Public Contracts Regulations 2015, which Catalyst
 * does not advise on.
 */
import { ACT_COMMENCEMENT, type Citation } from './citations.ts'

export type ThresholdKind =
  | 'sub-central-goods-services'
  | 'central-goods-services'
  | 'works'
  | 'light-touch'
  | 'light-touch-concession'
  | 'concession'
  | 'utilities'
  | 'utilities-light-touch'

/** The Schedule 1 table row each amount comes from. */
const ROWS: Record<ThresholdKind, { row: number; name: string }> = {
  'utilities-light-touch': { row: 5, name: 'light touch contract awarded by a utility' },
  utilities: { row: 6, name: 'utilities contract (not works)' },
  'light-touch-concession': { row: 7, name: 'light touch concession contract' },
  'light-touch': { row: 8, name: 'light touch contract' },
  concession: { row: 9, name: 'concession contract' },
  works: { row: 10, name: 'works contract' },
  'central-goods-services': { row: 11, name: 'goods or services contract awarded by a central government authority' },
  'sub-central-goods-services': { row: 12, name: 'goods or services contract awarded by any other contracting authority' },
}

export interface ThresholdPeriod {
  from: string
  /** Inclusive; null while in force. */
  to: string | null
  source: string
  pence: Record<ThresholdKind, number>
}

const pounds = (amount: number) => amount * 100

export const THRESHOLD_PERIODS: readonly ThresholdPeriod[] = [
  {
    from: ACT_COMMENCEMENT,
    to: '2025-12-31',
    source: 'Procurement Act 2023 Sch 1 as amended by SI 2025/163',
    pence: {
      'sub-central-goods-services': pounds(214_904),
      'central-goods-services': pounds(139_688),
      works: pounds(5_372_609),
      'light-touch': pounds(663_540),
      'light-touch-concession': pounds(5_372_609),
      concession: pounds(5_372_609),
      utilities: pounds(429_809),
      'utilities-light-touch': pounds(884_720),
    },
  },
  {
    from: '2026-01-01',
    to: null,
    source: 'Procurement Act 2023 Sch 1 as amended by SI 2025/1200 (PPN 023: 2026 threshold amounts)',
    pence: {
      'sub-central-goods-services': pounds(207_720),
      'central-goods-services': pounds(135_018),
      works: pounds(5_193_000),
      'light-touch': pounds(663_540),
      'light-touch-concession': pounds(5_372_609),
      concession: pounds(5_193_000),
      utilities: pounds(415_440),
      'utilities-light-touch': pounds(884_720),
    },
  },
]

/** A council's contracts are "notifiable" below threshold from £30,000 including VAT. */
export const NOTIFIABLE_BELOW_THRESHOLD_PENCE = pounds(30_000)
export const NOTIFIABLE_BELOW_THRESHOLD_CITES: Citation[] = ['s.87(4)']

export interface Threshold {
  kind: ThresholdKind
  pence: number
  /** "light touch contract" — what the row is called, for messages. */
  name: string
  period: ThresholdPeriod
  cites: Citation[]
}

export class BeforeCommencementError extends Error {
  constructor(date: string) {
    super(
      `a procurement that commenced on ${date}, before the Procurement Act 2023 came into force on 24 February 2025, is governed by the Public Contracts Regulations 2015`,
    )
    this.name = 'BeforeCommencementError'
  }
}

/** The period in force on an ISO date (YYYY-MM-DD). */
export function thresholdPeriodOn(date: string): ThresholdPeriod {
  const period = THRESHOLD_PERIODS.find((p) => p.from <= date && (p.to === null || date <= p.to))
  if (!period) throw new BeforeCommencementError(date)
  return period
}

/** The threshold for a kind of contract whose procurement commenced on `date`. */
export function thresholdFor(kind: ThresholdKind, date: string): Threshold {
  const period = thresholdPeriodOn(date)
  return { kind, pence: period.pence[kind], name: ROWS[kind].name, period, cites: [`Sch 1 para 1`, `Sch 1 row ${ROWS[kind].row}`] }
}

/**
 * The threshold a council (a sub-central authority, not a utility) applies to a contract of this main category.
 * Light touch services use their own, higher threshold.
 */
export function councilThresholdFor(category: 'goods' | 'services' | 'works', lightTouch: boolean, date: string): Threshold {
  if (category === 'works') return thresholdFor('works', date)
  if (lightTouch && category === 'services') return thresholdFor('light-touch', date)
  return thresholdFor('sub-central-goods-services', date)
}
