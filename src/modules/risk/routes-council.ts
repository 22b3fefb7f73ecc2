/** The council's naive-rule report (page and CSV) and its financial standing thresholds (settings). */
import { csvDocument } from '../../platform/csv.ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { formatPence } from '../../platform/money.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import type { Tier } from '../../rules/risk/types.ts'
import { londonDate } from '../contracts/dates.ts'
import { text, toFormErrors, type FormBody } from '../contracts/form-fields.ts'
import { actorOf } from '../providers/routes.ts'
import { parseSettingsForm } from './forms.ts'
import { naiveRuleReport, type NaiveReportRow } from './service.ts'
import { riskSettings, settingKey, THRESHOLD_FIELDS, TIER_DEFAULTS, type ThresholdField } from './settings.ts'
import { LEVEL_TAGS } from './view-models.ts'
import { escapeHtml } from '../../platform/http/html.ts'

const NAIVE_WORDS = { passes: 'Passes', excluded: 'Would exclude', 'not-given': 'No turnover given' } as const

/** What the report says overall: how many the naive rule would exclude, and how many of those the assessment finds low or medium. */
export function reportSummary(rows: NaiveReportRow[]) {
  const excluded = rows.filter((r) => r.naive.outcome === 'excluded')
  return {
    contracts: rows.length,
    withFigures: rows.filter((r) => r.turnoverPence !== null).length,
    excluded: excluded.length,
    excludedButLow: excluded.filter((r) => r.proportionate === 'low').length,
    excludedButMedium: excluded.filter((r) => r.proportionate === 'medium').length,
    excludedAndHigh: excluded.filter((r) => r.proportionate === 'high').length,
  }
}

export function reportCsv(rows: NaiveReportRow[]): string {
  const head = ['Supplier', 'Contract reference', 'Contract', 'Annual value (£)', 'Year to', 'Turnover (£)', 'Naive rule', 'Tier', 'Proportionate assessment', 'Why']
  return csvDocument(
    head,
    rows.map((r) => [r.providerName, r.reference, r.title, (r.annualValuePence / 100).toFixed(2), r.periodEnd, r.turnoverPence === null ? null : (r.turnoverPence / 100).toFixed(2), NAIVE_WORDS[r.naive.outcome], r.tier, r.proportionate ?? 'Not assessed', r.reasons.join(' ')]),
  )
}

