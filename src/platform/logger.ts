/** Structured logs (pino): one JSON line per event, with the request id; secrets never reach the log. */
import type { FastifyServerOptions } from 'fastify'
import type { Config } from '../config.ts'

export function loggerOptions(config: Pick<Config, 'logLevel'>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  }
}
