/**
 * A date typed into one text box as day/month/year (or ISO), read as an ISO date: the field the scrutiny and pooled
 * funds forms share. An empty box is an error saying `missing`, or null when `missing` is null (an optional date).
 */
import { z } from 'zod'

const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '')

export function dayMonthYearField(what: string, missing: string | null, example = '31/3/2027') {
  return z.preprocess(text, z.string().trim()).transform((v, ctx) => {
    if (v === '') {
      if (missing === null) return null
      ctx.addIssue({ code: 'custom', message: missing })
      return z.NEVER
    }
    const match = /^(\d{1,2})[/\s.-](\d{1,2})[/\s.-](\d{4})$/.exec(v) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
    const [d, m, y] = match ? (match[1]!.length === 4 ? [match[3], match[2], match[1]] : [match[1], match[2], match[3]]).map(Number) : []
    const date = match ? new Date(Date.UTC(y!, m! - 1, d!)) : undefined
    if (!date || date.getUTCMonth() !== m! - 1 || date.getUTCDate() !== d!) {
      ctx.addIssue({ code: 'custom', message: `Enter ${what} as day/month/year, like ${example}` })
      return z.NEVER
    }
    return date.toISOString().slice(0, 10)
  })
}
