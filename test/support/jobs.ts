/** Runs a test's job queue to the end, as the server's worker would, with no job allowed to die. */
import assert from 'node:assert/strict'
import type { Clock } from '../../src/platform/clock.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { runDueJobs, type JobHandlers } from '../../src/platform/jobs/queue.ts'

/** Every due job (sweeps, the jobs they enqueue, the emails those send) until none is left. */
export async function runAllJobs(db: Database, handlers: JobHandlers, clock: Clock): Promise<void> {
  for (;;) {
    const result = await runDueJobs(db, handlers, { clock, limit: 500 })
    assert.equal(result.dead, 0, 'no job died')
    if (result.done + result.retried === 0) return
  }
}
