/**
 * A spend import confirmed on the page runs as a job (ADR 0052), on the real database: the confirmation answers at
 * once with a progress page; the job imports the file and the page then leads to the summary; a file that fails
 * part-way writes nothing and says why; only the council's own importers see the page. Jobs are run here by calling
 * "run due jobs", as the server's worker would.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { testDatabaseKind } from '../../../test/support/database.ts'
import { runSpendImportJobs } from '../../../test/support/spend-import-jobs.ts'
import { queryRows } from '../../platform/db/database.ts'
import { runDueJobs } from '../../platform/jobs/queue.ts'
import { jobs } from '../../platform/jobs/schema.ts'
import { findCouncil } from '../councils/service.ts'
import { spendImportHandler } from './import-job.ts'
import { spendImportRuns, spendImports, spendUploads } from './schema.ts'

function multipart(file: { name: string; bytes: Buffer }) {
  const boundary = '----catalyst-test-boundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Uploads a file and returns its upload token (the preview's). */
async function upload(client: TestClient, name: string, bytes: Buffer): Promise<string> {
  await client.get('/spend/imports/new')
  const body = multipart({ name, bytes })
  const uploaded = await client.request({ method: 'POST', url: `/spend/imports?_csrf=${encodeURIComponent(client.csrfToken)}`, payload: body.payload, headers: { 'content-type': body.contentType } })
  assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 500))
  return new URL(String(uploaded.headers.location), 'http://x').searchParams.get('upload')!
}

async function confirm(client: TestClient, token: string): Promise<string> {
  const confirmed = await client.post('/spend/imports/preview', { upload: token, action: 'import' })
  assert.equal(confirmed.statusCode, 303, pageText(confirmed.body).slice(0, 800))
  return String(confirmed.headers.location)
}

/** Supplier names that no name rule folds together: AAAA, AAAB, ... */
const letters = (n: number) => Array.from({ length: 5 }, (_, i) => String.fromCharCode(65 + (Math.floor(n / 26 ** i) % 26))).join('')

/** A file of `rows` payments in August 2015 (a month the demo spend does not touch). */
function spendFile(rows: number, payee: (i: number) => string): Buffer {
  const lines = ['Payment Date,Supplier Name,Amount,Directorate']
  for (let i = 0; i < rows; i++) lines.push(`${String((i % 28) + 1).padStart(2, '0')}/08/2015,${payee(i)},${(i % 900) + 100}.25,Adult Social Care`)
  return Buffer.from(lines.join('\n'))
}

const countPayments = async (councilId: string) =>
  (await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from spend_payments where council_id = ${councilId}`))[0]!.n
const countPayees = async (councilId: string) =>
  (await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from spend_payees where council_id = ${councilId}`))[0]!.n

let t: TestApp
let finance: TestClient
let demoId = ''
before(async () => {
  t = await createTestApp()
  finance = await t.signedIn('finance@demo.catalyst.test')
  demoId = (await findCouncil(t.db.db, 'DEMO'))!.id
})
after(async () => t.close())

