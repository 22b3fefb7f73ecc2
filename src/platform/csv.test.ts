import assert from 'node:assert/strict'
import { test } from 'node:test'
import { csvDocument, spreadsheetSafe } from './csv.ts'

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
