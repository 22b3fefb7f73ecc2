/**
 * Importing a register file on a page: upload (kept in the database under a token, so any server process can finish
 * it), a preview that runs the real import and rolls it back, a column mapping for council CSVs, then confirm. An
 * OCDS package's confirmation runs as a job with a progress page (ADR 0058); the other kinds are imported at once.
 */
import { and, eq, inArray, lt, notInArray } from 'drizzle-orm'
import fastifyMultipart from '@fastify/multipart'
import { diskUploads, isUploadedFile, readUpload } from '../../platform/http/uploads.ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Principal } from '../../platform/auth/service.ts'
import { randomToken } from '../../platform/auth/tokens.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { findCouncilById } from '../councils/service.ts'
import { londonDate } from './dates.ts'
import { CSV_FIELDS, CSV_FIELD_NAMES, type ColumnMapping } from './csv-import.ts'
import { text, toFormErrors, type FieldIssue, type FormBody } from './form-fields.ts'
import { csvColumns, importFile, IMPORT_KINDS, type ImportKind } from './import-file.ts'
import { enqueueRegisterImport, findRegisterImportRun, KINDS_RUN_AS_JOBS, recentRegisterImportRuns, RUN_STATE_TEXT, summaryOf } from './import-job.ts'
import { registerImportRuns, registerImportUploads } from './schema.ts'
import { isUuid } from '../../platform/ids.ts'
import { actorOf } from './routes.ts'

const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024
const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000

