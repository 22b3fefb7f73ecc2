/** The reader on fixture files with the mess real council files have, and on random and mangled files. */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { zipSync, strToU8 } from 'fflate'
import { readCsv } from './csv.ts'
import { editDistance, fieldForColumn } from './fields.ts'
import { openSpendFile, unmappedReason } from './file.ts'
import { withChoices } from './layout.ts'
import { readRows, type Rejection, type SpendRow } from './read.ts'
import { parseAmount } from './values.ts'

const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/spend')
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name))

function readAll(name: string, bytes: Uint8Array) {
  const opened = openSpendFile(name, bytes)
  if (!opened.ok) throw new Error(opened.reason)
  const rows: SpendRow[] = []
  const rejected: Rejection[] = []
  let rowsRead = 0
  for (const part of opened.parts) rowsRead += readRows(part.text, part.layout, { row: (r) => rows.push(r), reject: (r) => rejected.push(r) }).rowsRead
  return { parts: opened.parts, rows, rejected, rowsRead }
}

describe('column names', () => {
  const cases: [string, string | undefined][] = [
    ['Supplier Name', 'supplierName'],
    ['SupplierName', 'supplierName'],
    ['Supplier (Beneficiary) Name', 'supplierName'],
    ['Beneficiary Name:', 'supplierName'],
    ['Vendor Name ', 'supplierName'],
    ['\uFEFFDate', 'paymentDate'],
    ['ï»¿Date Paid', 'paymentDate'],
    ['Invoice Payment Date', 'paymentDate'],
    ['Net Amount(£)', 'amount'],
    ['Total (excludes VAT)', 'amount'],
    ['Invoice Line Value (net of VAT)', 'amount'],
    ['Suplier Name', 'supplierName'],
    ['Ammount', 'amount'],
    ['Irrecoverable VAT', 'irrecoverableVat'],
    ['Merchant Category Code', 'merchantCategory'],
    ['Cardholder Name', 'cardholder'],
    ['Body Name', undefined],
    ['VAT', 'vatAmount'],
    ['VAT Registration Number', 'vatNumber'],
    ['Effective Date', 'paymentDate'],
    ['Invoice GL Date', 'paymentDate'],
    ['Updated', 'paymentDate'],
  ]
  for (const [name, field] of cases) test(`"${name}"`, () => assert.equal(fieldForColumn(name)?.field, field))
  test('edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3)
    assert.equal(editDistance('amount', 'ammount'), 1)
  })
})

