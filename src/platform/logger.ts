/**
 * Logs (pino): one line per request (method, URL, status, time) and per event, with the request id; secrets never
 * reach the log. In production each line is JSON, for the log platform to read. In development the same lines go
 * through pino-pretty, readable at a glance ("12:04:31 INFO: GET /spend 200 14ms").
 *
 * pino-pretty stays a devDependency: development means a checkout with its devDependencies installed (`npm ci`), and
 * a production install (`npm ci --omit=dev`) runs JSON only. If it is missing, development falls back to JSON rather
 * than refusing to start.
 */
import { createRequire } from 'node:module'
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import type { Config } from '../config.ts'

const require = createRequire(import.meta.url)

export function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty')
    return true
  } catch {
    return false
  }
}

export function loggerOptions(config: Pick<Config, 'logLevel' | 'environment'>, pretty = prettyAvailable()): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    ...(config.environment === 'development' && pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,reqId,req,res,responseTime', singleLine: true },
          },
        }
      : {}),
  }
}

/** Query parameters whose values are secrets (emailed confirmation links, voting codes): logged as "[redacted]". */
const SECRET_PARAMETERS = /([?&](?:token|code|key)=)[^&#]*/gi

export function loggableUrl(url: string): string {
  return url.replace(SECRET_PARAMETERS, '$1[redacted]')
}

/**
 * One line per request when it is answered, instead of Fastify's two ("incoming request", "request completed"): the
 * app is built with `logController: new RequestLog()`. Fastify's other lines (errors, streams) are unchanged.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const url = loggableUrl(request.url)
    const ms = Math.round(reply.elapsedTime)
    const line = { req: { method: request.method, url }, res: { statusCode: reply.statusCode }, responseTime: ms }
    const message = `${request.method} ${url} ${reply.statusCode} ${ms}ms`
    if (error || reply.statusCode >= 500) reply.log.error({ ...line, err: error ?? undefined }, message)
    else if (url.startsWith('/assets/')) reply.log.debug(line, message)
    else reply.log.info(line, message)
  }
}
