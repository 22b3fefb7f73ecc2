/** The payee review queue: confirm or reject suggested matches, match by hand, merge, split, unlink. */
import { asc, eq } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import { formErrors, type FormErrors } from '../../platform/http/form-errors.ts'
import { ForbiddenError, NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { formIssuesOf, issuesError, parseProviderForm, type FormBody } from '../providers/forms.ts'
import { actorOf, renderProviderForm } from '../providers/routes.ts'
import { providers } from '../providers/schema.ts'
import { ProviderInputError, type Duplicate } from '../providers/service.ts'
import * as analysis from './analysis.ts'
import { addPayeeToRegister, cannotAdd, identifiersOf, prefilledForm, registerMatchesFor } from './payee-provider.ts'
import { ReviewError, reviewPayee, type ReviewAction } from './payees.ts'

export function registerReviewRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const importer = { preHandler: requirePermission('spend:import') }

  app.get(paths.spend.review.pattern, importer, async (request, reply) => {
    const principal = principalOf(request)
    const [queue, register] = await Promise.all([
      analysis.reviewQueue(db, principal.councilId),
      db.select({ id: providers.id, name: providers.name }).from(providers).where(eq(providers.councilId, principal.councilId)).orderBy(asc(providers.name)).limit(2000),
    ])
    const q = request.query as Record<string, unknown>
    return reply.view('spend/views/review.njk', {
      pageTitle: 'Check payee matches',
      queue: queue.map((item) => ({
        ...item,
        addHref: paths.spend.newPayeeProvider.href({ id: item.payeeId }),
        providerItems: [{ value: '', text: 'Choose a provider' }, ...register.map((p) => ({ value: p.id, text: p.name }))],
      })),
      done: typeof q.done === 'string' ? q.done.slice(0, 200) : undefined,
      problem: typeof q.problem === 'string' ? q.problem.slice(0, 200) : undefined,
    })
  })

  /**
   * The provider form, started from the payee, on its own page. Providers the register already has with the same
   * identifier or name are offered first: linking the payee to one of them is usually the right answer.
   */
  const renderNewProvider = async (
    reply: FastifyReply,
    payee: { id: string; name: string },
    status: number,
    options: { values: FormBody; errors?: FormErrors; duplicates?: Duplicate[]; matches: Duplicate[] },
  ) =>
    renderProviderForm(context, reply, status, {
      values: options.values,
      errors: options.errors,
      duplicates: options.duplicates,
      councilFields: true,
      view: {
        template: 'spend/views/new-provider.njk',
        action: paths.spend.newPayeeProvider.href({ id: payee.id }),
        backHref: paths.spend.payee.href({ id: payee.id }),
        pageTitle: `Add ${payee.name} to the provider register`,
        data: {
          payee,
          matches: options.matches.map((m) => ({
            id: m.provider.id,
            name: m.provider.name,
            href: paths.providers.show.href({ id: m.provider.id }),
            reason: m.reason === 'identifier' ? `it has the same ${m.identifier?.scheme === 'GB-COH' ? 'company number' : m.identifier?.scheme === 'GB-CHC' ? 'charity number' : 'VAT number'}, ${m.identifier?.identifier}` : 'it has the same name',
          })),
          linkAction: paths.spend.reviewPayee.href({ id: payee.id }),
        },
      },
    })

  /** The payee a finance officer may add to the register; otherwise a 404, or the reason on the payee's page. */
  const addablePayee = async (request: Parameters<typeof principalOf>[0], id: string) => {
    const principal = principalOf(request)
    if (!can(principal, 'providers:write')) throw new ForbiddenError()
    const found = await analysis.findPayee(db, principal.councilId, id)
    if (!found) throw new NotFoundError('Payee')
    return { principal, payee: found.payee, reason: cannotAdd(found.payee) }
  }

  app.get(paths.spend.newPayeeProvider.pattern, importer, async (request, reply) => {
    const { id } = request.params as { id: string }
    const { principal, payee, reason } = await addablePayee(request, id)
    if (reason) return reply.redirect(`${paths.spend.payee.href({ id })}?problem=${encodeURIComponent(reason)}`, 303)
    const matches = await registerMatchesFor(db, principal.councilId, { name: payee.name, identifiers: identifiersOf(payee) })
    return renderNewProvider(reply, payee, 200, { values: prefilledForm(payee), matches })
  })

  app.post(paths.spend.newPayeeProvider.pattern, importer, async (request, reply) => {
    const { id } = request.params as { id: string }
    const { principal, payee, reason } = await addablePayee(request, id)
    if (reason) return reply.redirect(`${paths.spend.payee.href({ id })}?problem=${encodeURIComponent(reason)}`, 303)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseProviderForm(body, { councilFields: true })
    const matchesNow = async (name: string, identifiers = identifiersOf(payee)) =>
      registerMatchesFor(db, principal.councilId, { name: name || payee.name, identifiers })
    if (!parsed.success) {
      return renderNewProvider(reply, payee, 400, { values: body, errors: formErrors(parsed.error), matches: await matchesNow(String(body.name ?? '')) })
    }
    try {
      const result = await addPayeeToRegister(db, {
        councilId: principal.councilId,
        payeeId: payee.id,
        provider: parsed.input,
        confirmDuplicate: parsed.confirmDuplicate,
        actor: actorOf(request, principal),
        now: context.clock(),
      })
      if (result.outcome === 'possible-duplicate') {
        return renderNewProvider(reply, payee, 200, { values: body, duplicates: result.duplicates, matches: result.duplicates })
      }
      const done = `${payee.name} added to the provider register and linked to it: its payments now count as the provider’s spend`
      return reply.redirect(`${paths.spend.payee.href({ id })}?done=${encodeURIComponent(done)}`, 303)
    } catch (error) {
      if (error instanceof ProviderInputError) {
        const matches = await matchesNow(parsed.input.name, parsed.input.identifiers)
        return renderNewProvider(reply, payee, 400, { values: body, errors: formErrors(issuesError(formIssuesOf(error.issues, body))), matches })
      }
      if (!(error instanceof ReviewError)) throw error
      if (error.message === 'not-found') throw new NotFoundError('Payee')
      return reply.redirect(`${paths.spend.payee.href({ id })}?problem=${encodeURIComponent(error.message)}`, 303)
    }
  })

  app.post(paths.spend.reviewPayee.pattern, importer, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const payee = await analysis.findPayee(db, principal.councilId, id)
    if (!payee) throw new NotFoundError('Payee')
    const body = (request.body ?? {}) as Record<string, unknown>
    const value = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
    const returnTo = value('returnTo') === 'payee' ? paths.spend.payee.href({ id }) : paths.spend.review.href()
    const action = value('action')
    const decisions: Record<string, () => ReviewAction> = {
      confirm: () => ({ action: 'confirm', providerId: value('providerId') || undefined }),
      reject: () => ({ action: 'reject' }),
      merge: () => ({ action: 'merge', intoPayeeId: value('intoPayeeId') }),
      split: () => ({ action: 'split', nameKey: value('nameKey') }),
      unlink: () => ({ action: 'unlink' }),
    }
    const decide = decisions[action]
    if (!decide) return reply.code(400).redirect(`${returnTo}?problem=${encodeURIComponent('Choose what to do with this payee')}`, 303)
    try {
      const next = await reviewPayee(db, { councilId: principal.councilId, payeeId: id, decision: decide(), actor: actorOf(request, principal), now: context.clock() })
      const done = { confirm: 'Match confirmed', reject: 'Suggestion rejected', merge: 'Payees merged', split: 'Name split off into its own payee', unlink: 'Payee unlinked from the provider' }[action]
      const target = value('returnTo') === 'payee' ? paths.spend.payee.href({ id: next }) : paths.spend.review.href()
      return reply.redirect(`${target}?done=${encodeURIComponent(`${done}: ${payee.payee.name}`)}`, 303)
    } catch (error) {
      if (!(error instanceof ReviewError)) throw error
      if (error.message === 'not-found') throw new NotFoundError('Payee')
      return reply.redirect(`${returnTo}?problem=${encodeURIComponent(error.message)}`, 303)
    }
  })
}

