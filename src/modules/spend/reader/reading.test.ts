/**
 * How a file is read (ADR 0024): which date column, which amount, how period codes are read, payees with no name.
 * On real published files (test/fixtures/spend/README.md; totals checked independently) and on generated ones.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { openSpendFile, type RememberedMappings } from './file.ts'
import { amountReadingOf, choicesOf, dateColumnOf, headerSignatureOf } from './layout.ts'
import { nameEvidence } from './period.ts'
import { readRows, type SpendRow } from './read.ts'
import { parseSpendDateAs, periodDates } from './values.ts'

const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/spend')

function read(name: string, bytes: Uint8Array = fs.readFileSync(path.join(fixtures, name)), remembered?: RememberedMappings) {
  const opened = openSpendFile(name, bytes, remembered ? { remembered } : {})
  if (!opened.ok) throw new Error(opened.reason)
  const part = opened.parts[0]!
  const rows: SpendRow[] = []
  const rejected: string[] = []
  readRows(part.text, part.layout, { row: (r) => rows.push(r), reject: (r) => rejected.push(`${r.line}: ${r.reason}`) })
  const total = rows.reduce((sum, r) => sum + r.amountPence, 0)
  const from = rows.map((r) => r.date.start).sort()[0]
  const to = rows.map((r) => r.date.end).sort().at(-1)
  return { layout: part.layout, rows, rejected, total, from, to }
}

describe('real published files', () => {
  // Totals and date ranges counted independently over the same files (a Python csv script, in the change's notes).
  test('Leeds, LGA layout: the payment date, not the effective date on every row', () => {
    const { layout, rows, rejected, total, from, to } = read('leeds-2020-06.csv')
    assert.equal(dateColumnOf(layout), 'Payment Date')
    assert.equal(layout.columns.find((c) => c.header === 'Effective Date')!.mappedBy, 'outranked')
    assert.deepEqual([rows.length, rejected.length, total, from, to], [200, 0, 18392714, '2020-05-27', '2020-06-30'])
    assert.equal(rows.filter((r) => r.payeeKind === 'redacted').length, 31)
    assert.ok(new Set(rows.map((r) => r.date.start)).size > 10, 'payments keep their own days')
  })

  test('Wakefield: payment dates, and the 12 payments with no supplier name are payments to "Payee not given"', () => {
    const { layout, rows, rejected, total, from, to } = read('wakefield-2014-q1.csv')
    assert.equal(dateColumnOf(layout), 'Payment Date')
    assert.deepEqual(amountReadingOf(layout), { column: 'Net Amount', lessVat: null })
    assert.deepEqual([rows.length, rejected.length, total, from, to], [200, 0, 171144254, '2014-04-10', '2014-06-30'])
    const notGiven = rows.filter((r) => r.payeeKind === 'not-given')
    assert.equal(notGiven.length, 12)
    assert.ok(notGiven.every((r) => r.supplierName === 'Payee not given' && r.redacted && r.companyNumber === null))
  })

  test('Salford: Gross, VAT and Net: the net amount is the spend and the VAT is kept', () => {
    const { layout, rows, total, from, to } = read('salford-2019-04.csv')
    assert.deepEqual(amountReadingOf(layout), { column: 'Net', lessVat: null })
    assert.equal(layout.columns.find((c) => c.header === 'Gross')!.mappedBy, 'outranked')
    assert.deepEqual([rows.length, total, from, to], [200, 1068648395, '2019-04-01', '2019-04-05'])
    assert.equal(rows.reduce((sum, r) => sum + (r.vatPence ?? 0), 0), 8318942)
  })

  test('Gateshead: a yyyymm Period column is read as periods of the financial year because the Updated dates agree', () => {
    const { layout, rows, rejected, total, from, to } = read('gateshead-2016-07.csv')
    assert.equal(dateColumnOf(layout), 'Period')
    assert.deepEqual(layout.dateReading, { periods: 'financial-period', year: 2016 })
    assert.deepEqual([rows.length, rejected.length, total, from, to], [200, 0, 49238245, '2016-07-01', '2016-07-31'])
    assert.ok(rows.every((r) => r.date.precision === 'period'), 'a period keeps its precision')
    assert.equal(rows.filter((r) => r.vatNumber !== null).length, 130, 'VAT numbers are read for matching')
    assert.equal(layout.columns.find((c) => c.header === 'Supplier ID (T)')!.target, 'supplierName', 'an ID column of names is the payee')
  })

  test('Gateshead at the year end: period 13 is the year-end period (31 March), 201201 is April 2012', () => {
    const { layout, rows, total, from, to } = read('gateshead-2012-04.csv')
    assert.equal(layout.dateReading?.periods, 'financial-period')
    assert.deepEqual([rows.length, total, from, to], [200, 107379020, '2012-03-31', '2012-04-30'])
    assert.equal(rows.filter((r) => r.date.start === '2012-03-31').length, 59)
  })
})

/** A generated file: header and rows as CSV text. */
const csv = (header: string[], rows: string[][]) => new TextEncoder().encode([header, ...rows].map((r) => r.join(',')).join('\r\n'))

