/**
 * Short plain-English guidance for each stage of the commissioning cycle (Institute of Public Care: Analyse, Plan,
 * Do, Review), with the Keep it Local principles (Locality, 2020) where they bear on the step.
 */
import type { Stage } from './forms.ts'

export interface StageGuidance {
  summary: string
  steps: string[]
  keepItLocal: string[]
}

export const STAGE_GUIDANCE: Record<Stage, StageGuidance> = {
  analyse: {
    summary: 'Understand what residents need and what is in place now, before deciding anything about how to meet it.',
    steps: [
      'Record the needs and the evidence for each: the joint strategic needs assessment, what residents and providers tell you, data.',
      'Set the outcomes you want, each with an indicator, where it stands now (baseline) and where it should get to (target).',
      'Map what is in place now: link the contracts and grants that serve these needs, and note the budget.',
    ],
    keepItLocal: [
      'Think about the whole system and not individual service silos.',
      'Focus on early intervention now to save costs tomorrow.',
    ],
  },
  plan: {
    summary: 'Decide how the needs are best met: compare every way of delivering, whoever the provider, then check what the law allows.',
    steps: [
      'Score each delivery model against the criteria, with a reason for each score. Change the weights to see how robust the ranking is.',
      'Get route-to-market advice for the option you prefer, and save it to the project.',
      'Record the decision: what was decided, by whom and why.',
    ],
    keepItLocal: [
      'Coordinate services at the neighbourhood level.',
      'Commission services simply and collaboratively so they are local by default.',
      'Increase local spend to invest in the local economy.',
    ],
  },
  do: {
    summary: 'Put the chosen way of delivering in place: run the tender or grant round, award, and agree how payment and performance work.',
    steps: [
      'Link the tender, contract or grant that results, so the project and the registers tell the same story.',
      'Publish the notices the route advice listed, at the times it gave.',
      'Set milestones on the timeline for mobilisation and the first review.',
    ],
    keepItLocal: [
      'Commit to your community and proactively support local organisations.',
      'Commission services simply and collaboratively so they are local by default.',
    ],
  },
  review: {
    summary: 'Check that what was put in place meets the needs and moves the outcomes, and feed what you learn into the next cycle.',
    steps: [
      'Record the latest measurement of each outcome and compare it with its target.',
      'Listen to the people using the service and to providers.',
      'Record what you decide next: continue, change or recommission.',
    ],
    keepItLocal: ['Think about the whole system and not individual service silos.'],
  },
}
