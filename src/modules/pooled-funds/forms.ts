/** What good input to a pooled fund is, with GOV.UK error messages that name what to do, never a field's code. */
import { dayMonthYearField } from '../../platform/http/date-field.ts'
import { z } from 'zod'
import { parsePoundsToPence } from '../../platform/money.ts'
import { FUND_KINDS, STREAMS } from './vocabulary.ts'

const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '')
const required = (max: number, missing: string, label: string) =>
  z.preprocess(text, z.string().trim().min(1, missing).max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`))
const optional = (max: number, label: string) => z.preprocess(text, z.string().trim().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`))

/** Pounds typed in a form, as pence; negative only where `signed`. */
export const pounds = (missing: string, options: { signed?: boolean } = {}) =>
  z.preprocess(
    text,
    z.string().trim().min(1, missing).transform((v, ctx) => {
      const pence = parsePoundsToPence(v)
      if (pence === undefined || (!options.signed && pence < 0)) {
        ctx.addIssue({ code: 'custom', message: options.signed ? 'Enter an amount in pounds, like 25000, 1,250.50 or -5000 for a reduction' : 'Enter an amount in pounds, like 25000 or 1,250.50' })
        return z.NEVER
      }
      return pence
    }),
  )

/** A date typed as day/month/year (or ISO), as an ISO date. */
const dateField = (missing: string, label: string, options: { optional?: boolean } = {}) =>
  dayMonthYearField(`the ${label}`, options.optional ? null : missing, '1/4/2026')

/** A required date: never null once it has passed (an empty one is an error). */
const requiredDate = (missing: string, label: string) => dateField(missing, label).transform((v) => v ?? '')

/** A financial year typed as its start year (2026) or as 2026/27 or 2026-27. */
export const yearField = z.preprocess(text, z.string().trim()).transform((v, ctx) => {
  const match = /^(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$/.exec(v)
  const start = match ? Number(match[1]) : NaN
  const end = match?.[2] ? Number(match[2]) % 100 : (start + 1) % 100
  if (!match || start < 2000 || start > 2100 || end !== (start + 1) % 100) {
    ctx.addIssue({ code: 'custom', message: 'Enter the financial year as it starts, like 2026 or 2026/27' })
    return z.NEVER
  }
  return start
})

export const fundForm = z
  .object({
    name: required(200, 'Enter the fund’s name', 'Name'),
    kind: z.preprocess(text, z.enum(Object.keys(FUND_KINDS) as [keyof typeof FUND_KINDS], { error: 'Choose whether this is the Better Care Fund or another section 75 pooled fund' })),
    aimsAndOutcomes: required(5000, 'Enter the agreed aims and outcomes', 'Aims and outcomes'),
    contributionVariation: required(5000, 'Say how the partners’ contributions may be varied', 'How contributions may be varied'),
    functionsCovered: required(5000, 'Enter the NHS functions and health-related functions the fund covers', 'Functions covered'),
    personsAndServices: required(5000, 'Enter the people and kinds of services the fund covers', 'People and services'),
    partnerResources: optional(5000, 'Staff, goods, services or accommodation'),
    startDate: requiredDate('Enter the date the agreement starts', 'start date'),
    endDate: dateField('', 'end date', { optional: true }),
    reviewArrangements: required(5000, 'Say how and when the agreement is reviewed', 'Review'),
    variationAndTermination: required(5000, 'Say how the agreement may be varied or ended', 'Variation and termination'),
    managementAndMonitoring: required(5000, 'Say how the fund is managed and monitored', 'Management and monitoring'),
    poolManager: required(200, 'Enter the pool manager: the host partner’s officer who manages the fund', 'Pool manager'),
  })
  .superRefine((value, ctx) => {
    if (value.endDate && value.endDate < value.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date must be on or after the start date' })
  })
export type FundForm = z.infer<typeof fundForm>

export const partnerForm = z.object({
  organisation: z.preprocess(text, z.string().trim().min(1, 'Choose the partner organisation')),
  host: z.preprocess(text, z.string().trim()).transform((v) => v === 'yes'),
})

/** Giving a partner organisation's officer access to the funds their organisation is party to. */
export const partnerUserForm = z.object({
  invitePartner: z.preprocess(text, z.string().trim().min(1, 'Choose the partner organisation the person works for')),
  inviteName: required(200, 'Enter their full name', 'Full name'),
  inviteEmail: z.preprocess(text, z.string().trim().min(1, 'Enter their email address').max(320, 'Email address must be 320 characters or fewer').email('Enter an email address in the correct format, like name@nhs.net')),
})

export const contributionForm = z.object({
  organisation: z.preprocess(text, z.string().trim().min(1, 'Choose the partner making the contribution')),
  stream: z.preprocess(text, z.enum(Object.keys(STREAMS) as [keyof typeof STREAMS], { error: 'Choose the funding stream' })),
  financialYear: yearField,
  kind: z.preprocess(text, z.enum(['agreed', 'variation'], { error: 'Choose whether this is the agreed contribution or a variation to it' })),
  amount: pounds('Enter the amount', { signed: true }),
  agreedOn: requiredDate('Enter the date it was agreed', 'date it was agreed'),
  note: optional(1000, 'Note'),
}).superRefine((value, ctx) => {
  if (value.kind === 'agreed' && value.amount < 0) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'An agreed contribution cannot be less than £0: record a reduction as a variation' })
  if (value.kind === 'variation' && value.note === '') ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why the contribution was varied' })
})

export type ContributionForm = z.infer<typeof contributionForm>

export const schemeForm = z.object({
  reference: required(40, 'Enter the scheme’s id in the plan, like 1 or HOME-02', 'Scheme id'),
  name: required(200, 'Enter the scheme’s name', 'Name'),
  schemeType: required(200, 'Enter the type of scheme, like Home care or Reablement', 'Scheme type'),
  areaOfSpend: required(200, 'Enter the area of spend, like Social care or Community health', 'Area of spend'),
  commissioner: required(200, 'Enter who commissions the scheme', 'Commissioner'),
  providerName: required(200, 'Enter who provides the scheme', 'Provider'),
  stream: z.preprocess(text, z.enum(Object.keys(STREAMS) as [keyof typeof STREAMS], { error: 'Choose the funding stream the scheme is paid from' })),
  financialYear: yearField,
  planned: pounds('Enter the planned expenditure'),
  plannedOutputs: optional(2000, 'Planned outputs'),
})
export type SchemeForm = z.infer<typeof schemeForm>

export const linkForm = z.object({
  link: z.preprocess(text, z.string().trim().regex(/^(contract|grant):[0-9a-f-]{36}$/i, 'Choose a contract or grant that delivers the scheme')),
})
