import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findPersonalData, segments } from './personal-data.ts'

const found = (text: string) => findPersonalData(text).map((span) => [span.kind, text.slice(span.start, span.end)])

test('finds phone numbers, emails, postcodes and street addresses', () => {
  assert.deepEqual(found('Ring me on 07700 900123 or email jo.bloggs@example.com'), [
    ['phone', '07700 900123'],
    ['email', 'jo.bloggs@example.com'],
  ])
  assert.deepEqual(found('We live at 12 Wharf Street, TS1 1AA.'), [
    ['address', '12 Wharf Street'],
    ['postcode', 'TS1 1AA'],
  ])
  assert.deepEqual(found('Call (01642) 245 432 please'), [['phone', '(01642) 245 432']])
})

test('finds likely names of staff and residents', () => {
  assert.deepEqual(found('Dr Smith was kind but nurse Jane was rushed.'), [
    ['name', 'Dr Smith'],
    ['name', 'Jane'],
  ])
  assert.deepEqual(found('A carer called Tom Hill came; my son Jack was there.'), [
    ['name', 'Tom Hill'],
    ['name', 'Jack'],
  ])
  assert.deepEqual(found('Mrs Ann Jones helped.'), [['name', 'Mrs Ann Jones']])
})

test('ordinary text has nothing highlighted', () => {
  assert.deepEqual(found('The carers were kind and the food was good. The nurse listened to me.'), [])
})

test('segments give the text back unchanged, with the highlighted parts marked', () => {
  const text = '<b>Dr Smith</b> rang 07700 900123'
  const pieces = segments(text)
  assert.equal(pieces.map((p) => p.text).join(''), text)
  assert.deepEqual(pieces.filter((p) => p.kind).map((p) => p.text), ['Dr Smith', '07700 900123'])
})
