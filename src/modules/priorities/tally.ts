/**
 * Counting a round's ballots: pure functions, so that anyone can check a result from the anonymised ballots.
 *
 * Every ballot is a set of ideas the voter supports (approval) or chose within the budget (budget voting), so both
 * methods count the same way: an idea's votes are the number of ballots that include it. Winners then follow the
 * usual participatory-budgeting rule ("greedy"): take ideas from most votes to fewest and fund each one that still
 * fits in what is left of the budget, skipping any that does not. Ties go to the cheaper idea, then the earlier one.
 */

export interface TallyIdea {
  id: string
  title: string
  costPence: number
  /** Order of submission: the last tie-break, so that results never depend on how rows happen to be read. */
  order: number
}

export interface TallyRow {
  idea: TallyIdea
  votes: number
  rank: number
  /** Funded by the rule. */
  funded: boolean
  /** Not funded because it no longer fitted in the budget left when its turn came. */
  skippedForBudget: boolean
}

export interface Tally {
  rows: TallyRow[]
  ballots: number
  budgetPence: number
  spentPence: number
}

/** How many ballots include each idea (ideas no ballot includes count 0; unknown ids are ignored). */
export function countVotes(ideaIds: readonly string[], ballots: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>(ideaIds.map((id) => [id, 0]))
  for (const ballot of ballots) {
    for (const id of new Set(ballot)) {
      const current = counts.get(id)
      if (current !== undefined) counts.set(id, current + 1)
    }
  }
  return counts
}

/** Ideas in the order the rule considers them: most votes, then cheapest, then earliest. */
export function rankOrder(ideas: readonly TallyIdea[], votes: ReadonlyMap<string, number>): TallyIdea[] {
  return [...ideas].sort(
    (a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) || a.costPence - b.costPence || a.order - b.order || a.id.localeCompare(b.id),
  )
}

/** The greedy rule over ideas already in rank order: fund each that fits in what is left. */
export function greedyWithinBudget(ranked: readonly TallyIdea[], budgetPence: number): Set<string> {
  const funded = new Set<string>()
  let left = budgetPence
  for (const idea of ranked) {
    if (idea.costPence <= left) {
      funded.add(idea.id)
      left -= idea.costPence
    }
  }
  return funded
}

export function tally(ideas: readonly TallyIdea[], ballots: readonly (readonly string[])[], budgetPence: number): Tally {
  const votes = countVotes(ideas.map((idea) => idea.id), ballots)
  const ranked = rankOrder(ideas, votes)
  const funded = greedyWithinBudget(ranked, budgetPence)
  const rows = ranked.map((idea, index) => ({
    idea,
    votes: votes.get(idea.id) ?? 0,
    rank: index + 1,
    funded: funded.has(idea.id),
    skippedForBudget: !funded.has(idea.id),
  }))
  const spentPence = rows.filter((row) => row.funded).reduce((sum, row) => sum + row.idea.costPence, 0)
  return { rows, ballots: ballots.length, budgetPence, spentPence }
}

/** Whether a budget ballot's choices fit the budget (the knapsack a voter fills). */
export function ballotCost(choices: readonly string[], costs: ReadonlyMap<string, number>): number {
  return [...new Set(choices)].reduce((sum, id) => sum + (costs.get(id) ?? 0), 0)
}
