/**
 * A spend import confirmed on a page runs as a job (ADR 0052), so the request answers at once and the officer
 * watches a progress page. The confirmation records a run and enqueues its job in one transaction; the job reads
 * the upload (kept in the database until the run ends, so any server process can run it), imports it in one
 * transaction as the command line does, and records what it is doing as it goes: queued, reading, writing, then
 * done (with the import) or failed (with a message, and nothing written).
 */
import { randomUUID } from 'node:crypto'
import { and, desc, eq, gte, inArray, or } from 'drizzle-orm'
import pg from 'pg'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Database, Executor } from '../../platform/db/database.ts'
import { enqueue, PermanentJobError, type JobHandler } from '../../platform/jobs/queue.ts'
import type { MappingChoices } from './reader/layout.ts'
import { checksumOf, findImportByChecksum, importSpend, openForCouncil, type ImportProgress } from './import.ts'
import { unmappedReason } from './reader/file.ts'
import { spendImportRuns, spendUploads, type SpendImportRunState } from './schema.ts'

export const SPEND_IMPORT_JOB = 'spend.import'

/** Progress is written at most this often: often enough for a page refreshed by hand, rare enough to cost nothing. */
export const PROGRESS_INTERVAL_MS = 1_000

export type SpendImportRun = typeof spendImportRuns.$inferSelect

interface RunPayload {
  runId: string
  councilId: string
  chosen: MappingChoices
  actor: Actor
}

/** Records a run for an upload and enqueues its job, in the caller's transaction; returns the run's id. */
export async function enqueueSpendImport(
  tx: Executor,
  input: { councilId: string; upload: { token: string; fileName: string; size: number }; chosen: MappingChoices; actor: Actor; now: Date },
): Promise<string> {
  const runId = randomUUID()
  const added = await tx.insert(spendImportRuns).values({
    id: runId,
    councilId: input.councilId,
    uploadToken: input.upload.token,
    fileName: input.upload.fileName,
    fileBytes: input.upload.size,
    state: 'queued',
    startedBy: input.actor.label,
    createdAt: input.now,
    updatedAt: input.now,
  }).onConflictDoNothing({ target: spendImportRuns.uploadToken }).returning({ id: spendImportRuns.id })
  if (added.length === 0) {
    // Confirmed twice: the first confirmation's run is the one to watch.
    const [existing] = await tx.select({ id: spendImportRuns.id }).from(spendImportRuns).where(eq(spendImportRuns.uploadToken, input.upload.token))
    return existing!.id
  }
  const payload: RunPayload = { runId, councilId: input.councilId, chosen: input.chosen, actor: input.actor }
  // One attempt: an import that failed failed for a reason the officer must see (trying again later would only
  // repeat it), and its transaction wrote nothing, so the officer can simply upload again.
  await enqueue(tx, { name: SPEND_IMPORT_JOB, key: `spend-import:${runId}`, councilId: input.councilId, payload: payload as unknown as Record<string, unknown>, maxAttempts: 1 }, input.now)
  return runId
}

/**
 * Why the import would be refused, checked when it is confirmed so the officer is told on the page at once: the file
 * cannot be read or mapped with these choices, or was imported before. The job checks again (importSpend), since
 * another import may land in between.
 */
export async function refusalOf(db: Executor, councilId: string, fileName: string, bytes: Uint8Array, chosen: MappingChoices): Promise<string | undefined> {
  const earlier = await findImportByChecksum(db, councilId, checksumOf(bytes))
  if (earlier) return `this file was imported before, as ${earlier.fileName} on ${earlier.createdAt.toISOString().slice(0, 10)}; undo that import first to import it again`
  const opened = await openForCouncil(db, councilId, fileName, bytes, chosen)
  if (!opened.ok) return opened.reason
  for (const part of opened.parts) {
    const unmapped = unmappedReason(part)
    if (unmapped) return `${opened.parts.length > 1 ? `${part.name}: ` : ''}${unmapped}`
  }
  return undefined
}

