/** Property tests: the tally is right for any ballots, and the greedy rule picks exactly what it says it picks. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { countVotes, greedyWithinBudget, rankOrder, tally, type TallyIdea } from './tally.ts'

const ideasArb = (max: number) =>
  fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: max }).map((costs) =>
    costs.map((cost, index): TallyIdea => ({ id: `idea-${index}`, title: `Idea ${index}`, costPence: cost * 100, order: index })),
  )

const roundArb = (maxIdeas: number) =>
  ideasArb(maxIdeas).chain((ideas) =>
    fc.record({
      ideas: fc.constant(ideas),
      ballots: fc.array(fc.subarray(ideas.map((idea) => idea.id)), { maxLength: 60 }),
      budgetPence: fc.integer({ min: 0, max: 200_000 }).map((pounds) => pounds * 100),
    }),
  )

test('approval counts equal the number of ballots approving each idea', () => {
  fc.assert(
    fc.property(roundArb(10), ({ ideas, ballots }) => {
      const counts = countVotes(ideas.map((i) => i.id), ballots)
      for (const idea of ideas) {
        assert.equal(counts.get(idea.id), ballots.filter((ballot) => ballot.includes(idea.id)).length)
      }
      const sum = [...counts.values()].reduce((a, b) => a + b, 0)
      assert.equal(sum, ballots.reduce((a, b) => a + b.length, 0))
    }),
  )
})

test('funded ideas never cost more than the budget', () => {
  fc.assert(
    fc.property(roundArb(12), ({ ideas, ballots, budgetPence }) => {
      const result = tally(ideas, ballots, budgetPence)
      assert.ok(result.spentPence <= budgetPence)
      assert.equal(result.spentPence, result.rows.filter((r) => r.funded).reduce((s, r) => s + r.idea.costPence, 0))
    }),
  )
})

test('the result does not depend on the order ballots or ideas are read in', () => {
  fc.assert(
    fc.property(roundArb(10), fc.integer(), ({ ideas, ballots, budgetPence }, seed) => {
      const shuffle = <T>(items: readonly T[]) => {
        const copy = [...items]
        let state = seed >>> 0
        for (let i = copy.length - 1; i > 0; i--) {
          state = (state * 1664525 + 1013904223) >>> 0
          const j = state % (i + 1)
          ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
        }
        return copy
      }
      const a = tally(ideas, ballots, budgetPence)
      const b = tally(shuffle(ideas), shuffle(ballots), budgetPence)
      assert.deepEqual(b.rows.map((r) => [r.idea.id, r.votes, r.funded]), a.rows.map((r) => [r.idea.id, r.votes, r.funded]))
    }),
  )
})

/**
 * The greedy rule, stated as an optimum: of every set of ideas that fits the budget, the one that is best when sets
 * are compared idea by idea in rank order (having the higher-ranked idea beats anything lower down). Brute force
 * over every subset must agree with the greedy pass.
 */
test('on small rounds the winners match a brute-force search for the best set under the stated rule', () => {
  fc.assert(
    fc.property(roundArb(8), ({ ideas, ballots, budgetPence }) => {
      const ranked = rankOrder(ideas, countVotes(ideas.map((i) => i.id), ballots))
      let best: boolean[] | undefined
      for (let mask = 0; mask < 1 << ranked.length; mask++) {
        const chosen = ranked.map((_, index) => (mask & (1 << index)) !== 0)
        const cost = ranked.reduce((sum, idea, index) => sum + (chosen[index] ? idea.costPence : 0), 0)
        if (cost > budgetPence) continue
        // Better: at the first idea (in rank order) where the two sets differ, this one has it.
        const firstDifference = best ? chosen.findIndex((c, i) => c !== best![i]) : -1
        if (!best || (firstDifference !== -1 && chosen[firstDifference])) best = chosen
      }
      const expected = new Set(ranked.filter((_, index) => best![index]).map((idea) => idea.id))
      const result = tally(ideas, ballots, budgetPence)
      assert.deepEqual(new Set(result.rows.filter((r) => r.funded).map((r) => r.idea.id)), expected)
      assert.deepEqual(greedyWithinBudget(ranked, budgetPence), expected)
    }),
  )
})

test('a worked example: ties go to the cheaper idea, and one that no longer fits is skipped', () => {
  const ideas: TallyIdea[] = [
    { id: 'a', title: 'Benches', costPence: 500_000, order: 0 },
    { id: 'b', title: 'Youth club', costPence: 900_000, order: 1 },
    { id: 'c', title: 'Tree planting', costPence: 300_000, order: 2 },
  ]
  const result = tally(ideas, [['b', 'a'], ['b'], ['a', 'c'], ['b', 'c']], 1_300_000)
  assert.deepEqual(result.rows.map((r) => [r.idea.id, r.votes, r.funded]), [['b', 3, true], ['c', 2, true], ['a', 2, false]])
  assert.equal(result.spentPence, 1_200_000)
})
