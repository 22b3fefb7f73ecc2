/**
 * Benchmarking pages: the council's indicators and comparator groups, importing an indicator file, building a group
 * (an uploaded list, the same type and region, or the nearest-neighbour model), changing its members, and one
 * indicator compared across a group with its chart, table and CSV. Reading needs market:read; changing, market:write.
 */
import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { diskUploads, isUploadedFile, readUpload } from '../../platform/http/uploads.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { COUNCIL_TYPES, findCouncilById, type CouncilType } from '../councils/service.ts'
import { actorOf } from '../providers/routes.ts'
import { count, csvOf, text, type DataTable } from '../spend/tables.ts'
import { bandChart } from './chart.ts'
import { compare, formatValue, type Comparison } from './comparison.ts'
import { computedOf, computeOwnIndicators } from './computed.ts'
import { contractFiguresByYear } from './contract-indicators.ts'
import { awardRowsOf } from '../contracts/service.ts'
import { AWARD_PROCEDURES, type AwardProcedure } from '../contracts/vocabulary.ts'
import { addMember, createNearestGroup, createTypeRegionGroup, createUploadedGroup, GROUP_METHODS, groupMembers, listGroups, removeMember, type GroupMethod, type GroupOutcome } from './groups.ts'
import { findIndicator, importIndicatorFile, listIndicators, setPolarity } from './import.ts'
import { INDICATOR_FORMATS, isIndicatorFormat, type IndicatorFormat } from './read-indicators.ts'
import { registerReportRoutes } from './routes-report.ts'
import { registerSupplierRoutes } from './routes-suppliers.ts'
import { benchmarkImports } from './schema.ts'
import type { Polarity } from './statistics.ts'
import { desc, eq } from 'drizzle-orm'

const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024
const uuid = (value: unknown, what: string) => {
  if (typeof value !== 'string' || !isUuid(value)) throw new NotFoundError(what)
  return value
}
const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '')
const listOf = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string')

import { FLAG_TEXT, mads, POLARITY_NAMES, polarityText, TRAVEL_TEXT } from './words.ts'
import { isUuid } from '../../platform/ids.ts'
import { groupInAddress } from './group-in-address.ts'
import { pageTables } from './page-tables.ts'
export { POLARITY_NAMES } from './words.ts'

/** The comparison's tables: one row per council with its rank and distance from the median, and the trend. */
export function comparisonTables(c: Comparison): DataTable[] {
  const name = (row: Comparison['rows'][number]) => text(row.isSubject ? `${row.council.name} (this council)` : row.council.name)
  const ordered = [...c.ranked, ...c.rows.filter((r) => r.value === null)]
  return [
    {
      id: 'comparison',
      caption: `${c.indicator.name}${c.period ? `, ${c.period}` : ''}: the council and its group`,
      headings: ['Council', 'Value', 'Rank', 'MADs from the median', 'Flag', `Previous period${c.previousPeriod ? ` (${c.previousPeriod})` : ''}`, 'Direction of travel'],
      rows: ordered.map((r) => [
        name(r),
        text(formatValue(r.value)),
        text(r.rank === null ? '' : `${r.rank} of ${c.ranked.length}`),
        text(r.value === null ? '' : mads(r.mads)),
        text(r.flag ? FLAG_TEXT[r.flag] : ''),
        text(r.previous === null ? 'No figure' : formatValue(r.previous)),
        text(r.travel ? TRAVEL_TEXT[r.travel] : ''),
      ]),
    },
    {
      id: 'trend',
      caption: `${c.indicator.name}: the council and its group’s median by period`,
      headings: ['Period', 'This council', 'Group median', 'Councils with a figure'],
      rows: c.trend.map((t) => [text(t.period), text(formatValue(t.value)), text(formatValue(t.median)), count(t.count)]),
    },
  ]
}

