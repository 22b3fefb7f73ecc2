/** Pooled fund pages: the list, the agreement, its partners, contributions, schemes, risk share and reports. */
import { londonDate } from '../contracts/dates.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { financialQuarterOf, financialYearOf } from '../../platform/financial-year.ts'
import { formErrors, singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { listContracts } from '../contracts/service.ts'
import { listGrants } from '../grants/service.ts'
import { actorOf } from '../stories/routes.ts'
import { contributionForm, fundForm, linkForm, partnerForm, partnerUserForm, schemeForm } from './forms.ts'
import { AccountError } from '../../platform/auth/accounts.ts'
import { publicLink } from '../../platform/notify/links.ts'
import { AdminError, invitePerson } from '../admin/service.ts'
import { notifierFor } from '../stories/routes.ts'
import { reportCsv } from './report-csv.ts'
import { reportWorkbook } from './report-xlsx.ts'
import { describeRule, type RiskShareRule, type RiskShareTerms } from './risk-share.ts'
import { parseRiskShareForm } from './risk-share-form.ts'
import * as service from './service.ts'
import { fundAccess } from './route-access.ts'
import { registerPartnerOrganisationRoutes } from './routes-organisations.ts'
import { registerSchemeImportRoutes } from './routes-scheme-import.ts'
import { CONTRIBUTION_KINDS, FUND_KINDS, SCHEME_NAMES, STREAMS, streamName } from './vocabulary.ts'

type Body = Record<string, unknown>

const read = { preHandler: requirePermission('pooled-funds:read', 'pooled-funds:read-own') }
const write = { preHandler: requirePermission('pooled-funds:write') }

/** The last quarter that has ended on `today`: the report a partner would ask for. */
export function lastEndedQuarter(today: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const year = financialYearOf(today).startYear
  const quarter = financialQuarterOf(today)
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: (quarter - 1) as 1 | 2 | 3 }
}

