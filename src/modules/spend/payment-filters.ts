/**
 * The payments page's filter form (a GET form, so it works without JavaScript and the filtered page can be
 * bookmarked): what was typed, checked, with a plain message for each thing that cannot be read. A filter that cannot
 * be read is left out of the search and shown with its error, never guessed.
 */
import { parsePoundsToPence } from '../../platform/money.ts'
import type { PaymentFilters } from './analysis.ts'
import { formatDate } from '../../platform/dates.ts'

export type Query = Record<string, string | undefined>

/** Every query parameter the form and the links from other pages use, kept in the page links. */
export const FILTER_KEYS = ['payee', 'payeeName', 'department', 'category', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'from', 'to', 'min', 'max'] as const

export interface ParsedPaymentFilters {
  filters: PaymentFilters
  problems: { field: string; href: string; message: string }[]
  /** The filters as the page links carry them. */
  kept: Record<string, string | undefined>
  /** In words, for the sentence above the table. */
  described: string[]
}

const isoDate = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined)

function dateOf(q: Query, name: 'from' | 'to', label: string, problems: ParsedPaymentFilters['problems']): string | undefined {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => (q[`${name}-${part}`] ?? '').trim())
  if (!day && !month && !year) return isoDate(q[name])
  const iso = /^\d{1,2}$/.test(day!) && /^\d{1,2}$/.test(month!) && /^\d{4}$/.test(year!) ? `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}` : undefined
  const valid = iso && new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso
  if (!valid) {
    problems.push({ field: name, href: `#${name}-day`, message: `${label} must be a real date, like 1 4 2025` })
    return undefined
  }
  return iso
}

export function parsePaymentFilters(q: Query): ParsedPaymentFilters {
  const problems: ParsedPaymentFilters['problems'] = []
  const payeeId = q.payee && /^[0-9a-f-]{36}$/i.test(q.payee) ? q.payee : undefined
  const payeeName = q.payeeName?.trim() || undefined
  const from = dateOf(q, 'from', 'The date paid from', problems)
  const to = dateOf(q, 'to', 'The date paid to', problems)
  if (from && to && from > to) problems.push({ field: 'to', href: '#to-day', message: 'The date paid to must be the same as or after the date paid from' })
  const amount = (name: 'min' | 'max', label: string) => {
    const raw = q[name]?.trim()
    if (!raw) return undefined
    const pence = parsePoundsToPence(raw)
    if (pence === undefined) problems.push({ field: name, href: `#${name}`, message: `${label} must be an amount in pounds, like 500 or £1,250.50` })
    return pence
  }
  const minPence = amount('min', 'The smallest amount')
  const maxPence = amount('max', 'The largest amount')
  if (minPence !== undefined && maxPence !== undefined && minPence > maxPence) problems.push({ field: 'max', href: '#max', message: 'The largest amount must be the same as or more than the smallest amount' })
  const category = q.category === undefined || q.category === 'any' ? undefined : q.category
  const filters: PaymentFilters = { payeeId, payeeName, department: q.department, category, from, to, minPence, maxPence }
  const pounds = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 ? 2 : 0 })}`
  const described = [
    payeeName ? `payee name containing “${payeeName}”` : '',
    filters.department !== undefined ? `department “${filters.department || 'Not stated'}”` : '',
    category !== undefined ? `category “${category || 'Not stated'}”` : '',
    from ? `paid from ${formatDate(from)}` : '',
    to ? `paid to ${formatDate(to)}` : '',
    minPence !== undefined ? `of at least ${pounds(minPence)}` : '',
    maxPence !== undefined ? `of at most ${pounds(maxPence)}` : '',
  ].filter(Boolean)
  const kept = Object.fromEntries(FILTER_KEYS.map((key) => [key, q[key]]))
  return { filters, problems, kept, described }
}
