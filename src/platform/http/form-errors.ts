/** Turns Zod issues into what GOV.UK's error summary and field macros expect. */
import type { ZodError } from 'zod'

export interface FormErrors {
  /** For govukErrorSummary: each links to its field. */
  errorList: { text: string; href: string }[]
  /** For each field macro's errorMessage, keyed by field name. */
  fieldErrors: Record<string, { text: string }>
}

export function formErrors(error: ZodError, fieldIds: Record<string, string> = {}): FormErrors {
  const fieldErrors: Record<string, { text: string }> = {}
  const errorList: FormErrors['errorList'] = []
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    if (fieldErrors[field]) continue
    fieldErrors[field] = { text: issue.message }
    errorList.push({ text: issue.message, href: `#${fieldIds[field] ?? field}` })
  }
  return { errorList, fieldErrors }
}

export function singleError(field: string, message: string, fieldId = field): FormErrors {
  return { errorList: [{ text: message, href: `#${fieldId}` }], fieldErrors: { [field]: { text: message } } }
}
