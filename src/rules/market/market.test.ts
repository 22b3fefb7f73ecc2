import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { hhi, hhiBand } from '../../modules/spend/analysis.ts'
import {
  annualValueOf,
  concentrationOf,
  councilDependency,
  employeeBand,
  entrantsAndExits,
  financialYearStartOf,
  groupBySectorAndSize,
  sectorOf,
  sizeOf,
  supplierDependency,
  type ProviderHistory,
} from './market.ts'

const index = { hhi, band: hhiBand }
const SIZE = { smeMaxEmployees: 250, smeMaxTurnoverPence: 4_400_000_000, employeeBandEdges: [10, 50, 250] }
const flags = { legalForm: 'company-shares', isVcse: false, isPublicServiceMutual: false, isSupportedEmploymentProvider: false }

test('each provider has one sector: public body, then mutual, supported employment, VCSE, else private', () => {
  assert.equal(sectorOf(flags), 'private')
  assert.equal(sectorOf({ ...flags, isVcse: true }), 'vcse')
  assert.equal(sectorOf({ ...flags, isVcse: true, isSupportedEmploymentProvider: true }), 'supported-employment')
  assert.equal(sectorOf({ ...flags, isVcse: true, isSupportedEmploymentProvider: true, isPublicServiceMutual: true }), 'mutual')
  assert.equal(sectorOf({ ...flags, legalForm: 'public-body', isVcse: true, isPublicServiceMutual: true }), 'public-body')
})

test('employee bands at and around each edge', () => {
  assert.equal(employeeBand(0, [10, 50, 250]), 'Fewer than 10')
  assert.equal(employeeBand(9, [10, 50, 250]), 'Fewer than 10')
  assert.equal(employeeBand(10, [10, 50, 250]), '10 to 49')
  assert.equal(employeeBand(49, [10, 50, 250]), '10 to 49')
  assert.equal(employeeBand(50, [10, 50, 250]), '50 to 249')
  assert.equal(employeeBand(249, [10, 50, 250]), '50 to 249')
  assert.equal(employeeBand(250, [10, 50, 250]), '250 or more')
  assert.equal(employeeBand(1200, [250, 10, 50, 50]), '250 or more', 'edges are sorted and deduplicated')
  assert.equal(employeeBand(5, []), 'Any number')
})

test('size: the accounts decide where they give employees, at and around the SME limits; else the register flag', () => {
  assert.deepEqual(sizeOf({ isSme: true, employees: null, turnoverPence: null }, SIZE), { size: 'sme', basis: 'register', band: null })
  assert.deepEqual(sizeOf({ isSme: false, employees: null, turnoverPence: 100 }, SIZE), { size: 'large', basis: 'register', band: null })
  assert.equal(sizeOf({ isSme: false, employees: 249, turnoverPence: null }, SIZE).size, 'sme', 'accounts override the flag')
  assert.equal(sizeOf({ isSme: true, employees: 250, turnoverPence: null }, SIZE).size, 'large')
  assert.equal(sizeOf({ isSme: true, employees: 249, turnoverPence: 4_400_000_000 }, SIZE).size, 'sme', 'turnover at the ceiling')
  assert.equal(sizeOf({ isSme: true, employees: 249, turnoverPence: 4_400_000_001 }, SIZE).size, 'large', 'turnover a penny over')
  assert.equal(sizeOf({ isSme: true, employees: 12, turnoverPence: 1 }, SIZE).band, '10 to 49')
})

test('grouping by sector and size keeps every sector and adds up', () => {
  const groups = groupBySectorAndSize([
    { sector: 'vcse', size: 'sme' },
    { sector: 'vcse', size: 'sme' },
    { sector: 'vcse', size: 'large' },
    { sector: 'private', size: 'large' },
  ])
  assert.equal(groups.length, 5)
  assert.deepEqual(groups.find((g) => g.sector === 'vcse'), { sector: 'vcse', sme: 2, large: 1, total: 3 })
  assert.deepEqual(groups.find((g) => g.sector === 'mutual'), { sector: 'mutual', sme: 0, large: 0, total: 0 })
  assert.equal(groups.reduce((s, g) => s + g.total, 0), 4)
})

test('concentration: the DOJ example, one supplier, none, credits left out, and the bands at their edges', () => {
  const four = concentrationOf([{ id: 'a', amountPence: 30 }, { id: 'b', amountPence: 30 }, { id: 'c', amountPence: 20 }, { id: 'd', amountPence: 20 }], index)
  assert.equal(four.hhi, 2600)
  assert.equal(four.band, 'Highly concentrated')
  assert.equal(four.suppliers, 4)
  assert.equal(four.topShare, 0.3)
  assert.equal(four.topId, 'a', 'ties go to the first id')
  const one = concentrationOf([{ id: 'x', amountPence: 500 }, { id: 'x', amountPence: 500 }, { id: 'y', amountPence: -10 }], index)
  assert.deepEqual(one, { totalPence: 1000, suppliers: 1, hhi: 10000, band: 'Highly concentrated', topShare: 1, topId: 'x' })
  assert.deepEqual(concentrationOf([], index), { totalPence: 0, suppliers: 0, hhi: 0, band: 'Unconcentrated', topShare: 0, topId: null })
  // Ten equal suppliers give 1,000: the first moderately concentrated value; eleven give 909.
  assert.equal(concentrationOf(Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, amountPence: 1 })), index).band, 'Moderately concentrated')
  assert.equal(concentrationOf(Array.from({ length: 11 }, (_, i) => ({ id: `s${i}`, amountPence: 1 })), index).band, 'Unconcentrated')
})

