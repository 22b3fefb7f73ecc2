/** Review: SROI models (list, new, the model with its sensitivity and tornado chart, a printable report) and LM3 from the spend register. */
import { escapeHtml as escape } from '../../platform/http/html.ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { tornadoChart } from '../../platform/charts/charts.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { formatPence } from '../../platform/money.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import type { SensitivityRow } from '../../rules/social-value/sroi.ts'
import { listContracts } from '../contracts/service.ts'
import { toFormErrors, type FormBody } from '../contracts/form-fields.ts'
import { listProjects } from '../projects/service.ts'
import { actorOf } from '../providers/routes.ts'
import { measureChoices } from './commitments.ts'
import { formModel } from './form-model.ts'
import { parseSroiModelForm, parseSroiOutcomeForm } from './forms.ts'
import { lm3Report, spendCategories, spendYears } from './lm3-service.ts'
import { socialValueSettings } from './settings.ts'
import * as sroi from './sroi-service.ts'
import { idOf, queryId } from './ids.ts'

const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }
const ratio = (r: number | null) => (r === null ? 'no ratio' : `£${r.toFixed(2)}`)
const percent = (share: number) => `${(Math.round(share * 10_000) / 100).toLocaleString('en-GB')}%`
const units = (q: number) => q.toLocaleString('en-GB', { maximumFractionDigits: 4 })

/** An assumption's value as a reader expects it: shares and rates as percentages, money in pounds, years as years. */
function assumptionValue(row: Pick<SensitivityRow, 'kind'>, value: number): string {
  if (row.kind === 'proxy' || row.kind === 'inputs') return formatPence(Math.round(value))
  if (row.kind === 'duration') return `${value} ${value === 1 ? 'year' : 'years'}`
  if (row.kind === 'quantity') return units(Math.round(value * 100) / 100)
  return percent(value)
}

function breakEvenText(row: SensitivityRow): string {
  if (row.breakEvenRemark === 'always-above') return 'Stays above £1 over its whole range'
  if (row.breakEvenRemark === 'always-below') return 'Stays below £1 over its whole range'
  return assumptionValue(row, row.kind === 'duration' ? row.breakEven! : row.breakEven!)
}

