/**
 * Server-rendered pages: Nunjucks with GOV.UK Frontend's macros. Templates are found by path from
 * `src/platform/views`, `src/modules` (as `<module>/views/<page>.njk`) and GOV.UK Frontend (`govuk/...`).
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyView from '@fastify/view'
import type { FastifyInstance } from 'fastify'
import nunjucks from 'nunjucks'
import { formatPence } from '../money.ts'
import { formatDate, formatDateTime } from '../dates.ts'
import { paths } from '../../paths.ts'
import { ROLE_NAMES } from '../auth/roles.ts'

const require = createRequire(import.meta.url)
const srcDir = fileURLToPath(new URL('../../', import.meta.url))
const govukDist = path.resolve(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist')

export const templateDirs = [path.join(srcDir, 'platform/views'), path.join(srcDir, 'modules'), govukDist]

const numberFormat = new Intl.NumberFormat('en-GB')

export function configureNunjucks(env: nunjucks.Environment): void {
  env.addGlobal('paths', paths)
  env.addGlobal('roleNames', ROLE_NAMES)
  // The one way pages write dates (src/platform/dates.ts): "7 December 2026", "7 December 2026 at 3:05pm".
  env.addFilter('govukDate', formatDate)
  env.addFilter('govukDateTime', formatDateTime)
  env.addFilter('number', (value: unknown) => (typeof value === 'number' ? numberFormat.format(value) : value))
  env.addFilter('pounds', (value: unknown, whole?: boolean) =>
    typeof value === 'number' || typeof value === 'bigint' ? formatPence(value, { whole: whole === true }) : '',
  )
}

/**
 * Templates are compiled once and cached in every environment: recompiling each page's templates on every request
 * made a page of the provider list several times slower (bench/provider-list.ts). `npm run dev` restarts the server
 * when anything under src/ changes, templates included, so editing a template still shows at once.
 */
export async function registerViews(app: FastifyInstance): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: templateDirs,
    production: true,
    options: {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      noCache: false,
      onConfigure: configureNunjucks,
    },
  })
}
