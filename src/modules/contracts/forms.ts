/** The contract form, the KPI, assessment and modification forms: what good input is, read from the posted fields. */
import { SCHEDULE_8_GROUNDS, type Schedule8Ground } from '../../rules/procurement/modification.ts'
import { choiceField, dateField, dateFieldId, list, poundsField, text, toFormErrors, wholeNumberField, yesNoField, type FieldIssue, type FormBody } from './form-fields.ts'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'
import type { ModificationProposal } from './service.ts'
import type { ContractInput, NoticeInput } from './types.ts'
import {
  ASSESSMENT_RATING_CODES,
  AWARD_PROCEDURE_CODES,
  CONTRACT_STATUS_CODES,
  CPV_PATTERN,
  DIRECT_AWARD_GROUND_CODES,
  INVITATION_CODES,
  MAIN_CATEGORY_CODES,
  NOTICE_TYPE_CODES,
  type AssessmentRating,
} from './vocabulary.ts'

export const SUPPLIER_SLOTS = 3

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

function required(body: FormBody, name: string, message: string, max: number, issues: FieldIssue[]): string {
  const value = text(body, name)
  if (value === '') issues.push({ field: name, message })
  else if (value.length > max) issues.push({ field: name, message: `Must be ${max} characters or fewer` })
  return value
}

function optional(body: FormBody, name: string, max: number, issues: FieldIssue[]): string | null {
  const value = text(body, name)
  if (value.length > max) issues.push({ field: name, message: `Must be ${max} characters or fewer` })
  return value === '' ? null : value
}

/** CPV codes typed into one box, separated by commas, spaces or new lines. */
export function parseCpvCodes(raw: string): { codes: string[]; invalid: string[] } {
  const items = raw.split(/[\s,;]+/).map((c) => c.trim()).filter((c) => c !== '')
  return { codes: [...new Set(items.filter((c) => CPV_PATTERN.test(c)))], invalid: items.filter((c) => !CPV_PATTERN.test(c)) }
}

export function parseContractForm(body: FormBody): Parsed<ContractInput> {
  const issues: FieldIssue[] = []
  const reference = required(body, 'reference', 'Enter the contract’s reference', 100, issues)
  const title = required(body, 'title', 'Enter the contract’s title', 300, issues)
  const description = optional(body, 'description', 5000, issues)
  const department = optional(body, 'department', 200, issues)
  const supplierIds = [...new Set(Array.from({ length: SUPPLIER_SLOTS }, (_, i) => text(body, `supplier${i + 1}`)).filter((v) => v !== ''))]
  if (supplierIds.length === 0) issues.push({ field: 'supplier1', message: 'Select the supplier from your provider register' })
  const cpv = parseCpvCodes(text(body, 'cpvCodes'))
  if (cpv.invalid.length > 0) issues.push({ field: 'cpvCodes', message: `Enter CPV codes of 8 digits with an optional check digit, like 85311000 or 85311000-2 (${cpv.invalid.join(', ')} is not)` })
  const mainCategory = choiceField(body, 'mainCategory', MAIN_CATEGORY_CODES, 'Select goods, services or works', issues)
  const awardProcedure = choiceField(body, 'awardProcedure', AWARD_PROCEDURE_CODES, 'Select how the contract was awarded', issues)
  let directAwardGround = null
  if (awardProcedure === 'direct-award') {
    directAwardGround = choiceField(body, 'directAwardGround', DIRECT_AWARD_GROUND_CODES, 'Select the Schedule 5 ground for the direct award', issues)
  }
  const invitationText = text(body, 'invitation')
  const invitation = invitationText === '' ? null : choiceField(body, 'invitation', INVITATION_CODES, 'Select whether it followed an invitation to quote or tender', issues)
  const totalValuePence = poundsField(body, 'totalValue', 'total value', issues, { required: true })
  const estimatedAnnualValuePence = poundsField(body, 'annualValue', 'estimated annual value', issues)
  const valuesIncludeVat = yesNoField(body, 'valuesIncludeVat', 'Select yes if the values include VAT', issues)
  const irrecoverableVatPence = poundsField(body, 'irrecoverableVat', 'irrecoverable VAT', issues)
  const awardDate = dateField(body, 'awardDate', 'award date', issues)
  const startDate = dateField(body, 'startDate', 'start date', issues, true)
  const endDate = dateField(body, 'endDate', 'end date', issues, true)
  const reviewDate = dateField(body, 'reviewDate', 'review date', issues)
  if (startDate && endDate && endDate < startDate) issues.push({ field: 'endDate', message: 'The end date must be the same as or after the start date' })
  const extensionOptions = wholeNumberField(body, 'extensionOptions', 'Extension options', issues, 20) ?? 0
  const extensionMonths = wholeNumberField(body, 'extensionMonths', 'Months per extension', issues, 240)
  const extensionsTaken = wholeNumberField(body, 'extensionsTaken', 'Extensions taken', issues, 20) ?? 0
  if (extensionsTaken > extensionOptions) issues.push({ field: 'extensionsTaken', message: 'Extensions taken cannot be more than the extension options' })
  if (extensionOptions > 0 && !extensionMonths) issues.push({ field: 'extensionMonths', message: 'Enter how many months each extension lasts' })
  const extensionsTakenNote = optional(body, 'extensionsTakenNote', 500, issues)
  const lightTouch = yesNoField(body, 'lightTouch', 'Select yes if it is a light touch contract', issues)
  const status = choiceField(body, 'status', CONTRACT_STATUS_CODES, 'Select the contract’s status', issues)
  const notices: NoticeInput[] = []
  for (const type of NOTICE_TYPE_CODES) {
    const publishedOn = dateField(body, `notice${type}`, `date the ${type} notice was published`, issues)
    if (publishedOn) notices.push({ type, publishedOn })
  }
  const ocid = optional(body, 'ocid', 200, issues)
  if (ocid && !/^ocds-[a-z0-9]{1,30}-\S+$/.test(ocid)) issues.push({ field: 'ocid', message: 'Enter an OCID starting with ocds-, its publisher prefix and an identifier, like ocds-b5fd17-1234' })
  const published = yesNoField(body, 'published', 'Select yes if the contract should appear in the published register', issues)
  const serviceCategory = text(body, 'serviceCategory') === '' ? null : choiceField(body, 'serviceCategory', SERVICE_CATEGORY_CODES, 'Select a service category from the list', issues)

  if (issues.length > 0 || !mainCategory || !awardProcedure || !status) return { ok: false, issues }
  return {
    ok: true,
    value: {
      reference, title, description, department, supplierIds, cpvCodes: cpv.codes, mainCategory, awardProcedure, directAwardGround,
      invitation, totalValuePence, estimatedAnnualValuePence, valuesIncludeVat, irrecoverableVatPence, awardDate, startDate, endDate,
      reviewDate, extensionOptions, extensionMonths, extensionsTaken, extensionsTakenNote, lightTouch, status, notices, ocid, published, serviceCategory,
    },
  }
}

