/** The council's measures framework (Settings): read by year, add and change measures, import a CSV, start a new year; and the social value settings. */
import { escapeHtml as escape } from '../../platform/http/html.ts'
import fastifyMultipart from '@fastify/multipart'
import { and, eq, lt } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomToken } from '../../platform/auth/tokens.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { diskUploads, isUploadedFile, readUpload } from '../../platform/http/uploads.ts'
import type { AppContext } from '../../platform/modules.ts'
import { financialYearOf } from '../../platform/financial-year.ts'
import { formatPence } from '../../platform/money.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { text, toFormErrors, type FieldIssue, type FormBody } from '../contracts/form-fields.ts'
import { actorOf } from '../providers/routes.ts'
import { formModel } from './form-model.ts'
import { MEASURE_FIELD_IDS, parseMeasureForm } from './forms.ts'
import * as measures from './measures.ts'
import { svMeasureUploads } from './schema.ts'
import { SETTING_TEXT, socialValueSettings, type SocialValueSettings } from './settings.ts'
import { idOf } from './ids.ts'

const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }
const UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024
const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000
const yearLabel = (year: number) => `${year} to ${year + 1}`
/** A financial year as a form or address gives it: four digits, else nothing (1e308 is an integer, but no year). */
const yearOf = (value: unknown): number | undefined => (typeof value === 'string' && /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : undefined)

