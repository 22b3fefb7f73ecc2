/**
 * The provider form's macro inputs, built from what was typed (kept exactly on a failed submit) or from the
 * stored record when editing.
 */
import { FORM_IDENTIFIER_SLOTS, type FormBody } from './forms.ts'
import { IDENTIFIER_SCHEMES, SCHEME_CODES } from './identifiers.ts'
import { SERVICE_CATEGORIES } from './service-categories.ts'
import { flagsOf, type ProviderRecord } from './service.ts'
import { LEGAL_FORMS, SUPPLIER_FLAGS } from './vocabulary.ts'

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
const text = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''))

/** The form's values for an existing record, as the browser would send them. */
export function formValuesOf(p: ProviderRecord): FormBody {
  const values: FormBody = {
    name: p.name,
    legalForm: p.legalForm,
    flags: flagsOf(p),
    addressLine1: p.addressLine1 ?? '',
    addressLine2: p.addressLine2 ?? '',
    town: p.town ?? '',
    postcode: p.postcode ?? '',
    website: p.website ?? '',
    serviceCategories: p.serviceCategories,
    areasServed: p.areasServed,
    published: p.published ? 'yes' : 'no',
    privateNotes: p.privateNotes ?? '',
  }
  p.identifiers.slice(0, FORM_IDENTIFIER_SLOTS).forEach((identifier, index) => {
    values[`identifierScheme${index + 1}`] = identifier.scheme
    values[`identifierId${index + 1}`] = identifier.identifier
  })
  return values
}

export function providerFormModel(values: FormBody, areas: { gssCode: string; name: string }[]) {
  const flags = new Set(list(values.flags))
  const categories = new Set(list(values.serviceCategories))
  const served = new Set(list(values.areasServed).map((v) => v.trim().toUpperCase()))
  return {
    name: text(values.name),
    addressLine1: text(values.addressLine1),
    addressLine2: text(values.addressLine2),
    town: text(values.town),
    postcode: text(values.postcode),
    website: text(values.website),
    privateNotes: text(values.privateNotes),
    legalFormItems: Object.entries(LEGAL_FORMS).map(([value, label]) => ({ value, text: label, checked: values.legalForm === value })),
    identifierSlots: Array.from({ length: FORM_IDENTIFIER_SLOTS }, (_, i) => {
      const slot = i + 1
      const scheme = text(values[`identifierScheme${slot}`])
      return {
        slot,
        schemeField: `identifierScheme${slot}`,
        idField: `identifierId${slot}`,
        idValue: text(values[`identifierId${slot}`]),
        schemeItems: [
          { value: '', text: 'None', selected: scheme === '' },
          ...SCHEME_CODES.map((code) => ({ value: code, text: `${code}: ${IDENTIFIER_SCHEMES[code]}`, selected: scheme === code })),
        ],
      }
    }),
    flagItems: SUPPLIER_FLAGS.map((f) => ({ value: f.code, text: f.name, checked: flags.has(f.code) })),
    categoryItems: SERVICE_CATEGORIES.map((c) => ({ value: c.code, text: c.name, checked: categories.has(c.code) })),
    areaItems: areas.map((a) => ({ value: a.gssCode, text: `${a.name} (${a.gssCode})`, checked: served.has(a.gssCode) })),
    publishedItems: [
      { value: 'yes', text: 'Yes, show it on the public register', checked: values.published === 'yes' },
      { value: 'no', text: 'No, keep it to this council', checked: values.published === 'no' },
    ],
  }
}
