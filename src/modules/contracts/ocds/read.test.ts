import assert from 'node:assert/strict'
import { test } from 'node:test'
import { proposeMapping, csvDate } from '../csv-import.ts'
import { candidateOf } from './map.ts'
import { readOcds } from './read.ts'

const release = (changes: Record<string, unknown> = {}) => ({
  ocid: 'ocds-b5fd17-1',
  id: 'r1',
  date: '2026-01-01T00:00:00Z',
  tag: ['award'],
  parties: [{ id: 'S1', name: 'Acme Care Ltd', identifier: { scheme: 'GB-COH', id: '123' }, roles: ['supplier'], details: { scale: 'sme', vcse: true } }],
  tender: { id: 'T-1', title: 'Home care', mainProcurementCategory: 'services', procurementMethod: 'direct' },
  awards: [{ id: 'a1', value: { amount: 1000.5, currency: 'GBP' }, suppliers: [{ id: 'S1', name: 'Acme Care Ltd' }] }],
  ...changes,
})

test('the four shapes are recognised, and other files are refused whole', () => {
  assert.equal((readOcds(JSON.stringify({ releases: [release()] })) as { shape: string }).shape, 'release-package')
  assert.equal((readOcds(JSON.stringify(release())) as { shape: string }).shape, 'release')
  assert.equal((readOcds(JSON.stringify({ records: [{ ocid: 'ocds-b5fd17-1', compiledRelease: release() }] })) as { shape: string }).shape, 'record-package')
  assert.equal((readOcds(JSON.stringify({ ocid: 'ocds-b5fd17-1', releases: [release()] })) as { shape: string }).shape, 'record')
  const broken = readOcds('{')
  assert.ok(!broken.ok && /^the file is not valid JSON \(/.test(broken.reason))
  assert.equal(readOcds('{"grants":[]}').ok, false)
  assert.equal(readOcds('{"name":"x"}').ok, false)
})

test('releases of one process merge in date order; an unknown tag is a warning', () => {
  const later = release({ id: 'r2', date: '2026-02-01T00:00:00Z', tag: ['contractUpdate', 'madeUp'], awards: [{ id: 'a1', value: { amount: 2000, currency: 'GBP' } }] })
  const read = readOcds(JSON.stringify({ releases: [later, release()] }))
  assert.ok(read.ok)
  assert.equal(read.processes.length, 1)
  assert.deepEqual(read.warnings, ['release 1 (ocds-b5fd17-1): tag "madeUp" is not in the OCDS releaseTag codelist; imported anyway'])
  const mapped = candidateOf(read.processes[0]!.compiled, '2026-06-01')
  assert.ok(mapped.ok)
  assert.equal(mapped.candidate.totalValuePence, 200_000)
  assert.deepEqual(mapped.candidate.suppliers, [{ name: 'Acme Care Ltd', identifiers: [{ scheme: 'GB-COH', identifier: '00000123' }], sme: true, vcse: true, mutual: false, supportedEmployment: false }])
  assert.equal(mapped.candidate.awardProcedure, 'direct-award')
})

test('a process without supplier or value, in another currency, or with impossible dates is skipped with its reason', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ awards: [], parties: [] }, /no supplier/],
    [{ awards: [{ id: 'a1', suppliers: [{ name: 'X' }] }] }, /no value/],
    [{ awards: [{ id: 'a1', value: { amount: 1, currency: 'EUR' }, suppliers: [{ name: 'X' }] }] }, /in EUR/],
    [{ contracts: [{ id: 'c', period: { startDate: '2026-13-01T00:00:00Z' } }] }, /impossible date/],
    [{ contracts: [{ id: 'c', period: { startDate: '2026-05-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z' } }] }, /ends \(2026-04-01\) before it starts/],
  ]
  for (const [change, reason] of cases) {
    const mapped = candidateOf(release(change) as never, '2026-06-01')
    assert.ok(!mapped.ok && reason.test(mapped.reason), JSON.stringify(change))
  }
})

test('council CSV columns are matched by the names councils use, and dates are read day first', () => {
  assert.deepEqual(proposeMapping(['Contract Ref', 'Title of Agreement', 'Supplier Name', 'Contract Value (£)', 'Start Date']), {
    reference: 'Contract Ref', title: 'Title of Agreement', supplier: 'Supplier Name', totalValue: 'Contract Value (£)', startDate: 'Start Date',
  })
  assert.deepEqual(proposeMapping(['Ref', 'Our title', 'Who'], { title: 'Our title', supplier: 'Who' }), { reference: 'Ref', title: 'Our title', supplier: 'Who' })
  assert.equal(csvDate('01/04/2026'), '2026-04-01')
  assert.equal(csvDate('2026-04-01'), '2026-04-01')
  assert.equal(csvDate('31/02/2026'), 'invalid')
  assert.equal(csvDate(''), null)
})
