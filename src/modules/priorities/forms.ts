/** What good input to a round is, with GOV.UK error messages. */
import { z } from 'zod'
import { parsePoundsToPence } from '../../platform/money.ts'
import { emailField, postcodeField } from '../stories/forms.ts'
import { DELIVERY_STATUSES, VOTING_METHODS } from './phases.ts'

const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '')
const required = (max: number, missing: string, label: string) =>
  z.preprocess(text, z.string().trim().min(1, missing).max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`))
const optional = (max: number, label: string) =>
  z.preprocess(text, z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).transform((v) => (v === '' ? null : v)))
const pounds = (missing: string) =>
  z.preprocess(
    text,
    z.string().trim().min(1, missing).transform((v, ctx) => {
      const pence = parsePoundsToPence(v)
      if (pence === undefined || pence < 0) {
        ctx.addIssue({ code: 'custom', message: 'Enter an amount in pounds, like 25000 or 1,250.50' })
        return z.NEVER
      }
      return pence
    }),
  )

export const MAX_IDEA_TITLE = 120
export const MAX_IDEA_DESCRIPTION = 3000

export const roundForm = z.object({
  title: required(150, 'Give the round a title', 'Title'),
  description: required(3000, 'Say what the round is for', 'Description'),
  votingMethod: z.preprocess(text, z.enum(Object.keys(VOTING_METHODS) as ['approval', 'budget'], { error: 'Choose how residents vote' })),
  budget: pounds('Enter the budget residents decide on'),
  /** Optional when the round starts; shown on the ballot and in the vote's email once set. */
  votingClosesOn: z.preprocess(text, z.string().trim()).transform((v, ctx) => {
    if (v === '') return null
    const match = /^(\d{1,2})[/\s.-](\d{1,2})[/\s.-](\d{4})$/.exec(v) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
    const [d, m, y] = match ? (match[1]!.length === 4 ? [match[3], match[2], match[1]] : [match[1], match[2], match[3]]).map(Number) : []
    const date = match ? new Date(Date.UTC(y!, m! - 1, d!)) : undefined
    if (!date || date.getUTCMonth() !== m! - 1 || date.getUTCDate() !== d!) {
      ctx.addIssue({ code: 'custom', message: 'Enter the closing date as day/month/year, like 31/3/2027' })
      return z.NEVER
    }
    return date.toISOString().slice(0, 10)
  }),
})

export const ideaForm = z.object({
  title: required(MAX_IDEA_TITLE, 'Give your idea a title', 'Title'),
  description: required(MAX_IDEA_DESCRIPTION, 'Describe your idea', 'Description'),
  email: emailField,
})

export const reviewForm = z.object({
  ideaId: z.preprocess(text, z.uuid({ error: 'Choose an idea' })),
  feasibility: z.preprocess(text, z.enum(['feasible', 'not-feasible'], { error: 'Say whether the idea can be done' })),
  cost: z.preprocess(text, z.string().trim()).transform((v, ctx) => {
    if (v === '') return null
    const pence = parsePoundsToPence(v)
    if (pence === undefined || pence < 0) {
      ctx.addIssue({ code: 'custom', message: 'Enter the cost in pounds, like 25000' })
      return z.NEVER
    }
    return pence
  }),
  note: optional(1000, 'The note'),
}).superRefine((value, ctx) => {
  if (value.feasibility === 'feasible' && value.cost === null) ctx.addIssue({ code: 'custom', path: ['cost'], message: 'Enter what a feasible idea would cost' })
})

/** A voting code, when given, is how the voter shows they live in the area; otherwise their email and postcode. */
export const ballotForm = z.preprocess((raw) => {
  const body = (raw ?? {}) as Record<string, unknown>
  return body.method ? body : { ...body, method: text(body.code).trim() ? 'code' : 'email' }
}, z.object({
  ideaIds: z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []), z.array(z.string()).min(1, 'Choose at least one idea')),
  method: z.preprocess(text, z.enum(['email', 'code'], { error: 'Choose how to show you live in the area' })),
  email: z.preprocess(text, z.string()),
  postcode: z.preprocess(text, z.string()),
  code: z.preprocess(text, z.string().trim().max(64, 'Enter the code as it is on your letter')),
}).superRefine((value, ctx) => {
  if (value.method === 'email') {
    const email = emailField.safeParse(value.email)
    if (!email.success) ctx.addIssue({ code: 'custom', path: ['email'], message: email.error.issues[0]!.message })
    const postcode = postcodeField(true).safeParse(value.postcode)
    if (!postcode.success) ctx.addIssue({ code: 'custom', path: ['postcode'], message: postcode.error.issues[0]!.message })
  }
  if (value.method === 'code' && !value.code) ctx.addIssue({ code: 'custom', path: ['code'], message: 'Enter your voting code' })
}))

export const codesForm = z.object({ codes: required(200_000, 'Paste the codes, one on each line', 'The list of codes') })

export const overrideForm = z.object({
  ideaId: z.preprocess(text, z.uuid({ error: 'Choose an idea' })),
  winner: z.preprocess(text, z.enum(['yes', 'no', 'tally'], { error: 'Choose whether the idea wins' })),
  reason: optional(1000, 'The reason'),
}).superRefine((value, ctx) => {
  if (value.winner !== 'tally' && !value.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Give the reason for changing the result: it is published' })
})

export const deliveryForm = z.object({
  ideaId: z.preprocess(text, z.uuid({ error: 'Choose an idea' })),
  link: z.preprocess(text, z.string().trim()),
  status: z.preprocess(text, z.enum(Object.keys(DELIVERY_STATUSES) as ['not-started'], { error: 'Choose a delivery status' })),
  note: optional(1000, 'The note'),
})
