/**
 * The options appraisal: candidate delivery models scored 0 to 5 against weighted criteria, ranked by weighted
 * score, and how far each weight must move before a different option comes top. Pure: no database, no clock.
 */

/** The delivery models a project starts with; any can be renamed or removed, and others added. */
export const DEFAULT_OPTIONS = [
  'In-house',
  'Shared service with other councils',
  'Council-owned company',
  'Grant to VCSE organisations',
  'Open contract',
  'Contract divided into lots',
  'Contract reserved for a public service mutual',
  'Contract reserved for supported employment providers',
  'A single large contract',
  'A partnership or alliance',
] as const

/**
 * The criteria and the weights offered by default (they add to 100). Quality and outcomes weigh most because a
 * commissioning project starts from residents' outcomes; the commissioner changes any of them.
 */
export const DEFAULT_CRITERIA: readonly { name: string; weight: number }[] = [
  { name: 'Whole-life cost', weight: 20 },
  { name: 'Quality and outcomes', weight: 25 },
  { name: 'Social value', weight: 10 },
  { name: 'Local economic value', weight: 10 },
  { name: 'Resilience and concentration risk', weight: 10 },
  { name: 'Market capacity', weight: 10 },
  { name: 'Time and deliverability', weight: 10 },
  { name: 'Legal complexity', weight: 5 },
]

export const MAX_SCORE = 5

export interface Option {
  id: string
  name: string
}
export interface Criterion {
  id: string
  name: string
  weight: number
}
/** scores.get(optionId)?.get(criterionId): a missing score counts as 0 and is reported as unscored. */
export type Scores = ReadonlyMap<string, ReadonlyMap<string, number>>

export interface RankedOption {
  option: Option
  rank: number
  /** Weighted score out of MAX_SCORE: the sum of score × weight ÷ the sum of weights. */
  weightedScore: number
  /** The same as a percentage of the best possible. */
  percent: number
  scored: number
}

export interface Ranking {
  ranked: RankedOption[]
  totalWeight: number
  /** Each criterion's share of the total weight, as a percentage. */
  normalisedWeights: Map<string, number>
  complete: boolean
}

const scoreOf = (scores: Scores, optionId: string, criterionId: string) => scores.get(optionId)?.get(criterionId) ?? 0

/** Sum of weight × score for an option, before dividing by the total weight. */
function rawTotal(option: Option, criteria: readonly Criterion[], scores: Scores): number {
  return criteria.reduce((sum, c) => sum + c.weight * scoreOf(scores, option.id, c.id), 0)
}

/** Options ranked by weighted score, highest first; equal scores share a rank and keep their listed order. */
export function rankOptions(options: readonly Option[], criteria: readonly Criterion[], scores: Scores): Ranking {
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0)
  const rows = options.map((option, index) => {
    const weightedScore = totalWeight > 0 ? rawTotal(option, criteria, scores) / totalWeight : 0
    const scored = criteria.filter((c) => scores.get(option.id)?.has(c.id)).length
    return { option, index, weightedScore, percent: (weightedScore / MAX_SCORE) * 100, scored }
  })
  rows.sort((a, b) => b.weightedScore - a.weightedScore || a.index - b.index)
  const ranked: RankedOption[] = []
  rows.forEach((row, i) => {
    const previous = ranked[i - 1]
    const rank = previous && Math.abs(previous.weightedScore - row.weightedScore) < 1e-9 ? previous.rank : i + 1
    ranked.push({ option: row.option, rank, weightedScore: row.weightedScore, percent: row.percent, scored: row.scored })
  })
  return {
    ranked,
    totalWeight,
    normalisedWeights: new Map(criteria.map((c) => [c.id, totalWeight > 0 ? (c.weight / totalWeight) * 100 : 0])),
    complete: rows.every((r) => r.scored === criteria.length),
  }
}

export interface WeightSensitivity {
  criterion: Criterion
  /** How much the weight can rise before another option draws level with the top one; null if no rise would do it. */
  increase: number | null
  increaseOvertakenBy: Option | null
  /** How much it can fall (at most to 0) before that happens; null if not even 0 would do it. */
  decrease: number | null
  decreaseOvertakenBy: Option | null
}

/**
 * For each criterion, how far its weight (in the same units the commissioner sets) must move, up and down, with the
 * other weights unchanged, before another option draws level with the top-ranked one.
 *
 * Every option's weighted score shares the denominator (the total weight), so option p draws level with the top
 * option t when (A_p − A_t) + δ·(s_p − s_t) = 0, where A is the weighted total and s the score on this criterion.
 * Only options scoring higher than t on the criterion can catch up as its weight rises, and only those scoring lower
 * as it falls.
 */
export function weightSensitivity(options: readonly Option[], criteria: readonly Criterion[], scores: Scores): WeightSensitivity[] {
  const ranking = rankOptions(options, criteria, scores)
  const top = ranking.ranked[0]
  if (!top || options.length < 2) return criteria.map((criterion) => ({ criterion, increase: null, increaseOvertakenBy: null, decrease: null, decreaseOvertakenBy: null }))
  const totals = new Map(options.map((o) => [o.id, rawTotal(o, criteria, scores)]))
  const topTotal = totals.get(top.option.id)!
  return criteria.map((criterion) => {
    const topScore = scoreOf(scores, top.option.id, criterion.id)
    let increase: number | null = null
    let increaseOvertakenBy: Option | null = null
    let decrease: number | null = null
    let decreaseOvertakenBy: Option | null = null
    for (const other of options) {
      if (other.id === top.option.id) continue
      const gap = topTotal - totals.get(other.id)! // ≥ 0: the top option is ahead or level
      const diff = scoreOf(scores, other.id, criterion.id) - topScore
      if (diff > 0) {
        const delta = gap / diff
        if (increase === null || delta < increase) {
          increase = delta
          increaseOvertakenBy = other
        }
      } else if (diff < 0) {
        const delta = gap / -diff
        if (delta <= criterion.weight && (decrease === null || delta < decrease)) {
          decrease = delta
          decreaseOvertakenBy = other
        }
      }
    }
    return { criterion, increase, increaseOvertakenBy, decrease, decreaseOvertakenBy }
  })
}
