import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { users } from '../platform/auth/schema.ts'
import { hashPassword } from '../platform/auth/passwords.ts'
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { DEMO_USERS, loadDemo } from './seed.ts'
import { demoSignInsStillSet } from './sign-ins.ts'

const PASSWORD = 'correct-horse-battery'
let db: TestDatabase
before(async () => {
  db = await createTestDatabase()
  await loadDemo(db.db, { password: PASSWORD, now: new Date() })
})
after(async () => {
  await db.close()
})

describe('demo sign-ins printed at start', () => {
  it('lists every demo user while their password is still the demo password', async () => {
    const signIns = await demoSignInsStillSet(db.db, PASSWORD)
    assert.deepEqual(signIns.map((s) => s.email), DEMO_USERS.map((u) => u.email))
    assert.ok(signIns.every((s) => s.password === PASSWORD))
  })

  it('leaves out a user who changed their password, and never prints the new one', async () => {
    const changed = 'finance@demo.catalyst.test'
    await db.db.update(users).set({ passwordHash: await hashPassword('a-password-someone-chose') }).where(eq(users.email, changed))
    const signIns = await demoSignInsStillSet(db.db, PASSWORD)
    assert.equal(signIns.length, DEMO_USERS.length - 1)
    assert.ok(!signIns.some((s) => s.email === changed))
    assert.ok(!JSON.stringify(signIns).includes('a-password-someone-chose'))
  })

  it('prints nothing when no demo password is set (generated passwords are shown once, at loading)', async () => {
    assert.deepEqual(await demoSignInsStillSet(db.db, undefined), [])
  })

  it('prints nothing for a demo password that is not the one the users have', async () => {
    assert.deepEqual(await demoSignInsStillSet(db.db, 'some-other-password'), [])
  })
})
