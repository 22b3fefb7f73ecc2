/** `catalyst tokens create`: a personal API token for a user, printed once; only its digest is stored. */
import type { Command } from 'commander'
import { findCouncilById } from '../modules/councils/service.ts'
import { recordAudit, systemActor } from '../platform/audit/audit.ts'
import { membershipFor } from '../platform/auth/accounts.ts'
import { can, isRole, ROLE_NAMES } from '../platform/auth/roles.ts'
import { createApiToken, normaliseEmail } from '../platform/auth/service.ts'
import { action, report, UserError, withDatabase, type OutputOptions } from './common.ts'
import { councilFor, isoDate } from './councils.ts'

interface CreateOptions extends OutputOptions {
  email: string
  council?: string
  name?: string
}

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('manage personal API tokens')
  tokens
    .command('create')
    .description('create an API token that acts as this user in one council; the token is printed once')
    .requiredOption('--email <address>', 'the user the token acts as')
    .option('--council <code>', 'the council, when the user has roles in more than one (default: their admin role first)')
    .option('--name <name>', 'what the token is for, to tell tokens apart later')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (options: CreateOptions) => {
        const email = normaliseEmail(options.email)
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
          if (!isRole(role) || !can(role, 'api:use')) {
            throw new UserError(`the ${isRole(role) ? ROLE_NAMES[role] : role} role cannot use the API, so a token would not work`)
          }
          const councilName = council?.name ?? (await findCouncilById(handle.db, membership.councilId))?.name
          const name = options.name?.trim() || `Created with catalyst tokens create on ${isoDate(now)}`
          const token = await handle.db.transaction(async (tx) => {
            const created = await createApiToken(tx, { membershipId: membership.membershipId, name, now })
            await recordAudit(tx, {
              actor: systemActor('catalyst tokens create'),
              councilId: membership.councilId,
              action: 'create-token',
              entityType: 'user',
              entityId: membership.userId,
              after: { tokenId: created.id, name, prefix: created.token.slice(0, 10), role: membership.role },
              at: now,
            })
            return created
          })
          report(
            options,
            [
              `Created the API token "${name}" for ${email} as ${ROLE_NAMES[role]} in ${councilName}.`,
              '',
              `Token: ${token.token}`,
              'This is shown once only. Send it as "Authorization: Bearer <token>".',
            ],
            { email, council: councilName, tokenId: token.id, name, role, token: token.token },
          )
        })
      }),
    )
}
