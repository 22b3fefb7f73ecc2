/**
 * RF-EXCLUSION: a supplier with a live or proposed contract has an event that bears on a Schedule 7 discretionary
 * exclusion ground inside its look-back window: insolvency (para 5), ceasing business (para 6), a serious breach,
 * poor performance or a s.71(5) notice (para 12), or an "inadequate" performance assessment of one of its contracts.
 */
import { addMonths } from '../../modules/contracts/dates.ts'
import { contractLink, day, providerLink, providerNamed } from './format.ts'
import type { RedFlag, RedFlagRule } from './types.ts'

/** Each event kind's Schedule 7 paragraph and its look-back under para 15, in years from when the council knew. */
export const EXCLUSION_GROUNDS: Record<string, { paragraph: string; name: string; years: number }> = {
  insolvency: { paragraph: 'Sch 7 para 5', name: 'Insolvency', years: 3 },
  'ceased-trading': { paragraph: 'Sch 7 para 6', name: 'Suspended or ceased business', years: 3 },
  'serious-breach': { paragraph: 'Sch 7 para 12', name: 'Serious breach of contract', years: 3 },
  'poor-performance': { paragraph: 'Sch 7 para 12', name: 'Poor performance', years: 3 },
  's71-notice': { paragraph: 'Sch 7 para 12', name: 's.71(5) notice of a failure to perform', years: 3 },
}
/** Para 15: nothing known of more than 5 years ago counts, whatever the ground. */
export const OVERALL_LOOK_BACK_YEARS = 5

/** Whether something the council knew of on `knownOn` is still inside a look-back of `years` on `today`. */
export function insideLookBack(knownOn: string, today: string, years: number): boolean {
  const limit = Math.min(years, OVERALL_LOOK_BACK_YEARS)
  return knownOn <= today && knownOn >= addMonths(today, -12 * limit)
}

const LIVE_OR_PROPOSED = new Set(['planned', 'active', 'extended'])

export const exclusionEvents: RedFlagRule = {
  id: 'RF-EXCLUSION',
  name: 'Supplier with an exclusion-ground event in the look-back window',
  why: 'An insolvency, a business that has stopped trading, a serious breach or persistent poor performance are grounds on which a council may exclude a supplier. A supplier with one of these behind it and a contract running or planned needs a decision: continue, mitigate, or prepare to replace it.',
  legalBasis: {
    cites: ['Sch 7 para 5', 'Sch 7 para 6', 'Sch 7 para 12', 'Sch 7 para 15', 's.71(5)'],
    text: 'Schedule 7 makes insolvency (para 5), ceasing business (para 6) and a serious breach, poor performance after an opportunity to improve or a s.71(5) notice (para 12) discretionary exclusion grounds. Para 15 ignores what the authority knew of more than 3 years ago for these grounds (5 years for any).',
  },
  settings: [],
  evaluate(facts) {
    const live = new Map<string, { text: string; href?: string; contract?: (typeof facts.contracts)[number] }[]>()
    for (const c of facts.contracts) {
      if (!LIVE_OR_PROPOSED.has(c.status)) continue
      for (const s of new Set(c.supplierIds)) live.set(s, [...(live.get(s) ?? []), { text: `${c.reference} (${c.status})`, contract: c }])
    }
    for (const p of facts.proposed) live.set(p.providerId, [...(live.get(p.providerId) ?? []), { text: `${p.title} (proposed, assessed ${day(p.assessedOn)})` }])

    const found = new Map<string, { label: string; value: string }[]>()
    const add = (providerId: string, e: { label: string; value: string }) => found.set(providerId, [...(found.get(providerId) ?? []), e])
    for (const e of [...facts.events].sort((a, b) => b.knownOn.localeCompare(a.knownOn))) {
      const ground = EXCLUSION_GROUNDS[e.kind]
      if (!ground || !insideLookBack(e.knownOn, facts.today, ground.years)) continue
      add(e.providerId, {
        label: `${ground.name} (${ground.paragraph})`,
        value: `${e.description}; happened ${day(e.occurredOn)}, known ${day(e.knownOn)}, counts until ${day(addMonths(e.knownOn, 12 * ground.years))}${e.source ? `; source: ${e.source}` : ''}`,
      })
    }
    for (const c of facts.contracts) {
      for (const a of c.assessments) {
        if (a.rating !== 'inadequate' || !insideLookBack(a.assessedOn, facts.today, 3)) continue
        for (const s of new Set(c.supplierIds)) {
          add(s, { label: 'Inadequate performance assessment (Sch 7 para 12)', value: `${c.reference} rated inadequate on ${day(a.assessedOn)}, counts until ${day(addMonths(a.assessedOn, 36))}` })
        }
      }
    }

    const flags: RedFlag[] = []
    for (const [providerId, events] of found) {
      const contracts = live.get(providerId)
      if (!contracts) continue
      const provider = providerNamed(facts.providers, providerId)
      flags.push({
        key: `RF-EXCLUSION:provider:${providerId}`,
        ruleId: 'RF-EXCLUSION',
        summary: `${provider.name} has ${events.length === 1 ? 'an event' : `${events.length} events`} bearing on an exclusion ground inside the look-back window, and ${contracts.length === 1 ? 'a live or proposed contract' : `${contracts.length} live or proposed contracts`}.`,
        evidence: [...events, { label: 'Live or proposed contracts', value: contracts.map((c) => c.text).join('; ') }],
        links: [providerLink(provider), ...contracts.flatMap((c) => (c.contract ? [contractLink(c.contract)] : []))],
      })
    }
    return flags
  },
}