describe('date columns ranked by meaning, on generated files', () => {
  const payment = ['Payment Date', 'Date Paid', 'Paid Date', 'Invoice Payment Date', 'Date of Payment']
  const lesser = ['Effective Date', 'Period', 'Updated', 'Transaction Date', 'GL Date', 'Clearing Date', 'Date', 'Posting Date']
  test('a payment date beats any other date column, wherever the columns stand', () => {
    fc.assert(
      fc.property(fc.constantFrom(...payment), fc.constantFrom(...lesser), fc.boolean(), (good, other, goodFirst) => {
        const header = goodFirst ? [good, 'Supplier Name', other, 'Amount'] : [other, 'Supplier Name', good, 'Amount']
        const row = (i: number) => {
          const paid = `${String(i + 1).padStart(2, '0')}/05/2024`
          return goodFirst ? [paid, `Supplier ${i} Ltd`, '31/05/2024', '600.00'] : ['31/05/2024', `Supplier ${i} Ltd`, paid, '600.00']
        }
        const { layout, rows } = read('generated.csv', csv(header, Array.from({ length: 12 }, (_, i) => row(i))))
        assert.equal(dateColumnOf(layout), good)
        assert.deepEqual(rows.map((r) => r.date.start).slice(0, 2), ['2024-05-01', '2024-05-02'])
      }),
      { numRuns: 60 },
    )
  })

  test('transaction, clearing and GL dates beat effective, period and updated dates; an empty column never wins', () => {
    const { layout } = read('t.csv', csv(['Effective Date', 'Clearing Date', 'Vendor', 'Amount'], [['30/06/2024', '03/06/2024', 'A Ltd', '1']]))
    assert.equal(dateColumnOf(layout), 'Clearing Date')
    const empty = read('e.csv', csv(['Payment Date', 'Effective Date', 'Vendor', 'Amount'], [['', '30/06/2024', 'A Ltd', '1']]))
    assert.equal(dateColumnOf(empty.layout), 'Effective Date')
  })
})

describe('amounts: net before gross, VAT kept', () => {
  test('Gross and VAT with no net column: the amount is gross less VAT', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 2_000_000 }), (net, vat) => {
        const pounds = (p: number) => (p / 100).toFixed(2)
        const { layout, rows } = read('g.csv', csv(['Date', 'Supplier', 'Gross', 'VAT'], [['01/04/2024', 'A Ltd', pounds(net + vat), pounds(vat)]]))
        assert.deepEqual(amountReadingOf(layout), { column: 'Gross', lessVat: 'VAT' })
        assert.equal(rows[0]!.amountPence, net)
        assert.equal(rows[0]!.vatPence, vat)
      }),
      { numRuns: 100 },
    )
  })
  test('Net, VAT and Gross in any order: the net amount', () => {
    for (const header of [['Gross', 'VAT', 'Net'], ['Net', 'Gross', 'VAT'], ['VAT', 'Gross Amount', 'Net Amount']]) {
      const values = header.map((h) => (h.startsWith('Gross') ? '120.00' : h === 'VAT' ? '20.00' : '100.00'))
      const { layout, rows } = read('n.csv', csv(['Date', 'Supplier', ...header], [['01/04/2024', 'A Ltd', ...values]]))
      assert.equal(amountReadingOf(layout)!.lessVat, null)
      assert.equal(rows[0]!.amountPence, 10000, header.join(','))
      assert.equal(rows[0]!.vatPence, 2000)
    }
  })
})

