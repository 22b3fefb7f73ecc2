/**
 * RF-SOCIAL-VALUE: a contract whose verified social value falls below the council's share of what was due. The share
 * is of value in pounds (each commitment's quantity × its measure's proxy, verified quantity capped at what was
 * committed); where none of the contract's due commitments has a money value, it is the mean share of units.
 */
import { contractLink, day, money, percent } from './format.ts'
import type { RedFlag, RedFlagRule, SocialValueFact } from './types.ts'

/** The share (0 to 1) of due social value that has been verified, by value where there is one. */
export function verifiedShare(due: Pick<SocialValueFact, 'quantity' | 'verified' | 'proxyPence'>[]): number {
  const valued = due.filter((d) => d.proxyPence !== null && d.proxyPence > 0 && d.quantity > 0)
  if (valued.length > 0) {
    const committed = valued.reduce((sum, d) => sum + d.quantity * d.proxyPence!, 0)
    const verified = valued.reduce((sum, d) => sum + Math.min(d.verified, d.quantity) * d.proxyPence!, 0)
    return verified / committed
  }
  const counted = due.filter((d) => d.quantity > 0)
  return counted.length ? counted.reduce((sum, d) => sum + Math.min(d.verified, d.quantity) / d.quantity, 0) / counted.length : 1
}

export const socialValueShortfall: RedFlagRule = {
  id: 'RF-SOCIAL-VALUE',
  name: 'Social value committed but not delivered',
  why: 'Social value promised in a tender is part of why the contract was awarded. If what was due has not been delivered and verified, the council is not getting what it bought, and its published social value is overstated.',
  legalBasis: {
    cites: ['s.12(1)', 'Public Services (Social Value) Act 2012 s.1'],
    text: 'A council must have regard to maximising public benefit in carrying out a procurement (Procurement Act 2023 s.12(1)), and must consider how a services contract might improve the economic, social and environmental well-being of its area (Public Services (Social Value) Act 2012 s.1). Commitments made on that basis are contract terms to be managed and evidenced.',
  },
  settings: ['socialValueDeliveredPercent'],
  evaluate(facts, settings) {
    const byContract = new Map<string, SocialValueFact[]>()
    for (const fact of facts.socialValue ?? []) byContract.set(fact.contractId, [...(byContract.get(fact.contractId) ?? []), fact])
    const flags: RedFlag[] = []
    for (const c of facts.contracts) {
      const due = byContract.get(c.id)
      if (!due?.length) continue
      const share = verifiedShare(due)
      if (share * 100 >= settings.socialValueDeliveredPercent) continue
      const committedPence = due.reduce((sum, d) => sum + (d.proxyPence ?? 0) * d.quantity, 0)
      const verifiedPence = due.reduce((sum, d) => sum + (d.proxyPence ?? 0) * Math.min(d.verified, d.quantity), 0)
      flags.push({
        key: `RF-SOCIAL-VALUE:contract:${c.id}`,
        ruleId: 'RF-SOCIAL-VALUE',
        summary: `${c.reference} (${c.title}): ${percent(share * 100)} of the social value due has been verified, below the council’s ${percent(settings.socialValueDeliveredPercent)}.`,
        evidence: [
          ...due.map((d) => ({ label: `${d.code}, due ${day(d.dueDate)}`, value: `${d.verified.toLocaleString('en-GB')} of ${d.quantity.toLocaleString('en-GB')} ${d.unit} verified` })),
          ...(committedPence > 0 ? [{ label: 'Value due and verified', value: `${money(Math.round(verifiedPence))} of ${money(Math.round(committedPence))}` }] : []),
        ],
        links: [contractLink(c)],
      })
    }
    return flags
  },
}