/** A council's runs still to finish, and those that failed in the last day, newest first: for the imports page. */
export function openRuns(db: Executor, councilId: string, now: Date): Promise<SpendImportRun[]> {
  return db
    .select()
    .from(spendImportRuns)
    .where(and(
      eq(spendImportRuns.councilId, councilId),
      or(inArray(spendImportRuns.state, ['queued', 'reading', 'writing']), and(eq(spendImportRuns.state, 'failed'), gte(spendImportRuns.updatedAt, new Date(now.getTime() - 24 * 3600_000)))),
    ))
    .orderBy(desc(spendImportRuns.createdAt))
    .limit(20)
}

/** A council's run, or none (another council's run is none too). */
export async function findRun(db: Executor, councilId: string, id: string): Promise<SpendImportRun | undefined> {
  const [row] = await db.select().from(spendImportRuns).where(and(eq(spendImportRuns.councilId, councilId), eq(spendImportRuns.id, id)))
  return row
}

/**
 * Whether the database can take a write from outside while the import's transaction is open. A PostgreSQL pool
 * can (another connection). The embedded database has one connection, which the transaction holds: a write awaited
 * inside it would wait for itself, so there progress is recorded only between the steps outside the transaction.
 */
function writesBesideTransactions(db: Database): boolean {
  return (db as unknown as { session?: { client?: unknown } }).session?.client instanceof pg.Pool
}

async function setRun(db: Executor, id: string, values: Partial<Pick<SpendImportRun, 'state' | 'rowsRead' | 'importId' | 'error'>>, now: Date) {
  await db.update(spendImportRuns).set({ ...values, updatedAt: now }).where(eq(spendImportRuns.id, id))
}

/** The job: reads the run's upload and imports it, recording progress; the upload is removed when it ends. */
export function spendImportHandler(clock: Clock = () => new Date(), progressIntervalMs = PROGRESS_INTERVAL_MS): [string, JobHandler] {
  return [
    SPEND_IMPORT_JOB,
    async (payload, context) => {
      const { runId, councilId, chosen, actor } = payload as unknown as RunPayload
      const db = context.db
      const [run] = await db.select().from(spendImportRuns).where(eq(spendImportRuns.id, runId))
      if (!run) throw new PermanentJobError(`spend import run ${runId} does not exist`)
      if (run.state === 'done' || run.state === 'failed') return
      const [upload] = await db.select().from(spendUploads).where(and(eq(spendUploads.councilId, councilId), eq(spendUploads.token, run.uploadToken)))
      if (!upload) {
        await setRun(db, runId, { state: 'failed', error: 'The uploaded file was no longer kept: upload it again' }, clock())
        return
      }
      await setRun(db, runId, { state: 'reading', rowsRead: 0 }, clock())
      const live = writesBesideTransactions(db)
      let lastWrite = Date.now()
      const onProgress = async (progress: ImportProgress) => {
        if (!live) return
        const now = Date.now()
        if (progress.state === 'reading' && now - lastWrite < progressIntervalMs) return
        lastWrite = now
        await setRun(db, runId, { state: progress.state, rowsRead: progress.rowsRead }, clock())
      }
      try {
        const outcome = await importSpend(db, {
          councilId,
          fileName: upload.fileName,
          bytes: Buffer.from(upload.bytes),
          chosen,
          actor,
          now: context.now,
          onProgress,
        })
        if (outcome.outcome === 'refused') {
          await setRun(db, runId, { state: 'failed', error: `The file was not imported: ${outcome.reason}` }, clock())
        } else {
          await setRun(db, runId, { state: 'done', rowsRead: outcome.summary.rowsRead, importId: outcome.summary.importId }, clock())
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        await setRun(db, runId, { state: 'failed', error: `The import stopped and nothing was written: ${reason}` }, clock())
        // The job dies too, so the council's administrators see it among the failed jobs.
        throw new PermanentJobError(reason)
      } finally {
        await db.delete(spendUploads).where(eq(spendUploads.token, run.uploadToken))
      }
    },
  ]
}

export const RUN_STATE_TEXT: Record<SpendImportRunState, string> = {
  queued: 'Waiting to start',
  reading: 'Reading the file',
  writing: 'Saving the payments',
  done: 'Imported',
  failed: 'Not imported',
}