test('concentration stays between 10,000/n and 10,000 for any amounts', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000_000 }), { minLength: 1, maxLength: 30 }), (amounts) => {
      const c = concentrationOf(amounts.map((a, i) => ({ id: String(i), amountPence: a })), index)
      return c.hhi <= 10_000 && c.hhi >= Math.floor(10_000 / amounts.length) - 1 && c.topShare > 0 && c.topShare <= 1
    }),
  )
})

test('the council on a supplier: its share of the category against the threshold, at and around it', () => {
  assert.deepEqual(councilDependency(25, 100, 25), { ratio: 0.25, flagged: true })
  assert.deepEqual(councilDependency(2499, 10_000, 25), { ratio: 0.2499, flagged: false })
  assert.equal(councilDependency(2501, 10_000, 25)!.flagged, true)
  assert.equal(councilDependency(10, 0, 25), null, 'no category spend, no share')
  assert.equal(councilDependency(-5, 100, 25)!.ratio, 0, 'net credits count as nothing')
})

test('a supplier on the council: spend over turnover, only where turnover is known', () => {
  assert.equal(supplierDependency(100, null, 25), null)
  assert.equal(supplierDependency(100, 0, 25), null)
  assert.deepEqual(supplierDependency(25_000, 100_000, 25), { ratio: 0.25, flagged: true })
  assert.equal(supplierDependency(24_999, 100_000, 25)!.flagged, false)
  assert.equal(supplierDependency(25_001, 100_000, 25)!.flagged, true)
  assert.equal(supplierDependency(300, 100, 25)!.ratio, 3, 'a year of spend can exceed a year of turnover')
})

test('financial year of a date: 31 March belongs to the year before, 1 April starts a new one', () => {
  assert.equal(financialYearStartOf('2025-03-31'), 2024)
  assert.equal(financialYearStartOf('2025-04-01'), 2025)
})

test('entrants and exits by spend and by contract, at the edges of the years', () => {
  const histories: ProviderHistory[] = [
    { id: 'always', spendYears: [2023, 2024, 2025], contracts: [] },
    { id: 'new-2024', spendYears: [2024, 2025], contracts: [] },
    { id: 'gone-2025', spendYears: [2023, 2024], contracts: [] },
    { id: 'gap', spendYears: [2023, 2025], contracts: [] },
    { id: 'contract-starts', spendYears: [], contracts: [{ startDate: '2024-04-01', endDate: null }] },
    { id: 'contract-started-march', spendYears: [], contracts: [{ startDate: '2024-03-31', endDate: '2030-01-01' }] },
    { id: 'contract-ended', spendYears: [], contracts: [{ startDate: '2020-01-01', endDate: '2025-03-31' }] },
    { id: 'contract-ends-later-this-year', spendYears: [], contracts: [{ startDate: '2020-01-01', endDate: '2025-03-31' }, { startDate: '2021-01-01', endDate: '2026-03-31' }] },
  ]
  const data = { firstSpendYear: 2023, lastSpendYear: 2025, today: '2025-06-01' }
  const y2024 = entrantsAndExits(histories, 2024, data)
  assert.deepEqual(y2024.entrants, [{ id: 'new-2024', by: ['spend'] }, { id: 'contract-starts', by: ['contract'] }])
  assert.deepEqual(y2024.exits, [{ id: 'contract-ended', by: ['contract'] }], 'a supplier paid again later (gap) has not left')
  const y2025 = entrantsAndExits(histories, 2025, data)
  assert.deepEqual(y2025.entrants, [])
  assert.deepEqual(y2025.exits, [{ id: 'gone-2025', by: ['spend'] }], 'not paid in the year after two years of spend; a contract ending next March has not ended')
  const first = entrantsAndExits(histories, 2023, data)
  assert.equal(first.spendShowsEntrants, false, 'in the first year of data everyone would look new')
  assert.deepEqual(first.entrants.map((e) => e.id), ['contract-started-march'])
  assert.equal(entrantsAndExits(histories, 2026, data).spendShowsExits, false, 'no data for the year: nobody has left by spend')
  const both = entrantsAndExits([{ id: 'b', spendYears: [2024], contracts: [{ startDate: '2024-05-01', endDate: '2024-12-31' }] }], 2024, data)
  assert.deepEqual(both.entrants, [{ id: 'b', by: ['spend', 'contract'] }])
  assert.deepEqual(both.exits, [{ id: 'b', by: ['contract'] }])
})

test('a contract ending today has not yet ended', () => {
  const h = [{ id: 'c', spendYears: [], contracts: [{ startDate: '2020-01-01', endDate: '2025-06-01' }] }]
  assert.deepEqual(entrantsAndExits(h, 2025, { firstSpendYear: null, lastSpendYear: null, today: '2025-06-01' }).exits, [])
  assert.deepEqual(entrantsAndExits(h, 2025, { firstSpendYear: null, lastSpendYear: null, today: '2025-06-02' }).exits, [{ id: 'c', by: ['contract'] }])
})

test('annual value: the estimate, else the total over the term in whole years, else the total', () => {
  const base = { estimatedAnnualValuePence: null, totalValuePence: 1_200_000, startDate: '2024-04-01', endDate: '2027-03-31' }
  assert.equal(annualValueOf({ ...base, estimatedAnnualValuePence: 5 }), 5)
  assert.equal(annualValueOf(base), 400_000)
  assert.equal(annualValueOf({ ...base, endDate: '2024-06-30' }), 1_200_000, 'a term under a year counts as one')
  assert.equal(annualValueOf({ ...base, endDate: null }), 1_200_000)
  assert.equal(annualValueOf({ ...base, totalValuePence: null }), 0)
})