export function registerCouncilRiskRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: requirePermission('risk:read') }
  const admin = { preHandler: requirePermission('settings:manage') }

  app.get(paths.risk.naiveRuleReport.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const { rows, multiple } = await naiveRuleReport(db, principal.councilId, londonDate(context.clock()))
    return reply.view('risk/views/naive-rule-report.njk', {
      pageTitle: 'What the naive turnover rule would do',
      multiple,
      summary: reportSummary(rows),
      csvHref: paths.risk.naiveRuleReportCsv.href(),
      table: {
        caption: 'Live contracts and their suppliers',
        captionClasses: 'govuk-table__caption--m',
        firstCellIsHeader: true,
        head: [{ text: 'Supplier' }, { text: 'Contract' }, { text: 'Annual value', format: 'numeric' }, { text: 'Turnover', format: 'numeric' }, { text: `Naive rule (${multiple}×)` }, { text: 'Proportionate assessment' }],
        rows: rows.map((r) => [
          { html: `<a class="govuk-link" href="${paths.risk.provider.href({ id: r.providerId })}">${escapeHtml(r.providerName)}</a>` },
          { html: `<a class="govuk-link" href="${paths.contracts.show.href({ id: r.contractId })}">${escapeHtml(r.title)}</a><br><span class="govuk-body-s">${escapeHtml(r.reference)}</span>` },
          { text: formatPence(r.annualValuePence, { whole: true }), format: 'numeric' },
          { text: r.turnoverPence === null ? 'Not given' : formatPence(r.turnoverPence, { whole: true }), format: 'numeric' },
          { html: r.naive.outcome === 'excluded' ? '<strong class="govuk-tag govuk-tag--red">Would exclude</strong>' : r.naive.outcome === 'passes' ? '<strong class="govuk-tag govuk-tag--green">Passes</strong>' : '<strong class="govuk-tag govuk-tag--grey">No turnover given</strong>' },
          {
            html: r.proportionate
              ? `<strong class="govuk-tag ${LEVEL_TAGS[r.proportionate].classes}">${LEVEL_TAGS[r.proportionate].text}</strong> <span class="govuk-body-s">at tier ${r.tier}</span><p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">${escapeHtml(r.reasons.join(' '))}</p>`
              : '<span class="govuk-body-s">No figures recorded</span>',
          },
        ]),
      },
    })
  })

  app.get(paths.risk.naiveRuleReportCsv.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const { rows } = await naiveRuleReport(db, principal.councilId, londonDate(context.clock()))
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="naive-rule-report.csv"').send(reportCsv(rows))
  })

  // ---------- settings ----------

  const renderSettings = (reply: FastifyReply, status: number, values: Record<string, string>, errors: FormErrors, saved?: boolean) => {
    const LABELS: Record<ThresholdField, { text: string; suffix?: string; prefix?: string }> = {
      minTurnoverRatio: { text: 'Turnover at least', suffix: 'times the annual value' },
      minOperatingMarginPercent: { text: 'Operating margin at least', suffix: '%' },
      minCurrentRatio: { text: 'Current ratio at least' },
      minCashCoverMonths: { text: 'Cash of at least', suffix: 'months of the annual value' },
      minYearsTrading: { text: 'Trading for at least', suffix: 'years' },
    }
    return reply.code(status).view('risk/views/settings.njk', {
      pageTitle: 'Financial standing settings',
      errorList: errors.errorList,
      saved,
      tiers: ([1, 2, 3] as Tier[]).map((tier) => ({
        tier,
        name: ['', 'Tier 1: standard', 'Tier 2: important', 'Tier 3: critical'][tier],
        inputs: THRESHOLD_FIELDS.map((f) => {
          const name = settingKey(tier, f)
          return { id: name, name, value: values[name], inputmode: 'decimal', classes: 'govuk-input--width-4', label: { text: LABELS[f].text }, suffix: LABELS[f].suffix ? { text: LABELS[f].suffix } : undefined, hint: { text: `Default ${TIER_DEFAULTS[tier][f]}` }, errorMessage: errors.fieldErrors[name] }
        }),
      })),
      naiveMultiple: { id: 'naiveMultiple', name: 'naiveMultiple', value: values.naiveMultiple, inputmode: 'decimal', classes: 'govuk-input--width-4', suffix: { text: 'times' }, label: { text: 'The naive rule’s multiple', classes: 'govuk-label--s' }, hint: { text: 'Used only by the naive-rule report. PCR 2015 reg 58(9) capped a minimum turnover at 2 times the contract value; the Procurement Act 2023 has no such cap. Default 2.' }, errorMessage: errors.fieldErrors.naiveMultiple },
      tier2AnnualValue: { id: 'tier2AnnualValue', name: 'tier2AnnualValue', value: values.tier2AnnualValue, inputmode: 'decimal', classes: 'govuk-input--width-10', prefix: { text: '£' }, label: { text: 'An annual value that suggests tier 2', classes: 'govuk-label--s' }, hint: { text: 'Default £500,000' }, errorMessage: errors.fieldErrors.tier2AnnualValue },
      tier3AnnualValue: { id: 'tier3AnnualValue', name: 'tier3AnnualValue', value: values.tier3AnnualValue, inputmode: 'decimal', classes: 'govuk-input--width-10', prefix: { text: '£' }, label: { text: 'An annual value that suggests tier 3', classes: 'govuk-label--s' }, hint: { text: 'Default £5,000,000' }, errorMessage: errors.fieldErrors.tier3AnnualValue },
    })
  }

  app.get(paths.risk.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const s = (await readSettings(db, principal.councilId, riskSettings)) as Record<string, number>
    const values: Record<string, string> = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]))
    values.tier2AnnualValue = String(Math.round(s.tier2AnnualValuePence! / 100))
    values.tier3AnnualValue = String(Math.round(s.tier3AnnualValuePence! / 100))
    return renderSettings(reply, 200, values, { errorList: [], fieldErrors: {} }, (request.query as Record<string, unknown>).saved === '1')
  })

  app.post(paths.risk.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseSettingsForm(body)
    if (!parsed.ok) {
      const values = Object.fromEntries(Object.keys(body).map((k) => [k, text(body, k)]))
      return renderSettings(reply, 400, values, toFormErrors(parsed.issues))
    }
    await db.transaction((tx) => writeSettings(tx, { actor: actorOf(request, principal), councilId: principal.councilId, section: riskSettings, values: parsed.value, now: context.clock() }))
    return reply.redirect(`${paths.risk.settings.href()}?saved=1`, 303)
  })
}

