/** The market view (/market) and the council's market settings. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { formErrors, type FormErrors } from '../../platform/http/form-errors.ts'
import { financialYear, financialYearOf, type FinancialYear } from '../../platform/financial-year.ts'
import { parsePoundsToPence } from '../../platform/money.ts'
import type { AppContext } from '../../platform/modules.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { z } from 'zod'
import { londonDate } from '../contracts/dates.ts'
import { findCouncilById } from '../councils/service.ts'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_CODES, serviceCategoryName } from '../providers/service-categories.ts'
import { actorOf } from '../providers/routes.ts'
import { barChart } from '../../platform/charts/charts.ts'
import { can } from '../../platform/auth/roles.ts'
import { marketFigures } from './figures.ts'
import * as q from './queries.ts'
import { GSS_CODE, marketSettings, type MarketSettings } from './settings.ts'
import { marketTables, present, sendCsvIfAsked } from './tables.ts'

const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>
export const ALL_AREAS = 'all'

/** The council's own area for the market: its setting, else its GSS code, else all areas (null). */
export async function homeAreaOf(context: AppContext, councilId: string, settings: MarketSettings): Promise<string | null> {
  if (settings.homeArea) return settings.homeArea
  return (await findCouncilById(context.db, councilId))?.gssCode ?? null
}

/** The latest financial year with spend, else the current one. */
export async function latestYear(context: AppContext, councilId: string): Promise<FinancialYear> {
  const range = await q.spendYearRange(context.db, councilId)
  return range.last !== null ? financialYear(range.last) : financialYearOf(londonDate(context.clock()))
}

export const categoryItems = (selected: string) => SERVICE_CATEGORIES.map((c) => ({ value: c.code, text: c.name, selected: c.code === selected }))

export function registerMarketRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  app.get(paths.market.view.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const council = principal.councilId
    const settings = await readSettings(db, council, marketSettings)
    const asked = query(request)
    const category = asked.category && (SERVICE_CATEGORY_CODES as readonly string[]).includes(asked.category) ? asked.category : SERVICE_CATEGORY_CODES[0]
    const [areas, home, range] = await Promise.all([q.areasServed(db, council), homeAreaOf(context, council, settings), q.spendYearRange(db, council)])
    const areaAsked = asked.area === ALL_AREAS ? null : asked.area && GSS_CODE.test(asked.area) ? asked.area : undefined
    const area = areaAsked === undefined ? home : areaAsked
    const yearAsked = Number(asked.year)
    const year = Number.isInteger(yearAsked) && yearAsked > 1990 && yearAsked < 2100 ? financialYear(yearAsked) : await latestYear(context, council)
    const today = londonDate(context.clock())
    const figures = await marketFigures(db, council, { category, area, year, today, settings })
    const tables = marketTables(figures)
    if (sendCsvIfAsked(request, reply, tables, `${principal.councilCode.toLowerCase()}-market-${category}`)) return reply

    const areaList = [...areas]
    if (area && !areaList.some((a) => a.gssCode === area)) areaList.unshift({ gssCode: area, name: (await q.areaName(db, area)) ?? area })
    const years: number[] = []
    if (range.first !== null && range.last !== null) for (let y = range.last; y >= range.first; y--) years.push(y)
    if (!years.includes(year.startYear)) years.unshift(year.startYear)
    const areaName = area ? (areaList.find((a) => a.gssCode === area)?.name ?? area) : 'all areas'
    return reply.view('market/views/market.njk', {
      pageTitle: 'The market',
      categoryName: serviceCategoryName(category),
      category,
      areaName,
      year,
      figures,
      tables: present(request, tables),
      categoryItems: categoryItems(category),
      areaItems: [
        { value: ALL_AREAS, text: 'All areas', selected: area === null },
        ...areaList.map((a) => ({ value: a.gssCode, text: `${a.name}${a.gssCode === home ? ' (the council’s area)' : ''}`, selected: a.gssCode === area })),
      ],
      yearItems: years.map((y) => ({ value: String(y), text: financialYear(y).label, selected: y === year.startYear })),
      multiCategory: figures.providers.filter((p) => p.otherCategories > 0).length,
      trendChart:
        figures.spendTrend.length > 0
          ? barChart({
              title: `Concentration of spend on ${serviceCategoryName(category).toLowerCase()} by financial year (HHI)`,
              description: 'Bar chart of the Herfindahl–Hirschman index (0 to 10,000) of the council’s spend with these providers in each financial year; the figures are in the table that follows.',
              data: figures.spendTrend.map((t) => ({ label: t.year.label, value: t.hhi })),
              format: (v) => v.toLocaleString('en-GB'),
            })
          : undefined,
      statementHref: paths.market.statement.href({ category }),
      canManage: can(principal, 'settings:manage'),
    })
  })

  registerSettingsRoutes(app, context)
}

