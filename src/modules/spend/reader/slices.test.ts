/**
 * Reading a file in slices (ADR 0041: the import streams each slice's rows to COPY while the next is read) gives the
 * same rows, rejections and line numbers as reading it whole, wherever the slices fall: inside quoted values that
 * span lines, on CRLF line ends, between a record and its blank lines. On real published files and generated ones.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import fc from 'fast-check'
import { openSpendFile } from './file.ts'
import { readRows, readRowsInSlices, type Rejection, type SpendRow } from './read.ts'

const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/spend')

function whole(text: string, layout: Parameters<typeof readRows>[1]) {
  const rows: SpendRow[] = []
  const rejected: Rejection[] = []
  const { rowsRead } = readRows(text, layout, { row: (r) => rows.push(r), reject: (r) => rejected.push(r) })
  return { rows, rejected, rowsRead }
}

async function sliced(text: string, layout: Parameters<typeof readRows>[1], sliceChars: number) {
  const rows: SpendRow[] = []
  const rejected: Rejection[] = []
  let pauses = 0
  const { rowsRead } = await readRowsInSlices(text, layout, { row: (r) => rows.push(r), reject: (r) => rejected.push(r) }, async () => void pauses++, sliceChars)
  return { read: { rows, rejected, rowsRead }, pauses }
}

const open = (name: string, bytes: Uint8Array) => {
  const opened = openSpendFile(name, bytes, {})
  if (!opened.ok) throw new Error(opened.reason)
  return opened.parts[0]!
}

test('every real fixture reads the same in slices of 1 to 4,096 characters as whole', async () => {
  const names = fs.readdirSync(fixtures).filter((n) => n.endsWith('.csv'))
  assert.ok(names.length >= 3)
  for (const name of names) {
    const part = open(name, fs.readFileSync(path.join(fixtures, name)))
    const expected = whole(part.text, part.layout)
    assert.ok(expected.rowsRead > 0, name)
    for (const size of [1, 37, 4_096]) {
      const { read, pauses } = await sliced(part.text, part.layout, size)
      assert.deepEqual(read, expected, `${name} in slices of ${size}`)
      if (size === 1) assert.ok(pauses >= expected.rowsRead, `${name}: a pause after each record`)
    }
  }
})

test('generated files with quoted values over several lines, CRLF and blank lines read the same in any slices', async () => {
  const cell = fc.oneof(fc.constantFrom('Acme Ltd', 'Smith & Sons', '"Quoted, with comma"', '"Two\nlines"', '"Say ""hi"""', ''), fc.stringMatching(/^[A-Za-z ]{0,12}$/))
  const row = fc.tuple(fc.constantFrom('01/04/2025', '2025-05-31', 'not a date'), cell, fc.constantFrom('12.50', '"1,708.75"', '-3', 'x'), cell)
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.integer({ min: 1, max: 200 }), async (rows, eol, blanks, size) => {
      const lines = ['Payment Date,Supplier Name,Amount,Description', ...rows.map((r) => r.join(','))]
      const text = lines.join(blanks ? `${eol},,,${eol}` : eol) + eol
      const part = open('generated.csv', new TextEncoder().encode(text))
      const expected = whole(part.text, part.layout)
      const { read } = await sliced(part.text, part.layout, size)
      assert.deepEqual(read, expected)
    }),
    { numRuns: 150 },
  )
})
