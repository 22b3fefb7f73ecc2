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

/** The shape of a Zod error's issues, without tying the platform's problem documents to Zod. */
export interface IssueList {
  issues: readonly { path: readonly PropertyKey[]; message: string }[]
}

/** "/limit" for a query's limit, "/items/0/name" for a body's nested field. */
export const jsonPointer = (path: readonly PropertyKey[]) => `/${path.map(String).join('/')}`

/** 400 with one entry per field that was wrong, each named by its JSON pointer. */
export function sendInvalid(reply: FastifyReply, error: IssueList, title = 'The request is not valid'): FastifyReply {
  return sendProblem(reply, { status: 400, title, errors: error.issues.map((issue) => ({ field: jsonPointer(issue.path), message: issue.message })) })
}

export function isApiRequest(url: string): boolean {
  return url === '/api/v1' || url.startsWith('/api/')
}
