import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csvDocument, csvLine, csvRecords, spreadsheetSafe } from './csv.ts'

test('a text cell that a spreadsheet would run as a formula is kept as text; numbers are left alone', () => {
  assert.equal(spreadsheetSafe('=HYPERLINK("http://x")'), `'=HYPERLINK("http://x")`)
  assert.equal(spreadsheetSafe('+44 1632 960000'), `'+44 1632 960000`)
  assert.equal(spreadsheetSafe('@SUM(A1)'), `'@SUM(A1)`)
  assert.equal(spreadsheetSafe('-12.50'), '-12.50')
  assert.equal(spreadsheetSafe('-£12.50'), `'-£12.50`)
  assert.equal(spreadsheetSafe('Riverside Community Care'), 'Riverside Community Care')
})

test('a CSV document quotes what needs quoting, ends lines with CRLF and leaves empty cells for missing values', () => {
  const csv = csvDocument(['Name', 'Amount (£)', 'Note'], [['Smith, Jones & Co', -5, null], ['=cmd', 1234.5, 'said "yes"\non two lines']])
  assert.equal(csv, 'Name,Amount (£),Note\r\n"Smith, Jones & Co",-5,\r\n\'=cmd,1234.5,"said ""yes""\non two lines"\r\n')
})

test('no module writes CSV except through this writer (csv-stringify is imported here only)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs')
  const path = await import('node:path')
  const root = path.resolve(import.meta.dirname, '..')
  const offenders = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && path.join(root, file) !== path.join(import.meta.dirname, 'csv.ts'))
    .filter((file) => /from ['"]csv-stringify/.test(readFileSync(path.join(root, file), 'utf8')))
  assert.deepEqual(offenders, [])
})

test('streamed lines and records go through the same guard', () => {
  assert.equal(csvLine(['=1+1', -12.5, '-12.50', true, null]), "'=1+1,-12.5,-12.50,true,\n")
  assert.equal(csvRecords(['a', 'b'], [{ a: '@x', b: 2 }]), "a,b\n'@x,2\n")
})
