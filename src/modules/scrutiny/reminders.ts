/**
 * Scrutiny's reminders (ADR 0049): councillors' questions not yet answered, and committee recommendations whose
 * executive response has not been recorded, each as its due date comes within the council's notice and once more
 * when it has passed.
 *
 * Catalyst records the person a question is asked of as a name and title, not as an account, so the reminder goes
 * to the council's users who record answers and responses on Catalyst (the decisions:write permission), naming the
 * person asked.
 */
import { and, eq, isNull, lte } from 'drizzle-orm'
import { formatDate } from '../../platform/dates.ts'
import { councilUsersWith } from '../../platform/reminders/recipients.ts'
import type { ReminderContext, ReminderSource } from '../../platform/reminders/types.ts'
import { reminderKindFor, shiftDate } from '../../platform/reminders/windows.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { findCouncilById } from '../councils/service.ts'
import { councillorQuestions, recommendations } from './schema.ts'
import { scrutinySettings } from './settings.ts'

async function councilName(context: ReminderContext): Promise<string> {
  return (await findCouncilById(context.db, context.councilId))?.name ?? 'your council'
}

export const questionReminders: ReminderSource = {
  name: 'scrutiny-questions',
  description: 'Councillors’ questions due for an answer soon, or overdue',
  async collect(context) {
    const settings = await readSettings(context.db, context.councilId, scrutinySettings)
    const until = shiftDate(context.today, settings.questionReminderDays)
    const open = await context.db
      .select()
      .from(councillorQuestions)
      .where(and(eq(councillorQuestions.councilId, context.councilId), isNull(councillorQuestions.answeredOn), lte(councillorQuestions.dueOn, until)))
    if (open.length === 0) return []
    const to = await councilUsersWith(context.db, context.councilId, 'decisions:write')
    if (to.length === 0) return []
    const council = await councilName(context)
    return open.flatMap((q) => {
      const kind = reminderKindFor(q.dueOn, context.today, settings.questionReminderDays)
      if (!kind) return []
      const due = formatDate(q.dueOn)
      return [{
        key: `question:${q.id}:${kind}:${q.dueOn}`,
        to,
        subject: kind === 'overdue' ? `Answer overdue: question from ${q.askedByName}` : `Answer due by ${due}: question from ${q.askedByName}`,
        body: [
          `${q.askedByName} asked ${q.addressedTo} a question on ${formatDate(q.askedOn)}.`,
          kind === 'overdue' ? `The answer was due by ${due} and has not been recorded.` : `The answer is due by ${due}.`,
          '',
          'The question:',
          q.question,
          '',
          'Record the answer here:',
          context.link(paths.questions.show.href({ id: q.id })),
          '',
          `You are getting this email because you record answers to councillors’ questions for ${council} on Catalyst.`,
        ].join('\n'),
      }]
    })
  },
}

export const recommendationReminders: ReminderSource = {
  name: 'scrutiny-recommendations',
  description: 'Scrutiny recommendations whose executive response is due soon, or overdue',
  async collect(context) {
    const settings = await readSettings(context.db, context.councilId, scrutinySettings)
    const until = shiftDate(context.today, settings.recommendationReminderDays)
    const open = await context.db
      .select()
      .from(recommendations)
      .where(and(eq(recommendations.councilId, context.councilId), isNull(recommendations.response), lte(recommendations.responseDueOn, until)))
    if (open.length === 0) return []
    const to = await councilUsersWith(context.db, context.councilId, 'decisions:write')
    if (to.length === 0) return []
    const council = await councilName(context)
    return open.flatMap((r) => {
      const kind = reminderKindFor(r.responseDueOn, context.today, settings.recommendationReminderDays)
      if (!kind) return []
      const due = formatDate(r.responseDueOn)
      return [{
        key: `recommendation:${r.id}:${kind}:${r.responseDueOn}`,
        to,
        subject: kind === 'overdue' ? `Executive response overdue: ${r.title}` : `Executive response due by ${due}: ${r.title}`,
        body: [
          `A scrutiny committee made the recommendation “${r.title}” on ${formatDate(r.madeOn)}.`,
          kind === 'overdue'
            ? `The executive’s response was due by ${due} and has not been recorded.`
            : `The executive’s response (accepted, partly accepted or rejected, with reasons) is due by ${due}.`,
          '',
          'Record the response here:',
          context.link(paths.recommendations.show.href({ id: r.id })),
          '',
          `You are getting this email because you record executive responses for ${council} on Catalyst.`,
        ].join('\n'),
      }]
    })
  },
}

export const scrutinyReminders: ReminderSource[] = [questionReminders, recommendationReminders]
