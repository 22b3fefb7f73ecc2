/** A fund's scheme list from a spreadsheet: upload, confirm the columns, import all or nothing (ADR 0039). */
import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { financialYearOf } from '../../platform/financial-year.ts'
import { singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import { requirePermission } from '../../platform/http/authentication.ts'
import { diskUploads, isUploadedFile, readUpload } from '../../platform/http/uploads.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { yearField } from './forms.ts'
import { fundAccess, UPLOAD_LIMIT_BYTES } from './route-access.ts'
import { proposeMapping, readSheet, SCHEME_FIELD_NAMES, SCHEME_FIELDS, type SchemeMapping } from './scheme-import.ts'
import * as service from './service.ts'

type Body = Record<string, unknown>
const write = { preHandler: requirePermission('pooled-funds:write') }

export async function registerSchemeImportRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db } = context
  const { ctx, reachable } = fundAccess(context)

  const renderSchemeImport = async (request: FastifyRequest, reply: FastifyReply, status: number, errors?: FormErrors) => {
    const { fund } = await reachable(request)
    return reply.code(status).view('pooled-funds/views/scheme-import.njk', {
      pageTitle: `Import a scheme list: ${fund.name}`,
      fund,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }
  app.get(paths.pooledFunds.schemeImport.pattern, write, async (request, reply) => renderSchemeImport(request, reply, 200))

  const renderMapping = async (request: FastifyRequest, reply: FastifyReply, status: number, values: { mapping: SchemeMapping; financialYear: string }, errors?: FormErrors, problems: string[] = []) => {
    const { principal, fund } = await reachable(request)
    const { token } = request.params as { token: string }
    const upload = await service.heldSchemeUpload(db, principal.councilId, fund.id, token)
    if (!upload) return reply.redirect(paths.pooledFunds.schemeImport.href({ id: fund.id }), 303)
    return reply.code(status).view('pooled-funds/views/scheme-mapping.njk', {
      pageTitle: `Match the columns: ${fund.name}`,
      fund,
      token,
      fileName: upload.fileName,
      rowCount: upload.data.rows.length,
      financialYear: values.financialYear,
      fields: SCHEME_FIELD_NAMES.map((field) => ({
        field,
        label: SCHEME_FIELDS[field].label + (SCHEME_FIELDS[field].required ? '' : ' (optional)'),
        items: [{ value: '', text: 'Not in this file' }, ...upload.data.columns.map((c) => ({ value: c, text: c, selected: values.mapping[field] === c }))],
        example: values.mapping[field] ? (upload.data.rows[0]?.[values.mapping[field]!] ?? '') : '',
      })),
      problems,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, diskUploads(scoped, UPLOAD_LIMIT_BYTES))
    scoped.post(paths.pooledFunds.schemeImport.pattern, { onRequest: requirePermission('pooled-funds:write'), config: { uploadLimitBytes: UPLOAD_LIMIT_BYTES + 64 * 1024 } }, async (request, reply) => {
      const { principal, fund } = await reachable(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const file = isUploadedFile(body.file) && body.file.size > 0 ? body.file : undefined
      if (!file) return renderSchemeImport(request, reply, 400, singleError('file', 'Select an Excel workbook (.xlsx) or CSV file of schemes'))
      const data = await readSheet(await readUpload(file), file.filename)
      if ('error' in data) return renderSchemeImport(request, reply, 400, singleError('file', data.error))
      const token = await db.transaction((tx) => service.holdSchemeUpload(tx, { councilId: principal.councilId, fundId: fund.id, fileName: file.filename, data, now: context.clock() }))
      return reply.redirect(paths.pooledFunds.schemeImportMapping.href({ id: fund.id, token }), 303)
    })
  })

  app.get(paths.pooledFunds.schemeImportMapping.pattern, write, async (request, reply) => {
    const { principal, fund } = await reachable(request)
    const { token } = request.params as { token: string }
    const upload = await service.heldSchemeUpload(db, principal.councilId, fund.id, token)
    if (!upload) return reply.redirect(paths.pooledFunds.schemeImport.href({ id: fund.id }), 303)
    const mapping = proposeMapping(upload.data.columns, await service.rememberedSchemeMapping(db, principal.councilId))
    return renderMapping(request, reply, 200, { mapping, financialYear: String(financialYearOf(londonDate(context.clock())).startYear) })
  })

  app.post(paths.pooledFunds.schemeImportMapping.pattern, write, async (request, reply) => {
    const { principal, fund } = await reachable(request)
    const { token } = request.params as { token: string }
    const body = (request.body ?? {}) as Body
    const mapping: SchemeMapping = {}
    for (const field of SCHEME_FIELD_NAMES) {
      const column = body[field]
      if (typeof column === 'string' && column !== '') mapping[field] = column
    }
    const financialYear = typeof body.financialYear === 'string' ? body.financialYear : ''
    const year = yearField.safeParse(financialYear)
    if (!year.success) return renderMapping(request, reply, 400, { mapping, financialYear }, singleError('financialYear', 'Enter the financial year as it starts, like 2026 or 2026/27'))
    // A detail with no column chosen is an error on its own select, as any missing answer in a form is.
    const missing = SCHEME_FIELD_NAMES.filter((field) => SCHEME_FIELDS[field].required && !mapping[field])
    if (missing.length > 0) {
      const errors: FormErrors = { errorList: [], fieldErrors: {} }
      for (const field of missing) {
        const text = `Choose the column that holds the ${SCHEME_FIELDS[field].label.toLowerCase()}`
        errors.errorList.push({ text, href: `#${field}` })
        errors.fieldErrors[field] = { text }
      }
      return renderMapping(request, reply, 400, { mapping, financialYear }, errors)
    }
    const outcome = await db.transaction((tx) => service.importSchemes(tx, { councilId: principal.councilId, fundId: fund.id, token, mapping, financialYear: year.data }, ctx(request, principal)))
    if (!outcome.ok) {
      const summary = `Nothing was imported: ${outcome.problems.length} ${outcome.problems.length === 1 ? 'problem' : 'problems'} to put right`
      return renderMapping(request, reply, 400, { mapping, financialYear }, { errorList: [{ text: summary, href: '#problems' }], fieldErrors: {} }, outcome.problems)
    }
    return reply.redirect(`${paths.pooledFunds.show.href({ id: fund.id })}?saved=imported-${outcome.added}#schemes`, 303)
  })
}