describe('a spend import run as a job', () => {
  test('confirming answers at once with a progress page; the job imports the file; the page then leads to the summary', async () => {
    const file = spendFile(40_000, (i) => `Supplier ${letters(i % 40)}`)
    const token = await upload(finance, 'august-2015.csv', file)
    const paymentsBefore = await countPayments(demoId)
    const progressUrl = await confirm(finance, token)
    assert.match(progressUrl, /^\/spend\/imports\/progress\/[0-9a-f-]{36}$/)
    assert.equal(await countPayments(demoId), paymentsBefore, 'nothing is imported by the request itself')

    const queued = await finance.get(progressUrl)
    assert.equal(queued.statusCode, 200)
    const page = pageText(queued.body)
    assert.match(page, /Importing the file/)
    assert.match(page, /Status Waiting to start/)
    assert.match(page, /Rows read 0 so far/)
    assert.match(page, new RegExp(`File size ${(file.length / 1024 / 1024).toFixed(1)} MB`))
    assert.match(queued.body, new RegExp(`<a class="govuk-link" href="${progressUrl}">Check the progress again</a>`), 'a link refreshes it without JavaScript')
    assert.doesNotMatch(queued.body, /http-equiv="refresh"/i, 'the page never reloads by itself')
    const list = await finance.get('/spend/imports')
    assert.match(list.body, new RegExp(`<a class="govuk-link" href="${progressUrl}">august-2015.csv</a>: Waiting to start`), 'the imports page links to the run')

    // Confirming again (a double click) leads to the same run, not a second import.
    assert.equal(await confirm(finance, token), progressUrl)

    // Watch the page while the job runs, as an officer refreshing it would. On PostgreSQL the progress is written
    // beside the import's transaction, so the rows read so far show; the embedded database's one connection is the
    // import's until it commits, so there the page answers when the import has finished.
    const seen: string[] = []
    let running = true
    const job = runSpendImportJobs(t.db.db, { progressIntervalMs: 0 }).finally(() => (running = false))
    const watching = (async () => {
      while (running) {
        const response = await finance.get(progressUrl)
        seen.push(response.statusCode === 303 ? 'summary' : (pageText(response.body).match(/Status (Waiting to start|Reading the file|Saving the payments) Rows read ([\d,]+)/)?.slice(1).join(' ') ?? 'unknown'))
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    })()
    assert.deepEqual(await job, { done: 1, retried: 0, dead: 0 })
    await watching
    if (testDatabaseKind() === 'postgres') {
      assert.ok(seen.some((s) => /^Reading the file [1-9]/.test(s)), `rows read so far were seen while the job ran: ${seen.join('; ')}`)
    }
    assert.ok(!seen.includes('unknown'), seen.join('; '))

    const finished = await finance.get(progressUrl)
    assert.equal(finished.statusCode, 303)
    const summaryUrl = String(finished.headers.location)
    assert.match(summaryUrl, /^\/spend\/imports\/[0-9a-f-]{36}\?imported=1$/)
    const summary = pageText((await finance.get(summaryUrl)).body)
    assert.match(summary, /File imported: 40,000 payments/)
    assert.match(summary, /Rows read 40,000/)
    assert.equal(await countPayments(demoId), paymentsBefore + 40_000)
    const [run] = await t.db.db.select().from(spendImportRuns).where(eq(spendImportRuns.uploadToken, token))
    assert.equal(run!.state, 'done')
    assert.equal(run!.rowsRead, 40_000)
    assert.equal((await t.db.db.select().from(spendUploads).where(eq(spendUploads.token, token))).length, 0, 'the upload is removed when the job ends')
  })

  test('only the council’s own importers see the progress page', async () => {
    const token = await upload(finance, 'tenancy-2015.csv', spendFile(3, (i) => `Tenancy ${letters(i)}`))
    const progressUrl = await confirm(finance, token)
    const other = await t.signedIn('admin@other.catalyst.test')
    assert.equal((await other.get(progressUrl)).statusCode, 404, 'another council’s user gets 404')
    const councillor = await t.signedIn('councillor@demo.catalyst.test')
    assert.equal((await councillor.get(progressUrl)).statusCode, 403, 'a user without the import permission is refused')
    assert.equal((await t.client().get(progressUrl)).statusCode, 303, 'a visitor is sent to sign in')
    assert.equal((await finance.get('/spend/imports/progress/not-a-run')).statusCode, 404)
    assert.equal((await finance.get('/spend/imports/progress/00000000-0000-4000-8000-000000000000')).statusCode, 404)
    await runSpendImportJobs(t.db.db)
    assert.equal((await other.get(progressUrl)).statusCode, 404, 'nor once it has finished')
  })

  test('a file that fails part-way writes nothing: the page says why, and the job is shown to administrators', async () => {
    // 100,000 payees in one file is more than an import takes: it fails after every row has been read and copied.
    const token = await upload(finance, 'too-many-payees.csv', spendFile(100_000, (i) => `Payee ${letters(i)}`))
    const progressUrl = await confirm(finance, token)
    const [paymentsBefore, payeesBefore, importsBefore] = [await countPayments(demoId), await countPayees(demoId), (await t.db.db.select().from(spendImports)).length]
    assert.deepEqual(await runSpendImportJobs(t.db.db), { done: 0, retried: 0, dead: 1 })
    assert.equal(await countPayments(demoId), paymentsBefore, 'no payment was written')
    assert.equal(await countPayees(demoId), payeesBefore, 'no payee was written')
    assert.equal((await t.db.db.select().from(spendImports)).length, importsBefore, 'no import was recorded')

    const failed = await finance.get(progressUrl)
    assert.equal(failed.statusCode, 200)
    const page = pageText(failed.body)
    assert.match(page, /The file was not imported/)
    assert.match(page, /The import stopped and nothing was written: more than 99,999 distinct payees/)
    assert.match(page, /Status Not imported/)
    assert.doesNotMatch(page, /Check the progress again/)
    assert.match(pageText((await finance.get('/spend/imports')).body), /too-many-payees\.csv : Not imported/, 'the imports page lists the failed run for a day')

    const admin = await t.signedIn('admin@demo.catalyst.test')
    assert.match(pageText((await admin.get('/settings/jobs')).body), /more than 99,999 distinct payees/)
    const [job] = await t.db.db.select().from(jobs).where(and(eq(jobs.name, 'spend.import'), eq(jobs.status, 'dead')))
    assert.equal(job!.attempts, 1, 'a failed import is not tried again by itself')
  })

  test('a file imported by another run before its own job ran is refused by the job with the reason', async () => {
    const file = spendFile(5, (i) => `Twice ${letters(i)}`)
    const first = await upload(finance, 'first.csv', file)
    const second = await upload(finance, 'second.csv', file)
    const firstUrl = await confirm(finance, first)
    const secondUrl = await confirm(finance, second)
    assert.deepEqual(await runDueJobs(t.db.db, new Map([spendImportHandler()]), { clock: () => new Date() }), { done: 2, retried: 0, dead: 0 })
    assert.equal((await finance.get(firstUrl)).statusCode, 303)
    const refused = pageText((await finance.get(secondUrl)).body)
    assert.match(refused, /The file was not imported: this file was imported before, as first\.csv/)
    // Once imported, the same file is refused on the page at once, before any job.
    const third = await upload(finance, 'third.csv', file)
    const again = await finance.post('/spend/imports/preview', { upload: third, action: 'import' })
    assert.equal(again.statusCode, 400)
    assert.match(pageText(again.body), /this file was imported before, as first\.csv/)
  })
})
