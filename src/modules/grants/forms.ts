/** The grant form: what good input is. */
import { choiceField, dateField, list, poundsField, text, yesNoField, type FieldIssue, type FormBody } from '../contracts/form-fields.ts'
import type { GrantInput } from './service.ts'

export function parseGrantForm(body: FormBody, prefix: string): { ok: true; value: GrantInput } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  let identifier = text(body, 'identifier')
  if (!identifier) issues.push({ field: 'identifier', message: 'Enter the grant’s identifier' })
  else if (!identifier.startsWith('360G-')) identifier = `${prefix}-${identifier}`
  if (identifier.length > 200) issues.push({ field: 'identifier', message: 'Identifier must be 200 characters or fewer' })
  const title = text(body, 'title')
  if (!title) issues.push({ field: 'title', message: 'Enter the grant’s title' })
  const description = text(body, 'description') || null
  const amount = poundsField(body, 'amount', 'amount awarded', issues, { required: true })
  const awardDate = dateField(body, 'awardDate', 'award date', issues, true)
  const plannedStartDate = dateField(body, 'plannedStartDate', 'planned start date', issues)
  const plannedEndDate = dateField(body, 'plannedEndDate', 'planned end date', issues)
  if (plannedStartDate && plannedEndDate && plannedEndDate < plannedStartDate) issues.push({ field: 'plannedEndDate', message: 'The planned end date must be after the start date' })
  const recipientProviderId = text(body, 'recipientProviderId')
  if (!recipientProviderId) issues.push({ field: 'recipientProviderId', message: 'Select the recipient from your provider register' })
  const openCall = text(body, 'fromOpenCall')
  const fromOpenCall = openCall === '' || openCall === 'unknown' ? null : choiceField(body, 'fromOpenCall', ['yes', 'no'] as const, 'Select whether the grant came from an open call', issues) === 'yes'
  const locations = list(body, 'beneficiaryLocations').flatMap((v) => v.split(/[\s,]+/)).map((v) => v.toUpperCase()).filter(Boolean)
  const badLocation = locations.find((c) => !/^[EWSN]\d{8}$/.test(c))
  if (badLocation) issues.push({ field: 'beneficiaryLocations', message: `Enter GSS codes like E06000002 (${badLocation} is not one)` })
  const published = yesNoField(body, 'published', 'Select yes if the grant should be published', issues)
  if (issues.length || amount === null || !awardDate) return { ok: false, issues }
  return {
    ok: true,
    value: {
      identifier, title, description, amountAwardedPence: amount, awardDate, plannedStartDate, plannedEndDate, recipientProviderId,
      programme: text(body, 'programme') || null, fromOpenCall, beneficiaryLocations: [...new Set(locations)], department: text(body, 'department') || null, published,
    },
  }
}
