/** What good input is for each of a project's forms; messages follow the GOV.UK pattern of saying what to do. */
import { z } from 'zod'
import { parsePoundsToPence } from '../../platform/money.ts'
import { MAX_SCORE } from './appraisal.ts'

export const STAGES = ['analyse', 'plan', 'do', 'review'] as const
export type Stage = (typeof STAGES)[number]
export const STAGE_NAMES: Record<Stage, string> = { analyse: 'Analyse', plan: 'Plan', do: 'Do', review: 'Review' }

const required = (message: string, max = 500) => z.string({ error: message }).trim().min(1, message).max(max, `Use ${max} characters or fewer`)
const optional = (max = 2000) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(max, `Use ${max} characters or fewer`).transform((v) => (v === '' ? null : v)))
const uuid = (message: string) => z.string({ error: message }).uuid(message)

const money = (label: string) =>
  z.preprocess(
    (v) => (v === undefined ? '' : v),
    z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (v === '') return null
        const pence = parsePoundsToPence(v)
        if (pence === undefined || pence < 0) {
          ctx.addIssue({ code: 'custom', message: `${label} must be an amount in pounds, like 250000 or £250,000` })
          return null
        }
        return pence
      }),
  )

export const projectSchema = z.object({
  title: required('Enter the project’s title', 200),
  serviceArea: required('Enter the service area, like adult social care', 200),
  summary: optional(),
  leadCommissionerId: z.preprocess((v) => (v === '' ? undefined : v), uuid('Select the lead commissioner').optional()),
  budget: money('Budget'),
})

export const PART_SCHEMAS = {
  needs: z.object({ need: required('Describe the need'), evidence: optional() }),
  outcomes: z.object({
    outcome: required('Describe the outcome'),
    indicator: required('Enter the indicator that shows progress'),
    baseline: optional(200),
    target: optional(200),
  }),
  partners: z
    .object({
      partnerCouncilId: z.preprocess((v) => (v === '' ? undefined : v), uuid('Select a council from the list').optional()),
      nhsBody: optional(200),
    })
    .refine((v) => Boolean(v.partnerCouncilId) !== Boolean(v.nhsBody), { message: 'Select a council or enter the name of an NHS body (one at a time)', path: ['partnerCouncilId'] }),
  links: z
    .object({
      role: z.enum(['current', 'result'], { error: 'Say whether this is in place now or the result of the project' }),
      contractId: z.preprocess((v) => (v === '' ? undefined : v), uuid('Select a contract from the list').optional()),
      grantId: z.preprocess((v) => (v === '' ? undefined : v), uuid('Select a grant from the list').optional()),
      tenderReference: optional(200),
    })
    .refine((v) => [v.contractId, v.grantId, v.tenderReference].filter(Boolean).length === 1, {
      message: 'Select one contract or one grant, or enter one tender reference',
      path: ['contractId'],
    }),
  milestones: z.object({
    title: required('Enter the milestone'),
    dueDate: z.string({ error: 'Enter the date as YYYY-MM-DD' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date like 2026-09-30'),
  }),
  decisions: z.object({
    decision: required('Say what was decided', 1000),
    reason: required('Say why it was decided', 4000),
  }),
  stage: z.object({ stage: z.enum(STAGES, { error: 'Select a stage' }) }),
  review: z.object({ outcomeId: uuid('Select an outcome'), latest: required('Enter the latest measurement', 200) }),
  options: z.object({ name: required('Enter the delivery model’s name', 200) }),
} as const
export type Part = keyof typeof PART_SCHEMAS
export const PARTS = Object.keys(PART_SCHEMAS) as Part[]

/** Weights: one whole number per criterion, from 0 to 100. */
export function parseWeights(body: Record<string, unknown>, criterionIds: string[]) {
  const weights = new Map<string, number>()
  const problems: { field: string; message: string }[] = []
  for (const id of criterionIds) {
    const raw = String(body[`weight-${id}`] ?? '').trim()
    if (!/^\d{1,3}$/.test(raw) || Number(raw) > 100) problems.push({ field: `weight-${id}`, message: 'Enter a weight as a whole number from 0 to 100' })
    else weights.set(id, Number(raw))
  }
  if (problems.length === 0 && [...weights.values()].every((w) => w === 0)) problems.push({ field: `weight-${criterionIds[0]}`, message: 'Give at least one criterion a weight above 0' })
  return { weights, problems }
}

/** Scores for one option: 0 to MAX_SCORE for each criterion, or blank for not scored yet, each with a rationale. */
export function parseScores(body: Record<string, unknown>, criterionIds: string[]) {
  const scores = new Map<string, { score: number; rationale: string | null } | null>()
  const problems: { field: string; message: string }[] = []
  for (const id of criterionIds) {
    const raw = String(body[`score-${id}`] ?? '').trim()
    const rationale = String(body[`rationale-${id}`] ?? '').trim() || null
    if (raw === '') scores.set(id, null)
    else if (!/^\d$/.test(raw) || Number(raw) > MAX_SCORE) problems.push({ field: `score-${id}`, message: `Enter a score from 0 to ${MAX_SCORE}` })
    else scores.set(id, { score: Number(raw), rationale })
  }
  return { scores, problems }
}

/**
 * The whole matrix from one form: a field "score-<option id>-<criterion id>" per cell, 0 to MAX_SCORE or blank for
 * not scored. Each problem names the criterion and the option, as the person reads them on the page.
 */
export function parseMatrix(body: Record<string, unknown>, options: readonly { id: string; name: string }[], criteria: readonly { id: string; name: string }[]) {
  const cells: { optionId: string; criterionId: string; score: number | null }[] = []
  const problems: { field: string; message: string }[] = []
  for (const option of options) {
    for (const criterion of criteria) {
      const field = `score-${option.id}-${criterion.id}`
      const raw = String(body[field] ?? '').trim()
      if (raw === '') cells.push({ optionId: option.id, criterionId: criterion.id, score: null })
      else if (!/^\d$/.test(raw) || Number(raw) > MAX_SCORE) problems.push({ field, message: `Enter a score from 0 to ${MAX_SCORE} for ${criterion.name} for ${option.name}` })
      else cells.push({ optionId: option.id, criterionId: criterion.id, score: Number(raw) })
    }
  }
  return { cells, problems }
}

/** The delivery models chosen on the "choose" page: ticked defaults and one typed in. */
export function parseChosenOptions(body: Record<string, unknown>): { names: string[]; problems: { field: string; message: string }[] } {
  const ticked = body.options === undefined ? [] : Array.isArray(body.options) ? body.options.map(String) : [String(body.options)]
  const other = String(body.other ?? '').trim()
  const problems: { field: string; message: string }[] = []
  if (other.length > 200) problems.push({ field: 'other', message: 'Use 200 characters or fewer for the other delivery model' })
  const names = [...ticked, ...(other ? [other] : [])]
  if (names.length === 0 && problems.length === 0) problems.push({ field: 'options', message: 'Select at least one delivery model to compare, or enter another' })
  return { names, problems }
}
