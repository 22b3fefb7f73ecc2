/**
 * The daily reminder sweep (ADR 0049), on the job queue of ADR 0032.
 *
 * - `reminders.sweep`, keyed `reminders:<date>`, runs at 07:00 Europe/London. The server keeps today's and
 *   tomorrow's enqueued (on start and every hour); the key makes that harmless from any number of processes.
 *   It queues one `reminders.council` job per council that has users, keyed `reminders:<council>:<date>`, so one
 *   council's failure is retried on its own and administrators see their council's run.
 * - `reminders.council` asks every registered source for that council's reminders on that date and queues one
 *   `reminders.email` job per reminder and recipient, keyed `reminder:<source>:<reminder key>:<email>`. The key
 *   names the item, the kind of reminder and the due date, so a second sweep the same day (or the next day, for
 *   the same due date) queues nothing new.
 * - `reminders.email` hands the message to the notifier: the outbox, then the `email.send` job when a transport is set.
 */
import { and, desc, eq, lte } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import { memberships } from '../auth/schema.ts'
import type { Clock } from '../clock.ts'
import type { Database, Executor } from '../db/database.ts'
import { enqueue, type JobHandler } from '../jobs/queue.ts'
import { jobs } from '../jobs/schema.ts'
import { publicLink } from '../notify/links.ts'
import { notifierFor, type Notifier } from '../notify/notifier.ts'
import type { ReminderSource } from './types.ts'

export const REMINDER_SWEEP_JOB = 'reminders.sweep'
export const COUNCIL_SWEEP_JOB = 'reminders.council'
export const REMINDER_EMAIL_JOB = 'reminders.email'

/** The local time the sweep runs: before the working day, so reminders are in the inbox when people start. */
export const SWEEP_HOUR_LONDON = 7

const DAY_MS = 86_400_000

export function londonDateOf(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
}

function londonHourOf(instant: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(instant))
}

/** The instant it is `hour`:00 in London on an ISO date: the same UTC hour in winter (GMT), an hour earlier in summer (BST). */
export function londonTimeOn(date: string, hour: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(Date.UTC(y, m - 1, d, hour - offsetHours))
    if (londonDateOf(candidate) === date && londonHourOf(candidate) === hour) return candidate
  }
  throw new Error(`${hour}:00 does not exist in London on ${date}`)
}

export const sweepKey = (date: string) => `reminders:${date}`
export const councilSweepKey = (councilId: string, date: string) => `reminders:${councilId}:${date}`

/** Queues the sweeps of today and tomorrow (London dates), each at 07:00; returns how many were new. */
export async function keepSweepsQueued(db: Executor, now: Date): Promise<number> {
  const today = londonDateOf(now)
  const tomorrow = londonDateOf(new Date(londonTimeOn(today, 12).getTime() + DAY_MS))
  let added = 0
  for (const date of [today, tomorrow]) {
    if (await enqueue(db, { name: REMINDER_SWEEP_JOB, key: sweepKey(date), payload: { date }, runAt: londonTimeOn(date, SWEEP_HOUR_LONDON) }, now)) added++
  }
  return added
}

/**
 * Keeps the sweeps queued from a running server: now and every hour. Several processes doing so queue each day's
 * sweep once. Returns a function that stops the timer.
 */
export function scheduleReminderSweeps(db: Database, clock: Clock, onError: (error: unknown) => void): () => void {
  const tick = () => void keepSweepsQueued(db, clock()).catch(onError)
  tick()
  const timer = setInterval(tick, 60 * 60_000)
  timer.unref()
  return () => clearInterval(timer)
}

export interface CouncilSweepResult {
  /** Reminder emails queued by this sweep. */
  queued: number
  /** Reminders due that an earlier sweep had already queued. */
  alreadyQueued: number
  /** Sources that failed, with their error: the others' reminders are queued all the same. */
  failed: { source: string; error: string }[]
}

/**
 * One council's sweep for one date: every source's reminders, each queued as its own keyed email job. Each source
 * reads and queues in its own transaction, so a failing source does not hold back the others' reminders.
 */
