/** The dead jobs page and its retry button (POST, CSRF-checked by the platform, 303 back to the page). */
import type { FastifyInstance } from 'fastify'
import { recordAudit } from '../../platform/audit/audit.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { jobsWithStatus, retryDeadJob, type JobRow } from '../../platform/jobs/queue.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { isUuid } from '../../platform/ids.ts'
import { formatDate, formatDateTime } from '../../platform/dates.ts'
import { reminderActivity } from '../../platform/reminders/sweep.ts'

/** What each kind of job does, as an administrator would say it. */
const JOB_LABELS: Record<string, string> = {
  'email.send': 'Send an email',
  'spend.import': 'Import a spend file',
  'contracts.import': 'Import an OCDS package into the contracts register',
  'reminders.sweep': 'Daily reminder sweep',
  'reminders.council': 'Daily reminder sweep for the council',
  'reminders.email': 'Send a reminder',
}

/** A reminder's job status, as the administrator reads it. */
const REMINDER_STATUS: Record<string, string> = { done: 'Sent', queued: 'Waiting to be sent', running: 'Being sent', dead: 'Could not be sent' }

export function jobLabel(name: string): string {
  return JOB_LABELS[name] ?? name
}

export function registerJobRoutes(app: FastifyInstance, context: AppContext): void {
  const admin = { preHandler: requirePermission('settings:manage') }

  app.get(paths.settings.jobs.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const [dead, waiting, reminders] = await Promise.all([
      jobsWithStatus(context.db, principal.councilId, 'dead'),
      jobsWithStatus(context.db, principal.councilId, 'queued'),
      reminderActivity(context.db, principal.councilId, context.clock()),
    ])
    const retried = (request.query as Record<string, unknown>).retried === '1'
    return reply.view('jobs/views/jobs.njk', {
      pageTitle: 'Background jobs',
      retried,
      waiting: waiting.length,
      reminders: {
        lastRun: reminders.lastRun && {
          date: reminders.lastRun.date,
          finished: reminders.lastRun.finishedAt ? formatDateTime(reminders.lastRun.finishedAt) : reminders.lastRun.lastError ? `Not yet: ${reminders.lastRun.lastError}` : 'Not yet',
        },
        rows: reminders.recent.map((r) => [{ text: formatDate(r.date) }, { text: r.to }, { text: r.subject }, { text: REMINDER_STATUS[r.status] ?? r.status }]),
      },
      dead: dead.map((job: JobRow) => ({
        id: job.id,
        label: jobLabel(job.name),
        key: job.key,
        attempts: job.attempts,
        failedAt: job.finishedAt,
        lastError: job.lastError ?? 'No error was recorded',
        retryHref: paths.settings.retryJob.href({ id: job.id }),
      })),
    })
  })

  app.post(paths.settings.retryJob.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    if (!isUuid(id)) throw new NotFoundError('Job')
    const now = context.clock()
    const retried = await context.db.transaction(async (tx) => {
      const row = await retryDeadJob(tx, principal.councilId, id, now)
      if (row) {
        await recordAudit(tx, {
          actor: { userId: principal.userId, label: principal.displayName, requestId: request.id },
          councilId: principal.councilId,
          action: 'retry',
          entityType: 'job',
          entityId: row.id,
          before: { status: 'dead', lastError: row.lastError },
          after: { status: row.status, runAt: row.runAt },
          at: now,
        })
      }
      return row
    })
    if (!retried) throw new NotFoundError('Job')
    return reply.redirect(`${paths.settings.jobs.href()}?retried=1`, 303)
  })
}
