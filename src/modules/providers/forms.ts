/**
 * What good provider input is: one set of field rules, read by the HTML form (flat field names, checkboxes,
 * yes/no radios) and by the JSON API (typed values). Messages follow the GOV.UK pattern of saying what to do.
 */
import { z } from 'zod'
import { normalisePostcode, normaliseWebsite } from './fields.ts'
import { checkIdentifier, IDENTIFIER_SCHEMES, isIdentifierScheme, SCHEME_CODES, type IdentifierScheme } from './identifiers.ts'
import { SERVICE_CATEGORY_CODES, type ServiceCategoryCode } from './service-categories.ts'
import { FLAG_CODES, LEGAL_FORM_CODES, type LegalForm, type SupplierFlag } from './vocabulary.ts'

export interface ProviderIdentifier {
  scheme: IdentifierScheme
  identifier: string
}

/** A whole provider record as the service takes it, already checked and normalised. */
export interface ProviderInput {
  name: string
  legalForm: LegalForm
  identifiers: ProviderIdentifier[]
  flags: SupplierFlag[]
  addressLine1: string | null
  addressLine2: string | null
  town: string | null
  postcode: string | null
  website: string | null
  serviceCategories: ServiceCategoryCode[]
  /** GSS codes of council areas. */
  areasServed: string[]
  published: boolean
  privateNotes: string | null
}

/** How many identifiers the form offers; the API takes up to MAX_IDENTIFIERS. */
export const FORM_IDENTIFIER_SLOTS = 3
export const MAX_IDENTIFIERS = 10

const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (v === null || v === undefined ? '' : v),
    z
      .string({ error: `${label} must be text` })
      .trim()
      .max(max, `${label} must be ${max} characters or fewer`)
      .transform((v) => (v === '' ? null : v)),
  )

const rules = {
  name: z
    .string({ error: 'Enter the provider’s name' })
    .trim()
    .min(1, 'Enter the provider’s name')
    .max(200, 'Name must be 200 characters or fewer'),
  legalForm: z.enum(LEGAL_FORM_CODES, { error: 'Select the provider’s legal form' }),
  flags: z.array(z.enum(FLAG_CODES, { error: 'Select supplier types from the list' })),
  addressLine1: optionalText('Address line 1', 200),
  addressLine2: optionalText('Address line 2', 200),
  town: optionalText('Town or city', 100),
  postcode: optionalText('Postcode', 10).transform((v, ctx) => {
    if (v === null) return null
    const postcode = normalisePostcode(v)
    if (!postcode) ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like SW1A 2AA' })
    return postcode ?? null
  }),
  website: optionalText('Website', 500).transform((v, ctx) => {
    if (v === null) return null
    const website = normaliseWebsite(v)
    if (!website) ctx.addIssue({ code: 'custom', message: 'Enter a website address in the correct format, like https://www.example.org.uk' })
    return website ?? null
  }),
  serviceCategories: z.array(z.enum(SERVICE_CATEGORY_CODES, { error: 'Select services from the list' })),
  areasServed: z.array(
    z
      .string({ error: 'Select areas from the list' })
      .trim()
      .toUpperCase()
      .regex(/^[EWSN]\d{8}$/, 'Select areas from the list'),
  ),
  privateNotes: optionalText('Private notes', 5000),
}

const unique = <T>(values: T[]) => [...new Set(values)]

// ---------- JSON API ----------

const apiIdentifier = z
  .object({ scheme: z.enum(SCHEME_CODES, { error: `Use one of ${SCHEME_CODES.join(', ')}` }), id: z.string({ error: 'Enter the identifier' }) })
  .transform((value, ctx): ProviderIdentifier => {
    const check = checkIdentifier(value.scheme, value.id)
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message, path: ['id'] })
    return { scheme: value.scheme, identifier: check.ok ? check.identifier : value.id }
  })

const apiFields = {
  name: rules.name,
  legalForm: rules.legalForm,
  identifiers: z.array(apiIdentifier).max(MAX_IDENTIFIERS, `Give ${MAX_IDENTIFIERS} identifiers or fewer`),
  flags: rules.flags.transform(unique),
  addressLine1: rules.addressLine1,
  addressLine2: rules.addressLine2,
  town: rules.town,
  postcode: rules.postcode,
  website: rules.website,
  serviceCategories: rules.serviceCategories.transform(unique),
  areasServed: rules.areasServed.transform(unique),
  published: z.boolean({ error: 'published must be true or false' }),
  privateNotes: rules.privateNotes,
}

export const apiCreateSchema = z
  .object({
    ...apiFields,
    identifiers: apiFields.identifiers.default([]),
    flags: apiFields.flags.default([]),
    serviceCategories: apiFields.serviceCategories.default([]),
    areasServed: apiFields.areasServed.default([]),
    published: apiFields.published.default(false),
    confirmDuplicate: z.boolean().optional(),
  })
  .strict()

export const apiPatchSchema = z.object(apiFields).partial().strict()

// ---------- HTML form ----------

export type FormBody = Record<string, string | string[] | undefined>

const toList = (value: unknown): unknown => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value])

