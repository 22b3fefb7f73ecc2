import assert from 'node:assert/strict'
import { test } from 'node:test'
import { quartersOf, schemeOfCode } from './vocabulary.ts'

test('partner codes are read as GSS (councils) or ODS (NHS bodies)', () => {
  assert.equal(schemeOfCode('E06000002'), 'GSS')
  assert.equal(schemeOfCode(' e09000011 '), 'GSS')
  assert.equal(schemeOfCode('QHM'), 'ODS')
  assert.equal(schemeOfCode('15N'), 'ODS')
  assert.equal(schemeOfCode('RAX'), 'ODS')
  assert.equal(schemeOfCode('12345'), undefined)
  assert.equal(schemeOfCode('Middlesbrough'), undefined)
  assert.equal(schemeOfCode(''), undefined)
})

test('the quarters of 2026/27 run April to March, ending on each quarter’s last day', () => {
  const quarters = quartersOf(2026)
  assert.deepEqual(quarters.map((q) => [q.start, q.end]), [
    ['2026-04-01', '2026-06-30'],
    ['2026-07-01', '2026-09-30'],
    ['2026-10-01', '2026-12-31'],
    ['2027-01-01', '2027-03-31'],
  ])
  assert.deepEqual(quarters[3]!.months, ['2027-01', '2027-02', '2027-03'])
})
