/** What good input to a grant round, an application, a score and a decision is, with GOV.UK error messages. */
import { z } from 'zod'
import { parsePoundsToPence } from '../../platform/money.ts'
import { MAX_CRITERION_SCORE } from './rules.ts'

const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '')
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [])
const required = (max: number, missing: string, label: string) =>
  z.preprocess(text, z.string().trim().min(1, missing).max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`))
const optional = (max: number, label: string) =>
  z.preprocess(text, z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).transform((v) => (v === '' ? null : v)))
const pounds = (missing: string | null, message = 'Enter an amount in pounds, like 25000 or 1,250.50') =>
  z.preprocess(
    text,
    z.string().trim().transform((v, ctx) => {
      if (v === '') {
        if (missing) ctx.addIssue({ code: 'custom', message: missing })
        return null
      }
      const pence = parsePoundsToPence(v)
      if (pence === undefined || pence < 0) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      return pence
    }),
  )

/** A calendar date as people write it (31/3/2027) or ISO (2027-03-31). */
export function readDate(v: string): string | undefined {
  const match = /^(\d{1,2})[/\s.-](\d{1,2})[/\s.-](\d{4})$/.exec(v) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (!match) return undefined
  const [d, m, y] = (match[1]!.length === 4 ? [match[3], match[2], match[1]] : [match[1], match[2], match[3]]).map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : undefined
}

const dateField = (missing: string, label: string) =>
  z.preprocess(text, z.string().trim().min(1, missing)).transform((v, ctx) => {
    const iso = readDate(v)
    if (!iso) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a real date, like 31/3/2027` })
      return z.NEVER
    }
    return iso
  })

export const MAX_CRITERIA = 6

export const roundForm = z
  .object({
    title: required(150, 'Give the round a title', 'Title'),
    purpose: required(3000, 'Say what the round is for', 'The purpose'),
    kind: z.preprocess(text, z.enum(['open', 'invited'], { error: 'Choose whether the round is an open call or by invitation' })),
    budget: pounds('Enter the round’s budget'),
    eligibility: z.preprocess(list, z.array(z.enum(['vcse', 'local']))),
    maxIncome: pounds(null, 'Enter the largest annual income in pounds, like 250000'),
    opensOn: dateField('Enter the day the round opens', 'The opening day'),
    closesOn: dateField('Enter the day the round closes', 'The closing day'),
    closesAt: z.preprocess(text, z.string().trim()).transform((v, ctx) => {
      const match = /^(\d{1,2}):(\d{2})$/.exec(v || '12:00')
      if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
        ctx.addIssue({ code: 'custom', message: 'Enter the closing time as hours and minutes, like 12:00 or 17:30' })
        return z.NEVER
      }
      return { hour: Number(match[1]), minute: Number(match[2]) }
    }),
    invited: z.preprocess(list, z.array(z.string())),
    ...Object.fromEntries(
      Array.from({ length: MAX_CRITERIA }, (_, i) => [
        [`criterion${i + 1}`, optional(200, 'A criterion')],
        [`weight${i + 1}`, z.preprocess(text, z.string().trim())],
      ]).flat(),
    ),
  })
  .transform((value, ctx) => {
    const v = value as Record<string, unknown>
    const criteria: { name: string; weight: number }[] = []
    for (let i = 1; i <= MAX_CRITERIA; i++) {
      const name = v[`criterion${i}`] as string | null
      const weightText = v[`weight${i}`] as string
      if (!name && !weightText) continue
      const weight = Number(weightText)
      if (!name) ctx.addIssue({ code: 'custom', path: [`criterion${i}`], message: `Name criterion ${i}, or clear its weight` })
      else if (!/^\d+$/.test(weightText) || weight < 1 || weight > 100) ctx.addIssue({ code: 'custom', path: [`weight${i}`], message: `Give ${name} a weight from 1 to 100` })
      else criteria.push({ name, weight })
    }
    if (criteria.length === 0) ctx.addIssue({ code: 'custom', path: ['criterion1'], message: 'Name at least one criterion applications are scored against' })
    const fields = v as {
      title: string; purpose: string; kind: 'open' | 'invited'; budget: number; eligibility: ('vcse' | 'local')[]; maxIncome: number | null
      opensOn: string; closesOn: string; closesAt: { hour: number; minute: number }; invited: string[]
    }
    if (fields.closesOn < fields.opensOn) ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'The closing day must be on or after the opening day' })
    if (fields.kind === 'invited' && fields.invited.length === 0) ctx.addIssue({ code: 'custom', path: ['invited'], message: 'Choose the providers invited to apply' })
    return { ...fields, criteria }
  })

/** An application as saved: only the amount is needed for a draft; submitting checks the rest (service.missingForSubmission). */
export const applicationForm = z.object({
  projectTitle: required(200, 'Give your project a title', 'The title'),
  amountRequested: pounds('Enter how much you are asking for').transform((v, ctx) => {
    if (v === 0) ctx.addIssue({ code: 'custom', message: 'Enter how much you are asking for' })
    return v ?? 0
  }),
  annualIncome: pounds(null, 'Enter your annual income in pounds, like 45000'),
  summary: optional(3000, 'What you will do'),
  whoBenefits: optional(2000, 'Who will benefit'),
  outcomes: optional(3000, 'The difference it will make'),
  budgetBreakdown: optional(3000, 'How the money will be spent'),
  delivery: optional(3000, 'How and when you will deliver it'),
  action: z.preprocess(text, z.enum(['save', 'submit']).catch('save')),
})

export const declarationForm = z.object({
  conflicts: z.preprocess(list, z.array(z.string())),
  note: optional(1000, 'The note'),
})

export function scoreForm(criteria: { id: string; name: string }[]) {
  return z.object({
    ...Object.fromEntries(
      criteria.map((c) => [
        `score-${c.id}`,
        z.preprocess(text, z.string().trim().regex(new RegExp(`^[0-${MAX_CRITERION_SCORE}]$`), `Score ${c.name} from 0 to ${MAX_CRITERION_SCORE}`).transform(Number)),
      ]),
    ),
    comment: optional(2000, 'The comment'),
  })
}

export const moderationForm = z.object({
  agreedScore: z.preprocess(text, z.string().trim().min(1, 'Enter the agreed score').regex(/^\d{1,3}(\.\d)?$/, 'Enter the agreed score as a number from 0 to 100').transform(Number).refine((n) => n <= 100, 'Enter the agreed score as a number from 0 to 100')),
  note: required(2000, 'Say how the assessors’ scores were moderated', 'The note'),
})

export const decisionForm = z
  .object({
    decision: z.preprocess(text, z.enum(['awarded', 'declined'], { error: 'Choose whether to award a grant' })),
    awarded: pounds(null, 'Enter the amount awarded in pounds, like 8000'),
    reason: required(2000, 'Give the reason for the decision', 'The reason'),
    feedback: required(3000, 'Write the feedback the applicant will read', 'The feedback'),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'awarded' && !value.awarded) ctx.addIssue({ code: 'custom', path: ['awarded'], message: 'Enter the amount awarded' })
  })
