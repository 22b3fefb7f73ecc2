/** Reading indicator files in their published layouts: one real LG Inform file, and the documented layouts. */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { describe, test } from 'node:test'
import { financialYearEnding, readPeriod } from './periods.ts'
import { readIndicatorFile, readValue, type ReadOptions, type ReadResult } from './read-indicators.ts'

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/benchmarking/${name}`, import.meta.url))
const read = (bytes: Uint8Array, options: ReadOptions) => {
  const result = readIndicatorFile(bytes, options)
  assert.equal(result.ok, true, result.ok ? '' : result.reason)
  return result as Extract<ReadResult, { ok: true }>
}

describe('periods kept as written, by kind', () => {
  test('financial years, quarters, months and years, each with its first day', () => {
    assert.deepEqual(readPeriod('2022/23'), { label: '2022/23', type: 'financial-year', start: '2022-04-01' })
    assert.deepEqual(readPeriod('1999-2000'), { label: '1999-2000', type: 'financial-year', start: '1999-04-01' })
    assert.deepEqual(readPeriod('Nov 2023'), { label: 'Nov 2023', type: 'month', start: '2023-11-01' })
    assert.deepEqual(readPeriod('2023-11'), { label: '2023-11', type: 'month', start: '2023-11-01' })
    assert.deepEqual(readPeriod('2023 Q2'), { label: '2023 Q2', type: 'quarter', start: '2023-04-01' })
    assert.deepEqual(readPeriod('2023/24 Q4'), { label: '2023/24 Q4', type: 'quarter', start: '2024-01-01' })
    assert.deepEqual(readPeriod('Q1 2023/24'), { label: 'Q1 2023/24', type: 'quarter', start: '2023-04-01' })
    assert.deepEqual(readPeriod('2020'), { label: '2020', type: 'year', start: '2020-01-01' })
    assert.deepEqual(readPeriod('2016 to 2019'), { label: '2016 to 2019', type: 'other', start: null })
    assert.equal(readPeriod('2022/25').type, 'other', 'not one year after the other')
    assert.deepEqual(financialYearEnding('201803'), { label: '2017/18', type: 'financial-year', start: '2017-04-01' })
    assert.equal(financialYearEnding('2018'), undefined)
  })

  test('values with thousands separators; missing markers; words', () => {
    assert.deepEqual(readValue('1,204'), { value: 1204 })
    assert.deepEqual(readValue('-3.5'), { value: -3.5 })
    assert.deepEqual(readValue('57.3%'), { value: 57.3 })
    assert.deepEqual(readValue('NA'), { missing: 'no value given (“NA”)' })
    assert.deepEqual(readValue('[c]'), { missing: 'no value given (“[c]”)' })
    assert.deepEqual(readValue('12a'), { bad: '“12a” is not a number' })
    assert.deepEqual(readValue('1,20'), { bad: '“1,20” is not a number' })
  })
})

describe('LG Inform long table: a real file (Defra’s recycling figures for Trafford and 15 councils, from Trafford Data Lab)', () => {
  test('two indicators (the percentage and the tonnage), 16 areas and England, financial years', () => {
    const file = read(fixture('lginform-household-waste-recycling.csv'), { format: 'lginform-long' })
    const indicators = new Map(file.rows.map((r) => [r.indicator.key, r.indicator]))
    assert.equal(indicators.size, 2)
    assert.deepEqual([...indicators.values()].map((i) => `${i.measure} / ${i.unit}`).sort(), ['Frequency / Tonnes', 'Percentage / Waste'])
    assert.equal(new Set(file.rows.map((r) => r.areaCode)).size, 17)
    assert.ok(file.rows.every((r) => r.period.type === 'financial-year'))
    const trafford = file.rows.find((r) => r.areaCode === 'E08000009' && r.period.label === '2014/15' && r.indicator.measure === 'Percentage')!
    assert.equal(trafford.value, 61.9)
    assert.equal(trafford.line, 32, 'the line of the file, the header being line 1')
    assert.equal(file.rows.length + file.problems.length, 365)
  })

  test('a file in another layout is refused with the columns it lacks', () => {
    const result = readIndicatorFile(fixture('ascof-sample.csv'), { format: 'lginform-long' })
    assert.equal(result.ok, false)
    assert.match((result as { reason: string }).reason, /^this is not an LG Inform long table: no “areacode”, “areaname”, “period”, “indicator”, “measure”, “unit”, “value” column among "Geographical Code"/)
  })
})

describe('the documented layouts', () => {
  test('LG Inform download: the repeated header dropped, thousands read, bad cells reported by line and column', () => {
    assert.deepEqual(readIndicatorFile(fixture('lginform-wide-sample.csv'), { format: 'lginform-wide' }), { ok: false, reason: 'an LG Inform download does not name its indicator: give its name' })
    const file = read(fixture('lginform-wide-sample.csv'), { format: 'lginform-wide', indicatorName: 'Fly-tipping incidents', measure: 'Count', unit: 'Incidents' })
    assert.deepEqual(file.passedOver, [{ reason: 'repeated header rows', count: 1 }])
    assert.equal(file.rows.find((r) => r.areaCode === 'E06000001' && r.period.label === '2022/23')!.value, 1310)
    assert.deepEqual(file.problems, [
      { line: 4, reason: 'no value given (“-”) in column “2023/24” for Middlesbrough, 2023/24' },
      { line: 6, reason: '“12a” is not a number in column “2022/23”' },
    ])
    assert.equal(file.rows.length, 13, 'five areas by three years, less two')
  })

  test('ASCOF: outcomes of councils only; the year given by the person importing', () => {
    assert.match((readIndicatorFile(fixture('ascof-sample.csv'), { format: 'ascof' }) as { reason: string }).reason, /does not say which year/)
    const file = read(fixture('ascof-sample.csv'), { format: 'ascof', period: '2023/24' })
    assert.deepEqual(
      file.rows.map((r) => [r.areaCode, r.indicator.key, r.value]),
      [
        ['E06000001', 'ascof:1a', 19.6],
        ['E06000002', 'ascof:1a', 18.9],
        ['E06000004', 'ascof:1a', 19.4],
        ['E06000001', 'ascof:2a65ov', 512.3],
        ['E06000002', 'ascof:2a65ov', 701.8],
      ],
    )
    assert.equal(file.rows[0]!.indicator.name, 'Social care-related quality of life score (ASCOF 1A)')
    assert.equal(file.rows[0]!.period.type, 'financial-year')
    assert.deepEqual(file.problems, [{ line: 8, reason: 'no value given (“[c]”) for Redcar and Cleveland, 2023/24' }])
    assert.deepEqual(file.passedOver.map((p) => p.count), [2, 2])
  })

  test('Revenue Outturn: each figure column an indicator in £ thousands, totals passed over, a bad year reported', () => {
    const file = read(fixture('revenue-outturn-sample.csv'), { format: 'revenue-outturn' })
    const asc = file.rows.filter((r) => r.indicator.key === 'revenue-outturn:rsascnetexp')
    assert.deepEqual(asc.map((r) => [r.areaCode, r.period.label, r.value]), [
      ['E06000001', '2021/22', 40123],
      ['E06000001', '2022/23', 43210],
      ['E06000002', '2021/22', 61234],
      ['E06000002', '2022/23', 66789],
    ])
    assert.equal(asc[0]!.indicator.name, 'Adult social care net expenditure')
    assert.equal(asc[0]!.indicator.unit, '£ thousands')
    assert.equal(file.rows.filter((r) => r.indicator.key === 'revenue-outturn:rsnetcurrtotnetexp').length, 5, 'Redcar’s blank ASC cell is no figure, its total is')
    assert.deepEqual(file.passedOver, [{ reason: 'England, region and class totals', count: 2 }])
    assert.deepEqual(file.problems, [{ line: 9, reason: '“2023” is not a year ending in March (year_ending is written 201803)' }])
  })

  test('empty and binary files', () => {
    assert.deepEqual(readIndicatorFile(Buffer.alloc(0), { format: 'lginform-long' }), { ok: false, reason: 'the file is empty' })
    assert.match((readIndicatorFile(Buffer.from([0x50, 0x4b, 3, 4, 0, 0]), { format: 'ascof' }) as { reason: string }).reason, /binary data/)
  })
})
