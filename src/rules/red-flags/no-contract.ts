/**
 * RF-NOCONTRACT: spend with a payee above a set amount in a financial year with no contract with it in force that
 * year. Spend at that level is likely a notifiable contract (s.87(4)) that was never let or never recorded.
 */
import { financialYear } from '../../platform/financial-year.ts'
import { inForceDuring } from '../contracts/in-force.ts'
import { day, money, payeeLink, providerLink, providerNamed, yearLabel } from './format.ts'
import type { RedFlag, RedFlagRule } from './types.ts'

export const spendWithoutContract: RedFlagRule = {
  id: 'RF-NOCONTRACT',
  name: 'Spend above the threshold with no contract',
  why: 'Paying a supplier this much in a year without a contract in the register means the council cannot show what it bought, on what terms or how it chose the supplier; at this level the purchase was probably a notifiable contract that should have been advertised or published.',
  legalBasis: {
    cites: ['s.87(3)', 's.87(4)', 'Transparency Code 2015 (b)'],
    text: 'A council’s contract of £30,000 or more is a notifiable below-threshold contract whose details must be published (s.87(3)–(4)); the Local Government Transparency Code 2015 asks councils to publish contracts over £5,000.',
  },
  settings: ['noContractThresholdPence'],
  evaluate(facts, settings) {
    const totals = new Map<string, { payeeId: string; name: string; providerId: string | null; year: number; amount: number }>()
    for (const s of facts.spend) {
      if (s.redacted) continue
      const key = `${s.payeeId}:${s.year}`
      const entry = totals.get(key) ?? { payeeId: s.payeeId, name: s.payeeName, providerId: s.providerId, year: s.year, amount: 0 }
      entry.amount += s.amountPence
      totals.set(key, entry)
    }
    const flags: RedFlag[] = []
    for (const t of [...totals.values()].sort((a, b) => b.amount - a.amount)) {
      if (t.amount <= settings.noContractThresholdPence) continue
      const fy = financialYear(t.year)
      const contracts = t.providerId ? facts.contracts.filter((c) => c.supplierIds.includes(t.providerId!)) : []
      if (contracts.some((c) => inForceDuring(c, fy.start, fy.end))) continue
      const provider = t.providerId ? providerNamed(facts.providers, t.providerId) : undefined
      flags.push({
        key: `RF-NOCONTRACT:payee:${t.payeeId}:${t.year}`,
        ruleId: 'RF-NOCONTRACT',
        summary: `${t.name} was paid ${money(t.amount)} in ${fy.label} with no contract in force that year.`,
        evidence: [
          { label: `Spend ${yearLabel(t.year)}`, value: money(t.amount) },
          { label: 'Threshold', value: `more than ${money(settings.noContractThresholdPence)} in a financial year` },
          {
            label: 'Contracts',
            value: !provider
              ? 'The payee is not matched to a provider in the register, so it has no contract there: check the match first.'
              : contracts.length === 0
                ? `${provider.name} has no contract in the register.`
                : `None of ${provider.name}’s ${contracts.length} contracts was in force between ${day(fy.start)} and ${day(fy.end)}.`,
          },
        ],
        links: [payeeLink(t.payeeId, t.name), ...(provider ? [providerLink(provider)] : [])],
      })
    }
    return flags
  },
}
