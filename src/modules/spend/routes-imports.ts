/**
 * Importing on the web: upload (kept in the database under a token, so any server process can show the preview and
 * finish the import), preview the mapping with sample rows and counts, let the officer correct it, import, undo.
 */
import { randomBytes } from 'node:crypto'
import fastifyMultipart from '@fastify/multipart'
import { diskUploads, isUploadedFile, readUpload } from '../../platform/http/uploads.ts'
import { and, eq, inArray, lt, notExists, sql } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../providers/routes.ts'
import { can } from '../../platform/auth/roles.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { isUuid } from '../../platform/ids.ts'
import { financialYearOf } from '../../platform/financial-year.ts'
import * as analysis from './analysis.ts'
import { openForCouncil, undoImport, type PartSummary, type RejectedRow } from './import.ts'
import { enqueueSpendImport, findRun, openRuns, refusalOf, RUN_STATE_TEXT } from './import-job.ts'
import { FIELD_CODES, isSpendField, SPEND_FIELDS, type ColumnTarget } from './reader/fields.ts'
import { amountReadingOf, dateColumnOf, DELIMITER_NAMES, type MappingChoices } from './reader/layout.ts'
import { unmappedReason, type SpendPart } from './reader/file.ts'
import { spendImportRuns, spendUploads } from './schema.ts'

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024
const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000

const MAPPED_BY: Record<string, string> = {
  name: 'Known column name',
  'close name': 'Column name, misspelt',
  remembered: 'As last time',
  chosen: 'Your choice',
  values: 'From the values',
  duplicate: 'Left out: a second column for the same field',
  outranked: 'Left out: another column is surer for this field',
  empty: 'Left out: empty column',
  unknown: 'Not recognised',
}

/** How each reading of a period code is said on the pages (ADR 0024). */
export const PERIOD_READINGS: Record<string, string> = {
  'calendar-month': 'Calendar months (202404 is April 2024)',
  'financial-period': 'Periods of the financial year (period 1 is April)',
  'four-week-period': 'Thirteen four-week periods from 1 April',
}

function previewModel(part: SpendPart, partIndex: number) {
  const columns = part.layout.columns.filter((c) => c.mappedBy !== 'empty')
  const amount = amountReadingOf(part.layout)
  const reading = part.layout.dateReading
  return {
    dateColumn: dateColumnOf(part.layout) ?? 'None found',
    amountColumn: amount ? (amount.lessVat ? `${amount.column}, less ${amount.lessVat}` : amount.column) : 'None found',
    periodReading: reading ? `${PERIOD_READINGS[reading.periods]}${reading.year !== undefined ? `; codes with no year are in ${reading.year}/${String((reading.year + 1) % 100).padStart(2, '0')}` : ''}` : undefined,
    mapping:
      part.layout.mapping === 'remembered'
        ? 'As remembered for an earlier file with the same columns'
        : part.layout.rememberedOtherHeader
          ? 'Worked out from this file: the mapping remembered from an earlier file was for different columns'
          : 'Worked out from this file',
    name: part.name,
    encoding: part.encoding,
    separator: DELIMITER_NAMES[part.layout.delimiter],
    headerLine: part.layout.headerLine,
    kind: part.layout.kind === 'card' ? 'Procurement card transactions' : 'Invoice payments',
    dropped: part.layout.columns.length - columns.length,
    problem: unmappedReason(part),
    columns: columns.map((c) => ({
      id: `column-${partIndex}-${c.index}`,
      name: `column:${c.key}`,
      header: c.header || `Column ${c.index + 1} (no name)`,
      mappedBy: MAPPED_BY[c.mappedBy] ?? c.mappedBy,
      filled: c.filled,
      samples: c.samples.slice(0, 3).map((s) => (c.target === 'cardholder' ? '(not shown)' : s)),
      items: [
        { value: 'ignore', text: 'Leave out', selected: c.target === 'ignore' },
        ...FIELD_CODES.map((f) => ({ value: f, text: SPEND_FIELDS[f], selected: c.target === f })),
      ],
    })),
    sampleCount: part.layout.sampleRows.length,
  }
}

/** The officer's choices from the preview form: `column:<key>` → field. */
function choicesFromBody(body: Record<string, unknown>): MappingChoices {
  const choices: MappingChoices = {}
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith('column:') || typeof value !== 'string') continue
    if (value === 'ignore' || isSpendField(value)) choices[name.slice('column:'.length)] = value as ColumnTarget
  }
  return choices
}

