/**
 * The opportunity digest (ADR 0059) as a source of the daily sweep (ADR 0049): the sweep's schedule, its one job per
 * council and its keyed email jobs are reused, so a digest is queued at most once per person per provider per period.
 *
 * For each person due a digest today (daily, or weekly on Mondays), the council's pipeline entries, open market
 * engagements and the grant rounds their provider may apply for, listed since their last digest and matching their
 * services and areas. Nothing new: no email. Either way the person's last digest becomes today, in the same
 * transaction as the email job, so the next digest starts where this one ended and a second sweep today sends nothing.
 */
import { formatDate } from '../../platform/dates.ts'
import type { Reminder, ReminderSource } from '../../platform/reminders/types.ts'
import { paths } from '../../paths.ts'
import { findCouncilById } from '../councils/service.ts'
import { getProvider } from '../providers/service.ts'
import { digestWindow, isFrequency } from './rules.ts'
import { councilOpportunities, digestFor, digestPeople, markDigested, openRoundsFor, type DigestItem } from './service.ts'

const SECTIONS: { kind: DigestItem['kind']; heading: string }[] = [
  { kind: 'pipeline', heading: 'In the commissioning pipeline' },
  { kind: 'engagement', heading: 'Market engagement: tell the council what you think before it buys' },
  { kind: 'grant-round', heading: 'Grant rounds open for applications' },
]

export const opportunityDigest: ReminderSource = {
  name: 'opportunity-digest',
  description: 'Providers’ digests of new opportunities matching the services and areas they chose',
  async collect(context) {
    const people = await digestPeople(context.db, context.councilId)
    const due = people.flatMap((p) => {
      const window = isFrequency(p.choice.frequency) ? digestWindow(p.choice.frequency, p.choice.lastDigestOn, context.today) : null
      return window ? [{ ...p, window }] : []
    })
    if (due.length === 0) return []
    const council = await findCouncilById(context.db, context.councilId)
    if (!council) return []
    const opportunities = await councilOpportunities(context.db, context.councilId, context.today, {
      pipelineEntry: (entry) => `${paths.pipeline.page.href({ council: council.code })}#${entry.id}`,
      engagement: (providerId, engagementId) => paths.marketEngagement.respond.href({ id: providerId, engagement: engagementId }),
    })
    const rounds = new Map<string, DigestItem[]>()
    const reminders: Reminder[] = []
    for (const person of due) {
      const providerId = person.choice.providerId
      if (!rounds.has(providerId)) rounds.set(providerId, await openRoundsFor(context.db, context.councilId, providerId, context.now, (id) => paths.grantRounds.apply.href({ id })))
      const items = digestFor([...opportunities.pipeline, ...opportunities.engagements, ...rounds.get(providerId)!], person.choice, person.window)
      await markDigested(context.db, person.choice.id, context.today)
      if (items.length === 0) continue
      const provider = await getProvider(context.db, context.councilId, providerId)
      const providerName = provider?.name ?? 'your organisation'
      const lines = [
        `New opportunities from ${council.name} since ${formatDate(person.window.from)} that match the services and areas you chose for ${providerName}:`,
      ]
      for (const section of SECTIONS) {
        const inSection = items.filter((i) => i.kind === section.kind)
        if (inSection.length === 0) continue
        lines.push('', `${section.heading} (${inSection.length})`, '')
        for (const item of inSection) {
          lines.push(`- ${item.title}`, `  ${item.stage}. Service: ${item.service}.`, ...item.details.map((d) => `  ${d}`), `  ${context.link(item.path(providerId))}`, '')
        }
      }
      lines.push(
        'Change the services, areas or how often you get this email, or stop it:',
        context.link(paths.opportunityDigests.choices.href({ id: providerId })),
        '',
        `You are getting this email because you asked ${council.name} on Catalyst for a ${person.choice.frequency} digest of opportunities for ${providerName}.`,
      )
      reminders.push({
        // One per provider per period: the job key adds the address, so each of the provider's people gets one.
        key: `digest:${providerId}:${person.choice.frequency}:${context.today}`,
        to: [person.email],
        subject: `${items.length} new ${items.length === 1 ? 'opportunity' : 'opportunities'} from ${council.name}`,
        body: lines.join('\n'),
      })
    }
    return reminders
  },
}