describe('payees not given', () => {
  test('blank, spaces-only and missing payee cells are payments to one "Payee not given", counted in the total', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('', '   ', 'Acme Ltd', 'REDACTED'), { minLength: 1, maxLength: 30 }), (names) => {
        const { rows, rejected, total } = read('p.csv', csv(['Date', 'Supplier Name', 'Amount'], names.map((n) => ['01/04/2024', n, '500.00'])))
        assert.equal(rejected.length, 0)
        assert.equal(total, names.length * 50000)
        const notGiven = names.filter((n) => n.trim() === '').length
        assert.equal(rows.filter((r) => r.supplierName === 'Payee not given').length, notGiven)
        assert.equal(rows.filter((r) => r.payeeKind === 'redacted').length, names.filter((n) => n === 'REDACTED').length)
      }),
      { numRuns: 100 },
    )
  })
})

describe('financial-year periods', () => {
  test('period n of a financial year, by each reading', () => {
    assert.deepEqual(periodDates(2024, 1, 'financial-period'), { start: '2024-04-01', end: '2024-04-30', precision: 'period' })
    assert.deepEqual(periodDates(2024, 10, 'financial-period'), { start: '2025-01-01', end: '2025-01-31', precision: 'period' })
    assert.deepEqual(periodDates(2024, 13, 'financial-period'), { start: '2025-03-31', end: '2025-03-31', precision: 'period' })
    assert.deepEqual(periodDates(2024, 4, 'calendar-month'), { start: '2024-04-01', end: '2024-04-30', precision: 'month' })
    assert.equal(periodDates(2024, 13, 'calendar-month'), undefined)
    assert.deepEqual(periodDates(2024, 2, 'four-week-period'), { start: '2024-04-29', end: '2024-05-26', precision: 'period' })
    assert.deepEqual(periodDates(2024, 13, 'four-week-period'), { start: '2025-03-03', end: '2025-03-31', precision: 'period' })
  })

  test('thirteen four-week periods cover the financial year without a gap or an overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2090 }), (year) => {
        let next = `${year}-04-01`
        for (let n = 1; n <= 13; n++) {
          const p = periodDates(year, n, 'four-week-period')!
          assert.equal(p.start, next)
          next = new Date(Date.parse(`${p.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
        }
        assert.equal(next, `${year + 1}-04-01`)
      }),
    )
  })

  test('codes with no year take the year the file gives; without one they are refused with a reason', () => {
    assert.deepEqual(parseSpendDateAs('P05', { periods: 'financial-period', year: 2023 }), { ok: true, value: { start: '2023-08-01', end: '2023-08-31', precision: 'period' } })
    const refused = parseSpendDateAs('P05', { periods: 'financial-period' })
    assert.equal(refused.ok, false)
    assert.deepEqual(parseSpendDateAs('04/08/2023', { periods: 'financial-period', year: 2023 }), { ok: true, value: { start: '2023-08-04', end: '2023-08-04', precision: 'day' } })
  })

  // A file of yyyymm codes with an Updated day in the month the financial reading gives (or the calendar one).
  const periodFile = (code: (n: number) => string, updated: (n: number) => string, name = 'spend.csv') =>
    read(name, csv(['Period', 'Supplier', 'Amount', 'Updated'], Array.from({ length: 12 }, (_, i) => [code(i % 12 + 1), `S${i} Ltd`, '700.00', updated(i % 12 + 1)])))
  const fyMonth = (n: number) => (n + 2) % 12 + 1
  const fyYear = (year: number, n: number) => (n >= 10 ? year + 1 : year)
  const day = (y: number, m: number, d = 15) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

  test('yyyymm is a financial period when the other dates agree, a calendar month when they agree with that', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2011, max: 2030 }), (year) => {
        const fy = periodFile((n) => `${year}${String(n).padStart(2, '0')}`, (n) => day(fyYear(year, n), fyMonth(n)))
        assert.equal(fy.layout.dateReading?.periods, 'financial-period')
        assert.ok(fy.rows.every((r, i) => r.date.start === day(fyYear(year, (i % 12) + 1), fyMonth((i % 12) + 1), 1)))
        const cal = periodFile((n) => `${year}${String(n).padStart(2, '0')}`, (n) => day(year, n))
        assert.equal(cal.layout.dateReading?.periods, 'calendar-month')
        assert.equal(cal.rows[0]!.date.start, `${year}-01-01`)
      }),
      { numRuns: 20 },
    )
  })

  test('with no other evidence, yyyymm stays a calendar month; a file name naming the month can tip it', () => {
    const none = read('spend.csv', csv(['Period', 'Supplier', 'Amount'], [['201604', 'A Ltd', '1']]))
    assert.equal(none.layout.dateReading?.periods, 'calendar-month')
    const named = read('expenditure-july-2016.csv', csv(['Period', 'Supplier', 'Amount'], [['201604', 'A Ltd', '1']]))
    assert.equal(named.layout.dateReading?.periods, 'financial-period')
    assert.equal(named.rows[0]!.date.start, '2016-07-01')
  })

  test('four-week periods are chosen only when the other dates fit them better than months', () => {
    // Updated on the first day of each four-week period: inside it, and in the month before period n's month from
    // period 2 on.
    const year = 2021
    const file = periodFile((n) => `P${String(n).padStart(2, '0')}`, (n) => periodDates(year, n, 'four-week-period')!.start)
    assert.deepEqual(file.layout.dateReading, { periods: 'four-week-period', year })
    assert.equal(file.rows[1]!.date.start, '2021-04-29')
  })

  test('what a file name says', () => {
    assert.deepEqual(nameEvidence('201107.csv'), { month: { year: 2011, month: 7 } })
    assert.deepEqual(nameEvidence('expenditure_exceeding_500_february_2022.csv').month, { year: 2022, month: 2 })
    assert.equal(nameEvidence('spend-2021-P02.csv').period, 2)
    assert.equal(nameEvidence('spend 2023-24.csv').financialYear, 2023)
  })
})

describe('remembered mappings apply only to the header they were made for', () => {
  const file = csv(['Effective Date', 'Supplier', 'Amount', 'Narrative'], [['01/04/2024', 'A Ltd', '10.00', 'Training']])
  const other = csv(['Effective Date', 'Payment Date', 'Supplier', 'Amount', 'Narrative'], [['30/04/2024', '02/04/2024', 'B Ltd', '20.00', 'Books']])
  test('the same header: the remembered mapping applies and says so; another header is mapped afresh', () => {
    const opened = openSpendFile('a.csv', file, { chosen: { narrative: 'expenseType' } })
    assert.ok(opened.ok)
    const layout = opened.parts[0]!.layout
    const remembered: RememberedMappings = new Map([[layout.headerSignature, choicesOf(layout)]])
    const again = read('a-next-month.csv', file, remembered)
    assert.equal(again.layout.mapping, 'remembered')
    assert.equal(again.rows[0]!.expenseType, 'Training')
    // Another header: the automatic mapping decides (the payment date, not the effective date the remembered mapping
    // named), and the layout says a remembered one was set aside.
    const second = read('b.csv', other, remembered)
    assert.equal(second.layout.mapping, 'automatic')
    assert.equal(second.layout.rememberedOtherHeader, true)
    assert.equal(dateColumnOf(second.layout), 'Payment Date')
    assert.equal(second.rows[0]!.purpose, 'Books')
  })
  test('a header signature ignores trailing empty cells and case, not the order of the columns', () => {
    assert.equal(headerSignatureOf(['Date', 'Supplier', 'Amount', '', '']), headerSignatureOf(['DATE', 'supplier', 'Amount']))
    assert.notEqual(headerSignatureOf(['Date', 'Supplier', 'Amount']), headerSignatureOf(['Supplier', 'Date', 'Amount']))
  })
})
