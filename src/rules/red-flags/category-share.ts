/**
 * RF-SHARE: one payee taking more than a set share of a spend category in a financial year. Concentration is not
 * unlawful, but it leaves the council exposed if that supplier fails or raises its prices.
 */
import { money, payeeLink, percent, providerLink, providerNamed, yearLabel } from './format.ts'
import type { RedFlag, RedFlagRule } from './types.ts'

export const categoryShare: RedFlagRule = {
  id: 'RF-SHARE',
  name: 'One supplier above a set share of a category',
  why: 'When one supplier takes most of what the council spends on a service, the council depends on it: if it fails, the service fails, and with no rival the council has little hold on price or quality. It is a prompt to plan for continuity and to grow the market, not a finding of wrongdoing.',
  legalBasis: {
    cites: ['s.12(1)(a)', 's.12(4)', 's.18'],
    text: 'No provision caps a supplier’s share. The council must have regard to value for money (s.12(1)(a)) and to the barriers small suppliers face (s.12(4)), and must consider lots before a tender (s.18); a dominant supplier is where those duties bite. Shares are descriptive yardsticks in the manner of the HHI guidelines (domain reference §8), not a legal test.',
  },
  settings: ['categorySharePercent', 'categoryMinimumPence'],
  evaluate(facts, settings) {
    // Per year and category: each payee's total, and the total of payees paid more than they repaid.
    const cells = new Map<string, Map<string, { name: string; providerId: string | null; amount: number }>>()
    for (const s of facts.spend) {
      if (s.category.trim() === '') continue
      const key = `${s.year}\u0000${s.category}`
      const payees = cells.get(key) ?? new Map()
      const entry = payees.get(s.payeeId) ?? { name: s.payeeName, providerId: s.providerId, amount: 0 }
      entry.amount += s.amountPence
      payees.set(s.payeeId, entry)
      cells.set(key, payees)
    }
    const flags: RedFlag[] = []
    for (const [key, payees] of cells) {
      const [yearText, category] = key.split('\u0000') as [string, string]
      const year = Number(yearText)
      const total = [...payees.values()].reduce((sum, p) => sum + Math.max(0, p.amount), 0)
      if (total <= 0 || total < settings.categoryMinimumPence) continue
      for (const [payeeId, p] of payees) {
        const share = (p.amount * 100) / total
        if (share <= settings.categorySharePercent) continue
        const provider = p.providerId ? providerNamed(facts.providers, p.providerId) : undefined
        flags.push({
          key: `RF-SHARE:payee:${payeeId}:${year}:${category}`,
          ruleId: 'RF-SHARE',
          summary: `${p.name} took ${percent(share)} of ${yearLabel(year)} spend on “${category}” (${money(p.amount)} of ${money(total)}).`,
          evidence: [
            { label: 'Category', value: category },
            { label: `Spend with ${p.name}`, value: money(p.amount) },
            { label: 'Category total', value: money(total) },
            { label: 'Share', value: `${percent(share)}, more than the council’s ${percent(settings.categorySharePercent)}` },
            { label: 'Other payees in the category', value: String(payees.size - 1) },
          ],
          links: [payeeLink(payeeId, p.name), ...(provider ? [providerLink(provider)] : [])],
        })
      }
    }
    return flags
  },
}