export function registerImportRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const importer = { preHandler: requirePermission('spend:import') }

  app.get(paths.spend.imports.pattern, { preHandler: requirePermission('spend:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const imports = await analysis.listImports(db, principal.councilId)
    const undone = (request.query as Record<string, unknown>).undone
    const canImport = can(principal, 'spend:import')
    const runs = canImport ? await openRuns(db, principal.councilId, context.clock()) : []
    return reply.view('spend/views/imports.njk', {
      pageTitle: 'Spend imports',
      imports,
      runs: runs.map((r) => ({ fileName: r.fileName, status: RUN_STATE_TEXT[r.state], href: paths.spend.importProgress.href({ id: r.id }), createdAt: r.createdAt })),
      canImport,
      undone: typeof undone === 'string' ? undone.slice(0, 200) : undefined,
    })
  })

  const renderUpload = (reply: FastifyReply, status: number, errors?: FormErrors) =>
    reply.code(status).view('spend/views/new-import.njk', { pageTitle: 'Import a spend file', errorList: errors?.errorList ?? [], fieldErrors: errors?.fieldErrors ?? {} })

  app.get(paths.spend.newImport.pattern, importer, async (_request, reply) => renderUpload(reply, 200))

  // Uploads are multipart: the parser is registered for this route only. The permission is checked on the
  // request (onRequest), before any of the body is read; the file streams to a temporary file (platform uploads).
  {
    void app.register(async (scope) => {
      await scope.register(fastifyMultipart, diskUploads(scope, MAX_UPLOAD_BYTES))
      scope.post(paths.spend.imports.pattern, { onRequest: importer.preHandler, config: { uploadLimitBytes: MAX_UPLOAD_BYTES + 64 * 1024 } }, async (request, reply) => {
        const principal = principalOf(request)
        const upload = (request.body as Record<string, unknown> | undefined)?.file
        if (!isUploadedFile(upload) || upload.size === 0) {
          return renderUpload(reply, 400, singleError('file', 'Choose a spend file (CSV, TSV or a zip of them)'))
        }
        const file = { filename: upload.filename, bytes: await readUpload(upload) }
        const now = context.clock()
        const token = randomBytes(18).toString('base64url')
        // Old uploads go, except one an import job has still to read (it removes it when it ends).
        await db.delete(spendUploads).where(and(
          lt(spendUploads.createdAt, new Date(now.getTime() - UPLOAD_LIFETIME_MS)),
          notExists(db.select({ one: sql`1` }).from(spendImportRuns).where(and(eq(spendImportRuns.uploadToken, spendUploads.token), inArray(spendImportRuns.state, ['queued', 'reading', 'writing'])))),
        ))
        await db.insert(spendUploads).values({ token, councilId: principal.councilId, fileName: (file.filename || 'spend.csv').slice(0, 200), bytes: file.bytes, createdAt: now })
        return reply.redirect(`${paths.spend.preview.href()}?upload=${token}`, 303)
      })
    })
  }

  const uploadOf = async (councilId: string, token: unknown) => {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{10,40}$/.test(token)) return undefined
    const [upload] = await db.select().from(spendUploads).where(and(eq(spendUploads.councilId, councilId), eq(spendUploads.token, token)))
    return upload ? { ...upload, bytes: Buffer.from(upload.bytes) } : undefined
  }

  const renderPreview = async (
    reply: FastifyReply,
    status: number,
    options: { councilId: string; token: string; fileName: string; bytes: Buffer; chosen?: MappingChoices; errors?: FormErrors },
  ) => {
    const opened = await openForCouncil(db, options.councilId, options.fileName, options.bytes, options.chosen)
    return reply.code(status).view('spend/views/preview.njk', {
      pageTitle: 'Check the columns',
      token: options.token,
      fileName: options.fileName,
      unreadable: opened.ok ? undefined : opened.reason,
      parts: opened.ok ? opened.parts.map(previewModel) : [],
      errorList: options.errors?.errorList ?? [],
    })
  }

  app.get(paths.spend.preview.pattern, importer, async (request, reply) => {
    const principal = principalOf(request)
    const upload = await uploadOf(principal.councilId, (request.query as Record<string, unknown>).upload)
    if (!upload) return reply.redirect(paths.spend.newImport.href(), 303)
    return renderPreview(reply, 200, { councilId: principal.councilId, token: upload.token, fileName: upload.fileName, bytes: upload.bytes })
  })

  app.post(paths.spend.preview.pattern, importer, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const upload = await uploadOf(principal.councilId, body.upload)
    if (!upload) return renderUpload(reply, 400, singleError('file', 'The uploaded file has expired or was already imported: choose it again'))
    const chosen = choicesFromBody(body)
    const base = { councilId: principal.councilId, token: upload.token, fileName: upload.fileName, bytes: upload.bytes, chosen }
    if (body.action === 'update') return renderPreview(reply, 200, base)
    const refusal = await refusalOf(db, principal.councilId, upload.fileName, upload.bytes, chosen)
    if (refusal) return renderPreview(reply, 400, { ...base, errors: singleError('columns', `The file was not imported: ${refusal}`, 'columns') })
    // The import runs as a job (ADR 0052): this request answers at once with the page that follows it.
    const now = context.clock()
    const runId = await db.transaction((tx) =>
      enqueueSpendImport(tx, {
        councilId: principal.councilId,
        upload: { token: upload.token, fileName: upload.fileName, size: upload.bytes.length },
        chosen,
        actor: actorOf(request, principal),
        now,
      }),
    )
    return reply.redirect(paths.spend.importProgress.href({ id: runId }), 303)
  })

  app.get(paths.spend.importProgress.pattern, importer, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const run = isUuid(id) ? await findRun(db, principal.councilId, id) : undefined
    if (!run) throw new NotFoundError('Import')
    if (run.state === 'done' && run.importId && (await analysis.findImport(db, principal.councilId, run.importId))) {
      return reply.redirect(`${paths.spend.import.href({ id: run.importId })}?imported=1`, 303)
    }
    const finished = run.state === 'done' || run.state === 'failed'
    return reply.view('spend/views/import-progress.njk', {
      pageTitle: finished ? `${run.fileName}: ${RUN_STATE_TEXT[run.state]}` : `Importing ${run.fileName}`,
      run,
      stateText: RUN_STATE_TEXT[run.state],
      finished,
      megabytes: (run.fileBytes / (1024 * 1024)).toFixed(1),
    })
  })

  app.get(paths.spend.import.pattern, { preHandler: requirePermission('spend:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const record = await analysis.findImport(db, principal.councilId, id)
    if (!record) throw new NotFoundError('Import')
    return renderImport(reply, 200, record, (request.query as Record<string, unknown>).imported === '1', undefined, can(principal, 'spend:import'))
  })

  const renderImport = (
    reply: FastifyReply,
    status: number,
    record: NonNullable<Awaited<ReturnType<typeof analysis.findImport>>>,
    imported: boolean,
    errors?: FormErrors,
    canUndo = true,
  ) => {
    const rejected = record.rejected as RejectedRow[]
    return reply.code(status).view('spend/views/import.njk', {
      pageTitle: record.fileName,
      record,
      parts: record.parts as PartSummary[],
      periodReading: record.periodReading ? record.periodReading.split('; ').map((r) => PERIOD_READINGS[r] ?? r).join('; ') : 'None: the dates are days',
      rejectedRows: rejected.slice(0, 500).map((r) => [{ text: r.file ? `${r.file}, line ${r.line}` : String(r.line) }, { text: r.reason }]),
      rejectedMore: Math.max(0, record.rowsRejected - 500),
      overlaps: record.overlaps as { importId: string; fileName: string; dateFrom: string | null; dateTo: string | null }[],
      // The overview opens on the financial year the file's last payment is in: the year the officer just added to.
      overviewYear: record.dateTo ? financialYearOf(record.dateTo).startYear : undefined,
      overviewYearLabel: record.dateTo ? financialYearOf(record.dateTo).label : undefined,
      imported,
      canUndo,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.post(paths.spend.undoImport.pattern, importer, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const record = await analysis.findImport(db, principal.councilId, id)
    if (!record) throw new NotFoundError('Import')
    if (((request.body ?? {}) as Record<string, unknown>).confirm !== 'yes') {
      return renderImport(reply, 400, record, false, singleError('confirm', 'Confirm that this import’s payments should be removed'))
    }
    const undone = await undoImport(db, { councilId: principal.councilId, importId: id, actor: actorOf(request, principal), now: context.clock() })
    if (!undone) throw new NotFoundError('Import')
    return reply.redirect(`${paths.spend.imports.href()}?undone=${encodeURIComponent(undone.fileName)}`, 303)
  })
}
