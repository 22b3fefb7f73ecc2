/**
 * Importing a register file on a page: upload (kept in the database under a token, so any server process can finish
 * it), a preview that runs the real import and rolls it back, a column mapping for council CSVs, then confirm.
 */
import { and, eq, lt } from 'drizzle-orm'
import fastifyMultipart from '@fastify/multipart'
import { diskUploads, isUploadedFile, readUpload } from '../../platform/http/uploads.ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Principal } from '../../platform/auth/service.ts'
import { randomToken } from '../../platform/auth/tokens.ts'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { findCouncilById } from '../councils/service.ts'
import { londonDate } from './dates.ts'
import { CSV_FIELDS, CSV_FIELD_NAMES, type ColumnMapping } from './csv-import.ts'
import { text, toFormErrors, type FieldIssue, type FormBody } from './form-fields.ts'
import { csvColumns, importFile, IMPORT_KINDS, type ImportKind } from './import-file.ts'
import { registerImportUploads } from './schema.ts'
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

  app.get(paths.contracts.import.pattern, { preHandler: requirePermission('registers:write') }, async (_request, reply) =>
    reply.view('contracts/views/import.njk', { pageTitle: 'Import contracts or grants', kindItems: kindItems('contracts-csv'), errorList: [], fieldErrors: {} }),
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
        return reply.code(400).view('contracts/views/import.njk', { pageTitle: 'Import contracts or grants', kindItems: kindItems(kind), ...toFormErrors(issues, { kind: 'kind' }) })
      }
      const now = context.clock()
      await db.delete(registerImportUploads).where(lt(registerImportUploads.createdAt, new Date(now.getTime() - UPLOAD_LIFETIME_MS)))
      const token = randomToken(24)
      await db.insert(registerImportUploads).values({ token, councilId: principal.councilId, userId: principal.userId, kind, fileName: 'upload', content: file.toString('base64'), createdAt: now })
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
    const outcome = await runImport(principal, upload, request, false)
    if (outcome.ok) await db.delete(registerImportUploads).where(eq(registerImportUploads.token, upload.token))
    return reply.view('contracts/views/import-result.njk', { pageTitle: outcome.ok ? 'Import complete' : 'The file was not imported', outcome, kindName: IMPORT_KINDS[upload.kind as ImportKind] })
  })
}
