/**
 * RF-OVERSPEND: spend with a supplier beyond the value of its contracts by more than a below-threshold modification
 * could add (s.74(4)(a): 10% for goods and services, 15% for works). Either the register is out of date, or the
 * contracts have been varied further than the Act allows without a Schedule 8 ground or a new procurement.
 */
import { modificationValueLimit } from '../procurement/modification.ts'
import { contractLink, money, payeeLink, percent, providerLink, providerNamed, yearLabel } from './format.ts'
import type { ContractFact, RedFlag, RedFlagRule } from './types.ts'

export const overspend: RedFlagRule = {
  id: 'RF-OVERSPEND',
  name: 'Spend over contract value beyond the modification limits',
  why: 'Paying a supplier more than its contracts are worth, by more than a below-threshold modification allows, means either the register is wrong or the contracts were varied beyond what the Act permits without a published change notice, a Schedule 8 ground or a new procurement.',
  legalBasis: {
    cites: ['s.74(1)', 's.74(4)(a)', 's.75', 'Sch 8'],
    text: 'A contract may be modified without a Schedule 8 ground only if it is not a substantial modification or is a below-threshold one: a change in value of no more than 10% (goods and services) or 15% (works) (s.74(4)(a)). Light touch contracts may be modified freely (s.74(2)), so those are noted.',
  },
  settings: [],
  evaluate(facts) {
    const spentBy = new Map<string, { total: number; payees: Map<string, string>; years: Map<number, number> }>()
    for (const s of facts.spend) {
      if (!s.providerId) continue
      const entry = spentBy.get(s.providerId) ?? { total: 0, payees: new Map(), years: new Map() }
      entry.total += s.amountPence
      entry.payees.set(s.payeeId, s.payeeName)
      entry.years.set(s.year, (entry.years.get(s.year) ?? 0) + s.amountPence)
      spentBy.set(s.providerId, entry)
    }
    const contractsOf = new Map<string, ContractFact[]>()
    for (const c of facts.contracts) for (const supplier of new Set(c.supplierIds)) contractsOf.set(supplier, [...(contractsOf.get(supplier) ?? []), c])

    const flags: RedFlag[] = []
    for (const [providerId, spent] of spentBy) {
      const contracts = contractsOf.get(providerId) ?? []
      // A supplier with no contract is RF-NOCONTRACT's; one whose contract has no value cannot be measured.
      if (contracts.length === 0 || contracts.some((c) => c.totalValuePence === null)) continue
      const value = contracts.reduce((sum, c) => sum + c.totalValuePence!, 0)
      const allowance = contracts.reduce((sum, c) => sum + Math.floor((c.totalValuePence! * modificationValueLimit(c.mainCategory).percent) / 100), 0)
      if (spent.total <= value + allowance) continue
      const provider = providerNamed(facts.providers, providerId)
      const over = value > 0 ? ((spent.total - value) / value) * 100 : Number.POSITIVE_INFINITY
      const lightTouch = contracts.filter((c) => c.lightTouch)
      flags.push({
        key: `RF-OVERSPEND:provider:${providerId}`,
        ruleId: 'RF-OVERSPEND',
        summary: `${provider.name} was paid ${money(spent.total)}, ${Number.isFinite(over) ? percent(over) : 'far'} more than its contracts’ value of ${money(value)}; modifications could add at most ${money(allowance)}.`,
        evidence: [
          ...[...spent.years].sort(([a], [b]) => a - b).map(([year, amount]) => ({ label: `Spend ${yearLabel(year)}`, value: money(amount) })),
          ...contracts.map((c) => ({ label: c.reference, value: `${money(c.totalValuePence!)} (${c.mainCategory}, limit ${modificationValueLimit(c.mainCategory).percent}%${c.lightTouch ? ', light touch: may be modified freely (s.74(2))' : ''})` })),
          { label: 'Contracts’ value plus modification limits', value: money(value + allowance) },
          { label: 'Paid beyond that', value: money(spent.total - value - allowance) },
          ...(lightTouch.length > 0 ? [{ label: 'Note', value: 'Some contracts are light touch, which the Act lets the council modify freely: check the register records the changes.' }] : []),
        ],
        links: [providerLink(provider), ...contracts.map(contractLink), ...[...spent.payees].map(([id, name]) => payeeLink(id, name))],
      })
    }
    return flags
  },
}