export async function registerBenchmarkingRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db } = context
  const today = () => londonDate(context.clock())
  registerSupplierRoutes(app, context)
  registerReportRoutes(app, context)
  const formatItems = (selected?: string) => Object.entries(INDICATOR_FORMATS).map(([value, label]) => ({ value, text: label, checked: value === selected }))
  const polarityItems = (selected?: string) => Object.entries(POLARITY_NAMES).map(([value, label]) => ({ value, text: label, checked: value === selected }))

  app.get(paths.benchmarking.index.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const [indicators, groups, imports] = await Promise.all([
      listIndicators(db, principal.councilId),
      listGroups(db, principal.councilId),
      db.select().from(benchmarkImports).where(eq(benchmarkImports.councilId, principal.councilId)).orderBy(desc(benchmarkImports.importedAt)).limit(5),
    ])
    return reply.view('benchmarking/views/index.njk', {
      pageTitle: 'Benchmarking',
      canWrite: can(principal, 'market:write'),
      indicators: indicators.map((i) => ({ ...i, href: paths.benchmarking.indicator.href({ id: i.id }), polarityText: polarityText(i.polarity) })),
      groups: await Promise.all(groups.map(async (g) => ({ ...g, href: paths.benchmarking.group.href({ id: g.id }), methodText: GROUP_METHODS[g.method as GroupMethod], members: (await groupMembers(db, g.id)).length }))),
      imports,
      computed: Number((request.query as Record<string, string | undefined>).computed ?? NaN),
    })
  })

  // Importing an indicator file: the form, then the upload (multipart: the form token is read with the fields).
  const importForm = (reply: FastifyReply, values: Record<string, string> = {}, errors: { errorList: { text: string; href: string }[]; fieldErrors: Record<string, { text: string }> } = { errorList: [], fieldErrors: {} }, status = 200) =>
    reply.code(status).view('benchmarking/views/import.njk', { pageTitle: 'Import indicators', formatItems: formatItems(values.format), polarityItems: polarityItems(values.polarity), values, ...errors })
  app.get(paths.benchmarking.import.pattern, { preHandler: requirePermission('market:write') }, async (_request, reply) => importForm(reply))

  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, diskUploads(scoped, UPLOAD_LIMIT_BYTES))
    scoped.post(paths.benchmarking.import.pattern, { onRequest: requirePermission('market:write'), config: { uploadLimitBytes: UPLOAD_LIMIT_BYTES + 64 * 1024 } }, async (request, reply) => {
      const principal = principalOf(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const values = Object.fromEntries(['format', 'indicatorName', 'measure', 'unit', 'period', 'source', 'licence', 'polarity'].map((k) => [k, field(body, k)]))
      const upload = isUploadedFile(body.file) && body.file.size > 0 ? body.file : undefined
      const errorList: { text: string; href: string }[] = []
      const fieldErrors: Record<string, { text: string }> = {}
      const fail = (name: string, message: string, id = name) => {
        fieldErrors[name] = { text: message }
        errorList.push({ text: message, href: `#${id}` })
      }
      if (!isIndicatorFormat(values.format)) fail('format', 'Select the layout of the file')
      if (!upload) fail('file', 'Select a file to import')
      if (values.format === 'lginform-wide' && !values.indicatorName) fail('indicatorName', 'Enter the name of the indicator the download holds')
      if (values.polarity && !(values.polarity in POLARITY_NAMES)) fail('polarity', 'Select whether a high or a low value is good')
      if (errorList.length || !upload) return importForm(reply, values, { errorList, fieldErrors }, 400)
      const now = context.clock()
      const outcome = await importIndicatorFile(db, {
        councilId: principal.councilId,
        fileName: upload.filename || 'upload',
        bytes: await readUpload(upload),
        format: values.format as IndicatorFormat,
        indicatorName: values.indicatorName,
        measure: values.measure,
        unit: values.unit,
        period: values.period,
        source: values.source || undefined,
        licence: values.licence || undefined,
        polarity: values.polarity ? (values.polarity === 'none' ? null : (values.polarity as Polarity)) : undefined,
        actor: actorOf(request, principal),
        now,
        today: today(),
      })
      return reply.code(outcome.ok ? 200 : 400).view('benchmarking/views/import-result.njk', {
        pageTitle: outcome.ok ? 'Indicators imported' : 'The file was not imported',
        formatName: INDICATOR_FORMATS[values.format as IndicatorFormat],
        fileName: upload.filename,
        outcome,
        indicators: outcome.ok ? outcome.summary.indicators.map((i) => ({ ...i, href: paths.benchmarking.indicator.href({ id: i.id }) })) : [],
      })
    })

    scoped.post(paths.benchmarking.uploadGroup.pattern, { onRequest: requirePermission('market:write'), config: { uploadLimitBytes: 1024 * 1024 + 64 * 1024 } }, async (request, reply) => {
      const principal = principalOf(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const values = { name: field(body, 'name'), purpose: field(body, 'purpose') }
      const upload = isUploadedFile(body.file) && body.file.size > 0 ? body.file : undefined
      const errorList: { text: string; href: string }[] = []
      const fieldErrors: Record<string, { text: string }> = {}
      if (!values.name) {
        fieldErrors['upload-name'] = { text: 'Enter a name for the group' }
        errorList.push({ text: 'Enter a name for the group', href: '#upload-name' })
      }
      if (!upload) {
        fieldErrors['upload-file'] = { text: 'Select the list of councils to upload' }
        errorList.push({ text: 'Select the list of councils to upload', href: '#upload-file' })
      }
      if (errorList.length || !upload) return groupForm(principal, reply, { upload: values }, { errorList, fieldErrors }, 400)
      const outcome = await createUploadedGroup(db, { councilId: principal.councilId, ...values, bytes: await readUpload(upload), actor: actorOf(request, principal), now: context.clock(), today: today() })
      return groupResult(reply, outcome, values.name)
    })
  })

  const groupResult = (reply: FastifyReply, outcome: GroupOutcome, name: string) =>
    reply.code(outcome.ok ? 200 : 400).view('benchmarking/views/group-result.njk', {
      pageTitle: outcome.ok ? 'Comparator group built' : 'The group was not built',
      name,
      outcome,
      groupHref: outcome.ok ? paths.benchmarking.group.href({ id: outcome.groupId }) : undefined,
    })

  const groupForm = async (
    principal: Principal,
    reply: FastifyReply,
    values: { upload?: Record<string, string>; rule?: Record<string, string>; model?: Record<string, string | string[]> } = {},
    errors: { errorList: { text: string; href: string }[]; fieldErrors: Record<string, { text: string }> } = { errorList: [], fieldErrors: {} },
    status = 200,
  ) => {
    const council = (await findCouncilById(db, principal.councilId))!
    const indicators = await listIndicators(db, principal.councilId)
    const chosen = new Set(listOf(values.model?.indicators))
    return reply.code(status).view('benchmarking/views/new-group.njk', {
      pageTitle: 'Build a comparator group',
      council,
      typeName: COUNCIL_TYPES[council.type as CouncilType],
      values,
      indicatorItems: indicators.map((i) => ({ value: i.id, text: `${i.name}${i.measure ? ` (${i.measure}${i.unit ? `, ${i.unit}` : ''})` : ''}`, checked: chosen.has(i.id) })),
      ...errors,
    })
  }

  app.get(paths.benchmarking.newGroup.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => groupForm(principalOf(request), reply))

  app.post(paths.benchmarking.newGroup.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const method = field(body, 'method')
    const prefix = method === 'nearest' ? 'model' : 'rule'
    const values = { name: field(body, 'name'), purpose: field(body, 'purpose'), indicators: listOf(body.indicators), sameType: field(body, 'sameType') }
    const errorList: { text: string; href: string }[] = []
    const fieldErrors: Record<string, { text: string }> = {}
    if (method !== 'nearest' && method !== 'type-region') return groupForm(principal, reply, {}, { errorList: [{ text: 'Choose how to build the group', href: '#upload-name' }], fieldErrors: {} }, 400)
    if (!values.name) {
      fieldErrors[`${prefix}-name`] = { text: 'Enter a name for the group' }
      errorList.push({ text: 'Enter a name for the group', href: `#${prefix}-name` })
    }
    if (method === 'nearest' && values.indicators.length === 0) {
      fieldErrors['model-indicators'] = { text: 'Select at least one indicator for the model' }
      errorList.push({ text: 'Select at least one indicator for the model', href: '#model-indicators' })
    }
    if (errorList.length) return groupForm(principal, reply, { [prefix]: values }, { errorList, fieldErrors }, 400)
    const common = { councilId: principal.councilId, name: values.name, purpose: values.purpose, actor: actorOf(request, principal), now: context.clock(), today: today() }
    const outcome =
      method === 'nearest'
        ? await createNearestGroup(db, { ...common, indicatorIds: values.indicators.filter((id) => isUuid(id)), sameType: values.sameType === 'yes' })
        : await createTypeRegionGroup(db, common)
    return groupResult(reply, outcome, values.name)
  })

  const groupPage = async (request: FastifyRequest, reply: FastifyReply, extra: { errorList?: { text: string; href: string }[]; fieldErrors?: Record<string, { text: string }>; code?: string; status?: number } = {}) => {
    const { principal, group } = await groupInAddress(db, request)
    const members = await groupMembers(db, group.id)
    const model = group.model as { variables?: { name: string; period: string }[]; sameType?: boolean; compared?: number; type?: string; region?: string } | null
    return reply.code(extra.status ?? 200).view('benchmarking/views/group.njk', {
      pageTitle: group.name,
      group,
      methodText: GROUP_METHODS[group.method as GroupMethod],
      model,
      modelTypeName: model?.type ? COUNCIL_TYPES[model.type as CouncilType] : undefined,
      canWrite: can(principal, 'market:write'),
      members: members.map((m) => ({
        ...m,
        typeName: COUNCIL_TYPES[m.council.type as CouncilType] ?? m.council.type,
        sourceText: { list: 'Uploaded list', rule: 'Same type and region', model: 'Model', added: 'Added by hand' }[m.source] ?? m.source,
      })),
      code: extra.code ?? '',
      errorList: extra.errorList ?? [],
      fieldErrors: extra.fieldErrors ?? {},
    })
  }

  app.get(paths.benchmarking.group.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => groupPage(request, reply))

  app.post(paths.benchmarking.addMember.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    const { principal, group } = await groupInAddress(db, request)
    const code = field((request.body ?? {}) as Record<string, unknown>, 'council')
    const message = (text: string) => groupPage(request, reply, { errorList: [{ text, href: '#council' }], fieldErrors: { council: { text } }, code, status: 400 })
    if (!code) return message('Enter the code or name of a council to add')
    const outcome = await addMember(db, { councilId: principal.councilId, groupId: group.id, code, actor: actorOf(request, principal), now: context.clock(), today: today() })
    if (!outcome.ok) return message(`${outcome.reason.charAt(0).toUpperCase()}${outcome.reason.slice(1)}`)
    return reply.redirect(paths.benchmarking.group.href({ id: group.id }), 303)
  })

  app.post(paths.benchmarking.removeMember.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    const { principal, group } = await groupInAddress(db, request)
    const member = field((request.body ?? {}) as Record<string, unknown>, 'council')
    const removed = isUuid(member) ? await removeMember(db, { councilId: principal.councilId, groupId: group.id, memberCouncilId: member, actor: actorOf(request, principal), now: context.clock() }) : undefined
    if (!removed) return groupPage(request, reply, { errorList: [{ text: 'Choose a council of the group to remove', href: '#members' }], status: 400 })
    return reply.redirect(paths.benchmarking.group.href({ id: group.id }), 303)
  })

  app.get(paths.benchmarking.indicator.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const indicator = await findIndicator(db, principal.councilId, uuid((request.params as { id: string }).id, 'Indicator'))
    if (!indicator) throw new NotFoundError('Indicator')
    const query = request.query as Record<string, string | undefined>
    const groups = await listGroups(db, principal.councilId)
    const group = query.group && isUuid(query.group) ? groups.find((g) => g.id === query.group) : groups.length === 1 ? groups[0] : undefined
    const comparison = group ? await compare(db, { councilId: principal.councilId, indicator, groupId: group.id, period: query.period }) : undefined
    const tables = comparison ? comparisonTables(comparison) : []
    // A figure computed from the council's contracts links to the contracts beneath it, for the period shown.
    if (comparison?.period && (indicator.key === 'catalyst:direct-award-share' || indicator.key === 'catalyst:contract-length')) {
      const year = contractFiguresByYear(await awardRowsOf(db, principal.councilId)).find((y) => y.year.label === comparison.period)
      tables.push({
        id: 'contracts',
        caption: `The council’s contracts counted in ${comparison.period}`,
        headings: ['Contract', 'How it was awarded', 'Award date', 'Start', 'End', 'Initial term (months)', 'Counted as a direct award'],
        rows: (year?.rows ?? []).map((r) => [
          text(`${r.row.reference}: ${r.row.title}`, paths.contracts.show.href({ id: r.row.id })),
          text(AWARD_PROCEDURES[r.row.awardProcedure as AwardProcedure]?.name ?? r.row.awardProcedure),
          text(r.row.awardDate ?? 'Not recorded'),
          text(r.row.startDate ?? 'Not recorded'),
          text(r.row.endDate ?? 'Not recorded'),
          text(r.termMonths === null ? 'Not counted' : String(r.termMonths)),
          text(!r.procedureStated ? 'Not counted (procedure not stated)' : r.direct ? 'Yes' : 'No'),
        ]),
      })
    }
    if (query.download) {
      const table = tables.find((t) => t.id === query.download)
      if (!table) throw new NotFoundError('Table')
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${principal.councilCode.toLowerCase()}-benchmark-${table.id}.csv"`).send(csvOf(table))
    }
    const s = comparison?.subject
    return reply.view('benchmarking/views/indicator.njk', {
      pageTitle: indicator.name,
      indicator,
      polarityText: polarityText(indicator.polarity),
      method: computedOf(indicator.key)?.method,
      polarityItems: polarityItems(indicator.polarity ?? 'none'),
      canWrite: can(principal, 'market:write'),
      groupItems: [{ value: '', text: 'Choose a group' }, ...groups.map((g) => ({ value: g.id, text: g.name, selected: g.id === group?.id }))],
      hasGroups: groups.length > 0,
      group,
      comparison,
      periodItems: comparison ? comparison.periods.map((p) => ({ value: p.label, text: `${p.label} (${p.typeName.toLowerCase()})`, selected: p.label === comparison.period })) : [],
      headline: s
        ? {
            value: formatValue(s.value),
            rank: s.rank === null ? null : `${s.rank} of ${comparison.ranked.length}`,
            mads: s.value === null ? null : mads(s.mads),
            flag: s.flag ? FLAG_TEXT[s.flag] : null,
            flagTag: s.flag === 'worse' ? 'govuk-tag--red' : s.flag === 'better' ? 'govuk-tag--green' : 'govuk-tag--yellow',
            travel: s.travel ? TRAVEL_TEXT[s.travel] : null,
            median: formatValue(comparison.median),
            mad: formatValue(comparison.mad),
          }
        : undefined,
      chart:
        comparison && comparison.median !== null && comparison.ranked.length > 0
          ? bandChart({
              title: `${indicator.name}, ${comparison.period}: ${comparison.subject.council.name} and ${group!.name}`,
              description: `Bars for each council with a figure, best first${indicator.polarity ? '' : ' (highest first: the indicator does not say which way is good)'}; a line at the group’s median of ${formatValue(comparison.median)} and a shaded band of one median absolute deviation (${formatValue(comparison.mad)}) either side. ${comparison.subject.council.name} is in bold.`,
              rows: comparison.ranked.map((r) => ({ label: r.council.name, value: r.value!, highlight: r.isSubject })),
              median: comparison.median,
              mad: comparison.mad ?? 0,
              format: (v) => formatValue(v),
            })
          : undefined,
      tables: pageTables(request, tables),
    })
  })

  app.post(paths.benchmarking.computed.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const counts = await computeOwnIndicators(db, principal.councilId, actorOf(request, principal), context.clock())
    return reply.redirect(`${paths.benchmarking.index.href()}?computed=${counts.created + counts.updated + counts.unchanged}`, 303)
  })

  app.post(paths.benchmarking.polarity.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const id = uuid((request.params as { id: string }).id, 'Indicator')
    const chosen = field((request.body ?? {}) as Record<string, unknown>, 'polarity')
    const indicator = await findIndicator(db, principal.councilId, id)
    if (!indicator) throw new NotFoundError('Indicator')
    if (!(chosen in POLARITY_NAMES)) return reply.code(400).view('benchmarking/views/problem.njk', { pageTitle: 'Which way is good was not saved', message: 'Select whether a high or a low value is good, or that it is not said.', backHref: paths.benchmarking.indicator.href({ id }) })
    const done = await setPolarity(db, principal.councilId, id, chosen === 'none' ? null : (chosen as Polarity), actorOf(request, principal), context.clock())
    if (!done) throw new NotFoundError('Indicator')
    return reply.redirect(paths.benchmarking.indicator.href({ id }), 303)
  })
}
