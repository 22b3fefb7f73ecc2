/**
 * What a person sees when something goes wrong: GOV.UK-style pages for 403, 404 and 500 (the 500 page gives
 * the request id to quote), and problem documents for the JSON API. Unexpected errors are logged in full and
 * never shown to the user.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ZodError } from 'zod'
import { isApiRequest, sendProblem } from './problem.ts'

const PAGE_TITLES: Record<number, string> = {
  400: 'Sorry, there is a problem with your request',
  403: 'You do not have permission to see this page',
  404: 'Page not found',
  405: 'Sorry, there is a problem with your request',
  413: 'The file or form you sent is too large',
  415: 'Sorry, there is a problem with your request',
  429: 'Too many requests',
  500: 'Sorry, there is a problem with the service',
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) => {
    if (isApiRequest(request.url)) {
      return sendProblem(reply, { status: 404, title: 'Not found', detail: `No resource at ${request.url}` })
    }
    return renderErrorPage(request, reply, 404)
  })

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof ZodError) {
      const errors = error.issues.map((issue) => ({ field: `/${issue.path.join('/')}`, message: issue.message }))
      if (isApiRequest(request.url)) {
        return sendProblem(reply, { status: 400, title: 'The request is not valid', errors })
      }
      return renderErrorPage(request, reply, 400)
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed')
    } else {
      request.log.info({ status, code: error.code, reason: error.message }, 'request refused')
    }
    if (isApiRequest(request.url)) {
      const errors = error.validation?.map((v) => ({
        field: v.instancePath || `/${(v.params as { missingProperty?: string }).missingProperty ?? ''}`,
        message: v.message ?? 'is not valid',
      }))
      return sendProblem(reply, {
        status,
        title: status >= 500 ? 'Internal error' : (PAGE_TITLES[status] ?? 'Request refused'),
        ...(status < 500 ? { detail: error.message } : { detail: `Quote request id ${request.id} when you report this.` }),
        ...(errors ? { errors } : {}),
      })
    }
    return renderErrorPage(request, reply, status, status < 500 ? error.message : undefined)
  })
}

export function renderErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, detail?: string) {
  const template = status === 404 ? 'errors/404.njk' : status === 403 ? 'errors/403.njk' : status >= 500 ? 'errors/500.njk' : 'errors/4xx.njk'
  return reply.code(status).view(template, {
    pageTitle: PAGE_TITLES[status] ?? 'Sorry, there is a problem',
    detail,
    requestId: request.id,
  })
}
