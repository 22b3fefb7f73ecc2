import assert from 'node:assert/strict'
import { test } from 'node:test'
import { combinedScore, formFor, grantRoundSettings, ineligibleReasons, londonInstant, sizeBand, submitWindow, weightedScore } from './rules.ts'

const settings = grantRoundSettings.schema.parse({})

test('submission is open from the opening instant to the closing instant, and closed a second after', () => {
  const round = { opensAt: new Date('2027-01-04T09:00:00Z'), closesAt: new Date('2027-03-31T11:00:00Z') }
  assert.equal(submitWindow(round, new Date('2027-01-04T08:59:59Z')), 'not-open')
  assert.equal(submitWindow(round, new Date('2027-03-31T11:00:00Z')), 'open')
  assert.equal(submitWindow(round, new Date('2027-03-31T11:00:01Z')), 'closed')
})

test('a London noon deadline is 12:00 GMT in winter and 11:00 UTC in summer time', () => {
  assert.equal(londonInstant('2027-01-15', 12, 0).toISOString(), '2027-01-15T12:00:00.000Z')
  assert.equal(londonInstant('2027-06-30', 12, 0).toISOString(), '2027-06-30T11:00:00.000Z')
  assert.equal(londonInstant('2027-03-28', 23, 59).toISOString(), '2027-03-28T22:59:00.000Z')
})

test('the short form is for requests up to the band, the full form above it', () => {
  assert.equal(formFor(1_000_000, settings.shortFormUpToPence), 'short')
  assert.equal(formFor(1_000_001, settings.shortFormUpToPence), 'full')
})

test('weighted scores are out of 100, each criterion counting by its weight', () => {
  const criteria = [{ id: 'a', weight: 3 }, { id: 'b', weight: 1 }]
  assert.equal(weightedScore(criteria, { a: 5, b: 5 }), 100)
  assert.equal(weightedScore(criteria, { a: 5, b: 0 }), 75)
  assert.equal(weightedScore(criteria, { a: 2, b: 4 }), 50)
})

test('two scores within the gap are averaged; further apart they need moderating; a moderated score stands', () => {
  assert.deepEqual(combinedScore([70], null, 20), { state: 'awaiting', scored: 1 })
  assert.deepEqual(combinedScore([70, 80], null, 20), { state: 'agreed', score: 75, moderated: false })
  assert.deepEqual(combinedScore([50, 80], null, 20), { state: 'needs-moderation', gap: 30 })
  assert.deepEqual(combinedScore([50, 80], 65, 20), { state: 'agreed', score: 65, moderated: true })
})

test('size bands follow the council’s income lines, and eligibility says why not', () => {
  assert.equal(sizeBand(999_999, settings), 'micro')
  assert.equal(sizeBand(1_000_000, settings), 'small')
  assert.equal(sizeBand(150_000_000, settings), 'large')
  assert.equal(sizeBand(null, settings), 'unknown')
  const reasons = ineligibleReasons({ vcseOnly: true, localOnly: true, maxIncomePence: 100 }, { isVcse: false, isLocal: false, annualIncomePence: 200 })
  assert.equal(reasons.length, 3)
  assert.deepEqual(ineligibleReasons({ vcseOnly: true, localOnly: false, maxIncomePence: null }, { isVcse: true, isLocal: false, annualIncomePence: null }), [])
})
