/**
 * Assessing a provider for a contract: choose the contract (or describe a proposed one), the tier and the year of
 * figures; see every measure, the result and why; then invite more evidence, tick mitigations and record a decision.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { notifierFor } from '../../platform/notify/notifier.ts'
import { publicLink } from '../../platform/notify/links.ts'
import { formatPence } from '../../platform/money.ts'
import { paths } from '../../paths.ts'
import { MITIGATIONS, suggestTier, type MitigationCode } from '../../rules/risk/assess.ts'
import type { Metric, RiskLevel, Tier } from '../../rules/risk/types.ts'
import { londonDate } from '../contracts/dates.ts'
import { list, text, toFormErrors, type FormBody } from '../contracts/form-fields.ts'
import { findCouncilById } from '../councils/service.ts'
import { actorOf } from '../providers/routes.ts'
import { assessmentFieldIds, DECISIONS, parseAssessmentForm, parseDecisionForm } from './forms.ts'
import { reachableRiskProvider } from './routes-provider.ts'
import * as service from './service.ts'
import { DECISION_NAMES, LEVEL_TAGS, metricsTable, MITIGATION_NAMES } from './view-models.ts'
import { escapeHtml } from '../../platform/http/html.ts'

const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }

interface StoredThresholds {
  tierSuggestion?: { tier: Tier; reasons: string[] }
  assessedOn?: string
}

export function registerAssessmentRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const today = () => londonDate(context.clock())
  const read = { preHandler: requirePermission('risk:read') }
  const assess = { preHandler: requirePermission('risk:assess') }

  const renderNew = async (reply: FastifyReply, status: number, principal: Principal, provider: { id: string; name: string }, values: FormBody, errors: FormErrors) => {
    const [contracts, years, thresholds] = await Promise.all([
      service.contractsOf(db, principal.councilId, provider.id),
      service.financialsOf(db, principal.councilId, provider.id),
      service.readThresholds(db, principal.councilId),
    ])
    const str = (k: string) => text(values, k)
    const critical = list(values, 'critical')
    const byValue = (pence: number) => suggestTier({ annualValuePence: pence, statutory: false, vulnerableResidents: false, hardToReplace: false }, thresholds).tier
    const proposedHtml = `<div class="govuk-form-group${errors.fieldErrors.proposedTitle ? ' govuk-form-group--error' : ''}"><label class="govuk-label" for="proposedTitle">Title</label>${errors.fieldErrors.proposedTitle ? `<p id="proposedTitle-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${errors.fieldErrors.proposedTitle.text}</p>` : ''}<input class="govuk-input" id="proposedTitle" name="proposedTitle" type="text" value="${escapeHtml(str('proposedTitle'))}"></div>
<div class="govuk-form-group${errors.fieldErrors.proposedAnnualValue ? ' govuk-form-group--error' : ''}"><label class="govuk-label" for="proposedAnnualValue">Annual value</label>${errors.fieldErrors.proposedAnnualValue ? `<p id="proposedAnnualValue-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${errors.fieldErrors.proposedAnnualValue.text}</p>` : ''}<div class="govuk-input__wrapper"><div class="govuk-input__prefix" aria-hidden="true">£</div><input class="govuk-input govuk-input--width-10" id="proposedAnnualValue" name="proposedAnnualValue" type="text" inputmode="decimal" value="${escapeHtml(str('proposedAnnualValue'))}"></div></div>`
    return reply.code(status).view('risk/views/new-assessment.njk', {
      pageTitle: 'Assess financial standing for a contract',
      provider,
      action: paths.risk.newAssessment.href({ id: provider.id }),
      proposedHtml,
      backHref: paths.risk.provider.href({ id: provider.id }),
      errorList: errors.errorList,
      contract: {
        idPrefix: 'contract',
        name: 'contract',
        fieldset: { legend: { text: 'Which contract?', classes: 'govuk-fieldset__legend--m' } },
        errorMessage: errors.fieldErrors.contract,
        items: [
          ...contracts
            .filter((c) => c.annualValuePence !== null)
            .map((c) => ({ value: c.id, text: `${c.title} (${c.reference})`, hint: { text: `${formatPence(c.annualValuePence, { whole: true })} a year; by value alone, tier ${byValue(c.annualValuePence!)}` }, checked: str('contract') === c.id })),
          ...(contracts.length > 0 ? [{ divider: 'or' }] : []),
          { value: 'proposed', text: 'A proposed contract', hint: { text: 'Give its title and annual value below' }, checked: str('contract') === 'proposed' },
        ],
      },
      critical: {
        idPrefix: 'critical',
        name: 'critical',
        fieldset: { legend: { text: 'How critical is the service?', classes: 'govuk-fieldset__legend--m' } },
        hint: { text: 'Tick all that apply. With the annual value they suggest a tier.' },
        items: [
          { value: 'statutory', text: 'The council must provide it by law (a statutory service)', checked: critical.includes('statutory') },
          { value: 'vulnerable', text: 'It serves vulnerable residents', checked: critical.includes('vulnerable') },
          { value: 'hard-to-replace', text: 'It would be hard to replace at short notice', checked: critical.includes('hard-to-replace') },
        ],
      },
      tier: {
        idPrefix: 'tier',
        name: 'tier',
        fieldset: { legend: { text: 'Tier', classes: 'govuk-fieldset__legend--m' } },
        hint: { text: `Suggested: tier 3 from ${formatPence(thresholds.tier3AnnualValuePence, { whole: true })} a year, or when all three boxes above are ticked; tier 2 from ${formatPence(thresholds.tier2AnnualValuePence, { whole: true })} a year, or when two are ticked; otherwise tier 1. Higher tiers have higher thresholds.` },
        errorMessage: errors.fieldErrors.tier,
        items: [
          { value: 'suggested', text: 'Use the suggested tier', checked: !str('tier') || str('tier') === 'suggested' },
          { value: '1', text: 'Tier 1: standard', checked: str('tier') === '1' },
          { value: '2', text: 'Tier 2: important', checked: str('tier') === '2' },
          { value: '3', text: 'Tier 3: critical', checked: str('tier') === '3' },
        ],
      },
      financials: {
        idPrefix: 'financials',
        name: 'financials',
        fieldset: { legend: { text: 'Which year of figures?', classes: 'govuk-fieldset__legend--m' } },
        errorMessage: errors.fieldErrors.financials,
        items: [
          ...years.map((y, i) => ({ value: y.id, text: `Year to ${y.periodEnd}`, hint: { text: `Entered by ${y.enteredBy}` }, checked: str('financials') ? str('financials') === y.id : i === 0 })),
          { value: 'none', text: 'No figures yet', checked: str('financials') === 'none' || (years.length === 0 && !str('financials')) },
        ],
      },
    })
  }

  app.get(paths.risk.newAssessment.pattern, assess, async (request, reply) => {
    const principal = principalOf(request)
    const provider = await reachableRiskProvider(db, principal, (request.params as { id: string }).id)
    return renderNew(reply, 200, principal, provider, {}, NO_ERRORS)
  })

  app.post(paths.risk.newAssessment.pattern, assess, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const provider = await reachableRiskProvider(db, principal, id)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseAssessmentForm(body)
    if (!parsed.ok) return renderNew(reply, 400, principal, provider, body, toFormErrors(parsed.issues, assessmentFieldIds()))
    const v = parsed.value
    let annualValuePence = v.proposedAnnualValuePence
    if (v.contractId) {
      const contract = (await service.contractsOf(db, principal.councilId, id)).find((c) => c.id === v.contractId)
      if (!contract || contract.annualValuePence === null) return renderNew(reply, 400, principal, provider, body, toFormErrors([{ field: 'contract', message: 'Select one of this provider’s contracts with a value, or a proposed contract' }], assessmentFieldIds()))
      annualValuePence = contract.annualValuePence
    }
    const financials = v.financialsId ? await service.financialsById(db, principal.councilId, id, v.financialsId) : null
    if (v.financialsId && !financials) return renderNew(reply, 400, principal, provider, body, toFormErrors([{ field: 'financials', message: 'Select one of this provider’s years of figures' }], assessmentFieldIds()))
    const thresholds = await service.readThresholds(db, principal.councilId)
    const suggestion = suggestTier({ annualValuePence: annualValuePence!, statutory: v.statutory, vulnerableResidents: v.vulnerableResidents, hardToReplace: v.hardToReplace }, thresholds)
    const tier = v.tier === 'suggested' ? suggestion.tier : v.tier
    const { row } = await db.transaction(async (tx) => {
      const created = await service.createAssessment(tx, {
        councilId: principal.councilId,
        providerId: id,
        contractId: v.contractId,
        proposedTitle: v.proposedTitle,
        annualValuePence: annualValuePence!,
        tier,
        financials: financials ?? null,
        mitigations: financials?.parentGuarantee ? ['parent-guarantee'] : [],
        on: today(),
        actor: actorOf(request, principal),
        now: context.clock(),
        tierSuggestion: { ...suggestion, answers: { statutory: v.statutory, vulnerableResidents: v.vulnerableResidents, hardToReplace: v.hardToReplace } },
      })
      return created
    })
    return reply.redirect(paths.risk.assessment.href({ id, assessment: row.id }), 303)
  })

  const renderAssessment = async (reply: FastifyReply, status: number, principal: Principal, provider: { id: string; name: string }, row: service.AssessmentRow, values: FormBody | null, errors: FormErrors, saved?: string) => {
    const metrics = row.metrics as Metric[]
    const stored = row.thresholds as StoredThresholds
    const contract = row.contractId ? (await service.contractsOf(db, principal.councilId, provider.id)).find((c) => c.id === row.contractId) : undefined
    const financials = row.financialsId ? await service.financialsById(db, principal.councilId, provider.id, row.financialsId) : undefined
    const chosen: string[] = values ? list(values, 'mitigations') : row.mitigations
    const residual = service.residualFor(row, chosen.filter((c): c is MitigationCode => Object.hasOwn(MITIGATIONS, c)))
    const reasons = service.explanationLines(row.explanation).slice(1)
    const decisionValue = values ? text(values, 'decision') : (row.decision ?? '')
    return reply.code(status).view('risk/views/assessment.njk', {
      pageTitle: `Financial standing of ${provider.name}`,
      provider,
      row,
      backHref: paths.risk.provider.href({ id: provider.id }),
      contractTitle: contract ? `${contract.title} (${contract.reference})` : row.proposedTitle ? `Proposed: ${row.proposedTitle}` : 'A contract',
      yearText: financials ? `Year to ${financials.periodEnd}, entered by ${financials.enteredBy}` : 'No figures',
      contractHtml: contract ? `<a class="govuk-link" href="${paths.contracts.show.href({ id: contract.id })}">${escapeHtml(contract.title)} (${escapeHtml(contract.reference)})</a>` : escapeHtml(row.proposedTitle ? `Proposed: ${row.proposedTitle}` : 'A contract'),
      tierText: `Tier ${row.tier}${stored.tierSuggestion ? `. Suggested: tier ${stored.tierSuggestion.tier}. ${stored.tierSuggestion.reasons.join(' ')}` : ''}`,
      result: LEVEL_TAGS[row.result as RiskLevel],
      residual: LEVEL_TAGS[residual.residualRisk],
      residualExplanation: residual.residualExplanation,
      reasons,
      table: metricsTable(metrics, row.tier),
      isLow: row.result === 'low',
      canAssess: can(principal, 'risk:assess'),
      action: paths.risk.assessment.href({ id: provider.id, assessment: row.id }),
      requestAction: paths.risk.requestEvidence.href({ id: provider.id, assessment: row.id }),
      errorList: errors.errorList,
      mitigations: {
        idPrefix: 'mitigations',
        name: 'mitigations',
        fieldset: { legend: { text: 'Mitigations', classes: 'govuk-fieldset__legend--m' } },
        hint: { text: 'Tick those the council would rely on. The residual risk is worked out again when you save.' },
        errorMessage: errors.fieldErrors.mitigations,
        items: (Object.keys(MITIGATIONS) as MitigationCode[]).map((code) => ({ value: code, text: MITIGATIONS[code].name, hint: { text: `${MITIGATIONS[code].how[0]!.toUpperCase()}${MITIGATIONS[code].how.slice(1)}.` }, checked: chosen.includes(code) })),
      },
      decision: {
        idPrefix: 'decision',
        name: 'decision',
        fieldset: { legend: { text: 'Decision', classes: 'govuk-fieldset__legend--m' } },
        hint: { text: 'Leave it for now to save the mitigations only.' },
        errorMessage: errors.fieldErrors.decision,
        items: (Object.keys(DECISIONS) as (keyof typeof DECISIONS)[]).map((value) => ({ value, text: DECISIONS[value], checked: decisionValue === value })),
      },
      reason: { id: 'reason', name: 'reason', value: values ? text(values, 'reason') : (row.decisionReason ?? ''), label: { text: 'Reason for the decision', classes: 'govuk-label--s' }, errorMessage: errors.fieldErrors.reason },
      decided: row.decision ? { text: DECISION_NAMES[row.decision as keyof typeof DECISIONS], reason: row.decisionReason, by: row.decidedBy, at: row.decidedAt, mitigations: row.mitigations.map((m) => MITIGATION_NAMES[m as MitigationCode] ?? m) } : undefined,
      saved: saved === 'decision' ? 'Decision recorded' : saved === 'mitigations' ? 'Mitigations saved' : saved === 'evidence' ? 'The provider has been invited to give more evidence' : undefined,
    })
  }

  const reachableAssessment = async (principal: Principal, id: string, assessmentId: string) => {
    const provider = await reachableRiskProvider(db, principal, id)
    const row = await service.assessmentFor(db, principal.councilId, id, assessmentId)
    if (!row) throw new NotFoundError('Assessment')
    return { provider, row }
  }

  app.get(paths.risk.assessment.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const { id, assessment } = request.params as { id: string; assessment: string }
    const { provider, row } = await reachableAssessment(principal, id, assessment)
    return renderAssessment(reply, 200, principal, provider, row, null, NO_ERRORS, (request.query as Record<string, string | undefined>).saved)
  })

  app.post(paths.risk.assessment.pattern, assess, async (request, reply) => {
    const principal = principalOf(request)
    const { id, assessment } = request.params as { id: string; assessment: string }
    const { provider, row } = await reachableAssessment(principal, id, assessment)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseDecisionForm(body)
    if (!parsed.ok) return renderAssessment(reply, 400, principal, provider, row, body, toFormErrors(parsed.issues, { mitigations: 'mitigations', decision: 'decision' }))
    await db.transaction((tx) => service.decide(tx, { row, mitigations: parsed.value.mitigations, decision: parsed.value.decision, reason: parsed.value.reason, actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(`${paths.risk.assessment.href({ id, assessment })}?saved=${parsed.value.decision ? 'decision' : 'mitigations'}`, 303)
  })

  app.post(paths.risk.requestEvidence.pattern, assess, async (request, reply) => {
    const principal = principalOf(request)
    const { id, assessment } = request.params as { id: string; assessment: string }
    const { provider, row } = await reachableAssessment(principal, id, assessment)
    const council = await findCouncilById(db, principal.councilId)
    const evidenceUrl = publicLink(context.config, paths.risk.evidence.href({ id }))
    await db.transaction((tx) =>
      service.requestEvidence(tx, { row, providerName: provider.name, councilName: council?.name ?? principal.councilName, actor: actorOf(request, principal), now: context.clock(), notifier: notifierFor(context.config, (fields, line) => request.log.info(fields, line)), evidenceUrl }),
    )
    return reply.redirect(`${paths.risk.assessment.href({ id, assessment })}?saved=evidence`, 303)
  })
}