export async function registerMeasureRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db } = context
  const read = { preHandler: requirePermission('social-value:read') }
  const admin = { preHandler: requirePermission('settings:manage') }
  const thisYear = () => financialYearOf(context.clock()).startYear

  app.get(paths.socialValue.measures.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const frameworks = await measures.frameworksOf(db, principal.councilId)
    const asked = yearOf((request.query as Record<string, unknown>).year)
    const framework = frameworks.find((f) => f.year === asked) ?? frameworks.find((f) => f.year <= thisYear()) ?? frameworks[0]
    const rows = framework ? await measures.measuresOf(db, principal.councilId, framework.id) : []
    const canEdit = can(principal, 'settings:manage')
    const saved = (request.query as Record<string, unknown>).saved
    return reply.view('social-value/views/measures.njk', {
      pageTitle: 'Social value measures',
      framework,
      yearLabel: framework && yearLabel(framework.year),
      canEdit,
      saved: typeof saved === 'string' ? saved : undefined,
      years: frameworks.map((f) => ({ text: yearLabel(f.year), href: `${paths.socialValue.measures.href()}?year=${f.year}`, current: f.id === framework?.id })),
      nextYear: framework && !frameworks.some((f) => f.year === framework.year + 1) ? framework.year + 1 : undefined,
      newHref: framework ? `${paths.socialValue.newMeasure.href()}?year=${framework.year}` : paths.socialValue.newMeasure.href(),
      table: {
        caption: framework ? `${framework.name}, ${yearLabel(framework.year)}` : 'Measures',
        captionClasses: 'govuk-table__caption--m',
        firstCellIsHeader: true,
        head: [{ text: 'Code' }, { text: 'Theme and outcome' }, { text: 'Measure' }, { text: 'Unit' }, { text: 'Proxy value', format: 'numeric' }, { text: 'Source, year and licence' }, { text: 'Local' }],
        rows: rows.map((m) => [
          { html: canEdit ? `<a class="govuk-link" href="${paths.socialValue.measure.href({ id: m.id })}">${escape(m.code)}<span class="govuk-visually-hidden"> (change)</span></a>` : escape(m.code) },
          { text: `${m.theme}: ${m.outcome}` },
          { text: m.wording },
          { text: m.unit },
          { text: m.proxyPence === null ? 'No money value' : formatPence(m.proxyPence), format: 'numeric' },
          { text: [m.proxySource, m.proxyYear, measures.licenceOf(m, framework!)].filter(Boolean).join('; ') },
          { text: m.countsAsLocal ? 'Yes' : 'No' },
        ]),
      },
    })
  })

  // ---------- one measure ----------

  const renderMeasure = (reply: FastifyReply, status: number, input: { values: FormBody; errors: FormErrors; framework: measures.FrameworkRow; id?: string }) => {
    const f = formModel(input.values, input.errors)
    return reply.code(status).view('social-value/views/form.njk', {
      pageTitle: input.id ? 'Change a measure' : 'Add a measure',
      caption: `${input.framework.name}, ${yearLabel(input.framework.year)}`,
      backText: 'Social value measures',
      backHref: `${paths.socialValue.measures.href()}?year=${input.framework.year}`,
      action: input.id ? paths.socialValue.measure.href({ id: input.id }) : `${paths.socialValue.newMeasure.href()}?year=${input.framework.year}`,
      intro: [`Measures apply to commitments made under the ${yearLabel(input.framework.year)} framework. A change here changes the value of that year’s commitments; to change values from next year, start next year’s framework first.`],
      errorList: input.errors.errorList,
      submitText: 'Save measure',
      fields: [
        f.input('theme', 'Theme', { hint: 'For example “Jobs” or “Environment”' }),
        f.input('outcome', 'Outcome', { hint: 'What the measure contributes to, for example “More local people in employment”' }),
        f.input('code', 'Measure code', { classes: 'govuk-input--width-10', hint: 'Unique within the year, for example “LV1”' }),
        f.textarea('wording', 'Measure wording', 'What a provider commits to, as the framework words it'),
        f.input('unit', 'Unit', { classes: 'govuk-input--width-20', hint: 'For example “people (FTE)”, “hours”, “£ spent”' }),
        f.input('proxy', 'Proxy value per unit (optional)', { prefix: '£', classes: 'govuk-input--width-10', inputmode: 'decimal', hint: 'Leave empty for a measure counted without a money value' }),
        f.input('proxySource', 'Source of the proxy value', { hint: 'Where the value comes from, for example a unit cost database or the council’s own evidence' }),
        f.input('proxyYear', 'Year of the proxy value (optional)', { classes: 'govuk-input--width-4', inputmode: 'numeric' }),
        f.input('licence', 'Licence of this value (optional)', { hint: `Leave empty to use the framework’s: ${input.framework.licence}` }),
        f.radios('countsAsLocal', 'Does this measure count as local value?', [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }], { inline: true }),
      ],
    })
  }

  /** The year's framework a new measure joins; without one the measures page says how to start (import or copy). */
  const frameworkOfYear = async (principal: Principal, request: FastifyRequest) => {
    const year = yearOf((request.query as Record<string, unknown>).year)
    return year === undefined ? undefined : await measures.frameworkFor(db, principal.councilId, year)
  }

  app.get(paths.socialValue.newMeasure.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const framework = await frameworkOfYear(principal, request)
    if (!framework) return reply.redirect(paths.socialValue.measures.href(), 303)
    return renderMeasure(reply, 200, { values: { countsAsLocal: 'no' }, errors: NO_ERRORS, framework })
  })

  app.post(paths.socialValue.newMeasure.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const framework = await frameworkOfYear(principal, request)
    if (!framework) return reply.redirect(paths.socialValue.measures.href(), 303)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseMeasureForm(body)
    if (!parsed.ok) return renderMeasure(reply, 400, { values: body, errors: toFormErrors(parsed.issues, MEASURE_FIELD_IDS), framework })
    const result = await db.transaction((tx) => measures.saveMeasure(tx, { councilId: principal.councilId, frameworkId: framework.id, values: parsed.value, actor: actorOf(request, principal), now: context.clock() }))
    if (result.outcome === 'clash') return renderMeasure(reply, 400, { values: body, errors: toFormErrors([{ field: 'code', message: `There is already a measure ${parsed.value.code} in this year’s framework` }]), framework })
    return reply.redirect(`${paths.socialValue.measures.href()}?year=${framework.year}&saved=measure`, 303)
  })

  const measureValues = (m: measures.MeasureRow): FormBody => ({
    ...Object.fromEntries(Object.entries(measures.measureInputOf(m)).map(([k, v]) => [k, v === null ? '' : String(v)])),
    proxy: m.proxyPence === null ? '' : (m.proxyPence / 100).toFixed(2),
    countsAsLocal: m.countsAsLocal ? 'yes' : 'no',
  })

  app.get(paths.socialValue.measure.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const m = await measures.measureById(db, principal.councilId, idOf(request))
    if (!m) throw new NotFoundError('Measure')
    return renderMeasure(reply, 200, { values: measureValues(m), errors: NO_ERRORS, framework: m.framework, id: m.id })
  })

  app.post(paths.socialValue.measure.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const m = await measures.measureById(db, principal.councilId, idOf(request))
    if (!m) throw new NotFoundError('Measure')
    const body = (request.body ?? {}) as FormBody
    const parsed = parseMeasureForm(body)
    if (!parsed.ok) return renderMeasure(reply, 400, { values: body, errors: toFormErrors(parsed.issues, MEASURE_FIELD_IDS), framework: m.framework, id: m.id })
    const result = await db.transaction((tx) => measures.saveMeasure(tx, { councilId: principal.councilId, frameworkId: m.framework.id, id: m.id, values: parsed.value, actor: actorOf(request, principal), now: context.clock() }))
    if (result.outcome === 'clash') return renderMeasure(reply, 400, { values: body, errors: toFormErrors([{ field: 'code', message: `There is already a measure ${parsed.value.code} in this year’s framework` }]), framework: m.framework, id: m.id })
    return reply.redirect(`${paths.socialValue.measures.href()}?year=${m.framework.year}&saved=measure`, 303)
  })

  app.post(paths.socialValue.copyFramework.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const from = yearOf(text((request.body ?? {}) as FormBody, 'fromYear'))
    if (from === undefined) return reply.redirect(paths.socialValue.measures.href(), 303)
    const outcome = await db.transaction((tx) => measures.copyFramework(tx, { councilId: principal.councilId, fromYear: from, toYear: from + 1, actor: actorOf(request, principal), now: context.clock() }))
    if (outcome === 'no-source') return reply.redirect(paths.socialValue.measures.href(), 303)
    return reply.redirect(`${paths.socialValue.measures.href()}?year=${from + 1}&saved=${outcome}`, 303)
  })

  // ---------- import from CSV ----------

  const importForm = (reply: FastifyReply, status: number, values: FormBody, errors: FormErrors) => {
    const f = formModel(values, errors)
    return reply.code(status).view('social-value/views/import.njk', {
      pageTitle: 'Import social value measures',
      errorList: errors.errorList,
      fields: [
        f.input('year', 'Financial year the measures apply to', { classes: 'govuk-input--width-4', inputmode: 'numeric', hint: 'The year it starts in: 2026 for 2026 to 2027. Measures already in that year with the same code are updated; others are kept.' }),
        f.input('name', 'Name of the framework', { hint: 'For example “National TOMs 2025” or “Our local measures”' }),
        f.input('licence', 'Licence the values are used under', { hint: 'Shown wherever these values are used. For example “National TOMs: CC BY-NC-ND 4.0, used under the council’s licence”' }),
      ],
      fileError: errors.fieldErrors.file,
    })
  }

  app.get(paths.socialValue.importMeasures.pattern, admin, async (_request, reply) => importForm(reply, 200, { year: String(thisYear()) }, NO_ERRORS))

  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, diskUploads(scoped, UPLOAD_LIMIT_BYTES))
    scoped.post(paths.socialValue.importMeasures.pattern, { onRequest: requirePermission('settings:manage'), config: { uploadLimitBytes: UPLOAD_LIMIT_BYTES + 64 * 1024 } }, async (request, reply) => {
      const principal = principalOf(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const values: FormBody = { year: body.year, name: body.name, licence: body.licence }
      const issues: FieldIssue[] = []
      const year = text(values, 'year')
      if (!/^20\d\d$/.test(year)) issues.push({ field: 'year', message: 'Enter the financial year as the year it starts in, like 2026' })
      if (!text(values, 'name')) issues.push({ field: 'name', message: 'Enter the name of the framework' })
      if (!text(values, 'licence')) issues.push({ field: 'licence', message: 'Enter the licence the values are used under: it is shown wherever they are used' })
      const file = isUploadedFile(body.file) && body.file.size > 0 ? await readUpload(body.file) : undefined
      if (!file) issues.push({ field: 'file', message: 'Select a CSV file of measures' })
      const read = file ? measures.readMeasuresCsv(file.toString('utf8')) : undefined
      if (read && !read.ok) issues.push({ field: 'file', message: read.reason })
      if (issues.length || !file) return importForm(reply, 400, values, toFormErrors(issues))
      const now = context.clock()
      await db.delete(svMeasureUploads).where(lt(svMeasureUploads.createdAt, new Date(now.getTime() - UPLOAD_LIFETIME_MS)))
      const token = randomToken(24)
      await db.insert(svMeasureUploads).values({ token, councilId: principal.councilId, year: Number(year), name: text(values, 'name'), licence: text(values, 'licence'), content: file.toString('utf8'), createdAt: now })
      return reply.redirect(`${paths.socialValue.importPreview.href()}?token=${encodeURIComponent(token)}`, 303)
    })
  })

  const uploadOf = async (principal: Principal, token: string) => {
    if (!token) return undefined
    const [row] = await db.select().from(svMeasureUploads).where(and(eq(svMeasureUploads.token, token), eq(svMeasureUploads.councilId, principal.councilId)))
    return row
  }

  /** What the file would do with its mapping: the rows read, the problems by line, or the columns still missing. */
  const check = (upload: typeof svMeasureUploads.$inferSelect) => {
    const read = measures.readMeasuresCsv(upload.content)
    if (!read.ok) return { columns: [], mapping: {}, missing: [], measures: [], problems: [{ line: 1, code: '', message: read.reason }] }
    const mapping = (upload.mapping as measures.MeasureMapping | null) ?? measures.proposeMeasureMapping(read.columns)
    const missing = measures.missingMeasureFields(mapping)
    const rows = missing.length ? { measures: [], problems: [] } : measures.readMeasureRows(read.rows, mapping)
    return { columns: read.columns, mapping, missing, ...rows }
  }

  app.get(paths.socialValue.importPreview.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const token = String((request.query as Record<string, unknown>).token ?? '')
    const upload = await uploadOf(principal, token)
    if (!upload) return reply.redirect(paths.socialValue.importMeasures.href(), 303)
    const result = check(upload)
    return reply.view('social-value/views/import-preview.njk', {
      pageTitle: 'Check the measures before importing',
      token,
      upload: { ...upload, yearLabel: yearLabel(upload.year) },
      missing: result.missing.map((f) => measures.MEASURE_FIELDS[f].label),
      problems: result.problems,
      count: result.measures.length,
      sample: {
        caption: 'The first measures as read',
        captionClasses: 'govuk-table__caption--s',
        head: [{ text: 'Code' }, { text: 'Theme' }, { text: 'Measure' }, { text: 'Unit' }, { text: 'Proxy value', format: 'numeric' }, { text: 'Local' }],
        rows: result.measures.slice(0, 10).map((m) => [{ text: m.code }, { text: m.theme }, { text: m.wording }, { text: m.unit }, { text: m.proxyPence === null ? 'None' : formatPence(m.proxyPence), format: 'numeric' }, { text: m.countsAsLocal ? 'Yes' : 'No' }]),
      },
      mappingRows: measures.MEASURE_FIELD_NAMES.map((field) => ({
        field,
        label: `${measures.MEASURE_FIELDS[field].label}${measures.MEASURE_FIELDS[field].required ? '' : ' (optional)'}`,
        items: [{ value: '', text: 'Not in this file' }, ...result.columns.map((c) => ({ value: c, text: c, selected: result.mapping[field] === c }))],
      })),
    })
  })

  app.post(paths.socialValue.importPreview.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as FormBody
    const upload = await uploadOf(principal, text(body, 'token'))
    if (!upload) return reply.redirect(paths.socialValue.importMeasures.href(), 303)
    const mapping: measures.MeasureMapping = {}
    for (const field of measures.MEASURE_FIELD_NAMES) {
      const column = text(body, `map-${field}`)
      if (column) mapping[field] = column
    }
    await db.update(svMeasureUploads).set({ mapping }).where(eq(svMeasureUploads.token, upload.token))
    return reply.redirect(`${paths.socialValue.importPreview.href()}?token=${encodeURIComponent(upload.token)}`, 303)
  })

  app.post(paths.socialValue.importConfirm.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const upload = await uploadOf(principal, text((request.body ?? {}) as FormBody, 'token'))
    if (!upload) return reply.redirect(paths.socialValue.importMeasures.href(), 303)
    const result = check(upload)
    if (result.missing.length || result.problems.length || result.measures.length === 0) return reply.redirect(`${paths.socialValue.importPreview.href()}?token=${encodeURIComponent(upload.token)}`, 303)
    const counts = await db.transaction(async (tx) => {
      const c = await measures.importMeasures(tx, { councilId: principal.councilId, year: upload.year, name: upload.name, licence: upload.licence, measures: result.measures, actor: actorOf(request, principal), now: context.clock() })
      await tx.delete(svMeasureUploads).where(eq(svMeasureUploads.token, upload.token))
      return c
    })
    return reply.redirect(`${paths.socialValue.measures.href()}?year=${upload.year}&saved=${encodeURIComponent(`imported:${counts.created}:${counts.updated}:${counts.unchanged}`)}`, 303)
  })

  // ---------- settings ----------

  const renderSettings = (reply: FastifyReply, status: number, values: FormBody, errors: FormErrors, saved = false) => {
    const f = formModel(values, errors)
    return reply.code(status).view('social-value/views/form.njk', {
      pageTitle: 'Social value settings',
      backText: 'Settings',
      backHref: paths.settings.hub.href(),
      action: paths.socialValue.settings.href(),
      intro: saved ? ['Settings saved.'] : ['These figures are the council’s choice; the defaults are common starting points.'],
      errorList: errors.errorList,
      submitText: 'Save settings',
      fields: (Object.keys(SETTING_TEXT) as (keyof SocialValueSettings)[]).map((key) => f.input(key, SETTING_TEXT[key].label, { hint: SETTING_TEXT[key].hint, classes: 'govuk-input--width-4', inputmode: 'decimal', ...(SETTING_TEXT[key].suffix ? { suffix: SETTING_TEXT[key].suffix } : {}) })),
    })
  }

  app.get(paths.socialValue.settings.pattern, admin, async (request, reply) => {
    const settings = await readSettings(db, principalOf(request).councilId, socialValueSettings)
    return renderSettings(reply, 200, Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])), NO_ERRORS, (request.query as Record<string, unknown>).saved === '1')
  })

  app.post(paths.socialValue.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as FormBody
    const candidate = Object.fromEntries(Object.keys(SETTING_TEXT).map((k) => [k, text(body, k) === '' ? Number.NaN : Number(text(body, k).replace(/%$/, ''))]))
    const parsed = socialValueSettings.schema.safeParse(candidate)
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => {
        const key = String(i.path[0]) as keyof SocialValueSettings
        const shape = socialValueSettings.schema.shape[key] as unknown as { def?: { innerType?: { minValue?: number; maxValue?: number } } }
        const inner = shape.def?.innerType
        return { field: key, message: `${SETTING_TEXT[key].label} must be a number${inner?.minValue !== undefined ? ` from ${inner.minValue} to ${inner.maxValue}` : ''}` }
      })
      return renderSettings(reply, 400, body, toFormErrors(issues))
    }
    await db.transaction((tx) => writeSettings(tx, { actor: actorOf(request, principal), councilId: principal.councilId, section: socialValueSettings, values: parsed.data, now: context.clock() }))
    return reply.redirect(`${paths.socialValue.settings.href()}?saved=1`, 303)
  })
}
