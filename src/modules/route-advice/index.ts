/**
 * Route-to-market advice in front of the rules in src/rules/procurement: a page for officers and a JSON API, both
 * taking the same request and giving the same answer.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { CatalystModule } from '../../platform/modules.ts'
import type { AppContext } from '../../platform/modules.ts'
import { principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { getProject, listProjects, saveRouteAdvice } from '../projects/service.ts'
import { answerRows, answersOf, answersQuery, plainWords } from './answers.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import { sendProblem } from '../../platform/http/problem.ts'
import { paths } from '../../paths.ts'
import { routeAdvice, type RouteAdviceRequest } from '../../rules/procurement/route-advice-request.ts'
import type { RouteAdvice } from '../../rules/procurement/route-advice-types.ts'
import { routeAdviceOpenApi } from './api-docs.ts'
import { parseRouteForm, routeFormErrors, routeFormModel, type FormBody } from './form.ts'

export { routeAdviceOpenApi } from './api-docs.ts'

/** Today as the advice reads it: the date part of the injected clock. */
export const todayOf = (context: AppContext) => context.clock().toISOString().slice(0, 10)

export type FormAdvice =
  | { ok: true; advice: RouteAdvice; request: RouteAdviceRequest; working?: string | undefined }
  | { ok: false; errors: ReturnType<typeof routeFormErrors> }

/** The page's form, checked and advised on. */
export function adviceFromForm(body: FormBody, today: string): FormAdvice {
  const parsed = parseRouteForm(body)
  const result = routeAdvice(parsed.request, today)
  if (parsed.problems.length > 0 || !result.ok) return { ok: false, errors: routeFormErrors(parsed.problems, result.ok ? [] : result.errors) }
  return { ok: true, advice: result.advice, request: parsed.request, working: parsed.working }
}

export interface RouteFormView {
  body: FormBody
  action: string
  advice?: RouteAdvice | undefined
  working?: string | undefined
  errors?: ReturnType<typeof routeFormErrors> | undefined
  project?: { title: string } | undefined
  backHref?: string | undefined
  submitText?: string
}

export function renderRouteForm(reply: FastifyReply, status: number, view: RouteFormView) {
  return reply.code(status).view('route-advice/views/form.njk', {
    pageTitle: 'Route to market advice',
    form: routeFormModel(view.body),
    action: view.action,
    advice: view.advice,
    working: view.working,
    project: view.project,
    backHref: view.backHref,
    submitText: view.submitText ?? 'Continue',
    errorList: view.errors?.errorList ?? [],
    fieldErrors: view.errors?.fieldErrors ?? {},
  })
}

/** The advice with its warnings in the form's words. */
const inWords = (advice: RouteAdvice): RouteAdvice => ({ ...advice, warnings: advice.warnings.map(plainWords) })

export interface AnswerView {
  body: FormBody
  /** The form the "Change" links go back to. */
  formHref: string
  /** The project the advice was asked for, if any: the save button saves to it. */
  project?: { id: string; title: string } | undefined
  errors?: FormErrors | undefined
}

/** Check your answers, then the advice, then a form to save it to a project. */
export async function renderAnswer(reply: FastifyReply, context: AppContext, principal: Principal, view: AnswerView) {
  const result = adviceFromForm(view.body, todayOf(context))
  if (!result.ok) return renderRouteForm(reply, 400, { body: view.body, action: view.formHref, errors: result.errors })
  const canSave = can(principal, 'projects:write')
  const projects = canSave && !view.project ? (await listProjects(context.db, principal.councilId, {}, { limit: 500, offset: 0 })).rows.map((r) => r.project) : []
  return reply.view('route-advice/views/answer.njk', {
    pageTitle: 'Check your answers and the advice',
    rows: answerRows(view.body, view.formHref),
    advice: inWords(result.advice),
    working: result.working,
    project: view.project,
    backHref: `${view.formHref}?${answersQuery(view.body)}`,
    answers: Object.entries(answersOf(view.body)).map(([name, value]) => ({ name, value })),
    canSave,
    saveAction: paths.routeAdvice.save.href(),
    projectItems: [{ value: '', text: 'Choose a project' }, ...projects.map((p) => ({ value: p.id, text: p.title }))],
    errorList: view.errors?.errorList ?? [],
    fieldErrors: view.errors?.fieldErrors ?? {},
  })
}

