/** The direct-award share and the average contract length against figures worked by hand. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { AwardRow } from '../contracts/service.ts'
import { contractFiguresByYear } from './contract-indicators.ts'

const row = (reference: string, awardProcedure: string, awardDate: string | null, startDate: string | null, endDate: string | null): AwardRow => ({ id: reference, reference, title: reference, awardProcedure, awardDate, startDate, endDate, totalValuePence: null })

test('contracts are counted in the financial year of their award, or of their start without an award date', () => {
  const years = contractFiguresByYear([
    row('A', 'open', '2024-03-31', '2024-04-01', '2027-03-31'), // 2023/24 by its award date, 36 months
    row('B', 'direct-award', null, '2024-04-01', '2025-03-31'), // 2024/25 by its start, 12 months
    row('C', 'direct-award', '2024-06-15', '2024-07-01', '2026-06-30'), // 2024/25, 24 months
    row('D', 'not-stated', '2024-09-01', '2024-10-01', null), // 2024/25: neither share nor term
    row('E', 'exempt-vertical', '2025-01-10', '2025-02-01', '2025-07-31'), // 2024/25, not a direct award, 6 months
    row('F', 'open', null, null, null), // no date: not counted at all
  ])
  assert.deepEqual(years.map((y) => y.year.label), ['2023/24', '2024/25'])
  const [earlier, later] = years
  assert.equal(earlier!.directShare, 0)
  assert.equal(earlier!.averageTermMonths, 36)
  // 2 direct of the 3 with a procedure recorded (B, C, E): 66.7%. Terms 12, 24 and 6 months: mean 14.
  assert.equal(later!.stated, 3)
  assert.equal(later!.direct, 2)
  assert.equal(later!.directShare, 66.7)
  assert.equal(later!.withTerm, 3)
  assert.equal(later!.averageTermMonths, 14)
  assert.equal(later!.rows.length, 4)
})

test('a year whose contracts record no procedure and no end date has no figures rather than zeros', () => {
  const [only] = contractFiguresByYear([row('A', 'not-stated', '2025-05-01', '2025-05-01', null)])
  assert.equal(only!.directShare, null)
  assert.equal(only!.averageTermMonths, null)
})
