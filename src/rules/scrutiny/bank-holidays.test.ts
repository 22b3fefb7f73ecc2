/** The seeded bank holidays checked against what can be computed: Easter, weekdays, and one of each per year. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays.ts'
import { addDays } from './calendar.ts'

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

test('Good Friday and Easter Monday fall either side of Easter Sunday in each year', () => {
  for (const year of [2025, 2026, 2027]) {
    const easter = easterSunday(year)
    const dates = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => h.date.startsWith(String(year)))
    assert.equal(dates.find((h) => h.title === 'Good Friday')?.date, addDays(easter, -2))
    assert.equal(dates.find((h) => h.title === 'Easter Monday')?.date, addDays(easter, 1))
    assert.equal(dates.length, 8, `eight bank holidays in ${year}`)
  }
})

test('every bank holiday is a weekday (weekend ones are replaced by substitute days)', () => {
  for (const holiday of ENGLAND_AND_WALES_BANK_HOLIDAYS) {
    const weekday = new Date(`${holiday.date}T00:00:00Z`).getUTCDay()
    assert.ok(weekday >= 1 && weekday <= 5, `${holiday.date} ${holiday.title}`)
  }
})

test('the May and August holidays are the first and last Mondays', () => {
  for (const holiday of ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => /May|Spring|Summer/.test(h.title))) {
    const day = Number(holiday.date.slice(8))
    assert.equal(new Date(`${holiday.date}T00:00:00Z`).getUTCDay(), 1)
    if (holiday.title.startsWith('Early May')) assert.ok(day <= 7)
    else assert.ok(day > 24, `${holiday.title} is the last Monday`)
  }
})
