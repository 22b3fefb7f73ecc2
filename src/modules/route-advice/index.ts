/**
 * Route-to-market advice in front of the rules in src/rules/procurement: a page for officers and a JSON API, both
 * taking the same request and giving the same answer.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { CatalystModule } from '../../platform/modules.ts'
import type { AppContext } from '../../platform/modules.ts'
import { requirePermission } from '../../platform/http/authentication.ts'
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
    submitText: view.submitText ?? 'Get advice',
    errorList: view.errors?.errorList ?? [],
    fieldErrors: view.errors?.fieldErrors ?? {},
  })
}

function registerRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(paths.routeAdvice.page.pattern, { preHandler: requirePermission('projects:read') }, async (_request, reply) =>
    renderRouteForm(reply, 200, { body: {}, action: paths.routeAdvice.page.href() }),
  )

  app.post(paths.routeAdvice.page.pattern, { preHandler: requirePermission('projects:read') }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody
    const result = adviceFromForm(body, todayOf(context))
    if (!result.ok) return renderRouteForm(reply, 400, { body, action: paths.routeAdvice.page.href(), errors: result.errors })
    return renderRouteForm(reply, 200, { body, action: paths.routeAdvice.page.href(), advice: result.advice, working: result.working })
  })

  app.post(paths.api.routeAdvice.pattern, { preHandler: [requirePermission('api:use'), requirePermission('projects:read')] }, async (request, reply) => {
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
