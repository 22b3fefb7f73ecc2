/**
 * Reminders (ADR 0049): a module that wants people reminded of something due registers a reminder source in its
 * manifest. Once a day the sweep asks each source, for each council, which emails to send today; each email is a
 * job with its own key, so a sweep run twice (two processes, a restart, an administrator's retry) sends nothing twice.
 */
import type { Executor } from '../db/database.ts'

export interface ReminderContext {
  db: Executor
  councilId: string
  /** Today in Europe/London, ISO (YYYY-MM-DD): what due dates are compared with. */
  today: string
  now: Date
  /** An absolute link on the service's configured public address (never a request's Host header). */
  link(path: string): string
}

export interface Reminder {
  /**
   * What makes this reminder unique within its source: the item, the kind of reminder and the due date it is about
   * (for example `question:<id>:overdue:2026-12-04`). A later due date is a new reminder; the same one is never resent.
   */
  key: string
  to: string[]
  subject: string
  body: string
}

export interface ReminderSource {
  /** Short and stable: part of every job key ("scrutiny-questions"). */
  name: string
  /** What it reminds of, for administrators ("Councillors’ questions due soon or overdue"). */
  description: string
  collect(context: ReminderContext): Promise<Reminder[]>
}
