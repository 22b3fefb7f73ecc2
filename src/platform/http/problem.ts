/** RFC 9457 problem documents: how the JSON API says what went wrong. */
import type { FastifyReply } from 'fastify'

export interface FieldProblem {
  /** A JSON pointer or field name, for example "/name". */
  field: string
  message: string
}

export interface Problem {
  status: number
  title: string
  detail?: string
  errors?: FieldProblem[]
}

const TYPES: Record<number, string> = {
  400: 'invalid-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'invalid-request',
  429: 'too-many-requests',
  500: 'internal-error',
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  const type = TYPES[problem.status] ?? 'error'
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: `urn:catalyst:problem:${type}`,
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      instance: reply.request.url,
      requestId: reply.request.id,
      ...(problem.errors ? { errors: problem.errors } : {}),
    })
}

export function isApiRequest(url: string): boolean {
  return url === '/api/v1' || url.startsWith('/api/')
}
