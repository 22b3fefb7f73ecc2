/**
 * Confirming a spend import on the page enqueues a job (ADR 0052). Tests run no worker: they run the due jobs here,
 * as the server's worker would, then follow the progress page to the import's summary.
 */
import assert from 'node:assert/strict'
import { runDueJobs } from '../../src/platform/jobs/queue.ts'
import { spendImportHandler } from '../../src/modules/spend/import-job.ts'
import type { Database } from '../../src/platform/db/database.ts'
import type { TestClient } from './app.ts'

/** Runs every due spend import job now; `progressIntervalMs` 0 records progress after every piece of rows. */
export function runSpendImportJobs(db: Database, options: { clock?: () => Date; progressIntervalMs?: number } = {}) {
  const clock = options.clock ?? (() => new Date())
  return runDueJobs(db, new Map([spendImportHandler(clock, options.progressIntervalMs)]), { clock })
}

/**
 * Confirms the upload's import with these form fields, runs the job, and answers the progress page's redirect to
 * the summary (its location, like the synchronous import's was).
 */
export async function confirmSpendImport(client: TestClient, db: Database, token: string, fields: Record<string, string> = {}): Promise<string> {
  const confirmed = await client.post('/spend/imports/preview', { upload: token, ...fields, action: 'import' })
  assert.equal(confirmed.statusCode, 303, confirmed.body.slice(0, 800))
  const progress = String(confirmed.headers.location)
  assert.match(progress, /^\/spend\/imports\/progress\/[0-9a-f-]{36}$/)
  await runSpendImportJobs(db)
  const finished = await client.get(progress)
  assert.equal(finished.statusCode, 303, `the import finished: ${finished.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 800)}`)
  return String(finished.headers.location)
}
