/**
 * What a good story is, as the form takes it. Messages follow GOV.UK's pattern of saying what to do. Lengths are
 * limits people are told about on the page, not surprises.
 */
import { parse as parsePostcode } from 'postcode'
import { z } from 'zod'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'

export const MAX_TITLE = 100
/** Care Opinion asks for 1,000 words or fewer; 6,000 characters is about that. */
export const MAX_BODY = 6000
export const MAX_RESPONSE = 4000
export const MAX_REASON = 1000

export const RATING_ASPECTS = [
  { field: 'ratingListened', name: 'Being listened to' },
  { field: 'ratingInformation', name: 'Information you were given' },
  { field: 'ratingDignity', name: 'Being treated with dignity' },
  { field: 'ratingOverall', name: 'Overall' },
] as const
export type RatingField = (typeof RATING_ASPECTS)[number]['field']

export const RATING_WORDS = ['Very poor', 'Poor', 'OK', 'Good', 'Very good'] as const

const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '')
const optional = (max: number, label: string) =>
  z.preprocess(text, z.string().trim().max(max, `${label} must be ${max} characters or fewer`).transform((v) => (v === '' ? null : v)))

const rating = z.preprocess(text, z.enum(['', '1', '2', '3', '4', '5'], { error: 'Choose a rating from 1 to 5, or leave it out' }).transform((v) => (v === '' ? null : Number(v))))

/** Words that must be there and must not be too long; hostile content is fine here: it is only ever shown as text. */
const required = (max: number, missing: string, label: string) =>
  z.preprocess(text, z.string().trim().min(1, missing).max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`))

export const emailField = z.preprocess(
  text,
  z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }))
    .transform((v) => v.toLowerCase()),
)

export const postcodeField = (required: boolean) =>
  z.preprocess(
    text,
    z
      .string()
      .trim()
      .max(10, 'Enter a real postcode, like TS1 1AA')
      .transform((v, ctx) => {
        if (v === '') {
          if (required) ctx.addIssue({ code: 'custom', message: 'Enter your postcode' })
          return null
        }
        const parsed = parsePostcode(v)
        if (!parsed.valid) {
          ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like TS1 1AA' })
          return z.NEVER
        }
        return parsed.postcode
      }),
  )

export const storyForm = z
  .object({
    councilId: z.preprocess(text, z.string().trim()),
    providerId: z.preprocess(text, z.string().trim()),
    serviceDescription: optional(200, 'The service'),
    serviceCategory: z.preprocess(text, z.union([z.literal(''), z.enum(SERVICE_CATEGORY_CODES)], { error: 'Choose a kind of service from the list' })).transform((v) => (v === '' ? null : v)),
    title: required(MAX_TITLE, 'Give your story a title', 'Title'),
    body: required(MAX_BODY, 'Tell us what happened', 'Your story'),
    ratingListened: rating,
    ratingInformation: rating,
    ratingDignity: rating,
    ratingOverall: rating,
    ward: optional(80, 'Ward'),
    postcode: postcodeField(false),
    email: emailField,
  })
  .superRefine((value, ctx) => {
    if (!value.providerId && !value.serviceDescription) {
      ctx.addIssue({ code: 'custom', path: ['providerId'], message: 'Choose the provider, or describe the service in your own words' })
    }
    if (!value.providerId && !value.councilId) {
      ctx.addIssue({ code: 'custom', path: ['councilId'], message: 'Choose the council whose service it was' })
    }
  })

export type StoryFormInput = z.output<typeof storyForm>

export const responseForm = z.object({ body: required(MAX_RESPONSE, 'Write your response', 'Your response') })
export const reasonField = (missing: string) => required(MAX_REASON, missing, 'The reason')
export const reportForm = z.object({ reason: required(MAX_REASON, 'Tell us what is wrong with this story', 'What is wrong') })

export const moderationForm = z
  .object({
    decision: z.preprocess(text, z.enum(['publish', 'publish-redacted', 'request-edit', 'reject', 'hide'], { error: 'Choose what to do with the story' })),
    note: optional(MAX_REASON, 'The note'),
    // Only read when publishing with details removed; the story's own limits apply to the published text.
    redactedTitle: z.preprocess(text, z.string().trim().max(MAX_TITLE, `The published title must be ${MAX_TITLE} characters or fewer`)),
    redactedBody: z.preprocess(text, z.string().trim().max(MAX_BODY, `The published story must be ${MAX_BODY.toLocaleString('en-GB')} characters or fewer`)),
  })
  .superRefine((value, ctx) => {
    if ((value.decision === 'request-edit' || value.decision === 'reject' || value.decision === 'hide') && !value.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: value.decision === 'request-edit' ? 'Tell the author what to change' : 'Give the reason (the author sees it)',
      })
    }
    if (value.decision === 'publish-redacted') {
      if (!value.redactedTitle) ctx.addIssue({ code: 'custom', path: ['redactedTitle'], message: 'Enter the title to publish' })
      if (!value.redactedBody) ctx.addIssue({ code: 'custom', path: ['redactedBody'], message: 'Enter the story to publish, with the personal details taken out' })
    }
  })

export const authorEditForm = z.object({
  title: required(MAX_TITLE, 'Give your story a title', 'Title'),
  body: required(MAX_BODY, 'Tell us what happened', 'Your story'),
})

export const changeForm = z.object({
  title: required(200, 'Give the change a title', 'Title'),
  body: required(MAX_BODY, 'Say what changed because of these stories', 'What changed'),
  storyIds: z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []), z.array(z.uuid()).min(1, 'Choose at least one story this change answers')),
})

export const settingsForm = z.object({
  providerPreviewHours: z.preprocess(
    text,
    z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, 'Enter a whole number of hours, like 72')
      .transform(Number)
      .pipe(z.number().max(720, 'The window must be 720 hours (30 days) or less')),
  ),
})