export function registerReviewRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: requirePermission('social-value:read') }
  const manage = { preHandler: requirePermission('social-value:manage') }

  app.get(paths.socialValue.sroiList.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const models = await sroi.sroiModelsOf(db, principal.councilId)
    return reply.view('social-value/views/sroi-list.njk', {
      pageTitle: 'Social return on investment',
      canManage: can(principal, 'social-value:manage'),
      table: {
        caption: 'SROI models',
        captionClasses: 'govuk-table__caption--m',
        firstCellIsHeader: true,
        head: [{ text: 'Title' }, { text: 'For' }, { text: 'Inputs', format: 'numeric' }],
        rows: models.map((m) => [
          { html: `<a class="govuk-link" href="${paths.socialValue.sroi.href({ id: m.model.id })}">${escape(m.model.title)}</a>` },
          { text: m.projectTitle ? `Project: ${m.projectTitle}` : m.contractTitle ? `Contract: ${m.contractTitle} (${m.contractReference})` : '' },
          { text: formatPence(m.model.inputsPence, { whole: true }), format: 'numeric' },
        ]),
      },
      any: models.length > 0,
    })
  })

  // ---------- a new model ----------

  const aboutChoices = async (principal: Principal) => {
    const [projects, contracts] = await Promise.all([listProjects(db, principal.councilId), listContracts(db, { councilId: principal.councilId }, {}, 1, 500)])
    return {
      projects: projects.rows.map((p) => ({ id: p.project.id, title: p.project.title })),
      contracts: contracts.items.map((c) => ({ id: c.id, title: `${c.title} (${c.reference})` })),
    }
  }

  const renderModel = async (reply: FastifyReply, status: number, principal: Principal, values: FormBody, errors: FormErrors) => {
    const f = formModel(values, errors)
    const [choices, settings] = await Promise.all([aboutChoices(principal), readSettings(db, principal.councilId, socialValueSettings)])
    return reply.code(status).view('social-value/views/form.njk', {
      pageTitle: 'Start an SROI',
      backText: 'Social return on investment',
      backHref: paths.socialValue.sroiList.href(),
      action: paths.socialValue.newSroi.href(),
      intro: ['Following the Cabinet Office guide to SROI: the value of what is put in, then each outcome with its quantity, financial proxy, how long it lasts and the deductions for what would have happened anyway.'],
      errorList: errors.errorList,
      submitText: 'Start SROI',
      fields: [
        f.input('title', 'Title'),
        f.select('about', 'Project or contract', [
          { value: '', text: 'Choose one' },
          ...choices.projects.map((p) => ({ value: `project:${p.id}`, text: `Project: ${p.title}` })),
          ...choices.contracts.map((c) => ({ value: `contract:${c.id}`, text: `Contract: ${c.title}` })),
        ]),
        f.input('inputs', 'Value of inputs', { prefix: '£', classes: 'govuk-input--width-10', inputmode: 'decimal', hint: 'Everything put in: money, and the value of time and goods given' }),
        f.input('inputsSource', 'Where the value of inputs comes from'),
        f.input('discountRate', 'Discount rate (optional)', { suffix: '%', classes: 'govuk-input--width-4', inputmode: 'decimal', hint: `Leave empty to use the council’s rate, now ${settings.discountRatePercent}%` }),
      ],
    })
  }

  app.get(paths.socialValue.newSroi.pattern, manage, async (request, reply) => {
    const principal = principalOf(request)
    const query = request.query as Record<string, unknown>
    const about = typeof query.contract === 'string' ? `contract:${query.contract}` : typeof query.project === 'string' ? `project:${query.project}` : ''
    return renderModel(reply, 200, principal, { about }, NO_ERRORS)
  })

  app.post(paths.socialValue.newSroi.pattern, manage, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as FormBody
    const choices = await aboutChoices(principal)
    const parsed = parseSroiModelForm(body, { projects: choices.projects.map((p) => p.id), contracts: choices.contracts.map((c) => c.id) })
    if (!parsed.ok) return renderModel(reply, 400, principal, body, toFormErrors(parsed.issues))
    const id = await db.transaction((tx) => sroi.createSroiModel(tx, { councilId: principal.councilId, values: parsed.value, actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(paths.socialValue.newSroiOutcome.href({ id }), 303)
  })

  // ---------- an outcome ----------

  const renderOutcome = async (reply: FastifyReply, status: number, principal: Principal, detail: sroi.SroiDetail, values: FormBody, errors: FormErrors) => {
    const f = formModel(values, errors)
    const measures = await measureChoices(db, principal.councilId)
    return reply.code(status).view('social-value/views/form.njk', {
      pageTitle: 'Add an outcome',
      caption: detail.model.title,
      backText: detail.model.title,
      backHref: paths.socialValue.sroi.href({ id: detail.model.id }),
      action: paths.socialValue.newSroiOutcome.href({ id: detail.model.id }),
      intro: ['Deductions multiply: 25% deadweight and 20% attribution leave 60% of the value, not 55%. Drop-off applies from the second year.'],
      errorList: errors.errorList,
      submitText: 'Add outcome',
      fields: [
        f.input('name', 'Outcome', { hint: 'What changes for people, for example “Local people into work”' }),
        f.select('measureId', 'Measure from the council’s framework (optional)', [{ value: '', text: 'None' }, ...measures.map((m) => ({ value: m.id, text: `${m.year}: ${m.code} ${m.wording}${m.proxyPence === null ? '' : ` (${formatPence(m.proxyPence)} per ${m.unit})`}` }))], 'Its proxy value is used when you leave the proxy below empty'),
        f.input('quantity', 'Quantity', { classes: 'govuk-input--width-10', inputmode: 'decimal', hint: 'How many, for example people or hours, in the first year' }),
        f.input('proxy', 'Financial proxy per unit (optional with a measure)', { prefix: '£', classes: 'govuk-input--width-10', inputmode: 'decimal' }),
        f.input('duration', 'Duration in years', { classes: 'govuk-input--width-3', inputmode: 'numeric', hint: 'How long the outcome lasts' }),
        f.input('deadweight', 'Deadweight', { suffix: '%', classes: 'govuk-input--width-4', inputmode: 'decimal', hint: 'How much would have happened anyway' }),
        f.input('displacement', 'Displacement', { suffix: '%', classes: 'govuk-input--width-4', inputmode: 'decimal', hint: 'How much of it displaced other outcomes' }),
        f.input('attribution', 'Attribution', { suffix: '%', classes: 'govuk-input--width-4', inputmode: 'decimal', hint: 'How much is due to others' }),
        f.input('dropOff', 'Drop-off', { suffix: '%', classes: 'govuk-input--width-4', inputmode: 'decimal', hint: 'How much the outcome declines each year after the first' }),
        f.textarea('sources', 'Sources', 'Where the quantity, the proxy and each deduction come from: the printed report states them'),
      ],
    })
  }

  const detailOf = async (principal: Principal, id: string) => {
    const detail = await sroi.sroiDetail(db, principal.councilId, id)
    if (!detail) throw new NotFoundError('SROI')
    return detail
  }

  app.get(paths.socialValue.newSroiOutcome.pattern, manage, async (request, reply) => {
    const principal = principalOf(request)
    return renderOutcome(reply, 200, principal, await detailOf(principal, idOf(request)), { duration: '1', deadweight: '0', displacement: '0', attribution: '0', dropOff: '0' }, NO_ERRORS)
  })

  app.post(paths.socialValue.newSroiOutcome.pattern, manage, async (request, reply) => {
    const principal = principalOf(request)
    const detail = await detailOf(principal, idOf(request))
    const body = (request.body ?? {}) as FormBody
    const parsed = parseSroiOutcomeForm(body, await measureChoices(db, principal.councilId))
    if (!parsed.ok) return renderOutcome(reply, 400, principal, detail, body, toFormErrors(parsed.issues))
    await db.transaction((tx) => sroi.addSroiOutcome(tx, { councilId: principal.councilId, modelId: detail.model.id, values: parsed.value, actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(paths.socialValue.sroi.href({ id: detail.model.id }), 303)
  })

  // ---------- the model and its report ----------

  const modelView = (detail: sroi.SroiDetail) => {
    const { result } = detail
    const tornadoRows = detail.sensitivity.slice(0, 10)
    return {
      detail,
      about: detail.projectTitle ? `Project: ${detail.projectTitle}` : detail.contractTitle ? `Contract: ${detail.contractTitle}` : '',
      aboutHref: detail.model.projectId ? paths.projects.show.href({ id: detail.model.projectId }) : detail.model.contractId ? paths.contracts.show.href({ id: detail.model.contractId }) : undefined,
      headline: result.ratio === null ? 'No ratio: there are no inputs' : `${ratio(result.ratio)} of social value for every £1 invested`,
      figures: {
        rows: [
          { key: { text: 'Present value of impact' }, value: { text: formatPence(Math.round(result.presentValuePence)) } },
          { key: { text: 'Value of inputs' }, value: { text: `${formatPence(result.inputsPence)} (${detail.model.inputsSource})` } },
          { key: { text: 'Net present value' }, value: { text: formatPence(Math.round(result.netPresentValuePence)) } },
          { key: { text: 'SROI ratio' }, value: { text: result.ratio === null ? 'None' : `${result.ratio.toFixed(2)} : 1` } },
          { key: { text: 'Net SROI' }, value: { text: result.netRatio === null ? 'None' : `${result.netRatio.toFixed(2)} : 1` } },
          { key: { text: 'Payback' }, value: { text: result.paybackYear === null ? 'Not within the outcomes’ durations' : `In year ${result.paybackYear}` } },
          { key: { text: 'Discount rate' }, value: { text: `${percent(detail.discountRate)}${detail.discountRateFromSettings ? ' (the council’s setting; 3.5% is the HM Treasury Green Book’s standard rate)' : ' (set for this model)'}` } },
        ],
      },
      outcomes: {
        caption: 'Outcomes and their assumptions',
        captionClasses: 'govuk-table__caption--m',
        firstCellIsHeader: true,
        head: [{ text: 'Outcome' }, { text: 'Quantity', format: 'numeric' }, { text: 'Proxy', format: 'numeric' }, { text: 'Years', format: 'numeric' }, { text: 'Deadweight', format: 'numeric' }, { text: 'Displacement', format: 'numeric' }, { text: 'Attribution', format: 'numeric' }, { text: 'Drop-off', format: 'numeric' }, { text: 'Year 1 impact', format: 'numeric' }, { text: 'Present value', format: 'numeric' }],
        rows: detail.outcomes.map((o, i) => [
          { text: o.name },
          { text: units(o.quantity), format: 'numeric' },
          { text: formatPence(o.proxyPence), format: 'numeric' },
          { text: String(o.durationYears), format: 'numeric' },
          { text: percent(o.deadweight), format: 'numeric' },
          { text: percent(o.displacement), format: 'numeric' },
          { text: percent(o.attribution), format: 'numeric' },
          { text: percent(o.dropOff), format: 'numeric' },
          { text: formatPence(Math.round(result.outcomes[i]!.years[0] ?? 0)), format: 'numeric' },
          { text: formatPence(Math.round(result.outcomes[i]!.presentValuePence)), format: 'numeric' },
        ]),
      },
      sources: detail.outcomes.map((o) => ({ name: o.name, sources: o.sources })),
      sensitivity: {
        caption: `Sensitivity: each assumption moved ${Math.round(detail.steps.sharePoints * 100)} points (shares), ${Math.round(detail.steps.relative * 100)}% (amounts), 1 year or 1 point (discount rate), largest change first`,
        captionClasses: 'govuk-table__caption--m',
        firstCellIsHeader: true,
        head: [{ text: 'Assumption' }, { text: 'As modelled', format: 'numeric' }, { text: 'Moved to', format: 'numeric' }, { text: 'Ratio', format: 'numeric' }, { text: 'Break-even value (ratio £1)', format: 'numeric' }],
        rows: detail.sensitivity.map((s) => [
          { text: s.label },
          { text: assumptionValue(s, s.value), format: 'numeric' },
          { text: `${assumptionValue(s, s.low)} to ${assumptionValue(s, s.high)}`, format: 'numeric' },
          { text: `${ratio(s.ratioAtLow)} to ${ratio(s.ratioAtHigh)}`, format: 'numeric' },
          { text: breakEvenText(s), format: 'numeric' },
        ]),
      },
      mostSensitive: detail.sensitivity[0] && { label: detail.sensitivity[0].label, range: `${ratio(detail.sensitivity[0].ratioAtLow)} to ${ratio(detail.sensitivity[0].ratioAtHigh)}` },
      tornado:
        result.ratio === null || tornadoRows.length === 0
          ? undefined
          : tornadoChart({
              title: 'Which assumptions move the SROI ratio most',
              description: `Tornado chart: for each assumption, the SROI ratio with the assumption moved down and up, around the modelled ratio of ${ratio(result.ratio)}; the dashed line marks break-even at £1. The figures are in the sensitivity table.`,
              base: result.ratio,
              reference: 1,
              rows: tornadoRows.map((s) => ({ label: s.label, low: s.ratioAtLow ?? 0, high: s.ratioAtHigh ?? 0 })),
              format: (v) => `£${v.toFixed(2)}`,
            }),
    }
  }

  app.get(paths.socialValue.sroi.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const detail = await detailOf(principal, idOf(request))
    return reply.view('social-value/views/sroi.njk', { pageTitle: detail.model.title, ...modelView(detail), canManage: can(principal, 'social-value:manage') })
  })

  app.get(paths.socialValue.sroiReport.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const detail = await detailOf(principal, idOf(request))
    return reply.view('social-value/views/sroi-report.njk', { pageTitle: `SROI report: ${detail.model.title}`, ...modelView(detail), printedOn: context.clock() })
  })

  // ---------- LM3 ----------

  app.get(paths.socialValue.lm3.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const query = request.query as Record<string, unknown>
    const years = await spendYears(db, principal.councilId)
    const year = years.includes(Number(query.year)) ? Number(query.year) : years[0]
    const category = typeof query.category === 'string' && query.category ? query.category : undefined
    const providerId = queryId(request, 'provider')
    const contractId = queryId(request, 'contract')
    const [categories, report, contracts] = await Promise.all([
      year === undefined ? [] : spendCategories(db, principal.councilId, year),
      year === undefined ? undefined : lm3Report(db, principal.councilId, { year, category, providerId, contractId }),
      listContracts(db, { councilId: principal.councilId }, {}, 1, 500),
    ])
    const r = report?.result
    const range = (low: number, high: number, f: (v: number) => string) => (Math.abs(high - low) < 1e-9 ? f(low) : `${f(low)} to ${f(high)}`)
    const money = (v: number) => formatPence(Math.round(v), { whole: true })
    return reply.view('social-value/views/lm3.njk', {
      pageTitle: 'Local Multiplier 3',
      hasSpend: years.length > 0,
      filters: {
        year: { id: 'year', name: 'year', label: { text: 'Financial year' }, items: years.map((y) => ({ value: String(y), text: `${y} to ${y + 1}`, selected: y === year })) },
        category: { id: 'category', name: 'category', label: { text: 'Service (spend category)' }, items: [{ value: '', text: 'All services' }, ...categories.map((c) => ({ value: c, text: c, selected: c === category }))] },
        contract: { id: 'contract', name: 'contract', label: { text: 'Contract' }, hint: { text: 'Spend that year with the contract’s suppliers' }, items: [{ value: '', text: 'All contracts' }, ...contracts.items.map((c) => ({ value: c.id, text: `${c.title} (${c.reference})`, selected: c.id === contractId }))] },
      },
      providerId,
      districts: report?.districts ?? [],
      headline: r?.lm3 ? range(r.lm3.low, r.lm3.high, (v) => v.toFixed(2)) : undefined,
      coverage: r?.coverage === null || r?.coverage === undefined ? undefined : percent(r.coverage),
      localityKnown: r?.localityKnown === null || r?.localityKnown === undefined ? undefined : percent(r.localityKnown),
      rounds: r && {
        firstCellIsHeader: true,
        caption: 'The three rounds',
        captionClasses: 'govuk-table__caption--m',
        head: [{ text: 'Round' }, { text: 'Amount', format: 'numeric' }, { text: 'Source' }],
        rows: [
          [{ text: 'Round 1: the council’s spend' }, { text: money(r.round1Pence), format: 'numeric' }, { text: `The spend register: ${report!.payments.toLocaleString('en-GB')} payments` }],
          [{ text: 'Round 2: spent locally by the council’s suppliers' }, { text: range(r.round2.low, r.round2.high, money), format: 'numeric' }, { text: 'Spend with suppliers whose address is in the council’s postcode districts, plus what suppliers from outside spend on local staff, from their answers' }],
          [{ text: 'Round 3: re-spent locally by local suppliers' }, { text: range(r.round3.low, r.round3.high, money), format: 'numeric' }, { text: 'Local suppliers’ own spending on local staff and local suppliers, from their answers' }],
        ],
      },
      notAnswered: r && {
        caption: 'Suppliers that have not answered this year, largest first',
        captionClasses: 'govuk-table__caption--s',
        firstCellIsHeader: true,
        head: [{ text: 'Supplier' }, { text: 'Spend', format: 'numeric' }, { text: 'Locality' }],
        rows: r.suppliers
          .filter((s) => !s.answered)
          .sort((a, b) => b.spendPence - a.spendPence)
          .slice(0, 25)
          .map((s) => [{ text: s.name }, { text: money(s.spendPence), format: 'numeric' }, { text: s.locality === 'local' ? 'Local' : s.locality === 'not-local' ? 'Outside the area' : 'Not known' }]),
      },
      notAnsweredCount: r?.notAnswered.length ?? 0,
      unmatched: report && report.unmatchedPence > 0 ? money(report.unmatchedPence) : undefined,
    })
  })
}
