import assert from 'node:assert/strict'
import { test } from 'node:test'
import ExcelJS from 'exceljs'
import { proposeMapping, readSchemes, readSheet, streamOf } from './scheme-import.ts'

const CSV = [
  'Scheme ID,Scheme Name,Scheme Type,Area of Spend,Commissioner,Provider,Source of Funding,Total 2025-26,Outputs',
  '1,Home care,Home care,Social care,LA,Private sector,Minimum NHS Contribution,"£9,800,000",1200 hours',
  '2,Adaptations,DFG related schemes,Social care,LA,HIA,DFG,2100000.50,',
].join('\n')

test('columns are proposed from what their names mean, and a remembered choice wins when the file has it', async () => {
  const data = await readSheet(Buffer.from(CSV), 'plan.csv')
  assert.ok(!('error' in data))
  const mapping = proposeMapping(data.columns)
  assert.equal(mapping.reference, 'Scheme ID')
  assert.equal(mapping.stream, 'Source of Funding')
  assert.equal(mapping.plannedOutputs, 'Outputs')
  assert.equal(mapping.planned, undefined, '“Total 2025-26” is not a name the guesser knows: the officer chooses it')
  assert.equal(proposeMapping(data.columns, { planned: 'Total 2025-26' }).planned, 'Total 2025-26')
  assert.equal(proposeMapping(['Planned Expenditure (£)']).planned, 'Planned Expenditure (£)')
  assert.equal(proposeMapping(data.columns, { planned: 'Gone' }).planned, undefined)
})

test('rows are read with the mapping; streams as plans write them; amounts to the penny', async () => {
  const data = await readSheet(Buffer.from(CSV), 'plan.csv')
  assert.ok(!('error' in data))
  const { rows, problems } = readSchemes(data, { ...proposeMapping(data.columns), planned: 'Total 2025-26' })
  assert.deepEqual(problems, [])
  assert.deepEqual(rows.map((r) => [r.reference, r.stream, r.plannedPence]), [['1', 'nhs-minimum', 980_000_000], ['2', 'dfg', 210_000_050]])
  assert.equal(streamOf('iBCF'), 'la-grant')
  assert.equal(streamOf('Local Authority BCF grant'), 'la-grant')
  assert.equal(streamOf('Additional LA contribution'), 'la-grant')
  assert.equal(streamOf('Additional contributions'), 'additional')
  assert.equal(streamOf('Lottery'), undefined)
})

test('every bad row is reported by its line, and a missing column by its field', async () => {
  const data = await readSheet(Buffer.from('Scheme ID,Scheme Name,Type,Area,Commissioner,Provider,Source,Budget\n1,A,T,X,C,P,DFG,lots\n1,,T,X,C,P,Lottery,10\n'), 'x.csv')
  assert.ok(!('error' in data))
  const { rows, problems } = readSchemes(data, proposeMapping(data.columns))
  assert.equal(rows.length, 0)
  assert.deepEqual(problems, [
    'Line 2: “lots” is not an amount in pounds',
    'Line 3: no scheme name; “Lottery” is not a funding stream (NHS minimum contribution, Disabled Facilities Grant, Local Authority BCF grant or additional contributions); scheme id 1 is also on line 2',
  ])
  assert.deepEqual(readSchemes(data, {}).problems[0], 'Choose the column that holds the scheme id')
})

test('an xlsx workbook is read from its first sheet, below a title, with numbers and formulas as their values', async () => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Plan')
  sheet.addRow(['Better Care Fund plan 2025/26'])
  sheet.addRow([])
  sheet.addRow(['Scheme ID', 'Scheme Name', 'Scheme Type', 'Area of Spend', 'Commissioner', 'Provider', 'Source of Funding', 'Planned Expenditure'])
  sheet.addRow([1, 'Home care', 'Home care', 'Social care', 'LA', 'Private', 'NHS minimum contribution', 9_800_000])
  sheet.addRow([2, 'Carers', 'Carers services', 'Social care', 'Joint', 'VCSE', 'iBCF', { formula: '1000+500', result: 1500 }])
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
  const data = await readSheet(bytes, 'plan.xlsx')
  assert.ok(!('error' in data), JSON.stringify(data))
  const { rows, problems } = readSchemes(data, proposeMapping(data.columns))
  assert.deepEqual(problems, [])
  assert.deepEqual(rows.map((r) => [r.reference, r.name, r.stream, r.plannedPence]), [['1', 'Home care', 'nhs-minimum', 980_000_000], ['2', 'Carers', 'la-grant', 150_000]])
  assert.match(String((await readSheet(Buffer.from('PK\u0003\u0004 not really'), 'x.xlsx') as { error: string }).error), /could not be read as an Excel workbook/)
})
