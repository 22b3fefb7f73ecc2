/**
 * Whether an executive decision is a key decision, with the reasons, as reg 8 of The Local Authorities (Executive
 * Arrangements) (Meetings and Access to Information) (England) Regulations 2012 (SI 2012/2089) defines it: likely to
 * result in spending or savings significant for the service's budget, or significant in its effects on communities
 * living or working in two or more wards or electoral divisions. What is "significant" spending is the council's own
 * threshold (a setting, never a figure in code); an officer may also judge a decision key for its effects.
 */
export type KeyDecisionReason = 'above-threshold' | 'two-or-more-wards' | 'judged-significant'

export const KEY_DECISION_REASON_TEXT: Record<KeyDecisionReason, string> = {
  'above-threshold': 'Spending or savings at or above the council’s key decision threshold (reg 8(1)(a))',
  'two-or-more-wards': 'Significant effects on communities in two or more wards (reg 8(1)(b))',
  'judged-significant': 'Judged significant for the service’s budget or communities by the decision maker (reg 8)',
}

export interface KeyDecisionFacts {
  /** Spending or savings the decision is likely to result in, in pence; null when there is none or it is not known. */
  valuePence: number | null
  /** The wards whose communities it significantly affects. */
  wardsAffected: number
  /** The council's threshold in pence; null when the council has not set one (then value alone never makes it key). */
  thresholdPence: number | null
  /** The officer's own judgement that it is key for another reason under reg 8. */
  judgedSignificant: boolean
}

export function keyDecisionReasons(facts: KeyDecisionFacts): KeyDecisionReason[] {
  const reasons: KeyDecisionReason[] = []
  if (facts.thresholdPence !== null && facts.valuePence !== null && Math.abs(facts.valuePence) >= facts.thresholdPence) reasons.push('above-threshold')
  if (facts.wardsAffected >= 2) reasons.push('two-or-more-wards')
  if (facts.judgedSignificant) reasons.push('judged-significant')
  return reasons
}
