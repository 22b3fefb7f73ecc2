/** A round's phases, in order, with what each means to a resident. */
export const PHASES = [
  { code: 'ideas', name: 'Ideas', description: 'Residents propose ideas.' },
  { code: 'review', name: 'Review', description: 'Council officers check each idea can be done and what it would cost.' },
  { code: 'voting', name: 'Voting', description: 'Residents vote for the ideas they want.' },
  { code: 'results', name: 'Results', description: 'The votes are counted and the winning ideas announced.' },
  { code: 'delivery', name: 'Delivery', description: 'The council delivers the winning ideas and reports progress here.' },
] as const
export type Phase = (typeof PHASES)[number]['code']

export function phaseName(code: string): string {
  return PHASES.find((p) => p.code === code)?.name ?? code
}

/** The phase after this one, or undefined at the end. Rounds only move forward: a result once published stands. */
export function nextPhase(code: string): Phase | undefined {
  const index = PHASES.findIndex((p) => p.code === code)
  return index === -1 ? undefined : PHASES[index + 1]?.code
}

export const VOTING_METHODS = {
  approval: 'Approval voting: tick every idea you support',
  budget: 'Budget voting: choose ideas whose costs add up to no more than the budget',
} as const
export type VotingMethod = keyof typeof VOTING_METHODS

export const DELIVERY_STATUSES = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  delivered: 'Delivered',
  stopped: 'Stopped',
} as const
export type DeliveryStatus = keyof typeof DELIVERY_STATUSES
