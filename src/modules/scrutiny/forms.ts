/** What good input to a decision, a call-in and the scrutiny settings is, with GOV.UK error messages. */
import { dayMonthYearField } from '../../platform/http/date-field.ts'
import { z } from 'zod'
import { parsePoundsToPence } from '../../platform/money.ts'

const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '')

/** A reminder's notice in days: blank means unchanged. */
const reminderDays = (what: string, max: number) =>
  z.preprocess(text, z.string().trim()).transform((v, ctx) => {
    if (v === '') return undefined
    const days = /^\d+$/.test(v) ? Number(v) : NaN
    if (!(days >= 1 && days <= max)) {
      ctx.addIssue({ code: 'custom', message: `Enter the ${what} as a whole number of days from 1 to ${max}` })
      return z.NEVER
    }
    return days
  })
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [])
const required = (max: number, missing: string, label: string) =>
  z.preprocess(text, z.string().trim().min(1, missing).max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`))
const optional = (max: number, label: string) =>
  z.preprocess(text, z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).transform((v) => (v === '' ? null : v)))

/** A day/month/year date (or ISO) as ISO; `missing` null makes it optional. */
export const dateField = (what: string, missing: string | null) => dayMonthYearField(what, missing)

/** A required date: `dateField` never gives null when it is told what to say about a missing one. */
const requiredDate = (what: string, missing: string) => dateField(what, missing).transform((v) => v as string)

export const MAKER_KINDS = {
  'executive-member': 'Executive member (cabinet member)',
  cabinet: 'Cabinet (the executive)',
  officer: 'Officer under delegated powers',
} as const
export type MakerKind = keyof typeof MAKER_KINDS

export const URGENCY = {
  none: 'Full notice on the forward plan',
  'general-exception': 'General exception (reg 10): notice given to the scrutiny chair and published, 5 clear days',
  'special-urgency': 'Special urgency (reg 11): agreed by the scrutiny chair as urgent and unavoidable',
} as const

export const decisionForm = z
  .object({
    title: required(300, 'Enter the matter to be decided', 'The matter'),
    makerKind: z.preprocess(text, z.enum(Object.keys(MAKER_KINDS) as [MakerKind], { error: 'Select who takes the decision' })),
    makerName: required(300, 'Enter the decision maker’s name and title, or the body and its members', 'The decision maker'),
    plannedOn: requiredDate('the date of the decision', 'Enter the date the decision is to be taken'),
    noticePublishedOn: dateField('the date the forward plan gave notice', null),
    value: z.preprocess(text, z.string().trim()).transform((v, ctx) => {
      if (v === '') return null
      const pence = parsePoundsToPence(v.replace(/^-/, ''))
      if (pence === undefined) {
        ctx.addIssue({ code: 'custom', message: 'Enter the spending or saving in pounds, like 750000' })
        return z.NEVER
      }
      return pence
    }),
    wardIds: z.preprocess(list, z.array(z.uuid({ error: 'Select wards from the list' }))),
    judgedSignificant: z.preprocess((v) => text(v) === 'yes', z.boolean()),
    urgency: z.preprocess((v) => text(v) || 'none', z.enum(Object.keys(URGENCY) as ['none'], { error: 'Select how notice was given' })),
    urgencyReason: optional(2000, 'The reason for urgency'),
    optionsConsidered: optional(5000, 'Options considered'),
    documents: z.preprocess(text, z.string().max(5000, 'The documents list must be 5,000 characters or fewer').transform((v) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))),
    documentsRequest: optional(1000, 'How to ask for the documents'),
    projectId: z.preprocess((v) => text(v) || null, z.uuid().nullable()),
  })
  .superRefine((v, ctx) => {
    if (v.urgency !== 'none' && !v.urgencyReason) ctx.addIssue({ code: 'custom', path: ['urgencyReason'], message: 'Give the reason the decision cannot wait for 28 clear days’ notice' })
  })
export type DecisionInput = z.output<typeof decisionForm>

export const takeForm = z.object({
  outcome: required(5000, 'Enter what was decided', 'What was decided'),
  reasons: required(5000, 'Enter the reasons for the decision', 'The reasons'),
  decidedOn: requiredDate('the date of the decision', 'Enter the date the decision was taken'),
  publishedOn: requiredDate('the date the decision was published', 'Enter the date the decision notice was published'),
})

export const callInForm = z.object({
  reasons: required(5000, 'Give your reasons for calling in the decision', 'Your reasons'),
})

export const CALL_IN_OUTCOMES = {
  'no-further-action': 'No further action: the decision takes effect',
  'referred-back': 'Referred back to the decision maker to reconsider',
  'referred-to-council': 'Referred to full council',
} as const

export const outcomeForm = z.object({
  callInId: z.preprocess(text, z.uuid({ error: 'Select the call-in' })),
  outcome: z.preprocess(text, z.enum(Object.keys(CALL_IN_OUTCOMES) as ['no-further-action'], { error: 'Select the outcome of the call-in' })),
  outcomeNote: required(5000, 'Say what the committee decided and why', 'The committee’s reasons'),
  outcomeOn: requiredDate('the date of the committee', 'Enter the date the committee met'),
})

export const settingsForm = z.object({
  keyDecisionThreshold: z.preprocess(text, z.string().trim()).transform((v, ctx) => {
    if (v === '') return null
    const pence = parsePoundsToPence(v)
    if (pence === undefined || pence < 0) {
      ctx.addIssue({ code: 'custom', message: 'Enter the threshold in pounds, like 500000' })
      return z.NEVER
    }
    return pence
  }),
  callInWorkingDays: z.preprocess(text, z.string().trim().regex(/^\d+$/, 'Enter the call-in period as a whole number of working days').transform(Number).pipe(z.number().min(1, 'The call-in period must be at least 1 working day').max(30, 'The call-in period must be 30 working days or fewer'))),
  responseMonths: z.preprocess(text, z.string().trim().regex(/^\d+$/, 'Enter the response period as a whole number of months').transform(Number).pipe(z.number().min(1, 'The response period must be at least 1 month').max(12, 'The response period must be 12 months or fewer'))),
  questionWorkingDays: z.preprocess(text, z.string().trim().regex(/^\d+$/, 'Enter the time to answer as a whole number of working days').transform(Number).pipe(z.number().min(1, 'The time to answer must be at least 1 working day').max(60, 'The time to answer must be 60 working days or fewer'))),
  // Reminder notice (ADR 0049): left blank, the council's current value stays.
  questionReminderDays: reminderDays('notice before a question’s answer is due', 60),
  recommendationReminderDays: reminderDays('notice before the executive’s response is due', 90),
  /** Checkboxes: a box left unticked sends nothing, which means the council does not publish that kind of record. */
  publish: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(['recommendations', 'questions'], { message: 'Select what the council publishes from the list' }))),
  bankHolidays: z.preprocess(text, z.string()).transform((v, ctx) => {
    const dates: string[] = []
    for (const entry of v.split(/[\s,]+/).filter(Boolean)) {
      const parsed = dateField('each bank holiday', null).safeParse(entry)
      if (!parsed.success || !parsed.data) {
        ctx.addIssue({ code: 'custom', message: `“${entry}” is not a date: enter each bank holiday as day/month/year or 2026-12-25, one a line` })
        return z.NEVER
      }
      dates.push(parsed.data)
    }
    return [...new Set(dates)].sort()
  }),
})

export const wardLinkForm = z.object({
  kind: z.preprocess(text, z.enum(['contract', 'provider', 'idea'], { error: 'Select what to place in the ward' })),
  recordId: z.preprocess(text, z.uuid({ error: 'Select a record from the list' })),
})

export const councillorForm = z.object({ userId: z.preprocess(text, z.uuid({ error: 'Select a councillor' })) })
export const contractLinkForm = z.object({ contractId: z.preprocess(text, z.uuid({ error: 'Select the contract the decision let' })) })

export const COMMITTEE_ROLES = { chair: 'Chair', 'vice-chair': 'Vice-chair', member: 'Member' } as const

export const committeeForm = z.object({
  name: required(200, 'Enter the committee’s name', 'The name'),
  remit: optional(2000, 'The remit'),
  workProgramme: z.preprocess(text, z.string().max(5000, 'The work programme must be 5,000 characters or fewer').transform((v) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))),
})

export const memberForm = z.object({
  userId: z.preprocess(text, z.uuid({ error: 'Select a councillor' })),
  role: z.preprocess((v) => text(v) || 'member', z.enum(Object.keys(COMMITTEE_ROLES) as ['member'], { error: 'Select the councillor’s role on the committee' })),
})

export const recommendationForm = z.object({
  title: required(300, 'Enter a short title for the recommendation', 'The title'),
  body: required(5000, 'Enter what the committee recommends', 'The recommendation'),
  madeOn: requiredDate('the date the committee made it', 'Enter the date the committee made the recommendation'),
  decisionId: z.preprocess((v) => text(v) || null, z.uuid({ error: 'Select a decision from the list' }).nullable()),
})

export const RESPONSES = { accepted: 'Accepted', 'partly-accepted': 'Partly accepted', rejected: 'Rejected' } as const
export const IMPLEMENTATION = { 'not-started': 'Not started', 'in-progress': 'In progress', implemented: 'Implemented' } as const

export const responseForm = z.object({
  response: z.preprocess(text, z.enum(Object.keys(RESPONSES) as ['accepted'], { error: 'Select the executive’s response' })),
  responseReasons: required(5000, 'Give the executive’s reasons', 'The reasons'),
  respondedOn: requiredDate('the date of the response', 'Enter the date the executive responded'),
  respondedByName: required(300, 'Enter who responded for the executive', 'Who responded'),
})

export const implementationForm = z.object({
  implementation: z.preprocess(text, z.enum(Object.keys(IMPLEMENTATION) as ['not-started'], { error: 'Select how far it has been implemented' })),
  implementationNote: optional(2000, 'The note'),
})

export const questionForm = z.object({
  addressedTo: required(300, 'Enter who the question is for: the officer or executive member and their title', 'Who it is for'),
  question: required(5000, 'Enter your question', 'The question'),
  decisionId: z.preprocess((v) => text(v) || null, z.uuid({ error: 'Select a decision from the list' }).nullable()),
})

export const answerForm = z.object({
  answer: required(10000, 'Enter the answer', 'The answer'),
  answeredByName: required(300, 'Enter who answers: their name and title', 'Who answers'),
})
