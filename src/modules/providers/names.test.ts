import assert from 'node:assert/strict'
import { test } from 'node:test'
import { nameKey } from './names.ts'

test('legal suffixes, case and punctuation do not make a different name', () => {
  assert.equal(nameKey('Riverside Care Ltd'), 'riverside care')
  assert.equal(nameKey('RIVERSIDE CARE LIMITED'), 'riverside care')
  assert.equal(nameKey('Riverside Care Ltd.'), 'riverside care')
  assert.equal(nameKey('Riverside Care plc'), 'riverside care')
})

test('"&" and "and" are the same word, and a leading "The" is dropped', () => {
  assert.equal(nameKey('Smith & Jones'), nameKey('Smith and Jones'))
  assert.equal(nameKey('The Hilltop Trust'), 'hilltop trust')
  assert.equal(nameKey('The'), 'the')
})

test('apostrophes vanish, accents fold and spacing collapses', () => {
  assert.equal(nameKey('St. Mary’s  Café (Community) C.I.C'), 'st marys cafe community c i c')
  assert.equal(nameKey("St Mary's Cafe CIC"), 'st marys cafe')
})

test('a name that is only a suffix keeps it, so the key is never empty', () => {
  assert.equal(nameKey('Limited'), 'limited')
})
