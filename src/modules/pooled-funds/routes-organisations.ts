/**
 * The list of partner organisations (national reference data: councils by GSS code, NHS bodies by ODS code), read by
 * the funds' officers and replaced by an administrator from a CSV of codes and names.
 */
import fastifyMultipart from '@fastify/multipart'
import { parse } from 'csv-parse/sync'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { diskUploads, isUploadedFile, readUpload } from '../../platform/http/uploads.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { fundAccess, UPLOAD_LIMIT_BYTES } from './route-access.ts'
import * as service from './service.ts'
import { SCHEME_NAMES } from './vocabulary.ts'

export async function registerPartnerOrganisationRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db } = context
  const { ctx } = fundAccess(context)

  const renderOrganisations = async (reply: FastifyReply, status: number, outcome?: { problems?: string[]; added?: number; renamed?: number }, errors?: FormErrors) => {
    const organisations = await service.listOrganisations(db)
    return reply.code(status).view('pooled-funds/views/organisations.njk', {
      pageTitle: 'Partner organisations',
      organisations: organisations.map((o) => ({ ...o, schemeName: SCHEME_NAMES[o.scheme as keyof typeof SCHEME_NAMES] ?? o.scheme })),
      outcome,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }
  app.get(paths.pooledFunds.organisations.pattern, { preHandler: requirePermission('settings:manage') }, async (_request, reply) => renderOrganisations(reply, 200))

  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, diskUploads(scoped, UPLOAD_LIMIT_BYTES))
    scoped.post(paths.pooledFunds.organisations.pattern, { onRequest: requirePermission('settings:manage'), config: { uploadLimitBytes: UPLOAD_LIMIT_BYTES + 64 * 1024 } }, async (request, reply) => {
      const principal = principalOf(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const file = isUploadedFile(body.file) && body.file.size > 0 ? await readUpload(body.file) : undefined
      if (!file) return renderOrganisations(reply, 400, undefined, singleError('file', 'Select a CSV file of codes and names'))
      let records: Record<string, string>[]
      try {
        records = parse(file.toString('utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true })
      } catch (error) {
        return renderOrganisations(reply, 400, undefined, singleError('file', `The file could not be read as CSV: ${(error as Error).message}`))
      }
      const { rows, problems } = service.readOrganisationRows(records)
      if (problems.length > 0) return renderOrganisations(reply, 400, { problems }, singleError('file', `Nothing was imported: ${problems.length} row${problems.length === 1 ? '' : 's'} could not be read`))
      const result = await db.transaction((tx) => service.importOrganisations(tx, rows, { ...ctx(request, principal), councilId: principal.councilId }))
      return renderOrganisations(reply, 200, result)
    })
  })
}
