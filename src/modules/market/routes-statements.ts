/**
 * Market position statements: the list by category, the editor with a preview of the figures, publishing, and the
 * public page anyone can read at /market-position-statements/:council/:category.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { toFormErrors, type FieldIssue } from '../contracts/form-fields.ts'
import { findCouncil } from '../councils/service.ts'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_CODES, serviceCategoryName } from '../providers/service-categories.ts'
import { actorOf } from '../providers/routes.ts'
import { marketFigures, type MarketFigures } from './figures.ts'
import * as q from './queries.ts'
import { homeAreaOf, latestYear } from './routes.ts'
import { STATEMENT_SECTIONS, saveStatement, statementFor, statementsOf, type Sections, type StatementRow } from './service.ts'
import { marketSettings } from './settings.ts'
import { present, publicTables, sendCsvIfAsked } from './tables.ts'

const TITLE_MAX = 200
const SECTION_MAX = 10_000
const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }

const categoryOf = (request: FastifyRequest): string => {
  const { category } = request.params as { category: string }
  if (!(SERVICE_CATEGORY_CODES as readonly string[]).includes(category)) throw new NotFoundError('Service category')
  return category
}

/** The sections as the page shows them: each with its paragraphs (split at blank lines). */
export function sectionsForDisplay(sections: Sections) {
  return STATEMENT_SECTIONS.map((s) => ({
    key: s.key,
    name: s.name,
    paragraphs: (sections[s.key] ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
  })).filter((s) => s.paragraphs.length > 0)
}

/** The figures a statement shows, in the council's own area, for the latest year with spend. */
async function statementFigures(context: AppContext, councilId: string, category: string): Promise<{ figures: MarketFigures; areaName: string }> {
  const settings = await readSettings(context.db, councilId, marketSettings)
  const area = await homeAreaOf(context, councilId, settings)
  const figures = await marketFigures(context.db, councilId, { category, area, year: await latestYear(context, councilId), today: londonDate(context.clock()), settings })
  return { figures, areaName: area ? ((await q.areaName(context.db, area)) ?? area) : 'all areas' }
}

export function registerStatementRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  app.get(paths.market.statements.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const statements = new Map((await statementsOf(db, principal.councilId)).map((s) => [s.serviceCategory, s]))
    return reply.view('market/views/statements.njk', {
      pageTitle: 'Market position statements',
      rows: SERVICE_CATEGORIES.map((c) => {
        const s = statements.get(c.code)
        return {
          name: c.name,
          href: paths.market.statement.href({ category: c.code }),
          title: s?.title ?? '',
          status: s ? (s.published ? 'Published' : 'Draft') : 'Not started',
          publicHref: s?.published ? paths.market.publicStatement.href({ council: principal.councilCode, category: c.code }) : undefined,
        }
      }),
    })
  })

  const renderEditor = async (reply: FastifyReply, principal: Principal, category: string, status: number, options: { statement?: StatementRow | undefined; values?: { title: string; sections: Sections }; errors?: FormErrors; saved?: string }) => {
    const statement = options.statement
    const values = options.values ?? { title: statement?.title ?? `${serviceCategoryName(category)}: market position statement`, sections: (statement?.sections ?? {}) as Sections }
    const errors = options.errors ?? NO_ERRORS
    const { figures, areaName } = await statementFigures(context, principal.councilId, category)
    return reply.code(status).view('market/views/statement.njk', {
      pageTitle: `${serviceCategoryName(category)}: market position statement`,
      categoryName: serviceCategoryName(category),
      action: paths.market.statement.href({ category }),
      statement,
      values,
      sectionFields: STATEMENT_SECTIONS.map((s) => ({ ...s, value: values.sections[s.key] ?? '' })),
      preview: { title: values.title, sections: sectionsForDisplay(values.sections) },
      figures,
      areaName,
      tables: present(reply.request, publicTables(figures)),
      canWrite: can(principal, 'market:write'),
      publicHref: statement?.published ? paths.market.publicStatement.href({ council: principal.councilCode, category }) : undefined,
      marketHref: `${paths.market.view.href()}?category=${category}`,
      errorList: errors.errorList,
      fieldErrors: errors.fieldErrors,
      saved: options.saved,
    })
  }

  app.get(paths.market.statement.pattern, { preHandler: requirePermission('market:read') }, async (request, reply) => {
    const principal = principalOf(request)
    const category = categoryOf(request)
    const saved = String((request.query as Record<string, unknown>).saved ?? '')
    const messages: Record<string, string> = { saved: 'Statement saved', published: 'Statement published', unpublished: 'Statement unpublished: the public page is gone' }
    return renderEditor(reply, principal, category, 200, { statement: await statementFor(db, principal.councilId, category), ...(messages[saved] ? { saved: messages[saved] } : {}) })
  })

  app.post(paths.market.statement.pattern, { preHandler: requirePermission('market:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const category = categoryOf(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).replace(/\r\n/g, '\n').trim() : '')
    const action = field('action')
    const title = field('title')
    const sections: Sections = Object.fromEntries(STATEMENT_SECTIONS.map((s) => [s.key, field(s.key)]).filter(([, v]) => v !== ''))
    const issues: FieldIssue[] = []
    if (!['save', 'publish', 'unpublish'].includes(action)) issues.push({ field: 'title', message: 'Choose to save, publish or unpublish the statement' })
    if (title === '') issues.push({ field: 'title', message: 'Enter the statement’s title' })
    else if (title.length > TITLE_MAX) issues.push({ field: 'title', message: `The title must be ${TITLE_MAX} characters or fewer` })
    for (const s of STATEMENT_SECTIONS) {
      if ((sections[s.key] ?? '').length > SECTION_MAX) issues.push({ field: s.key, message: `${s.name} must be ${SECTION_MAX.toLocaleString('en-GB')} characters or fewer` })
    }
    if (action === 'publish' && !sections.summary) issues.push({ field: 'summary', message: 'Write a summary before publishing the statement' })
    const existing = await statementFor(db, principal.councilId, category)
    if (issues.length > 0) return renderEditor(reply, principal, category, 400, { statement: existing, values: { title, sections }, errors: toFormErrors(issues) })
    await db.transaction((tx) =>
      saveStatement(tx, principal.councilId, category, { title, sections, ...(action === 'publish' ? { publish: true } : action === 'unpublish' ? { publish: false } : {}) }, actorOf(request, principal), context.clock()),
    )
    const outcome = action === 'publish' ? 'published' : action === 'unpublish' ? 'unpublished' : 'saved'
    return reply.redirect(`${paths.market.statement.href({ category })}?saved=${outcome}`, 303)
  })

  app.get(paths.market.publicStatement.pattern, async (request, reply) => {
    const { council: code } = request.params as { council: string }
    const category = categoryOf(request)
    const council = await findCouncil(db, code)
    if (!council || !council.isTenant) throw new NotFoundError('Council')
    const statement = await statementFor(db, council.id, category)
    if (!statement?.published) throw new NotFoundError('Market position statement')
    const { figures, areaName } = await statementFigures(context, council.id, category)
    const tables = publicTables(figures)
    if (sendCsvIfAsked(request, reply, tables, `${council.code.toLowerCase()}-market-position-${category}`)) return reply
    return reply.view('market/views/public-statement.njk', {
      pageTitle: statement.title,
      council,
      categoryName: serviceCategoryName(category),
      statement,
      sections: sectionsForDisplay(statement.sections as Sections),
      figures,
      areaName,
      tables: present(request, tables),
    })
  })
}
