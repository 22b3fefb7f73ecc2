/**
 * Social Return on Investment, as the Cabinet Office guide sets it out ("A guide to Social Return on Investment",
 * Office of the Third Sector 2009, reissued by the SROI Network 2012; domain-rules §5.5), stages 4 and 5:
 *
 * - impact in year 1 = quantity × financial proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution):
 *   the deductions multiply, they do not add (25% deadweight and 25% attribution leave 56.25%, not 50%);
 * - year n = year n−1 × (1 − drop-off), so drop-off first bites in year 2;
 * - each year's impact is discounted to the present at the council's rate: year t is divided by (1 + r)^t, the
 *   guide's convention (outcomes arrive at the end of each year; the investment is made now and is not discounted);
 * - SROI ratio = present value of impact ÷ value of inputs; net SROI = (present value − inputs) ÷ inputs.
 *
 * Pure: money here is in pence as a JavaScript number (a projection has fractional pence); views round it.
 */

export interface SroiOutcome {
  name: string
  quantity: number
  /** Pence per unit of quantity, per year. */
  proxyPence: number
  /** How many years the outcome lasts, from 1. */
  durationYears: number
  /** Shares from 0 to 1. */
  deadweight: number
  displacement: number
  attribution: number
  dropOff: number
}

export interface SroiModel {
  /** The value of every input (the investment), in pence. */
  inputsPence: number
  outcomes: SroiOutcome[]
  /** The discount rate as a share: 0.035 for 3.5%. */
  discountRate: number
}

export interface OutcomeResult {
  name: string
  /** Impact in each year, year 1 first (pence, not discounted). */
  years: number[]
  presentValuePence: number
}

export interface SroiResult {
  outcomes: OutcomeResult[]
  presentValuePence: number
  inputsPence: number
  netPresentValuePence: number
  /** Present value ÷ inputs; null when there are no inputs to divide by. */
  ratio: number | null
  /** (Present value − inputs) ÷ inputs. */
  netRatio: number | null
  /** The first year in which the discounted impact so far covers the inputs; null if it never does. */
  paybackYear: number | null
}

/** Impact of one outcome in its first year: the three deductions applied one after the other. */
export function firstYearImpact(o: SroiOutcome): number {
  return o.quantity * o.proxyPence * (1 - o.deadweight) * (1 - o.displacement) * (1 - o.attribution)
}

/** Impact of one outcome in each year it lasts, drop-off from year 2. */
export function impactByYear(o: SroiOutcome): number[] {
  const years: number[] = []
  let value = firstYearImpact(o)
  for (let year = 1; year <= Math.floor(o.durationYears); year++) {
    if (year > 1) value *= 1 - o.dropOff
    years.push(value)
  }
  return years
}

export function presentValue(values: number[], rate: number): number {
  return values.reduce((sum, value, i) => sum + value / (1 + rate) ** (i + 1), 0)
}

export function calculateSroi(model: SroiModel): SroiResult {
  const outcomes = model.outcomes.map((o) => {
    const years = impactByYear(o)
    return { name: o.name, years, presentValuePence: presentValue(years, model.discountRate) }
  })
  const pv = outcomes.reduce((sum, o) => sum + o.presentValuePence, 0)
  const horizon = Math.max(0, ...outcomes.map((o) => o.years.length))
  let paybackYear: number | null = null
  let cumulative = 0
  for (let year = 1; year <= horizon && model.inputsPence > 0; year++) {
    cumulative += outcomes.reduce((sum, o) => sum + (o.years[year - 1] ?? 0) / (1 + model.discountRate) ** year, 0)
    if (cumulative >= model.inputsPence) {
      paybackYear = year
      break
    }
  }
  return {
    outcomes,
    presentValuePence: pv,
    inputsPence: model.inputsPence,
    netPresentValuePence: pv - model.inputsPence,
    ratio: model.inputsPence > 0 ? pv / model.inputsPence : null,
    netRatio: model.inputsPence > 0 ? (pv - model.inputsPence) / model.inputsPence : null,
    paybackYear,
  }
}

