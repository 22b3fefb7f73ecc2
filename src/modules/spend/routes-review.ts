/** The payee review queue: confirm or reject suggested matches, match by hand, merge, split, unlink. */
import { asc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { actorOf } from '../providers/routes.ts'
import { providers } from '../providers/schema.ts'
import * as analysis from './analysis.ts'
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
        providerItems: [{ value: '', text: 'Choose a provider' }, ...register.map((p) => ({ value: p.id, text: p.name }))],
      })),
      done: typeof q.done === 'string' ? q.done.slice(0, 200) : undefined,
      problem: typeof q.problem === 'string' ? q.problem.slice(0, 200) : undefined,
    })
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

