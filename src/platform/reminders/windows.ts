/**
 * When a due date earns a reminder (ADR 0049). Two at most per due date: one "due soon" when the date comes within
 * the lead time, and one "overdue" the day after it passes. A reminder is keyed by its kind and due date, so each is
 * sent once; a due date moved later earns new ones.
 *
 * Overdue reminders are sent only for dates that passed within OVERDUE_WINDOW_DAYS: the first sweep after Catalyst
 * starts sending reminders must not email about every item that was ever late.
 */
export type ReminderKind = 'due-soon' | 'overdue'

export const OVERDUE_WINDOW_DAYS = 28

/** An ISO date moved by whole calendar days. */
export function shiftDate(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The reminder a due date earns today, if any, with `leadDays` of notice before it. */
export function reminderKindFor(due: string, today: string, leadDays: number): ReminderKind | undefined {
  if (due < today) return due >= shiftDate(today, -OVERDUE_WINDOW_DAYS) ? 'overdue' : undefined
  return due <= shiftDate(today, leadDays) ? 'due-soon' : undefined
}