function registerRoutes(app: FastifyInstance, context: AppContext): void {
  const read = { preHandler: requirePermission('projects:read') }
  // The form, filled in with the answers when a "Change" link brings the officer back.
  app.get(paths.routeAdvice.page.pattern, read, async (request, reply) =>
    renderRouteForm(reply, 200, { body: answersOf(request.query as FormBody), action: paths.routeAdvice.page.href() }),
  )

  app.post(paths.routeAdvice.page.pattern, read, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody
    const result = adviceFromForm(body, todayOf(context))
    if (!result.ok) return renderRouteForm(reply, 400, { body, action: paths.routeAdvice.page.href(), errors: result.errors })
    return reply.redirect(`${paths.routeAdvice.answer.href()}?${answersQuery(body)}`, 303)
  })

  app.get(paths.routeAdvice.answer.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const query = request.query as FormBody
    // Advice asked for from a project's page comes back to it, and is saved to it.
    const projectId = typeof query.project === 'string' ? query.project : ''
    const project = projectId && can(principal, 'projects:write') ? await getProject(context.db, principal.councilId, projectId) : undefined
    return renderAnswer(reply, context, principal, {
      body: answersOf(query),
      formHref: project ? paths.projects.routeAdvice.href({ id: project.id }) : paths.routeAdvice.page.href(),
      project: project && { id: project.id, title: project.title },
    })
  })

  app.post(paths.routeAdvice.save.pattern, { preHandler: requirePermission('projects:write') }, async (request, reply) => {
    const principal = principalOf(request)
    const raw = (request.body ?? {}) as FormBody
    const body = answersOf(raw)
    const projectId = typeof raw.projectId === 'string' ? raw.projectId : ''
    const project = projectId ? await getProject(context.db, principal.councilId, projectId) : undefined
    const result = adviceFromForm(body, todayOf(context))
    if (!result.ok) return renderRouteForm(reply, 400, { body, action: paths.routeAdvice.page.href(), errors: result.errors })
    if (!project) {
      return renderAnswer(reply.code(400), context, principal, {
        body,
        formHref: paths.routeAdvice.page.href(),
        errors: { errorList: [{ text: 'Choose the project to save the advice to', href: '#projectId' }], fieldErrors: { projectId: { text: 'Choose the project to save the advice to' } } },
      })
    }
    await context.db.transaction((tx) => saveRouteAdvice(tx, principal.councilId, project.id, result.request, result.advice, { userId: principal.userId, label: principal.displayName, requestId: request.id }, context.clock()))
    return reply.redirect(`${paths.projects.show.href({ id: project.id })}?saved=route-advice#plan`, 303)
  })

  // Advice changes nothing, so a token with route-advice:read may ask for it.
  app.post(paths.api.routeAdvice.pattern, { config: { apiAccess: 'read' }, preHandler: [requirePermission('api:use'), requirePermission('projects:read')] }, async (request, reply) => {
    const result = routeAdvice(request.body ?? {}, todayOf(context))
    if (!result.ok) return sendProblem(reply, { status: 400, title: 'The request is not valid', errors: result.errors })
    return reply.send(result.advice)
  })
}

export const routeAdviceModule: CatalystModule = {
  name: 'route-advice',
  stage: 'plan',
  navigation: [{ text: 'Route advice', href: paths.routeAdvice.page.href(), permission: 'projects:read', activeWhen: '/route-advice' }],
  openApi: routeAdviceOpenApi,
  register: registerRoutes,
}
