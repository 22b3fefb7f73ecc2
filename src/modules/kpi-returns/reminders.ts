/**
 * KPI returns' reminders (ADR 0049): a quarter's KPI return not yet sent, to the users of every provider that may
 * send it, KPI_REMINDER_DAYS before it is due (the quarter's end plus RETURN_DUE_DAYS) and once more when it is late.
 * The module has no council settings, so the notice is Catalyst's default; a quarterly return is due 30 days after
 * the quarter ends, so two weeks' notice falls after the quarter has ended and the figures exist.
 */
import { formatDate } from '../../platform/dates.ts'
import { providerContacts } from '../../platform/reminders/recipients.ts'
import type { ReminderSource } from '../../platform/reminders/types.ts'
import { reminderKindFor } from '../../platform/reminders/windows.ts'
import { paths } from '../../paths.ts'
import { findCouncilById } from '../councils/service.ts'
import { dueDateOf } from './rules.ts'
import { overview } from './service.ts'

export const KPI_REMINDER_DAYS = 14

export const kpiReturnReminders: ReminderSource = {
  name: 'kpi-returns',
  description: 'KPI returns due from providers soon, or late',
  async collect(context) {
    const o = await overview(context.db, context.councilId, context.today)
    const owed = [...o.due, ...o.late]
    if (owed.length === 0) return []
    const contacts = await providerContacts(context.db, context.councilId, [...new Set(owed.flatMap(({ kpi }) => kpi.suppliers.map((s) => s.id)))])
    const council = (await findCouncilById(context.db, context.councilId))?.name ?? 'the council'
    return owed.flatMap(({ kpi, quarter }) => {
      const dueOn = dueDateOf(quarter)
      const kind = reminderKindFor(dueOn, context.today, KPI_REMINDER_DAYS)
      if (!kind) return []
      const dueText = formatDate(dueOn)
      return kpi.suppliers.flatMap((supplier) => {
        const to = contacts.get(supplier.id) ?? []
        if (to.length === 0) return []
        return [{
          key: `kpi:${kpi.kpiId}:${quarter.start}:${supplier.id}:${kind}:${dueOn}`,
          to,
          subject: kind === 'overdue' ? `KPI return late: ${kpi.kpiName}, ${quarter.label}` : `KPI return due by ${dueText}: ${kpi.kpiName}, ${quarter.label}`,
          body: [
            `${council} asks ${supplier.name} for the figure for “${kpi.kpiName}” (target: ${kpi.target}) under ${kpi.title} (${kpi.reference}), for ${quarter.label}.`,
            kind === 'overdue' ? `It was due by ${dueText} and ${council} has not received it.` : `It is due by ${dueText}.`,
            '',
            'Send the figure here:',
            context.link(paths.kpiReturns.submit.href({ id: supplier.id, kpi: kpi.kpiId, period: quarter.start })),
            '',
            `You are getting this email because you send KPI returns for ${supplier.name} to ${council} on Catalyst.`,
          ].join('\n'),
        }]
      })
    })
  },
}