const formSchema = z.object({
  name: rules.name,
  legalForm: rules.legalForm,
  flags: z.preprocess(toList, rules.flags),
  addressLine1: rules.addressLine1,
  addressLine2: rules.addressLine2,
  town: rules.town,
  postcode: rules.postcode,
  website: rules.website,
  serviceCategories: z.preprocess(toList, rules.serviceCategories),
  areasServed: z.preprocess(toList, rules.areasServed),
  published: z.enum(['yes', 'no'], { error: 'Select yes if the provider should appear on the public register' }).optional(),
  privateNotes: rules.privateNotes,
})

/** The order of fields on the page, so that the error summary lists problems in the order people meet them. */
export const FORM_FIELD_ORDER = [
  'name',
  'legalForm',
  ...Array.from({ length: FORM_IDENTIFIER_SLOTS }, (_, i) => [`identifierScheme${i + 1}`, `identifierId${i + 1}`]).flat(),
  'flags',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
  'website',
  'serviceCategories',
  'areasServed',
  'published',
  'privateNotes',
]

type FormIssue = { field: string; message: string }

/** The identifier rows of the form: a register and a number in each, both or neither. */
function formIdentifiers(body: FormBody): { identifiers: ProviderIdentifier[]; issues: FormIssue[] } {
  const identifiers: ProviderIdentifier[] = []
  const issues: FormIssue[] = []
  for (let slot = 1; slot <= FORM_IDENTIFIER_SLOTS; slot++) {
    const scheme = String(body[`identifierScheme${slot}`] ?? '').trim()
    const id = String(body[`identifierId${slot}`] ?? '').trim()
    if (scheme === '' && id === '') continue
    if (!isIdentifierScheme(scheme)) {
      issues.push({ field: `identifierScheme${slot}`, message: `Select the register for identifier ${slot}` })
      continue
    }
    const check = checkIdentifier(scheme, id)
    if (!check.ok) {
      issues.push({ field: `identifierId${slot}`, message: check.message })
    } else if (identifiers.some((i) => i.scheme === scheme && i.identifier === check.identifier)) {
      issues.push({ field: `identifierId${slot}`, message: `You have entered ${IDENTIFIER_SCHEMES[scheme]} ${check.identifier} twice` })
    } else {
      identifiers.push({ scheme, identifier: check.identifier })
    }
  }
  return { identifiers, issues }
}

export type ParsedForm =
  | { success: true; input: ProviderInput; confirmDuplicate: boolean }
  | { success: false; error: z.ZodError }

/**
 * Reads the provider form. `councilFields` is false for a provider editing its own record: the publish choice
 * and private notes belong to the council and are not on that form.
 */
export function parseProviderForm(body: FormBody, options: { councilFields: boolean }): ParsedForm {
  const parsed = formSchema.safeParse(body)
  const { identifiers, issues } = formIdentifiers(body)
  const allIssues: FormIssue[] = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'form'), message: issue.message }))),
    ...issues,
  ]
  if (options.councilFields && body.published === undefined) {
    allIssues.push({ field: 'published', message: 'Select yes if the provider should appear on the public register' })
  }
  if (allIssues.length > 0 || !parsed.success) return { success: false, error: issuesError(allIssues) }
  const data = parsed.data
  return {
    success: true,
    confirmDuplicate: body.confirmDuplicate === 'yes',
    input: {
      ...data,
      flags: unique(data.flags),
      serviceCategories: unique(data.serviceCategories),
      areasServed: unique(data.areasServed),
      identifiers,
      published: data.published === 'yes',
    },
  }
}

/** Builds a ZodError from field problems found outside Zod (identifier rows, service rules), in page order. */
export function issuesError(issues: FormIssue[]): z.ZodError {
  const rank = (field: string) => {
    const index = FORM_FIELD_ORDER.indexOf(field)
    return index === -1 ? FORM_FIELD_ORDER.length : index
  }
  const sorted = [...issues].sort((a, b) => rank(a.field) - rank(b.field))
  return new z.ZodError(sorted.map((issue) => ({ code: 'custom' as const, path: [issue.field], message: issue.message, input: undefined })))
}

/**
 * Places problems the service found (an identifier already in use, an unknown area) on the form field that
 * holds the value, so that the error summary links to it.
 */
export function formIssuesOf(
  issues: { field: string; message: string; identifier?: ProviderIdentifier }[],
  body: FormBody,
): FormIssue[] {
  return issues.map((issue) => {
    if (issue.field !== 'identifiers' || !issue.identifier) return { field: issue.field, message: issue.message }
    for (let slot = 1; slot <= FORM_IDENTIFIER_SLOTS; slot++) {
      const scheme = String(body[`identifierScheme${slot}`] ?? '')
      if (scheme !== issue.identifier.scheme) continue
      const check = checkIdentifier(scheme, String(body[`identifierId${slot}`] ?? ''))
      if (check.ok && check.identifier === issue.identifier.identifier) return { field: `identifierId${slot}`, message: issue.message }
    }
    return { field: 'identifierId1', message: issue.message }
  })
}
