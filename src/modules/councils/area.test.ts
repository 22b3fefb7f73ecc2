import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isInDistricts, parseDistrictList, postcodeDistrictOf } from './area.ts'

test('a postcode’s district is its outward code, whatever the case or spacing', () => {
  assert.equal(postcodeDistrictOf('ts1 2ab'), 'TS1')
  assert.equal(postcodeDistrictOf('TS14 6AA'), 'TS14')
  assert.equal(postcodeDistrictOf('not a postcode'), undefined)
  assert.equal(postcodeDistrictOf(null), undefined)
})

test('local means the postcode lies in a listed district', () => {
  assert.equal(isInDistricts('TS1 2AB', ['TS1', 'TS2']), true)
  assert.equal(isInDistricts('TS14 6AA', ['TS1']), false)
  assert.equal(isInDistricts('', ['TS1']), false)
})

test('a typed list of districts is read and its mistakes named', () => {
  assert.deepEqual(parseDistrictList('ts1, TS2\nts2 TS99Z  banana'), { districts: ['TS1', 'TS2'], invalid: ['TS99Z', 'BANANA'] })
})
