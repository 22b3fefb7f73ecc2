import assert from 'node:assert/strict'
import { test } from 'node:test'
import { digestWindow, listedWithin, matches } from './rules.ts'

test('a weekly digest goes on Mondays and covers the seven days before; a daily one every day', () => {
  // 18 January 2027 is a Monday.
  assert.deepEqual(digestWindow('weekly', null, '2027-01-18'), { from: '2027-01-11', to: '2027-01-18' })
  assert.equal(digestWindow('weekly', null, '2027-01-19'), null)
  assert.deepEqual(digestWindow('weekly', '2027-01-11', '2027-01-18'), { from: '2027-01-11', to: '2027-01-18' })
  assert.deepEqual(digestWindow('daily', null, '2027-01-19'), { from: '2027-01-18', to: '2027-01-19' })
  assert.deepEqual(digestWindow('daily', '2027-01-15', '2027-01-19'), { from: '2027-01-15', to: '2027-01-19' }, 'days missed are covered')
  assert.equal(digestWindow('never', null, '2027-01-18'), null)
})

test('a digest already sent today is not due again', () => {
  assert.equal(digestWindow('daily', '2027-01-19', '2027-01-19'), null)
  assert.equal(digestWindow('weekly', '2027-01-18', '2027-01-18'), null)
})

test('each day falls in exactly one window: the day of the digest goes in the next', () => {
  const w = { from: '2027-01-18', to: '2027-01-19' }
  assert.equal(listedWithin('2027-01-17', w), false)
  assert.equal(listedWithin('2027-01-18', w), true)
  assert.equal(listedWithin('2027-01-19', w), false)
})

test('an opportunity matches the services and areas chosen; one without a service or ward reaches everyone', () => {
  const choice = { services: ['adult-social-care'], wholeCouncil: false, wardIds: ['w1'] }
  assert.equal(matches({ serviceCategory: 'adult-social-care', wardIds: ['w1', 'w2'] }, choice), true)
  assert.equal(matches({ serviceCategory: 'adult-social-care', wardIds: ['w2'] }, choice), false)
  assert.equal(matches({ serviceCategory: 'libraries', wardIds: [] }, choice), false)
  assert.equal(matches({ serviceCategory: null, wardIds: [] }, choice), true)
  assert.equal(matches({ serviceCategory: 'adult-social-care', wardIds: [] }, choice), true)
  assert.equal(matches({ serviceCategory: 'adult-social-care', wardIds: ['w9'] }, { ...choice, wholeCouncil: true }), true)
})
