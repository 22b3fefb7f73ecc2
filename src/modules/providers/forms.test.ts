import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiCreateSchema, apiPatchSchema, formIssuesOf, parseProviderForm } from './forms.ts'

const good = {
  name: '  Riverside Care Ltd ',
  legalForm: 'company-shares',
  identifierScheme1: 'GB-COH',
  identifierId1: '4336774',
  identifierScheme2: '',
  identifierId2: '',
  flags: ['sme', 'vcse'],
  addressLine1: '1 High Street',
  town: 'Middlesbrough',
  postcode: 'ts1 1aa',
  website: 'riverside.example',
  serviceCategories: 'adult-social-care',
  areasServed: ['e06000002'],
  published: 'yes',
  privateNotes: '',
}

describe('the provider form', () => {
  test('reads good input into a normalised record', () => {
    const parsed = parseProviderForm(good, { councilFields: true })
    assert.ok(parsed.success)
    assert.deepEqual(parsed.input, {
      name: 'Riverside Care Ltd',
      legalForm: 'company-shares',
      identifiers: [{ scheme: 'GB-COH', identifier: '04336774' }],
      flags: ['sme', 'vcse'],
      addressLine1: '1 High Street',
      addressLine2: null,
      town: 'Middlesbrough',
      postcode: 'TS1 1AA',
      website: 'https://riverside.example/',
      serviceCategories: ['adult-social-care'],
      areasServed: ['E06000002'],
      published: true,
      privateNotes: null,
    })
    assert.equal(parsed.confirmDuplicate, false)
  })

  test('lists every problem at once, in the order of the page', () => {
    const parsed = parseProviderForm(
      { name: '', identifierScheme2: 'GB-CHC', identifierId2: '12', identifierId3: '123', postcode: 'nowhere', website: 'javascript:x' },
      { councilFields: true },
    )
    assert.equal(parsed.success, false)
    if (parsed.success) return
    assert.deepEqual(
      parsed.error.issues.map((i) => [i.path[0], i.message]),
      [
        ['name', 'Enter the provider’s name'],
        ['legalForm', 'Select the provider’s legal form'],
        ['identifierId2', 'Enter a charity number of 6 or 7 digits, like 1090095 or 1090095-1'],
        ['identifierScheme3', 'Select the register for identifier 3'],
        ['postcode', 'Enter a real postcode, like SW1A 2AA'],
        ['website', 'Enter a website address in the correct format, like https://www.example.org.uk'],
        ['published', 'Select yes if the provider should appear on the public register'],
      ],
    )
  })

  test('the same identifier twice is an error on the second', () => {
    const parsed = parseProviderForm({ ...good, identifierScheme2: 'GB-COH', identifierId2: '04336774' }, { councilFields: true })
    assert.equal(parsed.success, false)
    if (!parsed.success) assert.equal(parsed.error.issues[0]?.path[0], 'identifierId2')
  })

  test('a provider editing its own record is not asked about publishing', () => {
    const { published: _p, ...rest } = good
    assert.ok(parseProviderForm(rest, { councilFields: false }).success)
  })

  test('problems the service finds are placed on the identifier field that holds the value', () => {
    const issues = formIssuesOf([{ field: 'identifiers', message: 'in use', identifier: { scheme: 'GB-COH', identifier: '04336774' } }], good)
    assert.deepEqual(issues, [{ field: 'identifierId1', message: 'in use' }])
  })
})

describe('the API schemas', () => {
  test('create applies defaults and normalises identifiers', () => {
    const parsed = apiCreateSchema.parse({ name: 'A', legalForm: 'cio', identifiers: [{ scheme: 'GB-COH', id: '123' }] })
    assert.deepEqual(parsed.identifiers, [{ scheme: 'GB-COH', identifier: '00000123' }])
    assert.equal(parsed.published, false)
    assert.deepEqual(parsed.flags, [])
  })
  test('errors point at the field inside the identifier list', () => {
    const result = apiCreateSchema.safeParse({ name: 'A', legalForm: 'cio', identifiers: [{ scheme: 'GB-CHC', id: 'x' }] })
    assert.equal(result.success, false)
    assert.deepEqual(result.error?.issues[0]?.path, ['identifiers', 0, 'id'])
  })
  test('unknown fields are refused, and a patch may carry any subset', () => {
    assert.equal(apiCreateSchema.safeParse({ name: 'A', legalForm: 'cio', colour: 'red' }).success, false)
    assert.deepEqual(apiPatchSchema.parse({ postcode: 'sw1a 2aa' }), { postcode: 'SW1A 2AA' })
  })
})
