/**
 * The statistics of benchmarking, as pure functions: median and median absolute deviation, distance from the median
 * in MADs, rank with polarity, direction of travel, and the nearest-neighbour model (z-scores and Euclidean distance).
 *
 * Sources:
 * - MADs from median = (value − median) ÷ MAD, where MAD is the median of the absolute deviations from the median,
 *   not scaled (Oflog's data explorer, columns MEDIAN and MADs_from_median; domain rules §13). A council more than
 *   two MADs from its group's median is flagged.
 * - CIPFA's nearest neighbours method (domain rules §10.1): each variable standardised to mean 0 and standard
 *   deviation 1, the Euclidean distance between authorities over all variables, the 15 nearest. The standard
 *   deviation here is the population's (divided by n, not n − 1), over the councils the model compares.
 */

/** Whether a high value is good ('high'), a low value is good ('low'), or neither is said (null). */
export type Polarity = 'high' | 'low' | null

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('The median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** The median absolute deviation from the median, unscaled. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const centre = median(values)
  return median(values.map((v) => Math.abs(v - centre)))
}

/** (value − median) ÷ MAD; null when the MAD is 0 (half or more of the group share one value). */
export function madsFromMedian(value: number, centre: number, mad: number): number | null {
  return mad === 0 ? null : (value - centre) / mad
}

/** More than this many MADs from the median is flagged. */
export const MAD_FLAG = 2

export type Standing = 'better' | 'worse' | 'higher' | 'lower'

/**
 * Whether a value more than two MADs from the median is flagged, and which way: better or worse where the polarity
 * says which way is good, higher or lower where it does not. Null when within two MADs or when the MAD is 0.
 */
export function madFlag(mads: number | null, polarity: Polarity): Standing | null {
  if (mads === null || Math.abs(mads) <= MAD_FLAG) return null
  return standing(mads, polarity)
}

function standing(difference: number, polarity: Polarity): Standing {
  if (polarity === 'high') return difference > 0 ? 'better' : 'worse'
  if (polarity === 'low') return difference < 0 ? 'better' : 'worse'
  return difference > 0 ? 'higher' : 'lower'
}

/**
 * Ranks from 1, best first: highest first where a high value is good or nothing is said, lowest first where a low
 * value is good. Equal values share a rank and the next rank is skipped ("1, 2, 2, 4"), as league tables do.
 */
export function ranks(values: readonly number[], polarity: Polarity): number[] {
  const better = (a: number, b: number) => (polarity === 'low' ? a < b : a > b)
  return values.map((v) => 1 + values.filter((w) => better(w, v)).length)
}

export type Travel = 'improving' | 'worsening' | 'rising' | 'falling' | 'no change'

/** From the earlier value to the later one: improving or worsening by polarity, rising or falling without one. */
export function directionOfTravel(earlier: number, later: number, polarity: Polarity): Travel {
  if (later === earlier) return 'no change'
  const s = standing(later - earlier, polarity)
  return s === 'better' ? 'improving' : s === 'worse' ? 'worsening' : s === 'higher' ? 'rising' : 'falling'
}

/** Each variable (a column of `rows`) standardised to mean 0 and standard deviation 1; a constant column gives 0s. */
export function zScores(rows: readonly (readonly number[])[]): number[][] {
  const n = rows.length
  if (n === 0) return []
  const width = rows[0]!.length
  const means = Array.from({ length: width }, (_, j) => rows.reduce((sum, r) => sum + r[j]!, 0) / n)
  const sds = means.map((mean, j) => Math.sqrt(rows.reduce((sum, r) => sum + (r[j]! - mean) ** 2, 0) / n))
  return rows.map((r) => r.map((v, j) => (sds[j] === 0 ? 0 : (v - means[j]!) / sds[j]!)))
}

export function euclidean(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(a.reduce((sum, v, j) => sum + (v - b[j]!) ** 2, 0))
}

/** One variable's part in the distance between the subject and a neighbour. */
export interface VariableGap {
  variable: string
  /** The gap in standard deviations (z-scores), always 0 or more. */
  gap: number
  /** The variable's share of the squared distance, from 0 to 1. */
  share: number
}

/** A gap of less than half a standard deviation makes a neighbour near on that variable; one or more, far. */
export const NEAR_GAP = 0.5
export const FAR_GAP = 1

export interface Neighbour<K> {
  key: K
  distance: number
  /** The variables, largest share of the distance first. */
  gaps: VariableGap[]
  near: string[]
  far: string[]
}

/**
 * The `count` candidates nearest the subject over the named variables, nearest first (ties by key). `values` holds
 * every council's raw values, the subject's included; all are standardised together.
 */
export function nearestNeighbours<K extends string>(
  subject: K,
  values: ReadonlyMap<K, readonly number[]>,
  variables: readonly string[],
  count = 15,
): Neighbour<K>[] {
  const keys = [...values.keys()]
  const z = zScores(keys.map((k) => values.get(k)!))
  const at = keys.indexOf(subject)
  if (at < 0) throw new Error('The subject has no values')
  const origin = z[at]!
  return keys
    .map((key, i) => ({ key, point: z[i]! }))
    .filter((c) => c.key !== subject)
    .map(({ key, point }) => {
      const distance = euclidean(origin, point)
      const squared = distance ** 2
      const gaps = variables
        .map((variable, j) => {
          const gap = Math.abs(point[j]! - origin[j]!)
          return { variable, gap, share: squared === 0 ? 0 : gap ** 2 / squared }
        })
        .sort((a, b) => b.share - a.share)
      return {
        key,
        distance,
        gaps,
        near: gaps.filter((g) => g.gap < NEAR_GAP).map((g) => g.variable),
        far: gaps.filter((g) => g.gap >= FAR_GAP).map((g) => g.variable),
      }
    })
    .sort((a, b) => a.distance - b.distance || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, count)
}