// ---------- sensitivity ----------

export type AssumptionKind = 'quantity' | 'proxy' | 'duration' | 'deadweight' | 'displacement' | 'attribution' | 'dropOff' | 'discountRate' | 'inputs'

export interface SensitivitySteps {
  /** Shares (deadweight, displacement, attribution, drop-off) move by this many points either way: 0.1 is 10 points. */
  sharePoints: number
  /** Quantities, proxies and inputs move by this share of themselves either way: 0.1 is 10%. */
  relative: number
  /** Durations move by this many whole years either way. */
  years: number
  /** The discount rate moves by this many points either way: 0.01 is 1 point. */
  ratePoints: number
}

export const DEFAULT_SENSITIVITY_STEPS: SensitivitySteps = { sharePoints: 0.1, relative: 0.1, years: 1, ratePoints: 0.01 }

export interface Assumption {
  kind: AssumptionKind
  /** The outcome it belongs to (its index), or null for the discount rate and the inputs. */
  outcome: number | null
  label: string
  value: number
  /** The range the assumption can take: shares 0–1, durations from 1, amounts from 0. */
  min: number
  max: number
}

export interface SensitivityRow extends Assumption {
  low: number
  high: number
  /** The ratio with the assumption at low and at high (everything else as modelled). */
  ratioAtLow: number | null
  ratioAtHigh: number | null
  /** The largest change either way from the modelled ratio. */
  swing: number
  /**
   * The value at which the ratio falls to exactly 1 (break-even), holding every other assumption; null when no
   * value the assumption can take brings the ratio to 1 (the remark says which way).
   */
  breakEven: number | null
  breakEvenRemark: 'found' | 'always-above' | 'always-below'
}

const OUTCOME_KINDS: { kind: 'quantity' | 'proxy' | 'duration' | 'deadweight' | 'displacement' | 'attribution' | 'dropOff'; label: string }[] = [
  { kind: 'quantity', label: 'quantity' },
  { kind: 'proxy', label: 'financial proxy' },
  { kind: 'duration', label: 'duration' },
  { kind: 'deadweight', label: 'deadweight' },
  { kind: 'displacement', label: 'displacement' },
  { kind: 'attribution', label: 'attribution' },
  { kind: 'dropOff', label: 'drop-off' },
]

const UNBOUNDED = Number.MAX_SAFE_INTEGER

/** Every assumption in the model, as the sensitivity table lists them. */
export function assumptionsOf(model: SroiModel): Assumption[] {
  const list: Assumption[] = []
  model.outcomes.forEach((o, index) => {
    for (const { kind, label } of OUTCOME_KINDS) {
      const value = kind === 'quantity' ? o.quantity : kind === 'proxy' ? o.proxyPence : kind === 'duration' ? o.durationYears : o[kind]
      const isShare = kind !== 'quantity' && kind !== 'proxy' && kind !== 'duration'
      list.push({ kind, outcome: index, label: `${o.name}: ${label}`, value, min: kind === 'duration' ? 1 : 0, max: isShare ? 1 : UNBOUNDED })
    }
  })
  list.push({ kind: 'discountRate', outcome: null, label: 'Discount rate', value: model.discountRate, min: 0, max: 1 })
  list.push({ kind: 'inputs', outcome: null, label: 'Value of inputs', value: model.inputsPence, min: 0, max: UNBOUNDED })
  return list
}

/** The model with one assumption set to a value. */
export function withAssumption(model: SroiModel, a: Pick<Assumption, 'kind' | 'outcome'>, value: number): SroiModel {
  if (a.kind === 'discountRate') return { ...model, discountRate: value }
  if (a.kind === 'inputs') return { ...model, inputsPence: value }
  const key = a.kind === 'proxy' ? 'proxyPence' : a.kind === 'duration' ? 'durationYears' : a.kind
  return { ...model, outcomes: model.outcomes.map((o, i) => (i === a.outcome ? { ...o, [key]: value } : o)) }
}