describe('messy files', () => {
  test('Windows-1252 with a preamble, blank rows, empty spacer columns, a misspelt and a duplicated column', () => {
    const { parts, rows, rejected, rowsRead } = readAll('messy-cp1252.csv', fixture('messy-cp1252.csv'))
    const part = parts[0]!
    assert.equal(part.encoding, 'windows-1252')
    assert.equal(part.layout.headerLine, 4, 'the header is found below the title and the empty row')
    assert.deepEqual(part.layout.missing, [])
    assert.deepEqual(
      rows.map((r) => [r.line, r.date.start, r.date.precision, r.supplierName, r.amountPence]),
      [
        [5, '2024-04-01', 'day', 'Riverside Community Care Ltd', 123456],
        [6, '2024-04-02', 'day', 'Redacted', -50000],
        [7, '2024-04-01', 'period', 'Northgate Highways Limited', 51989],
        [8, '2024-04-08', 'day', 'NORTHGATE HIGHWAYS LTD', 200000],
        [9, '2024-04-06', 'day', 'Café Bloom & Co', -61240],
        [11, '2024-04-10', 'day', 'Payee not given', 80000],
      ],
    )
    assert.deepEqual(rejected, [
      { line: 10, reason: '"31/02/2024" is not a date' },
      { line: 12, reason: '"twelve pounds" is not an amount of money' },
      { line: 13, reason: 'no payment date' },
    ])
    assert.equal(rowsRead, rows.length + rejected.length, 'every row read is imported or rejected')
    assert.equal(rows[1]!.redacted, true)
    assert.deepEqual(rows.map((r) => r.payeeKind), ['named', 'redacted', 'named', 'named', 'named', 'not-given'])
  })

  test('a tab-separated file with a double-encoded BOM and no header row is read by the shape of its values', () => {
    const { parts, rows } = readAll('headerless.tsv', fixture('headerless.tsv'))
    assert.equal(parts[0]!.encoding, 'utf-8 with a double-encoded BOM')
    assert.equal(parts[0]!.layout.headerLine, null)
    assert.deepEqual(rows.map((r) => [r.date.start, r.supplierName, r.amountPence]), [
      ['2025-03-04', 'Riverside Community Care Ltd', 120000],
      ['2025-03-05', 'Summit IT Solutions Limited', 300000],
      ['2025-03-06', 'Redacted', 65000],
    ])
  })

  test('a procurement card file: merchants are payees, the merchant category is kept and cardholders never are', () => {
    const { parts, rows } = readAll('card.csv', fixture('card.csv'))
    assert.equal(parts[0]!.layout.kind, 'card')
    assert.deepEqual(rows.map((r) => [r.supplierName, r.merchantCategory, r.amountPence]), [
      ['AMAZON MARKETPLACE', 'Book stores', 1299],
      ['TRAINLINE', 'Rail', 4510],
      ['Kestrel Transport Ltd', 'Taxi', -800],
    ])
    assert.ok(!JSON.stringify(rows).includes('Officer'), 'no cardholder name is in any row')
  })

  test('a zip of spend files is read part by part', () => {
    const zip = zipSync({ 'q1.csv': fixture('card.csv'), 'q2.tsv': fixture('headerless.tsv'), 'readme.pdf': strToU8('%PDF') })
    const { parts, rows } = readAll('spend.zip', zip)
    assert.deepEqual(parts.map((p) => p.name), ['q1.csv', 'q2.tsv'])
    assert.equal(rows.length, 6)
  })

  test('the officer corrects a column; a file without an amount column says so', () => {
    const opened = openSpendFile('narrative.csv', fixture('narrative.csv'))
    assert.ok(opened.ok)
    const narrative = opened.parts[0]!.layout.columns.find((c) => c.header === 'Narrative')!
    assert.equal(narrative.target, 'purpose')
    const corrected = withChoices(opened.parts[0]!.layout, { narrative: 'expenseType' })
    assert.equal(corrected.columns.find((c) => c.header === 'Narrative')!.target, 'expenseType')

    const noAmount = openSpendFile('no-amount.csv', fixture('no-amount.csv'))
    assert.ok(noAmount.ok)
    assert.match(unmappedReason(noAmount.parts[0]!) ?? '', /could not find a column for the amount among "Date", "Supplier", "Notes"/)
  })

  test('files that cannot be read at all', () => {
    assert.deepEqual(openSpendFile('empty.csv', new Uint8Array()), { ok: false, reason: 'the file is empty' })
    const xlsx = openSpendFile('spend.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))
    assert.equal(xlsx.ok, false)
    const binary = openSpendFile('spend.pdf', new Uint8Array([0x25, 0x50, 0, 1, 2]))
    assert.equal(binary.ok, false)
  })
})

describe('the CSV reader', () => {
  const read = (text: string, delimiter = ',') => {
    const records: [string[], number][] = []
    readCsv(text, delimiter, (cells, line) => {
      records.push([cells, line])
    })
    return records
  }
  test('quotes, doubled quotes, a value over two lines, CRLF, blank lines, stray quotes', () => {
    assert.deepEqual(read('a,"b,c",d\r\n\r\n"x ""y""",z\n"multi\nline",2\nit"s,ok\n ,\n'), [
      [['a', 'b,c', 'd'], 1],
      [['x "y"', 'z'], 3],
      [['multi\nline', '2'], 4],
      [['it"s', 'ok'], 6],
    ])
  })
})

describe('property: any file gives rows or reasons, never an exception', () => {
  const cell = fc.oneof(
    fc.string(),
    fc.constantFrom('01/04/2024', '2024-04-01', 'Apr-24', 'P01 2024/25', '£1,234.56', '(5.00)', 'REDACTED', 'Acme Ltd', '"', '""', '\r\n', ';', '\t', 'ï»¿'),
  )
  const header = fc.subarray(['Date', 'Supplier Name', 'Amount', 'Department', 'Suplier', 'Net Amount(£)', '', 'Purpose', 'Company Number'])
  test('random and mangled files', () => {
    fc.assert(
      fc.property(header, fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 }), fc.constantFrom(',', '\t', ';', '|'), fc.boolean(), (head, body, delimiter, latin1) => {
        const text = [head, ...body].map((r) => r.join(delimiter)).join(latin1 ? '\r\n' : '\n')
        const bytes = latin1 ? Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff)) : new TextEncoder().encode(text)
        const opened = openSpendFile('random.csv', bytes)
        if (!opened.ok) return
        for (const part of opened.parts) {
          let rows = 0
          let rejected = 0
          const { rowsRead } = readRows(part.text, part.layout, {
            row(row) {
              rows++
              assert.ok(Number.isSafeInteger(row.amountPence))
              assert.match(row.date.start, /^\d{4}-\d{2}-\d{2}$/)
            },
            reject(r) {
              rejected++
              assert.ok(r.reason.length > 0)
            },
          })
          assert.equal(rows + rejected, rowsRead, 'every row read is imported or rejected with a reason')
        }
      }),
      { numRuns: 300 },
    )
  })

  test('amounts round-trip: pence written as pounds in any common style read back as the same pence', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), fc.constantFrom('plain', 'pound', 'commas', 'brackets', 'trailing', 'padded'), (pence, style) => {
        const abs = Math.abs(pence)
        const pounds = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
        const commas = `${Math.floor(abs / 100).toLocaleString('en-GB')}.${String(abs % 100).padStart(2, '0')}`
        const negative = pence < 0
        const text = {
          plain: `${negative ? '-' : ''}${pounds}`,
          pound: `${negative ? '-' : ''}£${commas}`,
          commas: `${negative ? '-' : ''}${commas}`,
          brackets: negative ? `(${commas})` : commas,
          trailing: `${pounds}${negative ? '-' : ''}`,
          padded: `  ${negative ? '-' : ''}${pounds} `,
        }[style]
        assert.deepEqual(parseAmount(text), { ok: true, value: pence === 0 ? 0 : pence })
      }),
      { numRuns: 500 },
    )
  })
})
