/** `catalyst users create`: gives a person a role in a council, creating their account with a generated password. */
import type { Command } from 'commander'
import { councilInputOf, upsertCouncil } from '../modules/councils/service.ts'
import { systemActor } from '../platform/audit/audit.ts'
import { AccountError, addAccount, listMembers } from '../platform/auth/accounts.ts'
import { isRole, ROLE_NAMES, ROLES } from '../platform/auth/roles.ts'
import { normaliseEmail } from '../platform/auth/service.ts'
import { action, report, UserError, withDatabase, type OutputOptions } from './common.ts'
import { councilFor, isoDate } from './councils.ts'
import { isUuid } from '../platform/ids.ts'

interface CreateOptions extends OutputOptions {
  email: string
  org: string
  role: string
  name?: string
  provider?: string
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('manage the people who can sign in')
  users
    .command('create')
    .description('give a person a role in a council; a new account gets a generated password, printed once')
    .requiredOption('--email <address>', 'their email address (they sign in with it)')
    .requiredOption('--org <code>', 'the council: DEMO, a GSS code (E06000002), a GB-LAE code (MDB) or GB-LAE-MDB')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'their name as others see it (default: the part of the email before @)')
    .option('--provider <id>', 'for the provider role: the id of the provider record they speak for')
    .option('--json', 'print one JSON object instead of a summary')
    .action(
      action(async (options: CreateOptions) => {
        const role = options.role.trim().toLowerCase()
        if (!isRole(role)) throw new UserError(`--role must be one of ${ROLES.join(', ')} (got "${options.role}")`)
        if (options.provider !== undefined && !isUuid(options.provider)) {
          throw new UserError(`--provider must be a provider id such as 0b6d2c1e-5f1a-4c8e-9d3b-2a7f6e4c1b90 (got "${options.provider}")`)
        }
        if (options.provider !== undefined && role !== 'provider') {
          throw new UserError('--provider is only for the provider role')
        }
        const email = normaliseEmail(options.email)
        const displayName = options.name?.trim() || email.split('@')[0] || email
        const actor = systemActor('catalyst users create')

        await withDatabase(async ({ handle }) => {
          const now = new Date()
          const outcome = await handle.db
            .transaction(async (tx) => {
              const council = await councilFor(tx, options.org, isoDate(now))
              const members = await listMembers(tx, council.id)
              if (members.some((m) => m.email === email && m.role === role)) {
                return { council, already: true as const }
              }
              const result = await addAccount(
                tx,
                { email, displayName, councilId: council.id, role, providerId: options.provider },
                actor,
                now,
              )
              if (!council.isTenant) {
                // A council with users is a tenant: its unpublished data is private to them.
                await upsertCouncil(
                  tx,
                  { ...councilInputOf(council), isTenant: true },
                  actor,
                  now,
                )
              }
              return { council, already: false as const, result }
            })
            .catch((error: unknown) => {
              if (error instanceof AccountError) throw new UserError(error.message)
              const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code
              if (code === '23503') throw new UserError(`no provider has the id ${options.provider}`)
              throw error
            })

          const who = `${email} (${displayName})`
          const where = `${outcome.council.name} (${outcome.council.code})`
          if (outcome.already) {
            report(options, [`${email} is already ${ROLE_NAMES[role]} in ${where}: nothing changed.`], {
              email, council: outcome.council.code, role, createdUser: false, grantedRole: false, password: null,
            })
            return
          }
          const { result } = outcome
          const lines = [
            result.createdUser ? `Created the account ${who}.` : `${who} already had an account; their password is unchanged.`,
            `Gave them the role ${ROLE_NAMES[role]} in ${where}.`,
          ]
          if (result.generatedPassword) {
            lines.push('', `Password: ${result.generatedPassword}`, 'This is shown once only. Give it to them securely; they should change it.')
          }
          report(options, lines, {
            email,
            userId: result.userId,
            council: outcome.council.code,
            role,
            createdUser: result.createdUser,
            grantedRole: true,
            password: result.generatedPassword ?? null,
          })
        })
      }),
    )
}