const ratioOf = (model: SroiModel) => calculateSroi(model).ratio

function stepOf(a: Assumption, steps: SensitivitySteps): [number, number] {
  const clamp = (v: number) => Math.min(a.max, Math.max(a.min, v))
  switch (a.kind) {
    case 'quantity':
    case 'proxy':
    case 'inputs':
      return [clamp(a.value * (1 - steps.relative)), clamp(a.value * (1 + steps.relative))]
    case 'duration':
      return [clamp(a.value - steps.years), clamp(a.value + steps.years)]
    case 'discountRate':
      return [clamp(a.value - steps.ratePoints), clamp(a.value + steps.ratePoints)]
    default:
      return [clamp(a.value - steps.sharePoints), clamp(a.value + steps.sharePoints)]
  }
}

/**
 * Where the ratio falls to 1 as one assumption moves, everything else held. The ratio is monotone in every single
 * assumption (more quantity, proxy or duration raises it; more of a deduction, drop-off, discount or inputs lowers
 * it), so bisection over the assumption's range finds the one crossing. Durations are whole years: the answer is the
 * shortest duration at which the ratio reaches 1.
 */
export function breakEven(model: SroiModel, a: Assumption): { value: number | null; remark: SensitivityRow['breakEvenRemark'] } {
  const f = (v: number) => (ratioOf(withAssumption(model, a, v)) ?? Number.POSITIVE_INFINITY) - 1
  if (a.kind === 'duration') {
    // The ratio only grows with duration, up to the point the outcome has dropped off entirely; scan whole years.
    if (f(1) >= 0) return { value: null, remark: 'always-above' }
    for (let years = 2; years <= 200; years++) if (f(years) >= 0) return { value: years, remark: 'found' }
    return { value: null, remark: 'always-below' }
  }
  // Quantities, proxies and inputs have no top: search up to a generous multiple of the modelled value.
  const hi = a.max === UNBOUNDED ? Math.max(1, a.value) * 1e6 : a.max
  let lo = a.min
  let top = hi
  const fLo = f(lo)
  const fHi = f(top)
  if (fLo === 0) return { value: lo, remark: 'found' }
  if (fHi === 0) return { value: top, remark: 'found' }
  if (Math.sign(fLo) === Math.sign(fHi)) return { value: null, remark: fLo > 0 ? 'always-above' : 'always-below' }
  for (let i = 0; i < 200; i++) {
    const mid = (lo + top) / 2
    const fMid = f(mid)
    if (fMid === 0) return { value: mid, remark: 'found' }
    if (Math.sign(fMid) === Math.sign(fLo)) lo = mid
    else top = mid
  }
  return { value: (lo + top) / 2, remark: 'found' }
}

/**
 * The sensitivity table: each assumption moved down and up by its step, the ratio at each end, and its break-even
 * value; sorted by swing, largest first, so the first row is the assumption that changes the ratio most.
 */
export function sensitivity(model: SroiModel, steps: SensitivitySteps = DEFAULT_SENSITIVITY_STEPS): SensitivityRow[] {
  const base = ratioOf(model)
  return assumptionsOf(model)
    .map((a) => {
      const [low, high] = stepOf(a, steps)
      const ratioAtLow = ratioOf(withAssumption(model, a, low))
      const ratioAtHigh = ratioOf(withAssumption(model, a, high))
      const swing = base === null || ratioAtLow === null || ratioAtHigh === null ? 0 : Math.max(Math.abs(ratioAtLow - base), Math.abs(ratioAtHigh - base))
      const be = breakEven(model, a)
      return { ...a, low, high, ratioAtLow, ratioAtHigh, swing, breakEven: be.value, breakEvenRemark: be.remark }
    })
    .sort((x, y) => y.swing - x.swing || x.label.localeCompare(y.label))
}