export async function registerContractImportRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db } = context
  const today = () => londonDate(context.clock())


  const kindItems = (selected?: string) => Object.entries(IMPORT_KINDS).map(([value, label]) => ({ value, text: label, checked: value === selected }))

  const uploadOf = async (principal: Principal, token: string) => {
    if (!token) return undefined
    const [row] = await db
      .select()
      .from(registerImportUploads)
      .where(and(eq(registerImportUploads.token, token), eq(registerImportUploads.councilId, principal.councilId)))
    return row
  }

  const runImport = async (principal: Principal, upload: typeof registerImportUploads.$inferSelect, request: FastifyRequest, dryRun: boolean) => {
    const council = (await findCouncilById(db, principal.councilId))!
    return importFile(
      db,
      {
        kind: upload.kind as ImportKind,
        bytes: Buffer.from(upload.content, 'base64'),
        actor: actorOf(request, principal),
        now: context.clock(),
        today: today(),
        council,
        only: true,
        mapping: (upload.mapping as ColumnMapping | null) ?? undefined,
      },
      { dryRun },
    )
  }

  const runsOf = async (principal: Principal) =>
    (await recentRegisterImportRuns(db, principal.councilId, context.clock())).map((r) => ({
      fileName: r.fileName,
      status: RUN_STATE_TEXT[r.state],
      href: paths.contracts.importProgress.href({ id: r.id }),
      createdAt: r.createdAt,
    }))

  app.get(paths.contracts.import.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) =>
    reply.view('contracts/views/import.njk', { pageTitle: 'Import contracts or grants', kindItems: kindItems('contracts-csv'), runs: await runsOf(principalOf(request)), errorList: [], fieldErrors: {} }),
  )

  await app.register(async (scoped) => {
    // Files come as multipart forms; the fields (the form token included) are read before the CSRF check runs.
    // The permission is checked on the request, before the body is read; the file streams to a temporary file.
    await scoped.register(fastifyMultipart, diskUploads(scoped, UPLOAD_LIMIT_BYTES))
    scoped.post(paths.contracts.import.pattern, { onRequest: requirePermission('registers:write'), config: { uploadLimitBytes: UPLOAD_LIMIT_BYTES + 64 * 1024 } }, async (request, reply) => {
      const principal = principalOf(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const kind = typeof body.kind === 'string' && body.kind in IMPORT_KINDS ? (body.kind as ImportKind) : undefined
      const file = isUploadedFile(body.file) && body.file.size > 0 ? await readUpload(body.file) : undefined
      const issues: FieldIssue[] = []
      if (!kind) issues.push({ field: 'kind', message: 'Select what the file holds' })
      if (!Buffer.isBuffer(file) || file.length === 0) issues.push({ field: 'file', message: 'Select a file to import' })
      if (issues.length || !kind || !Buffer.isBuffer(file)) {
        return reply.code(400).view('contracts/views/import.njk', { pageTitle: 'Import contracts or grants', kindItems: kindItems(kind), runs: await runsOf(principal), ...toFormErrors(issues, { kind: 'kind' }) })
      }
      const now = context.clock()
      // Day-old uploads go, except one a run still has to read (its job has not started yet).
      const stillToRead = db.select({ token: registerImportRuns.uploadToken }).from(registerImportRuns).where(inArray(registerImportRuns.state, ['queued', 'importing']))
      await db.delete(registerImportUploads).where(and(lt(registerImportUploads.createdAt, new Date(now.getTime() - UPLOAD_LIFETIME_MS)), notInArray(registerImportUploads.token, stillToRead)))
      const token = randomToken(24)
      const fileName = isUploadedFile(body.file) && body.file.filename ? body.file.filename.slice(0, 200) : 'upload'
      await db.insert(registerImportUploads).values({ token, councilId: principal.councilId, userId: principal.userId, kind, fileName, content: file.toString('base64'), createdAt: now })
      return reply.redirect(`${paths.contracts.importPreview.href()}?token=${encodeURIComponent(token)}`, 303)
    })
  })

  app.get(paths.contracts.importPreview.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const token = String((request.query as Record<string, unknown>).token ?? '')
    const upload = await uploadOf(principal, token)
    if (!upload) return reply.redirect(paths.contracts.import.href(), 303)
    const outcome = await runImport(principal, upload, request, true)
    const csv = upload.kind === 'contracts-csv' ? await csvColumns(db, principal.councilId, Buffer.from(upload.content, 'base64')) : undefined
    const mapping = (upload.mapping as ColumnMapping | null) ?? csv?.mapping ?? {}
    return reply.view('contracts/views/import-preview.njk', {
      pageTitle: 'Check the import',
      token,
      kindName: IMPORT_KINDS[upload.kind as ImportKind],
      outcome,
      mappingRows: csv
        ? CSV_FIELD_NAMES.map((field) => ({
            field,
            label: `${CSV_FIELDS[field].label}${CSV_FIELDS[field].required ? '' : ' (optional)'}`,
            items: [{ value: '', text: 'Not in this file' }, ...csv.columns.map((c) => ({ value: c, text: c, selected: mapping[field] === c }))],
          }))
        : undefined,
    })
  })

  app.post(paths.contracts.importPreview.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as FormBody
    const upload = await uploadOf(principal, text(body, 'token'))
    if (!upload) return reply.redirect(paths.contracts.import.href(), 303)
    const mapping: ColumnMapping = {}
    for (const field of CSV_FIELD_NAMES) {
      const column = text(body, `map-${field}`)
      if (column) mapping[field] = column
    }
    await db.update(registerImportUploads).set({ mapping }).where(eq(registerImportUploads.token, upload.token))
    return reply.redirect(`${paths.contracts.importPreview.href()}?token=${encodeURIComponent(upload.token)}`, 303)
  })

  app.post(paths.contracts.importConfirm.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const upload = await uploadOf(principal, text((request.body ?? {}) as FormBody, 'token'))
    if (!upload) return reply.redirect(paths.contracts.import.href(), 303)
    if (KINDS_RUN_AS_JOBS.has(upload.kind as ImportKind)) {
      // A package of a year's notices takes seconds to minutes: the request answers at once, a job imports it.
      const runId = await db.transaction((tx) =>
        enqueueRegisterImport(tx, {
          councilId: principal.councilId,
          // The upload is kept as base64: its size in bytes is three quarters of that, less the padding.
          upload: { token: upload.token, kind: upload.kind, fileName: upload.fileName, size: Buffer.byteLength(upload.content, 'base64') },
          actor: actorOf(request, principal),
          now: context.clock(),
        }),
      )
      return reply.redirect(paths.contracts.importProgress.href({ id: runId }), 303)
    }
    const outcome = await runImport(principal, upload, request, false)
    if (outcome.ok) await db.delete(registerImportUploads).where(eq(registerImportUploads.token, upload.token))
    return reply.view('contracts/views/import-result.njk', { pageTitle: outcome.ok ? 'Import complete' : 'The file was not imported', outcome, kindName: IMPORT_KINDS[upload.kind as ImportKind] })
  })

  app.get(paths.contracts.importProgress.pattern, { preHandler: requirePermission('registers:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const run = isUuid(id) ? await findRegisterImportRun(db, principal.councilId, id) : undefined
    if (!run) throw new NotFoundError('Import')
    const finished = run.state === 'done' || run.state === 'failed'
    return reply.view('contracts/views/import-progress.njk', {
      pageTitle: run.state === 'done' ? 'Import complete' : run.state === 'failed' ? 'The file was not imported' : 'Importing the file',
      run,
      kindName: IMPORT_KINDS[run.kind as ImportKind] ?? run.kind,
      stateText: RUN_STATE_TEXT[run.state],
      finished,
      summary: summaryOf(run),
      size: run.fileBytes < 1024 * 1024 ? `${Math.max(1, Math.round(run.fileBytes / 1024))} KB` : `${(run.fileBytes / (1024 * 1024)).toFixed(1)} MB`,
    })
  })
}