export async function registerPooledFundRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db } = context
  const { ctx, scopeOf, reachable } = fundAccess(context)

  app.get(paths.pooledFunds.list.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const funds = await service.listFunds(db, scopeOf(principal))
    return reply.view('pooled-funds/views/list.njk', {
      pageTitle: 'Pooled funds',
      funds: funds.map((f) => ({ ...f, href: paths.pooledFunds.show.href({ id: f.id }), kindName: FUND_KINDS[f.kind as keyof typeof FUND_KINDS] ?? f.kind })),
      canWrite: can(principal, 'pooled-funds:write'),
      canImport: can(principal, 'settings:manage'),
      isPartner: Boolean(principal.partnerOrganisationId) && !can(principal, 'pooled-funds:read'),
    })
  })

  const renderFundForm = (reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) =>
    reply.code(status).view('pooled-funds/views/new.njk', {
      pageTitle: 'Record a pooled fund',
      values,
      kindItems: Object.entries(FUND_KINDS).map(([value, text]) => ({ value, text, checked: values.kind === value })),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })

  app.get(paths.pooledFunds.create.pattern, write, async (_request, reply) => renderFundForm(reply, 200, { kind: 'bcf' }))

  app.post(paths.pooledFunds.list.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = fundForm.safeParse(body)
    if (!parsed.success) return renderFundForm(reply, 400, body, formErrors(parsed.error, { kind: 'kind' }))
    const fund = await db.transaction((tx) => service.createFund(tx, principal.councilId, { ...parsed.data, partnerResources: parsed.data.partnerResources }, ctx(request, principal)))
    return reply.redirect(`${paths.pooledFunds.show.href({ id: fund.id })}?saved=created`, 303)
  })

  const renderFund = async (request: FastifyRequest, reply: FastifyReply, status = 200, errors?: FormErrors & { values?: Body }) => {
    const { principal, scope, fund } = await reachable(request)
    const detail = await service.fundDetail(db, scope, fund)
    const organisations = can(principal, 'pooled-funds:write') ? await service.listOrganisations(db) : []
    const staff = can(principal, 'pooled-funds:read')
    const saved = (request.query as Record<string, unknown>).saved
    const totals = new Map<string, number>()
    for (const c of detail.contributions) totals.set(`${c.financialYear}:${c.organisationId}:${c.stream}`, (totals.get(`${c.financialYear}:${c.organisationId}:${c.stream}`) ?? 0) + c.amountPence)
    const { year, quarter } = lastEndedQuarter(londonDate(context.clock()))
    const reportYear = detail.years.includes(year) ? year : (detail.years.at(-1) ?? year)
    const reportQuarter = reportYear === year ? quarter : 4
    const partners = detail.partners.map((p) => ({ partnerId: p.id, name: p.name }))
    return reply.code(status).view('pooled-funds/views/show.njk', {
      pageTitle: fund.name,
      fund,
      kindName: FUND_KINDS[fund.kind as keyof typeof FUND_KINDS] ?? fund.kind,
      detail,
      saved: typeof saved === 'string' ? saved : undefined,
      imported: typeof saved === 'string' ? /^imported-(\d+)$/.exec(saved)?.[1] : undefined,
      canWrite: can(principal, 'pooled-funds:write'),
      canInvite: can(principal, 'users:manage'),
      invitePartnerItems: [{ value: '', text: 'Choose a partner' }, ...detail.partners.map((p) => ({ value: p.id, text: p.name, selected: errors?.values?.invitePartner === p.id }))],
      values: errors?.values ?? {},
      staff,
      partnerRows: detail.partners.map((p) => ({ ...p, schemeName: SCHEME_NAMES[p.scheme as keyof typeof SCHEME_NAMES] ?? p.scheme, isHost: p.id === fund.hostPartnerId })),
      organisationItems: [
        { value: '', text: 'Choose an organisation' },
        ...organisations.filter((o) => !detail.partners.some((p) => p.id === o.id) || o.id !== fund.hostPartnerId).map((o) => ({ value: o.id, text: `${o.name} (${o.code})`, selected: errors?.values?.organisation === o.id })),
      ],
      contributionRows: detail.contributions.map((c) => ({
        ...c,
        partner: detail.partners.find((p) => p.id === c.organisationId)?.name ?? '',
        streamName: streamName(c.stream),
        kindName: CONTRIBUTION_KINDS[c.kind as keyof typeof CONTRIBUTION_KINDS] ?? c.kind,
        yearLabel: yearLabel(c.financialYear),
      })),
      schemeRows: detail.schemes.map((s) => ({
        ...s,
        streamName: streamName(s.stream),
        yearLabel: yearLabel(s.financialYear),
        links: s.links.map((l) => ({ ...l, href: staff && can(principal, 'registers:read') ? (l.kind === 'contract' ? paths.contracts.show.href({ id: l.id }) : paths.grants.show.href({ id: l.id })) : undefined })),
        linkAction: paths.pooledFunds.schemeLinks.href({ id: fund.id, schemeId: s.id }),
        editHref: paths.pooledFunds.editScheme.href({ id: fund.id, schemeId: s.id }),
      })),
      linkItems: can(principal, 'pooled-funds:write') ? await linkChoices(principal) : [],
      riskShare: { overspend: describeRule(fund.riskShare.overspend, partners), underspend: describeRule(fund.riskShare.underspend, partners) },
      reportHref: `${paths.pooledFunds.report.href({ id: fund.id })}?year=${reportYear}&quarter=${reportQuarter}`,
      reportLabel: reportQuarter === 4 ? `Year-end report ${yearLabel(reportYear)}` : `Quarter ${reportQuarter} report ${yearLabel(reportYear)}`,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  /** The council's contracts and grants, for a scheme's "delivered by" select. */
  const linkChoices = async (principal: Principal) => {
    const scope = { councilId: principal.councilId }
    const [contracts, grants] = await Promise.all([listContracts(db, scope, {}, 1, 500), listGrants(db, scope, {}, 1, 500)])
    return [
      { value: '', text: 'Choose a contract or grant' },
      ...contracts.items.map((c) => ({ value: `contract:${c.id}`, text: `Contract ${c.reference}: ${c.title}` })),
      ...grants.items.map((g) => ({ value: `grant:${g.id}`, text: `Grant ${g.identifier}: ${g.title}` })),
    ]
  }

  app.get(paths.pooledFunds.show.pattern, read, async (request, reply) => renderFund(request, reply))

  app.post(paths.pooledFunds.partners.pattern, write, async (request, reply) => {
    const { principal, fund } = await reachable(request)
    const body = (request.body ?? {}) as Body
    const parsed = partnerForm.safeParse(body)
    if (!parsed.success) return renderFund(request, reply, 400, { ...formErrors(parsed.error), values: body })
    try {
      await db.transaction((tx) => service.addPartner(tx, principal.councilId, fund.id, parsed.data.organisation, parsed.data.host, ctx(request, principal)))
    } catch (error) {
      if (error instanceof service.PooledFundError) return renderFund(request, reply, 400, { ...singleError('organisation', error.message), values: body })
      throw error
    }
    return reply.redirect(`${paths.pooledFunds.show.href({ id: fund.id })}?saved=partner#partners`, 303)
  })

  // An administrator gives a partner's officer access by invitation, as any role is given (ADR 0031): nothing changes
  // for the person until they accept by the emailed link. Their role is `partner`, for this partner organisation.
  app.post(paths.pooledFunds.partnerUsers.pattern, { preHandler: requirePermission('users:manage') }, async (request, reply) => {
    const { principal, scope, fund } = await reachable(request)
    const body = (request.body ?? {}) as Body
    const parsed = partnerUserForm.safeParse(body)
    if (!parsed.success) return renderFund(request, reply, 400, { ...formErrors(parsed.error, { invitePartner: 'invitePartner' }), values: body })
    const partners = (await service.fundDetail(db, scope, fund)).partners
    const partner = partners.find((p) => p.id === parsed.data.invitePartner)
    if (!partner) return renderFund(request, reply, 400, { ...singleError('invitePartner', 'Choose one of the fund’s partners'), values: body })
    try {
      await invitePerson(
        db,
        { councilId: principal.councilId, councilName: principal.councilName, email: parsed.data.inviteEmail, displayName: parsed.data.inviteName, role: 'partner', partnerOrganisationId: partner.id },
        { actor: actorOf(request, principal), now: context.clock(), notifier: notifierFor(request, context), link: (token) => publicLink(context.config, paths.invitation.href({ token })) },
      )
    } catch (error) {
      if (error instanceof AdminError || error instanceof AccountError) {
        const field = error.field === 'email' ? 'inviteEmail' : error.field === 'role' ? 'inviteEmail' : 'invitePartner'
        return renderFund(request, reply, 400, { ...singleError(field, error.message), values: body })
      }
      throw error
    }
    return reply.redirect(`${paths.pooledFunds.show.href({ id: fund.id })}?saved=invited#partner-users`, 303)
  })

  const renderContribution = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body, errors?: FormErrors) => {
    const { fund, scope } = await reachable(request)
    const detail = await service.fundDetail(db, scope, fund)
    return reply.code(status).view('pooled-funds/views/contribution.njk', {
      pageTitle: `Record a contribution: ${fund.name}`,
      fund,
      values,
      hasPartners: detail.partners.length > 0,
      organisationItems: detail.partners.map((p) => ({ value: p.id, text: p.name, checked: values.organisation === p.id })),
      streamItems: Object.entries(STREAMS).map(([value, text]) => ({ value, text, checked: values.stream === value })),
      kindItems: [
        { value: 'agreed', text: 'The contribution agreed for the year', checked: values.kind === 'agreed' },
        { value: 'variation', text: 'A variation to it (an increase, or a reduction as a negative amount)', checked: values.kind === 'variation' },
      ],
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }
  app.get(paths.pooledFunds.newContribution.pattern, write, async (request, reply) => renderContribution(request, reply, 200, { kind: 'agreed', financialYear: String(financialYearOf(londonDate(context.clock())).startYear) }))
  app.post(paths.pooledFunds.contributions.pattern, write, async (request, reply) => {
    const { principal, fund } = await reachable(request)
    const body = (request.body ?? {}) as Body
    const parsed = contributionForm.safeParse(body)
    if (!parsed.success) return renderContribution(request, reply, 400, body, formErrors(parsed.error, { organisation: 'organisation', stream: 'stream', kind: 'kind' }))
    try {
      await db.transaction((tx) => service.recordContribution(tx, principal.councilId, fund.id, parsed.data, ctx(request, principal)))
    } catch (error) {
      if (error instanceof service.PooledFundError) return renderContribution(request, reply, 400, body, singleError(error.field, error.message))
      throw error
    }
    return reply.redirect(`${paths.pooledFunds.show.href({ id: fund.id })}?saved=contribution#contributions`, 303)
  })

  /** The scheme form, to add one or (with `schemeId`) to change one. */
  const renderScheme = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body, errors?: FormErrors, schemeId?: string) => {
    const { fund } = await reachable(request)
    return reply.code(status).view('pooled-funds/views/scheme.njk', {
      pageTitle: `${schemeId ? 'Change' : 'Add'} a scheme: ${fund.name}`,
      fund,
      values,
      changing: schemeId !== undefined,
      action: schemeId ? paths.pooledFunds.editScheme.href({ id: fund.id, schemeId }) : paths.pooledFunds.schemes.href({ id: fund.id }),
      streamItems: Object.entries(STREAMS).map(([value, text]) => ({ value, text, checked: values.stream === value })),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }
  app.get(paths.pooledFunds.newScheme.pattern, write, async (request, reply) => renderScheme(request, reply, 200, { financialYear: String(financialYearOf(londonDate(context.clock())).startYear) }))
  app.post(paths.pooledFunds.schemes.pattern, write, async (request, reply) => {
    const { principal, fund } = await reachable(request)
    const body = (request.body ?? {}) as Body
    const parsed = schemeForm.safeParse(body)
    if (!parsed.success) return renderScheme(request, reply, 400, body, formErrors(parsed.error, { stream: 'stream' }))
    try {
      await db.transaction((tx) => service.addScheme(tx, principal.councilId, fund.id, parsed.data, ctx(request, principal)))
    } catch (error) {
      if (error instanceof service.PooledFundError) return renderScheme(request, reply, 400, body, singleError(error.field, error.message))
      throw error
    }
    return reply.redirect(`${paths.pooledFunds.show.href({ id: fund.id })}?saved=scheme#schemes`, 303)
  })

  const schemeOf = async (request: FastifyRequest) => {
    const found = await reachable(request)
    const { schemeId } = request.params as { schemeId: string }
    const scheme = await service.getScheme(db, found.fund.id, schemeId)
    if (!scheme) throw new NotFoundError('Scheme')
    return { ...found, scheme }
  }
  app.get(paths.pooledFunds.editScheme.pattern, write, async (request, reply) => {
    const { scheme } = await schemeOf(request)
    const values = { ...scheme, financialYear: String(scheme.financialYear), planned: (scheme.plannedPence / 100).toFixed(2) }
    return renderScheme(request, reply, 200, values, undefined, scheme.id)
  })
  app.post(paths.pooledFunds.editScheme.pattern, write, async (request, reply) => {
    const { principal, fund, scheme } = await schemeOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = schemeForm.safeParse(body)
    if (!parsed.success) return renderScheme(request, reply, 400, body, formErrors(parsed.error, { stream: 'stream' }), scheme.id)
    try {
      await db.transaction((tx) => service.changeScheme(tx, principal.councilId, fund.id, scheme.id, parsed.data, ctx(request, principal)))
    } catch (error) {
      if (error instanceof service.PooledFundError) return renderScheme(request, reply, 400, body, singleError(error.field, error.message), scheme.id)
      throw error
    }
    return reply.redirect(`${paths.pooledFunds.show.href({ id: fund.id })}?saved=scheme-changed#schemes`, 303)
  })

  app.post(paths.pooledFunds.schemeLinks.pattern, write, async (request, reply) => {
    const { principal, fund } = await reachable(request)
    const { schemeId } = request.params as { schemeId: string }
    const body = (request.body ?? {}) as Body
    const parsed = linkForm.safeParse(body)
    const fieldId = `link-${schemeId}`
    if (!parsed.success) return renderFund(request, reply, 400, { ...singleError('link', 'Choose a contract or grant that delivers the scheme', fieldId), values: body })
    try {
      await db.transaction((tx) => service.linkScheme(tx, principal.councilId, fund.id, schemeId, parsed.data.link, ctx(request, principal)))
    } catch (error) {
      if (error instanceof service.PooledFundError) {
        if (error.field === 'scheme') throw new NotFoundError('Scheme')
        return renderFund(request, reply, 400, { ...singleError('link', error.message, fieldId), values: body })
      }
      throw error
    }
    return reply.redirect(`${paths.pooledFunds.show.href({ id: fund.id })}?saved=link#schemes`, 303)
  })

  const renderRiskShare = async (request: FastifyRequest, reply: FastifyReply, status: number, terms?: RiskShareTerms, values?: Body, errors?: FormErrors) => {
    const { fund, scope } = await reachable(request)
    const detail = await service.fundDetail(db, scope, fund)
    const current = terms ?? fund.riskShare
    const ruleValues = (direction: 'overspend' | 'underspend', rule: RiskShareRule) => ({
      kind: values?.[`${direction}Kind`] ?? rule.kind,
      firstLossPartner: values?.[`${direction}FirstLossPartner`] ?? (rule.kind === 'first-loss' ? rule.partnerId : ''),
      firstLoss: values?.[`${direction}FirstLoss`] ?? (rule.kind === 'first-loss' ? (rule.firstLossPence / 100).toFixed(2) : ''),
      caps: Object.fromEntries(detail.partners.map((p) => [p.id, values?.[`${direction}Cap-${p.id}`] ?? (rule.kind === 'capped' ? ((rule.caps.find((c) => c.partnerId === p.id)?.capPence ?? NaN) / 100).toFixed(2).replace('NaN', '') : '')])),
    })
    return reply.code(status).view('pooled-funds/views/risk-share.njk', {
      pageTitle: `Risk share: ${fund.name}`,
      fund,
      partners: detail.partners,
      directions: (['overspend', 'underspend'] as const).map((direction) => {
        const values = ruleValues(direction, current[direction])
        return {
          direction,
          label: direction === 'overspend' ? 'If the fund overspends' : 'If the fund underspends',
          words: direction === 'overspend' ? 'an overspend' : 'an underspend',
          values,
          partnerItems: [{ value: '', text: 'Choose a partner' }, ...detail.partners.map((p) => ({ value: p.id, text: p.name, selected: values.firstLossPartner === p.id }))],
        }
      }),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }
  app.get(paths.pooledFunds.riskShare.pattern, write, async (request, reply) => renderRiskShare(request, reply, 200))
  app.post(paths.pooledFunds.riskShare.pattern, write, async (request, reply) => {
    const { principal, fund, scope } = await reachable(request)
    const body = (request.body ?? {}) as Body
    const detail = await service.fundDetail(db, scope, fund)
    const parsed = parseRiskShareForm(body, detail.partners)
    if (!parsed.ok) return renderRiskShare(request, reply, 400, undefined, body, parsed.errors)
    try {
      await db.transaction((tx) => service.setRiskShare(tx, principal.councilId, fund.id, parsed.terms, ctx(request, principal)))
    } catch (error) {
      if (error instanceof service.PooledFundError) return renderRiskShare(request, reply, 400, undefined, body, singleError(error.field, error.message))
      throw error
    }
    return reply.redirect(`${paths.pooledFunds.show.href({ id: fund.id })}?saved=risk-share#risk-share`, 303)
  })

  /** The report's year and quarter from the address, or the last quarter that has ended. */
  const reportOf = async (request: FastifyRequest) => {
    const { principal, scope, fund } = await reachable(request)
    const query = request.query as Record<string, unknown>
    const fallback = lastEndedQuarter(londonDate(context.clock()))
    const year = typeof query.year === 'string' && /^\d{4}$/.test(query.year) ? Number(query.year) : fallback.year
    const quarter = typeof query.quarter === 'string' && /^[1-4]$/.test(query.quarter) ? (Number(query.quarter) as 1 | 2 | 3 | 4) : fallback.quarter
    const report = await service.fundReport(db, scope, fund, year, quarter)
    return { principal, fund, report, year, quarter }
  }

  app.get(paths.pooledFunds.report.pattern, read, async (request, reply) => {
    const { fund, report, year, quarter } = await reportOf(request)
    const query = `?year=${year}&quarter=${quarter}`
    return reply.view('pooled-funds/views/report.njk', {
      pageTitle: report.title,
      fund,
      report,
      printed: context.clock(),
      yearItems: [year - 1, year, year + 1].map((y) => ({ value: String(y), text: yearLabel(y), selected: y === year })),
      quarterItems: [1, 2, 3, 4].map((q) => ({ value: String(q), text: q === 4 ? 'Year end (quarter 4)' : `Quarter ${q}`, selected: q === quarter })),
      csvHref: `${paths.pooledFunds.reportCsv.href({ id: fund.id })}${query}`,
      xlsxHref: `${paths.pooledFunds.reportXlsx.href({ id: fund.id })}${query}`,
      backHref: paths.pooledFunds.show.href({ id: fund.id }),
      reportAction: paths.pooledFunds.report.href({ id: fund.id }),
    })
  })

  app.get(paths.pooledFunds.reportCsv.pattern, read, async (request, reply) => {
    const { fund, report, year, quarter } = await reportOf(request)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="pooled-fund-${fund.id.slice(0, 8)}-${year}-q${quarter}.csv"`)
      .send(reportCsv(report))
  })

  app.get(paths.pooledFunds.reportXlsx.pattern, read, async (request, reply) => {
    const { fund, report, year, quarter } = await reportOf(request)
    const buffer = await reportWorkbook(report, { fundName: fund.name, poolManager: fund.poolManager, printed: context.clock() })
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="pooled-fund-${fund.id.slice(0, 8)}-${year}-q${quarter}.xlsx"`)
      .send(buffer)
  })

  await registerSchemeImportRoutes(app, context)
  await registerPartnerOrganisationRoutes(app, context)
}

export const yearLabel = (startYear: number) => `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`
