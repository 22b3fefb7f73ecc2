/**
 * An OCDS package confirmed on the import page runs as a job (ADR 0058), on the real database: the confirmation
 * answers at once with a progress page and writes nothing; the job imports the package as the page used to, and the
 * progress page then shows the import's summary; a package that fails writes nothing and says why; only the
 * council's own officers who import see the page. Jobs run here by calling "run due jobs", as the server's worker would.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { and, eq, inArray } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { runDueJobs } from '../../platform/jobs/queue.ts'
import { jobs } from '../../platform/jobs/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { registerImportHandler } from './import-job.ts'
import { opportunities, registerImportRuns, registerImportUploads } from './schema.ts'
import { findContractByReference } from './service.ts'

const fixture = fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/ocds/find-a-tender-release-package.json'))

let t: TestApp
let finance: TestClient
let demoId = ''
before(async () => {
  t = await createTestApp()
  finance = await t.signedIn('finance@demo.catalyst.test')
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

const runJobs = () => runDueJobs(t.db.db, new Map([registerImportHandler()]), { clock: () => new Date() })

/** Uploads an OCDS file on the import page and returns the preview's upload token. */
async function upload(client: TestClient, name: string, bytes: Buffer): Promise<string> {
  await client.get('/contracts/import')
  const boundary = '----catalyst-test'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nocds\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/json\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const uploaded = await client.request({ method: 'POST', url: `/contracts/import?_csrf=${encodeURIComponent(client.csrfToken)}`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })
  assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 300))
  return new URL(String(uploaded.headers.location), 'http://x').searchParams.get('token')!
}

test('an OCDS package confirmed on the page is imported by a job, and its progress page then shows the summary', async () => {
  const token = await upload(finance, 'fts-january.json', fixture)
  const preview = pageText((await finance.get(`/contracts/import/preview?token=${token}`)).body)
  assert.match(preview, /Nothing has been saved yet/)
  assert.match(preview, /Created 2 Updated 0 Unchanged 0/)

  const confirmed = await finance.post('/contracts/import/confirm', { token })
  assert.equal(confirmed.statusCode, 303, pageText(confirmed.body).slice(0, 500))
  const progressUrl = String(confirmed.headers.location)
  assert.match(progressUrl, /^\/contracts\/import\/progress\/[0-9a-f-]{36}$/)
  // Confirming twice (a double click) leads to the same run, and enqueues no second job.
  assert.equal(String((await finance.post('/contracts/import/confirm', { token })).headers.location), progressUrl)

  const waiting = pageText((await finance.get(progressUrl)).body)
  assert.match(waiting, /Importing the file/)
  assert.match(waiting, /Status Waiting to start/)
  assert.match(waiting, /fts-january\.json/)
  assert.match(waiting, /Check the progress again/)
  assert.equal(await findContractByReference(t.db.db, demoId, 'DBC-TEN-101'), undefined, 'nothing is written before the job runs')
  assert.match(pageText((await finance.get('/contracts/import')).body), /fts-january\.json : Waiting to start/, 'the import page lists the run')

  assert.deepEqual(await runJobs(), { done: 1, retried: 0, dead: 0 })
  const done = pageText((await finance.get(progressUrl)).body)
  assert.match(done, /Import complete/)
  assert.match(done, /Status Imported/)
  assert.match(done, /Created 2 Updated 0 Unchanged 0 Skipped 1 New providers 1/)
  assert.match(done, /Opportunities not yet awarded 1 new/)
  assert.match(done, /Read as release package, 4 contracting processes/)
  assert.match(done, /release 5: ocds-h6vhtk-05g7h8: the contract period has an impossible date/, 'the skipped process is reported with its reason')
  assert.match(done, /File size 5 KB/)
  assert.ok(await findContractByReference(t.db.db, demoId, 'DBC-TEN-101'), 'the job imported the awarded contract')
  const pipeline = await t.db.db.select().from(opportunities).where(and(eq(opportunities.councilId, demoId), eq(opportunities.ocid, 'ocds-h6vhtk-05e5f6')))
  assert.equal(pipeline.length, 1, 'the tender notice is kept in the pipeline')
  assert.equal((await t.db.db.select().from(registerImportUploads).where(eq(registerImportUploads.token, token))).length, 0, 'the upload is removed once imported')
  assert.equal((await finance.get(`/contracts/import/preview?token=${token}`)).headers.location, '/contracts/import')

  // The same package again, through the same job: nothing changes.
  const again = await finance.post('/contracts/import/confirm', { token: await upload(finance, 'fts-january.json', fixture) })
  await runJobs()
  assert.match(pageText((await finance.get(String(again.headers.location))).body), /Created 0 Updated 0 Unchanged 2/)

  // Another council's officer, and a reader of this council, do not see the run.
  const other = await t.signedIn('admin@other.catalyst.test')
  assert.equal((await other.get(progressUrl)).statusCode, 404, 'another council’s user gets 404')
  assert.equal((await finance.get('/contracts/import/progress/not-a-run')).statusCode, 404)
  assert.equal((await finance.get('/contracts/import/progress/00000000-0000-4000-8000-000000000000')).statusCode, 404)
})

