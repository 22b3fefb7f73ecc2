/**
 * The job queue on the real database: the key makes enqueueing idempotent, failures back off exponentially, a job
 * that always fails ends dead and is shown to its council's administrators, who can put it back with the retry
 * button. The clock is fixed and moved by hand; jobs are run by calling "run due jobs once".
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp } from '../../../test/support/app.ts'
import { auditEntries } from '../audit/schema.ts'
import { findCouncil } from '../../modules/councils/service.ts'
import { backoffMs, enqueue, runDueJobs, type JobHandler } from './queue.ts'
import { jobs } from './schema.ts'

let now = new Date('2026-03-02T10:00:00Z')
const clock = () => new Date(now)
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms)
}

let t: TestApp
let demoCouncilId = ''
before(async () => {
  t = await createTestApp({ clock })
  demoCouncilId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

describe('job queue', () => {
  test('a job key stops the same job being queued or run twice', async () => {
    const runs: unknown[] = []
    const handlers = new Map<string, JobHandler>([['test.count', async (payload) => void runs.push(payload.n)]])
    assert.equal(await enqueue(t.db.db, { name: 'test.count', key: 'count:1', payload: { n: 1 } }, now), true)
    assert.equal(await enqueue(t.db.db, { name: 'test.count', key: 'count:1', payload: { n: 2 } }, now), false, 'the second enqueue is ignored')
    assert.deepEqual(await runDueJobs(t.db.db, handlers, { clock }), { done: 1, retried: 0, dead: 0 })
    assert.equal(await enqueue(t.db.db, { name: 'test.count', key: 'count:1', payload: { n: 3 } }, now), false, 'a finished job is not queued again')
    assert.deepEqual(await runDueJobs(t.db.db, handlers, { clock }), { done: 0, retried: 0, dead: 0 })
    assert.deepEqual(runs, [1])
    // Enqueueing rolls back with its transaction.
    await assert.rejects(t.db.db.transaction(async (tx) => {
      await enqueue(tx, { name: 'test.count', key: 'count:2', payload: { n: 4 } }, now)
      throw new Error('the action failed')
    }))
    assert.equal((await t.db.db.select().from(jobs).where(eq(jobs.key, 'count:2'))).length, 0)
  })

  test('a job that always fails backs off 30 s, 1 min, then dies; its council’s administrators see it and retry it', async () => {
    let calls = 0
    const handlers = new Map<string, JobHandler>([['email.send', async () => {
      calls++
      throw new Error('SMTP: connect ECONNREFUSED 127.0.0.1:2525')
    }]])
    await enqueue(t.db.db, { name: 'email.send', key: 'email:always-fails', councilId: demoCouncilId, maxAttempts: 3 }, now)
    assert.deepEqual(await runDueJobs(t.db.db, handlers, { clock }), { done: 0, retried: 1, dead: 0 })
    const [afterFirst] = await t.db.db.select().from(jobs).where(eq(jobs.key, 'email:always-fails'))
    assert.equal(afterFirst!.runAt.getTime() - now.getTime(), backoffMs(1))
    assert.equal(backoffMs(1), 30_000)
    advance(30_000)
    assert.deepEqual(await runDueJobs(t.db.db, handlers, { clock }), { done: 0, retried: 1, dead: 0 })
    const [afterSecond] = await t.db.db.select().from(jobs).where(eq(jobs.key, 'email:always-fails'))
    assert.equal(afterSecond!.runAt.getTime() - now.getTime(), 60_000, 'the wait doubles')
    advance(59_000)
    assert.deepEqual(await runDueJobs(t.db.db, handlers, { clock }), { done: 0, retried: 0, dead: 0 }, 'not due yet')
    advance(1_000)
    assert.deepEqual(await runDueJobs(t.db.db, handlers, { clock }), { done: 0, retried: 0, dead: 1 })
    assert.equal(calls, 3)
    const [dead] = await t.db.db.select().from(jobs).where(eq(jobs.key, 'email:always-fails'))
    assert.equal(dead!.status, 'dead')
    assert.equal(dead!.attempts, 3)
    advance(24 * 3600_000)
    assert.deepEqual(await runDueJobs(t.db.db, handlers, { clock }), { done: 0, retried: 0, dead: 0 }, 'a dead job is never run again by itself')

    const admin = await t.signedIn('admin@demo.catalyst.test')
    const hub = await admin.get('/settings')
    assert.match(hub.body, /href="\/settings\/jobs"/)
    const page = await admin.get('/settings/jobs')
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Send an email/)
    assert.match(text, /SMTP: connect ECONNREFUSED 127\.0\.0\.1:2525/)
    assert.match(text, /Attempts 3/)
    assert.match(text, /email:always-fails/)

    const other = await t.signedIn('admin@other.catalyst.test')
    assert.doesNotMatch(pageText((await other.get('/settings/jobs')).body), /always-fails/, 'another council’s administrators do not see it')
    assert.equal((await other.post(`/settings/jobs/${dead!.id}/retry`)).statusCode, 404, 'nor retry it')
    const commissioner = await t.signedIn('commissioner@demo.catalyst.test')
    assert.equal((await commissioner.get('/settings/jobs')).statusCode, 403)

    assert.equal((await admin.post(`/settings/jobs/${dead!.id}/retry`, { _csrf: 'forged' })).statusCode, 403, 'the form token is checked')
    assert.equal((await admin.post('/settings/jobs/not-a-job/retry')).statusCode, 404)
    const retried = await admin.post(`/settings/jobs/${dead!.id}/retry`)
    assert.equal(retried.statusCode, 303)
    assert.equal(retried.headers.location, '/settings/jobs?retried=1')
    const [queued] = await t.db.db.select().from(jobs).where(eq(jobs.id, dead!.id))
    assert.equal(queued!.status, 'queued')
    assert.equal(queued!.attempts, 0)
    const audit = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'job'), eq(auditEntries.entityId, dead!.id)))
    assert.equal(audit.length, 1)
    const after = pageText((await admin.get('/settings/jobs?retried=1')).body)
    assert.match(after, /The job is back in the queue/)
    assert.match(after, /No job has failed on every attempt/)

    // Retried, it runs again and (the server being back) succeeds.
    const fixed = new Map<string, JobHandler>([['email.send', async () => void calls++]])
    assert.deepEqual(await runDueJobs(t.db.db, fixed, { clock }), { done: 1, retried: 0, dead: 0 })
    assert.equal(calls, 4)
  })

  test('a job with no registered handler dies at once with a clear error', async () => {
    await enqueue(t.db.db, { name: 'test.unknown', key: 'unknown:1', councilId: demoCouncilId }, now)
    assert.deepEqual(await runDueJobs(t.db.db, new Map(), { clock }), { done: 0, retried: 0, dead: 1 })
    const [row] = await t.db.db.select().from(jobs).where(eq(jobs.key, 'unknown:1'))
    assert.match(row!.lastError ?? '', /no handler is registered for jobs named "test.unknown"/)
  })

  test('a job whose process died while running it is taken again once its claim is stale', async () => {
    await enqueue(t.db.db, { name: 'test.ok', key: 'stale:1' }, now)
    await t.db.db.update(jobs).set({ status: 'running', lockedAt: now, lockedBy: 'a-process-that-died', attempts: 1 }).where(eq(jobs.key, 'stale:1'))
    const handlers = new Map<string, JobHandler>([['test.ok', async () => {}]])
    advance(60_000)
    assert.deepEqual(await runDueJobs(t.db.db, handlers, { clock }), { done: 0, retried: 0, dead: 0 }, 'a recent claim is left alone')
    advance(15 * 60_000)
    assert.deepEqual(await runDueJobs(t.db.db, handlers, { clock }), { done: 1, retried: 0, dead: 0 })
  })
})
