/**
 * Social value's reminders (ADR 0049): a provider's commitment with nothing reported against it, to the provider's
 * users in the council, when its due date comes within the council's reminder notice (the social value setting
 * "Remind providers before a commitment is due", 14 days by default) and once more when it has passed.
 */
import { formatDate } from '../../platform/dates.ts'
import { providerContacts } from '../../platform/reminders/recipients.ts'
import type { ReminderSource } from '../../platform/reminders/types.ts'
import { reminderKindFor, shiftDate } from '../../platform/reminders/windows.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { findCouncilById } from '../councils/service.ts'
import { commitmentsWhere, returnsDue } from './commitments.ts'
import { socialValueSettings } from './settings.ts'

export const socialValueReturnReminders: ReminderSource = {
  name: 'social-value-returns',
  description: 'Social value delivery returns due from providers soon, or overdue',
  async collect(context) {
    const settings = await readSettings(context.db, context.councilId, socialValueSettings)
    const due = returnsDue(await commitmentsWhere(context.db, context.councilId), shiftDate(context.today, settings.reminderDays))
    if (due.length === 0) return []
    const contacts = await providerContacts(context.db, context.councilId, [...new Set(due.map((c) => c.providerId))])
    const council = (await findCouncilById(context.db, context.councilId))?.name ?? 'the council'
    return due.flatMap((c) => {
      const kind = reminderKindFor(c.dueDate, context.today, settings.reminderDays)
      const to = contacts.get(c.providerId) ?? []
      if (!kind || to.length === 0) return []
      const dueText = formatDate(c.dueDate)
      return [{
        key: `commitment:${c.id}:${kind}:${c.dueDate}`,
        to,
        subject: kind === 'overdue' ? `Social value return overdue: ${c.recordTitle}` : `Social value return due by ${dueText}: ${c.recordTitle}`,
        body: [
          `${c.providerName} committed to deliver ${c.quantity} ${c.unit} (${c.wording}) under ${c.recordTitle} (${c.recordReference}) for ${council}.`,
          kind === 'overdue'
            ? `Your return of what you delivered was due by ${dueText} and ${council} has not received it.`
            : `Your return of what you delivered is due by ${dueText}.`,
          '',
          'Tell the council what you delivered, with your evidence, here:',
          context.link(paths.socialValue.report.href({ id: c.providerId, commitment: c.id })),
          '',
          `You are getting this email because you report social value for ${c.providerName} to ${council} on Catalyst.`,
        ].join('\n'),
      }]
    })
  },
}