const percentField = (label: string, max: number) =>
  z.coerce
    .number({ error: `Enter the ${label} as a number, like 25` })
    .min(1, { error: `The ${label} must be between 1% and ${max}%` })
    .max(max, { error: `The ${label} must be between 1% and ${max}%` })

const settingsForm = z.object({
  homeArea: z.union([z.literal(''), z.string().regex(GSS_CODE, { error: 'Select the council’s area from the list' })]),
  councilDependencyPercent: percentField('council’s dependency share', 100),
  supplierDependencyPercent: percentField('supplier’s dependency share', 1000),
  smeMaxEmployees: z.coerce
    .number({ error: 'Enter the number of employees as a whole number, like 250' })
    .int({ error: 'Enter the number of employees as a whole number, like 250' })
    .min(1, { error: 'The number of employees must be between 1 and 100,000' })
    .max(100_000, { error: 'The number of employees must be between 1 and 100,000' }),
  smeMaxTurnover: z.string().transform((v, ctx) => {
    const pence = parsePoundsToPence(v)
    if (pence === undefined || pence < 0) {
      ctx.addIssue({ code: 'custom', message: 'Enter the turnover in pounds, like 44000000' })
      return z.NEVER
    }
    return pence
  }),
  employeeBandEdges: z.string().transform((v, ctx) => {
    const parts = v.split(/[\s,;]+/).filter(Boolean)
    const numbers = parts.map(Number)
    if (parts.length === 0 || parts.length > 6 || numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 1_000_000)) {
      ctx.addIssue({ code: 'custom', message: 'Enter up to 6 whole numbers of employees, separated by commas, like 10, 50, 250' })
      return z.NEVER
    }
    return [...new Set(numbers)].sort((a, b) => a - b)
  }),
})

function registerSettingsRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const admin = { preHandler: requirePermission('settings:manage') }

  const render = async (reply: FastifyReply, councilId: string, status: number, values: Record<string, string>, errors?: FormErrors, saved?: boolean) => {
    const areas = await q.areasServed(db, councilId)
    const own = (await findCouncilById(db, councilId))?.gssCode
    return reply.code(status).view('market/views/settings.njk', {
      pageTitle: 'Market settings',
      values,
      areaItems: [
        { value: '', text: own ? `The council’s own area (${own})` : 'All areas (the council has no GSS code)', selected: values.homeArea === '' },
        ...areas.map((a) => ({ value: a.gssCode, text: `${a.name} (${a.gssCode})`, selected: a.gssCode === values.homeArea })),
      ],
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
      saved,
    })
  }

  app.get(paths.market.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const s = await readSettings(db, principal.councilId, marketSettings)
    return render(reply, principal.councilId, 200, {
      homeArea: s.homeArea,
      councilDependencyPercent: String(s.councilDependencyPercent),
      supplierDependencyPercent: String(s.supplierDependencyPercent),
      smeMaxEmployees: String(s.smeMaxEmployees),
      smeMaxTurnover: (s.smeMaxTurnoverPence / 100).toFixed(0),
      employeeBandEdges: s.employeeBandEdges.join(', '),
    }, undefined, query(request).saved === '1')
  })

  app.post(paths.market.settings.pattern, admin, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const field = (name: string) => String(body[name] ?? '').trim()
    const values = {
      homeArea: field('homeArea'),
      councilDependencyPercent: field('councilDependencyPercent'),
      supplierDependencyPercent: field('supplierDependencyPercent'),
      smeMaxEmployees: field('smeMaxEmployees'),
      smeMaxTurnover: field('smeMaxTurnover'),
      employeeBandEdges: field('employeeBandEdges'),
    }
    const blankAsMissing = (v: string) => (v === '' ? undefined : v)
    const parsed = settingsForm.safeParse({
      ...values,
      councilDependencyPercent: blankAsMissing(values.councilDependencyPercent),
      supplierDependencyPercent: blankAsMissing(values.supplierDependencyPercent),
      smeMaxEmployees: blankAsMissing(values.smeMaxEmployees),
    })
    if (!parsed.success) return render(reply, principal.councilId, 400, values, formErrors(parsed.error))
    const d = parsed.data
    await db.transaction((tx) =>
      writeSettings(tx, {
        actor: actorOf(request, principal),
        councilId: principal.councilId,
        section: marketSettings,
        values: {
          homeArea: d.homeArea,
          councilDependencyPercent: d.councilDependencyPercent,
          supplierDependencyPercent: d.supplierDependencyPercent,
          smeMaxEmployees: d.smeMaxEmployees,
          smeMaxTurnoverPence: d.smeMaxTurnover,
          employeeBandEdges: d.employeeBandEdges,
        },
        now: context.clock(),
      }),
    )
    return reply.redirect(`${paths.market.settings.href()}?saved=1`, 303)
  })
}