/** Where each field's error links: date inputs to their day box. */
export function contractFieldIds(): Record<string, string> {
  const ids: Record<string, string> = {}
  for (const name of ['awardDate', 'startDate', 'endDate', 'reviewDate', ...NOTICE_TYPE_CODES.map((t) => `notice${t}`)]) ids[name] = dateFieldId(name)
  for (const name of ['mainCategory', 'awardProcedure', 'valuesIncludeVat', 'lightTouch', 'published', 'invitation']) ids[name] = name
  return ids
}

export function parseKpiForm(body: FormBody): Parsed<{ name: string; target: string }> {
  const issues: FieldIssue[] = []
  const name = required(body, 'kpiName', 'Enter what the KPI measures', 300, issues)
  const target = required(body, 'kpiTarget', 'Enter the KPI’s target', 300, issues)
  return issues.length ? { ok: false, issues } : { ok: true, value: { name, target } }
}

export function parseAssessmentForm(body: FormBody): Parsed<{ assessedOn: string; rating: AssessmentRating; notes: string | null }> {
  const issues: FieldIssue[] = []
  const assessedOn = dateField(body, 'assessedOn', 'date of the assessment', issues, true)
  const rating = choiceField(body, 'rating', ASSESSMENT_RATING_CODES, 'Select the rating', issues)
  const notes = optional(body, 'notes', 5000, issues)
  return issues.length || !assessedOn || !rating ? { ok: false, issues } : { ok: true, value: { assessedOn, rating, notes } }
}

const GROUND_CODES = Object.keys(SCHEDULE_8_GROUNDS) as Schedule8Ground[]

export function parseModificationForm(body: FormBody): Parsed<ModificationProposal> {
  const issues: FieldIssue[] = []
  const modifiedOn = dateField(body, 'modifiedOn', 'date of the modification', issues, true)
  const description = required(body, 'description', 'Describe the change', 2000, issues)
  const newValuePence = poundsField(body, 'newValue', 'new total value', issues, { required: true })
  const newEndDate = dateField(body, 'newEndDate', 'new end date', issues, true)
  const answers = list(body, 'answers')
  const groundText = text(body, 'ground')
  const ground = groundText === '' || groundText === 'none' ? null : choiceField(body, 'ground', GROUND_CODES, 'Select a Schedule 8 ground from the list', issues)
  if (issues.length || !modifiedOn || newValuePence === null || !newEndDate) return { ok: false, issues }
  return {
    ok: true,
    value: {
      modifiedOn,
      description,
      newValuePence,
      newEndDate,
      materialScopeChange: answers.includes('scope'),
      economicBalanceToSupplier: answers.includes('balance'),
      ground,
    },
  }
}

export { toFormErrors }