test('a package that cannot be imported when its job runs fails with the reason, and writes nothing', async () => {
  const token = await upload(finance, 'broken.json', fixture)
  const confirmed = await finance.post('/contracts/import/confirm', { token })
  const progressUrl = String(confirmed.headers.location)
  // The upload is spoilt before the job reads it: the package is no longer JSON.
  await t.db.db.update(registerImportUploads).set({ content: Buffer.from('{"releases": [').toString('base64') }).where(eq(registerImportUploads.token, token))
  assert.deepEqual(await runJobs(), { done: 1, retried: 0, dead: 0 })
  const failed = pageText((await finance.get(progressUrl)).body)
  assert.match(failed, /The file was not imported/)
  assert.match(failed, /Status Not imported/)
  assert.match(failed, /the file is not valid JSON/)
  assert.match(failed, /Nothing from this file was saved/)
  const [run] = await t.db.db.select().from(registerImportRuns).where(eq(registerImportRuns.uploadToken, token))
  assert.equal(run?.state, 'failed')
  assert.equal((await t.db.db.select().from(registerImportUploads).where(eq(registerImportUploads.token, token))).length, 1, 'a refused file keeps its upload, as on the page before')

  // An upload gone before the job runs (removed after a day): the run fails and says so.
  const second = await upload(finance, 'gone.json', fixture)
  const secondUrl = String((await finance.post('/contracts/import/confirm', { token: second })).headers.location)
  await t.db.db.delete(registerImportUploads).where(eq(registerImportUploads.token, second))
  await runJobs()
  assert.match(pageText((await finance.get(secondUrl)).body), /The uploaded file was no longer kept: upload it again/)
  const dead = await t.db.db.select().from(jobs).where(and(eq(jobs.name, 'contracts.import'), eq(jobs.status, 'dead')))
  assert.equal(dead.length, 0, 'a refusal is an answer for the officer, not a failed job')
})

test('clearing day-old uploads keeps one whose run has still to read it', async () => {
  const waiting = await upload(finance, 'waiting.json', fixture)
  const progressUrl = String((await finance.post('/contracts/import/confirm', { token: waiting })).headers.location)
  const abandoned = await upload(finance, 'abandoned.json', fixture)
  await t.db.db.update(registerImportUploads).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(inArray(registerImportUploads.token, [waiting, abandoned]))
  await upload(finance, 'next.json', fixture) // each upload clears those over a day old
  const kept = (await t.db.db.select({ token: registerImportUploads.token }).from(registerImportUploads).where(inArray(registerImportUploads.token, [waiting, abandoned]))).map((r) => r.token)
  assert.deepEqual(kept, [waiting], 'the upload a run waits for is kept; the one never confirmed is cleared')
  await runJobs()
  assert.match(pageText((await finance.get(progressUrl)).body), /Import complete/)
})
