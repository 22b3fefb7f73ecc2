/**
 * An OCDS package confirmed on the import page runs as a job (ADR 0058), as spend imports do (ADR 0052): the
 * confirmation records a run and enqueues its job in one transaction and answers at once with a progress page. The
 * job reads the upload (kept in the database, so any server process can run it), imports it in one transaction
 * exactly as the page did before (`importFile`: all or nothing), and keeps the import's summary on the run, so the
 * progress page shows, when done, what the confirmation page used to.
 */
import { randomUUID } from 'node:crypto'
import { and, desc, eq, gte, inArray, or } from 'drizzle-orm'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Executor } from '../../platform/db/database.ts'
import { enqueue, PermanentJobError, type JobHandler } from '../../platform/jobs/queue.ts'
import { findCouncilById } from '../councils/service.ts'
import { londonDate } from './dates.ts'
import { importFile, type ImportKind } from './import-file.ts'
import type { ImportSummary } from './ocds/import.ts'
import { registerImportRuns, registerImportUploads, type RegisterImportRunState } from './schema.ts'

export const REGISTER_IMPORT_JOB = 'contracts.import'

/** The kinds of file whose confirmation runs as a job; the others (small registers, edited by hand) stay immediate. */
export const KINDS_RUN_AS_JOBS: ReadonlySet<ImportKind> = new Set(['ocds'])

export type RegisterImportRun = typeof registerImportRuns.$inferSelect

interface RunPayload {
  runId: string
  councilId: string
  actor: Actor
}

/** Records a run for an upload and enqueues its job, in the caller's transaction; returns the run's id. */
export async function enqueueRegisterImport(
  tx: Executor,
  input: { councilId: string; upload: { token: string; kind: string; fileName: string; size: number }; actor: Actor; now: Date },
): Promise<string> {
  const runId = randomUUID()
  const added = await tx
    .insert(registerImportRuns)
    .values({
      id: runId,
      councilId: input.councilId,
      uploadToken: input.upload.token,
      kind: input.upload.kind,
      fileName: input.upload.fileName,
      fileBytes: input.upload.size,
      state: 'queued',
      startedBy: input.actor.label,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing({ target: registerImportRuns.uploadToken })
    .returning({ id: registerImportRuns.id })
  if (added.length === 0) {
    // Confirmed twice: the first confirmation's run is the one to watch.
    const [existing] = await tx.select({ id: registerImportRuns.id }).from(registerImportRuns).where(eq(registerImportRuns.uploadToken, input.upload.token))
    return existing!.id
  }
  const payload: RunPayload = { runId, councilId: input.councilId, actor: input.actor }
  // One attempt: a refused file is refused again, and a failed import wrote nothing, so the officer uploads again.
  await enqueue(tx, { name: REGISTER_IMPORT_JOB, key: `register-import:${runId}`, councilId: input.councilId, payload: payload as unknown as Record<string, unknown>, maxAttempts: 1 }, input.now)
  return runId
}

/** A council's run, or none (another council's run is none too). */
export async function findRegisterImportRun(db: Executor, councilId: string, id: string): Promise<RegisterImportRun | undefined> {
  const [row] = await db.select().from(registerImportRuns).where(and(eq(registerImportRuns.councilId, councilId), eq(registerImportRuns.id, id)))
  return row
}

/** A council's runs still to finish, and those that ended in the last day, newest first: for the import page. */
export function recentRegisterImportRuns(db: Executor, councilId: string, now: Date): Promise<RegisterImportRun[]> {
  return db
    .select()
    .from(registerImportRuns)
    .where(
      and(
        eq(registerImportRuns.councilId, councilId),
        or(inArray(registerImportRuns.state, ['queued', 'importing']), gte(registerImportRuns.updatedAt, new Date(now.getTime() - 24 * 3600_000))),
      ),
    )
    .orderBy(desc(registerImportRuns.createdAt))
    .limit(10)
}

async function setRun(db: Executor, id: string, values: Partial<Pick<RegisterImportRun, 'state' | 'summary' | 'detail' | 'error'>>, now: Date) {
  await db.update(registerImportRuns).set({ ...values, updatedAt: now }).where(eq(registerImportRuns.id, id))
}

/** The job: imports the run's upload as the page did, and records how it ended; a done run's upload is removed. */
export function registerImportHandler(clock: Clock = () => new Date()): [string, JobHandler] {
  return [
    REGISTER_IMPORT_JOB,
    async (payload, context) => {
      const { runId, councilId, actor } = payload as unknown as RunPayload
      const db = context.db
      const [run] = await db.select().from(registerImportRuns).where(eq(registerImportRuns.id, runId))
      if (!run) throw new PermanentJobError(`register import run ${runId} does not exist`)
      if (run.state === 'done' || run.state === 'failed') return
      const [upload] = await db.select().from(registerImportUploads).where(and(eq(registerImportUploads.councilId, councilId), eq(registerImportUploads.token, run.uploadToken)))
      const council = await findCouncilById(db, councilId)
      if (!upload || !council) {
        await setRun(db, runId, { state: 'failed', error: 'The uploaded file was no longer kept: upload it again' }, clock())
        return
      }
      await setRun(db, runId, { state: 'importing' }, clock())
      try {
        const now = context.now
        const outcome = await importFile(db, {
          kind: upload.kind as ImportKind,
          bytes: Buffer.from(upload.content, 'base64'),
          actor,
          now,
          today: londonDate(now),
          council,
          only: true,
        })
        if (!outcome.ok) {
          // As on the page before: a refused file keeps its upload, so its preview still explains why.
          await setRun(db, runId, { state: 'failed', error: `The file was not imported: ${outcome.reason}` }, clock())
          return
        }
        await setRun(db, runId, { state: 'done', summary: outcome.summary, detail: outcome.detail }, clock())
        await db.delete(registerImportUploads).where(eq(registerImportUploads.token, upload.token))
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        await setRun(db, runId, { state: 'failed', error: `The import stopped and nothing was written: ${reason}` }, clock())
        // The job dies too, so the council's administrators see it among the failed jobs.
        throw new PermanentJobError(reason)
      }
    },
  ]
}

export const RUN_STATE_TEXT: Record<RegisterImportRunState, string> = {
  queued: 'Waiting to start',
  importing: 'Importing',
  done: 'Imported',
  failed: 'Not imported',
}

/** The summary kept on a done run, as the import returned it. */
export const summaryOf = (run: RegisterImportRun): ImportSummary | undefined => (run.state === 'done' ? (run.summary as ImportSummary | null) ?? undefined : undefined)
