/**
 * Reading GOV.UK form fields the registers share: date inputs (three boxes), amounts in pounds, yes/no radios,
 * whole numbers. Each returns a value or a message saying what to do, in the GOV.UK pattern.
 */
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { parsePoundsToPence } from '../../platform/money.ts'
import { isIsoDate } from './dates.ts'

export type FormBody = Record<string, unknown>
export interface FieldIssue {
  field: string
  message: string
}

export const text = (body: FormBody, name: string): string => {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : Array.isArray(value) && typeof value[0] === 'string' ? value[0].trim() : ''
}

export const list = (body: FormBody, name: string): string[] => {
  const value = body[name]
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value]
  return items.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '')
}

/** A GOV.UK date input's three boxes (`name-day`, `name-month`, `name-year`) as YYYY-MM-DD; null when all are empty. */
export function dateField(body: FormBody, name: string, label: string, issues: FieldIssue[], required = false): string | null {
  const day = text(body, `${name}-day`)
  const month = text(body, `${name}-month`)
  const year = text(body, `${name}-year`)
  if (!day && !month && !year) {
    if (required) issues.push({ field: name, message: `Enter the ${label}` })
    return null
  }
  if (!day || !month || !year) {
    const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean).join(' and ')
    issues.push({ field: name, message: `The ${label} must include a ${missing}` })
    return null
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    issues.push({ field: name, message: `The ${label} must be a real date, like 27 3 2026` })
    return null
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  if (!isIsoDate(iso)) {
    issues.push({ field: name, message: `The ${label} must be a real date, like 27 3 2026` })
    return null
  }
  return iso
}

/** The three boxes of a stored date, for a form shown again. */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  if (!iso) return { day: '', month: '', year: '' }
  const [year, month, day] = iso.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year: year ?? '' }
}

export function poundsField(body: FormBody, name: string, label: string, issues: FieldIssue[], options: { required?: boolean } = {}): number | null {
  const raw = text(body, name)
  if (raw === '') {
    if (options.required) issues.push({ field: name, message: `Enter the ${label}` })
    return null
  }
  const pence = parsePoundsToPence(raw)
  if (pence === undefined) {
    issues.push({ field: name, message: `The ${label} must be an amount of money, like 12500 or 12,500.00` })
    return null
  }
  if (pence < 0) {
    issues.push({ field: name, message: `The ${label} must be £0 or more` })
    return null
  }
  return pence
}

export function wholeNumberField(body: FormBody, name: string, label: string, issues: FieldIssue[], max = 1000): number | null {
  const raw = text(body, name)
  if (raw === '') return null
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    issues.push({ field: name, message: `${label} must be a whole number from 0 to ${max}` })
    return null
  }
  return Number(raw)
}

export function yesNoField(body: FormBody, name: string, message: string, issues: FieldIssue[]): boolean {
  const value = text(body, name)
  if (value !== 'yes' && value !== 'no') {
    issues.push({ field: name, message })
    return false
  }
  return value === 'yes'
}

export function choiceField<T extends string>(body: FormBody, name: string, codes: readonly T[], message: string, issues: FieldIssue[]): T | null {
  const value = text(body, name)
  if ((codes as readonly string[]).includes(value)) return value as T
  issues.push({ field: name, message })
  return null
}

/** Field problems as GOV.UK's error summary and inline messages expect, in the order given. */
export function toFormErrors(issues: FieldIssue[], fieldIds: Record<string, string> = {}): FormErrors {
  const errorList: FormErrors['errorList'] = []
  const fieldErrors: FormErrors['fieldErrors'] = {}
  for (const issue of issues) {
    if (fieldErrors[issue.field]) continue
    fieldErrors[issue.field] = { text: issue.message }
    errorList.push({ text: issue.message, href: `#${fieldIds[issue.field] ?? issue.field}` })
  }
  return { errorList, fieldErrors }
}

/** A date input's first box is the one its error links to. */
export const dateFieldId = (name: string) => `${name}-day`
