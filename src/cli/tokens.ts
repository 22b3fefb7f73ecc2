/** `catalyst tokens create`: a personal API token for a user, printed once; only its digest is stored. */
import type { Command } from 'commander'
import { findCouncilById } from '../modules/councils/service.ts'
import { recordAudit, systemActor } from '../platform/audit/audit.ts'
import { membershipFor } from '../platform/auth/accounts.ts'
import { can, isRole, ROLE_NAMES } from '../platform/auth/roles.ts'
import { modules } from '../modules/index.ts'
import { moduleOfApiRoute, parseScope } from '../platform/auth/scopes.ts'
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, createApiToken, normaliseEmail } from '../platform/auth/service.ts'
import { action, report, UserError, withDatabase, type OutputOptions } from './common.ts'
import { councilFor, isoDate } from './councils.ts'

interface CreateOptions extends OutputOptions {
  email: string
  council?: string
  name?: string
  scope: string[]
  expiresInDays: string
}

const collect = (value: string, previous: string[]) => [...previous, value]

/** The modules a scope can name: the first segment of each path the API describes. */
function scopeModules(): string[] {
  const names = new Set<string>()
  for (const module of modules) {
    for (const path of Object.keys(module.openApi?.paths ?? {})) {
      const name = moduleOfApiRoute(path)
      if (name) names.add(name)
    }
  }
  return [...names].sort()
}

function checkScopes(scopes: string[]): string[] {
  const known = scopeModules()
  for (const text of scopes) {
    const scope = parseScope(text)
    if (!scope) throw new UserError(`"${text}" is not a scope: use <module>:read or <module>:write, such as contracts:read or *:read`)
    if (scope.module !== '*' && !known.includes(scope.module)) throw new UserError(`"${scope.module}" has no API; scopes can name ${known.join(', ')} or *`)
  }
  return scopes
}

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('manage personal API tokens')
  tokens
    .command('create')
    .description('create an API token that acts as this user in one council; the token is printed once')
    .requiredOption('--email <address>', 'the user the token acts as')
    .option('--council <code>', 'the council, when the user has roles in more than one (default: their admin role first)')
    .option('--name <name>', 'what the token is for, to tell tokens apart later')
    .option('--scope <scope>', 'what the token may do, repeatable: <module>:read or <module>:write (write includes read), * for every module', collect, [])
    .option('--expires-in-days <days>', `how many days the token works for, 1 to ${API_TOKEN_MAX_DAYS}`, String(API_TOKEN_DEFAULT_DAYS))
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (options: CreateOptions) => {
        const email = normaliseEmail(options.email)
        // Least privilege by default: a token reads, and writes only where its maker says so.
        const scopes = checkScopes(options.scope.length > 0 ? options.scope : ['*:read'])
        const days = Number(options.expiresInDays)
        if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_MAX_DAYS) {
          throw new UserError(`--expires-in-days must be a whole number from 1 to ${API_TOKEN_MAX_DAYS} (got "${options.expiresInDays}")`)
        }
        await withDatabase(async ({ handle }) => {
          const now = new Date()
          const council = options.council ? await councilFor(handle.db, options.council, isoDate(now)) : undefined
          const membership = await membershipFor(handle.db, email, council?.id)
          if (!membership) {
            throw new UserError(
              council
                ? `${email} has no role in ${council.name}: give them one with \`catalyst users create\``
                : `${email} has no role in any council: create them with \`catalyst users create\``,
            )
          }
          const role = membership.role
          if (!isRole(role) || !can({ role }, 'api:use')) {
            throw new UserError(`the ${isRole(role) ? ROLE_NAMES[role] : role} role cannot use the API, so a token would not work`)
          }
          const councilName = council?.name ?? (await findCouncilById(handle.db, membership.councilId))?.name
          const name = options.name?.trim() || `Created with catalyst tokens create on ${isoDate(now)}`
          const token = await handle.db.transaction(async (tx) => {
            const expiresAt = new Date(now.getTime() + days * 24 * 60 * 60 * 1000)
            const created = await createApiToken(tx, { membershipId: membership.membershipId, name, now, scopes, expiresAt })
            await recordAudit(tx, {
              actor: systemActor('catalyst tokens create'),
              councilId: membership.councilId,
              action: 'create-token',
              entityType: 'user',
              entityId: membership.userId,
              after: { tokenId: created.id, name, prefix: created.token.slice(0, 10), role: membership.role, scopes, expiresAt: created.expiresAt.toISOString() },
              at: now,
            })
            return created
          })
          report(
            options,
            [
              `Created the API token "${name}" for ${email} as ${ROLE_NAMES[role]} in ${councilName}.`,
              `Scopes: ${token.scopes.join(', ')}. Expires: ${token.expiresAt.toISOString()}.`,
              '',
              `Token: ${token.token}`,
              'This is shown once only. Send it as "Authorization: Bearer <token>".',
            ],
            { email, council: councilName, tokenId: token.id, name, role, scopes: token.scopes, expiresAt: token.expiresAt.toISOString(), token: token.token },
          )
        })
      }),
    )
}
