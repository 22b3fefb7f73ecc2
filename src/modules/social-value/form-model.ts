/** Builds the GOV.UK macro parameters of views/form.njk's fields from a posted body and its errors. */
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { FormBody } from '../contracts/form-fields.ts'

export type Field =
  | { kind: 'input' | 'textarea' | 'select' | 'radios' | 'date' | 'file'; params: Record<string, unknown> }
  | { kind: 'hidden'; name: string; value: string }

export function formModel(values: FormBody, errors: FormErrors) {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '')
  const error = (name: string) => errors.fieldErrors[name]
  return {
    input: (name: string, label: string, options: { hint?: string; classes?: string; prefix?: string; suffix?: string; inputmode?: string; type?: string } = {}): Field => ({
      kind: 'input',
      params: { id: name, name, value: str(name), label: { text: label, classes: 'govuk-label--s' }, ...(options.hint ? { hint: { text: options.hint } } : {}), classes: options.classes, ...(options.prefix ? { prefix: { text: options.prefix } } : {}), ...(options.suffix ? { suffix: { text: options.suffix } } : {}), inputmode: options.inputmode, type: options.type, errorMessage: error(name) },
    }),
    textarea: (name: string, label: string, hint?: string): Field => ({ kind: 'textarea', params: { id: name, name, value: str(name), rows: 3, label: { text: label, classes: 'govuk-label--s' }, ...(hint ? { hint: { text: hint } } : {}), errorMessage: error(name) } }),
    select: (name: string, label: string, items: { value: string; text: string }[], hint?: string): Field => ({
      kind: 'select',
      params: { id: name, name, label: { text: label, classes: 'govuk-label--s' }, ...(hint ? { hint: { text: hint } } : {}), items: items.map((i) => ({ ...i, selected: i.value === str(name) })), errorMessage: error(name) },
    }),
    radios: (name: string, legend: string, items: { value: string; text: string; hint?: string }[], options: { hint?: string; inline?: boolean } = {}): Field => ({
      kind: 'radios',
      params: {
        idPrefix: name,
        name,
        classes: options.inline ? 'govuk-radios--inline' : undefined,
        fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
        ...(options.hint ? { hint: { text: options.hint } } : {}),
        items: items.map((i) => ({ value: i.value, text: i.text, ...(i.hint ? { hint: { text: i.hint } } : {}), checked: i.value === str(name) })),
        errorMessage: error(name),
      },
    }),
    date: (name: string, legend: string, hint: string): Field => ({
      kind: 'date',
      params: {
        id: name,
        namePrefix: name,
        fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
        hint: { text: hint },
        errorMessage: error(name),
        items: ['day', 'month', 'year'].map((part) => ({ name: part, classes: `govuk-input--width-${part === 'year' ? 4 : 2}${error(name) ? ' govuk-input--error' : ''}`, value: str(`${name}-${part}`) })),
      },
    }),
    hidden: (name: string, value: string): Field => ({ kind: 'hidden', name, value }),
    /** A file chosen again on every submission: browsers do not keep a chosen file when the page comes back with errors. */
    file: (name: string, label: string, hint: string): Field => ({ kind: 'file', params: { id: name, name, label: { text: label, classes: 'govuk-label--s' }, hint: { text: hint }, errorMessage: error(name) } }),
  }
}
