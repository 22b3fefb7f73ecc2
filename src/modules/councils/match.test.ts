/** Finding the council a notice names, on the real council list (mySociety, England) and the names real notices use. */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { parseCouncilFile } from './import-file.ts'
import { councilKey, CouncilNames, type NamedCouncil } from './match.ts'

const file = path.resolve(import.meta.dirname, '../../../test/fixtures/councils/mysociety-england.csv')
const parsed = parseCouncilFile(fs.readFileSync(file))
assert.ok(parsed.ok)
const list: (NamedCouncil & { code: string })[] = parsed.councils.map((c) => ({ id: c.laeCode!, code: c.laeCode!, name: c.name, altNames: c.altNames ?? [], endDate: c.endDate ?? null }))
const names = new CouncilNames(list, '2026-11-22')
const official = (code: string) => list.find((c) => c.code === code)!.name

test('the real council list reads whole, combined authorities (four-letter codes) included', () => {
  assert.ok(parsed.ok)
  assert.equal(parsed.rejected.length, 0, JSON.stringify(parsed.rejected.slice(0, 3)))
  assert.equal(parsed.councils.length, 380)
  const combined = parsed.councils.filter((c) => c.type === 'combined-authority')
  assert.equal(combined.length, 14)
  assert.ok(combined.some((c) => c.laeCode === 'GMCA' && c.name === 'Greater Manchester Combined Authority'))
})

test('council words, odd capitals, departments and short county names are read as a reader would', () => {
  assert.equal(councilKey('Hertfordshire County Council - Children\'s Services'), 'hertfordshire')
  assert.equal(councilKey('Anyshire County Council - Adult Services'), 'anyshire')
  assert.equal(councilKey('Warwickshire County Council (WCC)'), 'warwickshire')
  assert.equal(councilKey('Suffolk County Council Passenger Transport'), 'suffolk')
  assert.equal(councilKey('Glos County Council'), 'gloucestershire')
})

// Buyer names as they appear in real Contracts Finder notices (test/fixtures/ocds), with the council a reader finds.
const REAL = [
  ['Cheshire west and Chester Borough Council', 'Cheshire West and Chester'],
  ['The North Yorkshire Council', 'North Yorkshire Council'],
  ['Hertfordshire County Council - Children\'s Services', 'Hertfordshire County Council'],
  ['East Herts Council', 'East Hertfordshire'],
  ['London Borough of Ealing Council', 'Ealing'],
  ['City of Doncaster Council', 'Doncaster'],
  ['Bournemouth Christchurch and Poole Council', 'Bournemouth, Christchurch and Poole'],
  ['Warwickshire County Council (WCC)', 'Warwickshire County Council'],
  ['Suffolk County Council Passenger Transport', 'Suffolk County Council'],
  ['Stockton-on-tees Borough Council', 'Stockton-on-Tees'],
  ['Dudley Metropolitan Borough Council', 'Dudley'],
  ['Worcs County Council', 'Worcestershire County Council'],
  ['Glos County Council', 'Gloucestershire County Council'],
  ['Northants County Council', 'Northamptonshire County Council'],
  ['Herts County Council', 'Hertfordshire County Council'],
  ['Greater Manchester Combined Authority', 'Greater Manchester Combined Authority'],
] as const

for (const [buyer, expected] of REAL) {
  test(`"${buyer}" is ${expected}`, () => {
    const found = names.match(buyer)
    assert.ok(found.council, `no match; near misses: ${'nearMisses' in found ? found.nearMisses.map((m) => m.council.name).join(', ') : ''}`)
    assert.ok(found.council.name.includes(expected) || found.council.altNames.includes(expected), `${buyer} matched ${found.council.name}`)
  })
}

test('a town or parish council is not a principal council, and a misspelling close to one is a near miss or a match, never silent', () => {
  assert.equal(names.match('Thame Town Council').council, undefined)
  assert.equal(names.match('Lancing Parish Council').council, undefined)
  const typo = names.match('Hertfordshre County Council')
  assert.equal(typo.council?.name ?? ('nearMisses' in typo ? typo.nearMisses[0]?.council.name : undefined), official('HRT'))
  // Close, but not close enough to decide: reported with the nearest councils, not filed under one.
  const far = names.match('Oxford Shire Council')
  assert.ok(far.council === undefined && 'nearMisses' in far, JSON.stringify(far))
  assert.ok(far.nearMisses.some((m) => m.council.name === 'Oxfordshire County Council'), JSON.stringify(far.nearMisses.map((m) => [m.council.name, m.score])))
})
