/** The moderators' pages: the queue, one story with possible personal data highlighted, the decision, blocking an author. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formErrors, singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { AppContext } from '../../platform/modules.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { MAX_BODY, MAX_REASON, MAX_TITLE, moderationForm, reasonField } from './forms.ts'
import * as service from './service.ts'
import { storiesSettings } from './settings.ts'
import * as vm from './view-models.ts'
import * as moderation from './moderation.ts'
import { actorOf, linksFor, notifierFor, type Body } from './routes.ts'

export function registerModerationRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  app.get(paths.moderation.queue.pattern, { preHandler: requirePermission('stories:moderate') }, async (request, reply) => {
    const principal = principalOf(request)
    const queue = await moderation.moderationQueue(db, principal.councilId)
    const saved = (request.query as Record<string, unknown>).saved
    return reply.view('stories/views/queue.njk', {
      pageTitle: 'Stories to moderate',
      saved: typeof saved === 'string' ? saved : undefined,
      items: queue.map((item) => ({
        ...item,
        href: paths.moderation.story.href({ id: item.id }),
        service: vm.serviceLabel({ providerName: item.providerName, serviceDescription: item.serviceDescription, serviceCategory: null }),
        tag: vm.statusTag(item.status, null, context.clock()),
      })),
    })
  })

  const renderModeration = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const found = await service.getForCouncil(db, principal.councilId, id)
    if (!found) throw new NotFoundError('Story')
    const { story } = found
    const [reports, settings] = await Promise.all([
      moderation.openReportsOf(db, principal.councilId, id),
      readSettings(db, principal.councilId, storiesSettings),
    ])
    const windowApplies = moderation.needsProviderWindow(found.providerName ? { legalForm: found.providerLegalForm, isVcse: found.providerIsVcse } : undefined)
    const decisions = [
      ...(story.status === 'awaiting-moderation' || story.status === 'hidden'
        ? [
            { value: 'publish', text: story.status === 'hidden' ? 'Publish it again' : 'Publish it', hint: { text: windowApplies && story.status !== 'hidden' && settings.providerPreviewHours > 0 ? `${found.providerName} sees it first: it becomes public after ${settings.providerPreviewHours} hours, or sooner if they say go ahead.` : 'It becomes public at once.' } },
            { value: 'publish-redacted', text: 'Remove names or personal details, then publish it', hint: { text: 'Edit the text below. The author’s original is kept for moderators only; the author is told what was done.' } },
          ]
        : []),
      ...(story.status === 'awaiting-moderation'
        ? [
            { value: 'request-edit', text: 'Ask the author to change it', hint: { text: 'For example to take out a name. They see your note through their link.' } },
            { value: 'reject', text: 'Reject it', hint: { text: 'It will not be published. The author sees your reason.' } },
          ]
        : []),
      ...(story.status === 'published' ? [{ value: 'hide', text: 'Take it down', hint: { text: 'It stops being public. The author sees your reason.' } }] : []),
    ].map((item) => ({ ...item, checked: values.decision === item.value }))
    return reply.code(status).view('stories/views/moderate.njk', {
      pageTitle: `Moderate: ${story.title}`,
      story,
      providerName: found.providerName,
      service: vm.serviceLabel({ providerName: found.providerName, serviceDescription: story.serviceDescription, serviceCategory: story.serviceCategory }),
      tag: vm.statusTag(story.status, story.publishedAt, context.clock()),
      titlePieces: vm.highlightedParagraphs(story.title)[0] ?? [],
      bodyParagraphs: vm.highlightedParagraphs(story.body),
      highlightCount: vm.countHighlights(story.title) + vm.countHighlights(story.body),
      ratingRows: vm.ratingRows(story),
      reports,
      decisions,
      action: paths.moderation.story.href({ id }),
      blockAction: paths.moderation.block.href({ id }),
      values: { redactedTitle: story.title, redactedBody: story.body, ...values },
      original: story.originalBody !== null ? { title: story.originalTitle, paragraphs: vm.paragraphs(story.originalBody), redactedAt: story.redactedAt } : undefined,
      maxReason: MAX_REASON,
      maxTitle: MAX_TITLE,
      maxBody: MAX_BODY,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.moderation.story.pattern, { preHandler: requirePermission('stories:moderate') }, async (request, reply) => renderModeration(request, reply, 200))

  app.post(paths.moderation.story.pattern, { preHandler: requirePermission('stories:moderate') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const body = (request.body ?? {}) as Body
    const found = await service.getForCouncil(db, principal.councilId, id)
    if (!found) throw new NotFoundError('Story')
    const parsed = moderationForm.safeParse(body)
    if (!parsed.success) return renderModeration(request, reply, 400, body, formErrors(parsed.error))
    if (parsed.data.decision === 'publish-redacted' && parsed.data.redactedTitle === found.story.title && parsed.data.redactedBody === found.story.body.trim()) {
      return renderModeration(request, reply, 400, body, singleError('redactedBody', 'Nothing has been removed: take the personal details out of the text, or choose “Publish it”'))
    }
    const result = await db.transaction((tx) =>
      moderation.moderate(tx, principal.councilId, id, parsed.data, { actor: actorOf(request, principal), now: context.clock(), notifier: notifierFor(request, context), links: linksFor(context) }),
    )
    if (!result) throw new NotFoundError('Story')
    if (result.outcome === 'not-allowed') return renderModeration(request, reply, 400, body, singleError('decision', 'That cannot be done to this story now: choose one of the options shown'))
    const message = { publish: 'published', 'publish-redacted': 'published-redacted', 'request-edit': 'edit-requested', reject: 'rejected', hide: 'hidden' }[parsed.data.decision]
    return reply.redirect(`${paths.moderation.queue.href()}?saved=${message}`, 303)
  })

  app.post(paths.moderation.block.pattern, { preHandler: requirePermission('stories:moderate') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    if (!(await service.getForCouncil(db, principal.councilId, id))) throw new NotFoundError('Story')
    const body = (request.body ?? {}) as Body
    const parsed = reasonField('Give the reason for blocking this author').safeParse(body.blockReason)
    if (!parsed.success) return renderModeration(request, reply, 400, body, singleError('blockReason', parsed.error.issues[0]!.message))
    await db.transaction((tx) => moderation.blockAuthor(tx, principal.councilId, id, parsed.data, { actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(`${paths.moderation.queue.href()}?saved=blocked`, 303)
  })
}
