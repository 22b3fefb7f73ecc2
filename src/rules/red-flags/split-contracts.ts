/**
 * RF-SPLIT: contracts with one supplier, or for the same kind of supply, awarded close together, each below a
 * threshold and together at or above it. Splitting a requirement to keep it under a threshold is prohibited.
 */
import { withVat } from '../procurement/value.ts'
import { ACT_COMMENCEMENT } from '../procurement/citations.ts'
import { councilThresholdFor, NOTIFIABLE_BELOW_THRESHOLD_CITES } from '../procurement/thresholds.ts'
import { addMonths } from '../../modules/contracts/dates.ts'
import { contractDate, contractLink, day, money, providerLink, providerNamed } from './format.ts'
import type { ContractFact, RedFlag, RedFlagRule } from './types.ts'

interface Dated {
  contract: ContractFact
  date: string
  /** The value VAT included, as thresholds are. */
  valuePence: number
}

/** Groups of contracts that may be one requirement: the same supplier, the same CPV prefix, the same service category. */
function groups(contracts: Dated[], cpvDigits: number): Map<string, Dated[]> {
  const map = new Map<string, Dated[]>()
  const add = (key: string, item: Dated) => map.set(key, [...(map.get(key) ?? []), item])
  for (const item of contracts) {
    for (const supplier of new Set(item.contract.supplierIds)) add(`provider:${supplier}`, item)
    const cpv = item.contract.cpvCodes[0]
    if (cpv) add(`cpv:${cpv.slice(0, cpvDigits)}`, item)
    if (item.contract.serviceCategory) add(`service:${item.contract.serviceCategory}`, item)
  }
  return map
}

function describeGroup(key: string, facts: Parameters<RedFlagRule['evaluate']>[0]): string {
  const [kind, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
  if (kind === 'provider') return `with ${providerNamed(facts.providers, value).name}`
  if (kind === 'cpv') return `for CPV codes beginning ${value}`
  return `for the service category ${value}`
}

export const splitContracts: RedFlagRule = {
  id: 'RF-SPLIT',
  name: 'Contracts split to stay under a threshold',
  why: 'Several contracts awarded close together, each just under a threshold, may be one requirement cut into pieces so that it is not advertised or notified. The Act values a requirement as a whole.',
  legalBasis: {
    cites: ['s.4', 'Sch 3', 'Sch 1 para 1', 's.87(4)'],
    text: 'The estimated value is the whole of what the authority expects to pay, and a requirement may not be split to avoid the Act (s.4, Sch 3). Schedule 1 sets the threshold in force when the procurement commenced; s.87(4) makes a council’s contracts from £30,000 notifiable below threshold.',
  },
  settings: ['notifiableLevelPence', 'splitWindowMonths', 'splitCpvDigits', 'vatRatePercent'],
  evaluate(facts, settings) {
    const dated: Dated[] = []
    for (const contract of facts.contracts) {
      const date = contractDate(contract)
      // Procurements before the Act commenced were under the Public Contracts Regulations 2015.
      if (!date || date < ACT_COMMENCEMENT || contract.totalValuePence === null || contract.totalValuePence <= 0) continue
      const valuePence = contract.valuesIncludeVat ? contract.totalValuePence : withVat(contract.totalValuePence, settings.vatRatePercent)
      dated.push({ contract, date, valuePence })
    }
    const flags: RedFlag[] = []
    // One flag for a run of contracts at a level, even when they share a supplier and a CPV code: by supplier first.
    const seen = new Set<string>()
    const order = (key: string) => ['provider', 'cpv', 'service'].indexOf(key.slice(0, key.indexOf(':')))
    const grouped = [...groups(dated, settings.splitCpvDigits)].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    for (const [groupKey, items] of grouped) {
      if (items.length < 2) continue
      // The Schedule 1 threshold: contracts are compared only with others of the same kind (goods and services, works, light touch).
      const kinds = new Map<string, Dated[]>()
      for (const d of items) {
        const t = councilThresholdFor(d.contract.mainCategory, d.contract.lightTouch, d.date)
        kinds.set(t.kind, [...(kinds.get(t.kind) ?? []), d])
      }
      const candidates: { level: string; levelName: string; items: Dated[]; threshold: (d: Dated) => number; cites: string[] }[] = [
        { level: 'notifiable', levelName: 'notifiable below-threshold level', items, threshold: () => settings.notifiableLevelPence, cites: NOTIFIABLE_BELOW_THRESHOLD_CITES },
        ...[...kinds].map(([kind, list]) => ({
          level: kind,
          levelName: `${councilThresholdFor(list[0]!.contract.mainCategory, list[0]!.contract.lightTouch, list[0]!.date).name} threshold`,
          items: list,
          threshold: (d: Dated) => councilThresholdFor(d.contract.mainCategory, d.contract.lightTouch, d.date).pence,
          cites: ['Sch 1 para 1'],
        })),
      ]
      for (const candidate of candidates) {
        // Each contract below the threshold in force on its own date; the run is measured against its first's.
        const below = candidate.items.filter((d) => d.valuePence < candidate.threshold(d))
        const runs = splitRuns(below, settings.splitWindowMonths, (run) => candidate.threshold(run[0]!))
        for (const run of runs) {
          const identity = `${candidate.level}:${run.map((d) => d.contract.id).sort().join(',')}`
          if (seen.has(identity)) continue
          seen.add(identity)
          const first = run[0]!
          const threshold = candidate.threshold(first)
          const total = run.reduce((sum, d) => sum + d.valuePence, 0)
          const suppliers = [...new Set(run.flatMap((d) => d.contract.supplierIds))]
          flags.push({
            key: `RF-SPLIT:${groupKey}:${candidate.level}:${first.contract.id}`,
            ruleId: 'RF-SPLIT',
            summary: `${run.length} contracts ${describeGroup(groupKey, facts)}, each below the ${candidate.levelName} of ${money(threshold)}, together ${money(total)}, awarded between ${day(first.date)} and ${day(run[run.length - 1]!.date)}.`,
            evidence: [
              ...run.map((d) => ({ label: d.contract.reference, value: `${money(d.valuePence)} VAT included, awarded ${day(d.date)}` })),
              { label: 'Together', value: money(total) },
              { label: 'Threshold', value: `${money(threshold)} (${candidate.levelName}, ${candidate.cites.join(', ')})` },
              { label: 'Window', value: `${settings.splitWindowMonths} months from ${day(first.date)}` },
            ],
            links: [...run.map((d) => contractLink(d.contract)), ...suppliers.map((id) => providerLink(providerNamed(facts.providers, id)))],
          })
        }
      }
    }
    return flags
  },
}

/**
 * Runs of contracts, earliest first, each awarded less than `windowMonths` after the run's first, of two or more
 * contracts whose values add up to at least the threshold in force for the run. A contract belongs to one run at most.
 */
function splitRuns(items: Dated[], windowMonths: number, thresholdOf: (run: Dated[]) => number): Dated[][] {
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date) || a.contract.reference.localeCompare(b.contract.reference))
  const runs: Dated[][] = []
  let i = 0
  while (i < sorted.length) {
    const end = addMonths(sorted[i]!.date, windowMonths)
    let j = i
    while (j < sorted.length && sorted[j]!.date < end) j++
    const run = sorted.slice(i, j)
    const total = run.reduce((sum, d) => sum + d.valuePence, 0)
    if (run.length >= 2 && total >= thresholdOf(run)) {
      runs.push(run)
      i = j
    } else i++
  }
  return runs
}