export async function sweepCouncil(
  db: Database,
  sources: readonly ReminderSource[],
  input: { councilId: string; today: string; now: Date; config: Pick<Config, 'publicUrl'> },
): Promise<CouncilSweepResult> {
  const result: CouncilSweepResult = { queued: 0, alreadyQueued: 0, failed: [] }
  for (const source of sources) {
    try {
      await db.transaction(async (tx) => {
        const reminders = await source.collect({ db: tx, councilId: input.councilId, today: input.today, now: input.now, link: (path) => publicLink(input.config, path) })
        for (const reminder of reminders) {
          for (const to of new Set(reminder.to.map((address) => address.trim().toLowerCase()).filter(Boolean))) {
            const added = await enqueue(
              tx,
              {
                name: REMINDER_EMAIL_JOB,
                key: `reminder:${source.name}:${reminder.key}:${to}`,
                councilId: input.councilId,
                payload: { councilId: input.councilId, source: source.name, to, subject: reminder.subject, body: reminder.body, date: input.today },
              },
              input.now,
            )
            if (added) result.queued++
            else result.alreadyQueued++
          }
        }
      })
    } catch (error) {
      result.failed.push({ source: source.name, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return result
}

/** Councils that have anyone to remind: the register of every English council holds many with no users at all. */
async function councilsWithUsers(db: Executor): Promise<string[]> {
  const rows = await db.selectDistinct({ councilId: memberships.councilId }).from(memberships)
  return rows.map((row) => row.councilId)
}

/** The reminders' three jobs, for the job registry. */
export function reminderHandlers(
  config: Pick<Config, 'publicUrl' | 'email'>,
  sources: readonly ReminderSource[],
  notifier: Notifier = notifierFor(config as Config),
): [string, JobHandler][] {
  const sweep: JobHandler = async (payload, { db, now }) => {
    const date = String(payload.date)
    await db.transaction(async (tx) => {
      for (const councilId of await councilsWithUsers(tx)) {
        await enqueue(tx, { name: COUNCIL_SWEEP_JOB, key: councilSweepKey(councilId, date), councilId, payload: { councilId, date } }, now)
      }
      // The next day's sweep, so the chain continues even where no server process is keeping them queued.
      await keepSweepsQueued(tx, now)
    })
  }
  const council: JobHandler = async (payload, { db, now }) => {
    const councilId = String(payload.councilId ?? '')
    const result = await sweepCouncil(db, sources, { councilId, today: String(payload.date), now, config })
    if (result.failed.length > 0) {
      // The job is retried (its good sources' reminders are already queued and will not be queued again).
      throw new Error(result.failed.map((f) => `${f.source}: ${f.error}`).join('; '))
    }
  }
  const email: JobHandler = async (payload, { db, now }) => {
    await db.transaction((tx) =>
      notifier.send(tx, { councilId: typeof payload.councilId === 'string' ? payload.councilId : null, to: String(payload.to), subject: String(payload.subject), body: String(payload.body) }, now),
    )
  }
  return [
    [REMINDER_SWEEP_JOB, sweep],
    [COUNCIL_SWEEP_JOB, council],
    [REMINDER_EMAIL_JOB, email],
  ]
}

/** Every source the modules register, in the modules' order. */
export function reminderSourcesOf(modules: readonly { reminders?: ReminderSource[] }[]): ReminderSource[] {
  return modules.flatMap((m) => m.reminders ?? [])
}

export interface ReminderActivity {
  /** The council's latest sweep: when it ran and how it ended. */
  lastRun?: { date: string; status: string; finishedAt: Date | null; lastError: string | null }
  /** Reminder emails queued by recent sweeps, newest first. */
  recent: { date: string; to: string; subject: string; status: string }[]
}

/** What administrators see on the jobs page: the council's last sweep and the reminders its sweeps queued. */
export async function reminderActivity(db: Executor, councilId: string, now: Date, limit = 50): Promise<ReminderActivity> {
  const [last] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.councilId, councilId), eq(jobs.name, COUNCIL_SWEEP_JOB), lte(jobs.runAt, now)))
    // The key ends in the date swept: a missed day's sweep may run at the same moment as today's.
    .orderBy(desc(jobs.key))
    .limit(1)
  const emails = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.councilId, councilId), eq(jobs.name, REMINDER_EMAIL_JOB)))
    .orderBy(desc(jobs.createdAt), desc(jobs.key))
    .limit(limit)
  return {
    ...(last ? { lastRun: { date: String(last.payload.date), status: last.status, finishedAt: last.finishedAt, lastError: last.lastError } } : {}),
    recent: emails.map((job) => ({ date: String(job.payload.date), to: String(job.payload.to), subject: String(job.payload.subject), status: job.status })),
  }
}
