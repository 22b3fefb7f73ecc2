/**
 * The Schedule 7 look-back (para 15, domain-rules §1.13 [P]): an event the council knew, or should have known, of more
 * than 5 years ago is ignored; for paras 5 (insolvency), 6 (ceasing business) and 12(1)–(2) (serious breach, poor
 * performance) the window is 3 years. A s.71(5) notice is the part of para 12 outside 12(1)–(2) on our reading, so
 * the general 5 years applies to it.
 */
import type { EventKind, ProviderEvent } from './types.ts'

export const EVENT_KINDS: Record<EventKind, { name: string; paragraph: string; windowYears: number; grave: boolean }> = {
  insolvency: { name: 'Insolvency, administration or arrangement with creditors', paragraph: '5', windowYears: 3, grave: true },
  'ceased-trading': { name: 'Suspended or ceased all or much of its business', paragraph: '6', windowYears: 3, grave: true },
  'serious-breach': { name: 'Serious breach of contract', paragraph: '12(1)', windowYears: 3, grave: false },
  'poor-performance': { name: 'Poor performance after an opportunity to improve', paragraph: '12(2)', windowYears: 3, grave: false },
  's71-notice': { name: 'Section 71(5) notice published', paragraph: '12', windowYears: 5, grave: false },
}

export const isEventKind = (value: string): value is EventKind => Object.hasOwn(EVENT_KINDS, value)

export function schedule7ParagraphOf(kind: string): string {
  return isEventKind(kind) ? EVENT_KINDS[kind].paragraph : '?'
}

/** The same day n years earlier (29 February becomes 28 February). */
export function yearsBefore(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y - years, m - 1, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), m, 0)).getUTCDate()
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`
}

/** Whether an event still counts on the day: known no later than that day and no more than its window's years before it. */
export function insideWindow(event: ProviderEvent, on: string): boolean {
  const years = isEventKind(event.kind) ? EVENT_KINDS[event.kind].windowYears : 5
  return event.knownOn <= on && event.knownOn >= yearsBefore(on, years)
}

export function eventsInWindow(events: ProviderEvent[], on: string): ProviderEvent[] {
  return events.filter((e) => insideWindow(e, on)).sort((a, b) => b.knownOn.localeCompare(a.knownOn))
}

/** Insolvency or ceasing business inside its window: the gravest signal, which no figure outweighs. */
export function graveEventsInWindow(events: ProviderEvent[], on: string): ProviderEvent[] {
  return eventsInWindow(events, on).filter((e) => isEventKind(e.kind) && EVENT_KINDS[e.kind].grave)
}
