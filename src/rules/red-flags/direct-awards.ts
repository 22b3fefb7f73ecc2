/**
 * RF-DIRECT: repeated direct awards to one supplier. Each direct award needs its own Schedule 5 justification; a
 * run of them to the same supplier suggests competition is being avoided, or a dependency is growing unplanned.
 */
import { addMonths } from '../../modules/contracts/dates.ts'
import { contractDate, contractLink, day, providerLink, providerNamed } from './format.ts'
import type { ContractFact, RedFlag, RedFlagRule } from './types.ts'

const USER_CHOICE = 'sch5-15'

/** The latest run of at least `count` awards each less than `windowMonths` after the run's first; undefined when none. */
export function latestRun<T extends { date: string }>(items: T[], count: number, windowMonths: number): T[] | undefined {
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date))
  let found: T[] | undefined
  for (let i = 0; i < sorted.length; i++) {
    const end = addMonths(sorted[i]!.date, windowMonths)
    const run = sorted.slice(i).filter((d) => d.date < end)
    if (run.length >= count) found = run
  }
  return found
}

export const repeatedDirectAwards: RedFlagRule = {
  id: 'RF-DIRECT',
  name: 'Repeated direct awards to one supplier',
  why: 'A direct award skips competition and needs a Schedule 5 justification each time. Several to the same supplier in a short time suggest the justification is becoming a habit, or that the council depends on a supplier it has not tested against the market.',
  legalBasis: {
    cites: ['s.41', 'Sch 5', 's.44'],
    text: 'A contract may be awarded directly only on a Schedule 5 justification (s.41), after a transparency notice (s.44).',
  },
  settings: ['directAwardCount', 'directAwardWindowMonths', 'directAwardCountUserChoice'],
  evaluate(facts, settings) {
    const bySupplier = new Map<string, { contract: ContractFact; date: string }[]>()
    for (const contract of facts.contracts) {
      if (contract.awardProcedure !== 'direct-award') continue
      if (contract.directAwardGround === USER_CHOICE && !settings.directAwardCountUserChoice) continue
      const date = contractDate(contract)
      if (!date) continue
      for (const supplier of new Set(contract.supplierIds)) bySupplier.set(supplier, [...(bySupplier.get(supplier) ?? []), { contract, date }])
    }
    const flags: RedFlag[] = []
    for (const [supplierId, awards] of bySupplier) {
      const run = latestRun(awards, settings.directAwardCount, settings.directAwardWindowMonths)
      if (!run) continue
      const provider = providerNamed(facts.providers, supplierId)
      flags.push({
        key: `RF-DIRECT:provider:${supplierId}`,
        ruleId: 'RF-DIRECT',
        summary: `${run.length} direct awards to ${provider.name} between ${day(run[0]!.date)} and ${day(run[run.length - 1]!.date)}, within ${settings.directAwardWindowMonths} months.`,
        evidence: [
          ...run.map((d) => ({ label: d.contract.reference, value: `awarded ${day(d.date)}; ground: ${d.contract.directAwardGround ?? 'not recorded'}` })),
          { label: 'Limit', value: `${settings.directAwardCount} direct awards within ${settings.directAwardWindowMonths} months` },
        ],
        links: [providerLink(provider), ...run.map((d) => contractLink(d.contract))],
      })
    }
    return flags
  },
}
