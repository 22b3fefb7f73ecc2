/** `catalyst outbox` run for real: after the demo it lists nothing; messages stored by the app appear newest first. */
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { outboxMessages } from '../platform/notify/schema.ts'
import { catalyst, DEMO_PASSWORD, target, type Target } from '../../test/support/cli.ts'

describe('catalyst outbox', () => {
  let t: Target
  before(async () => {
    t = await target({ demo: true })
  })

  test('lists recent messages, filters by address, and prints one JSON object', async () => {
    const empty = await catalyst(t, ['outbox'])
    assert.equal(empty.stdout.trim(), 'The outbox is empty.')
    await t.withDb((db) =>
      db.insert(outboxMessages).values([
        { to: 'a@example.com', subject: 'Confirm your story', body: 'Open http://localhost/stories/confirm/abc', createdAt: new Date('2026-01-01T10:00:00Z') },
        { to: 'b@example.com', subject: 'Confirm your vote', body: 'Open http://localhost/priorities/confirm/def', createdAt: new Date('2026-01-01T11:00:00Z') },
      ]),
    )
    const listed = await catalyst(t, ['outbox'])
    assert.equal(listed.status, 0, listed.stderr)
    assert.ok(listed.stdout.indexOf('Confirm your vote') < listed.stdout.indexOf('Confirm your story'), 'newest first')
    const json = await catalyst(t, ['outbox', '--to', 'A@example.com', '--json'])
    assert.equal(json.json.ok, true)
    assert.equal(json.json.messages.length, 1)
    assert.equal(json.json.messages[0].body, 'Open http://localhost/stories/confirm/abc')
    const bad = await catalyst(t, ['outbox', '--limit', 'lots'])
    assert.equal(bad.status, 1)
    assert.match(bad.stderr, /--limit must be a whole number/)
  })
})
