import assert from 'node:assert/strict'
import { test } from 'node:test'
import { normalisePostcode, normaliseWebsite } from './fields.ts'

test('postcodes are checked with the postcode package and stored in normal form', () => {
  assert.equal(normalisePostcode('sw1a2aa'), 'SW1A 2AA')
  assert.equal(normalisePostcode('  ts1 1aa '), 'TS1 1AA')
  assert.equal(normalisePostcode('EC1A 1BB'), 'EC1A 1BB')
  assert.equal(normalisePostcode('not a postcode'), undefined)
  assert.equal(normalisePostcode('SW1A'), undefined)
})

test('websites must be http or https, with a real-looking host', () => {
  assert.equal(normaliseWebsite('https://www.example.org.uk'), 'https://www.example.org.uk/')
  assert.equal(normaliseWebsite('http://example.com/about'), 'http://example.com/about')
  assert.equal(normaliseWebsite('www.example.org.uk'), 'https://www.example.org.uk/')
  assert.equal(normaliseWebsite('javascript:alert(1)'), undefined)
  assert.equal(normaliseWebsite('ftp://example.com'), undefined)
  assert.equal(normaliseWebsite('https://localhost'), undefined)
  assert.equal(normaliseWebsite('https://user:pw@example.com'), undefined)
  assert.equal(normaliseWebsite('not a website'), undefined)
})
