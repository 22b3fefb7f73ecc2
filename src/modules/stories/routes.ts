/** Story pages: the public's (tell, confirm, read, report), the providers' and the council's; moderation-routes.ts has the moderators'. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../platform/audit/audit.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { formErrors, singleError, type FormErrors } from '../../platform/http/form-errors.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { numberedPagination, pageHref, pageOf } from '../../platform/http/pagination.ts'
import { publicCache, publicExpiry, publicScope } from '../../platform/http/public-cache.ts'
import type { AppContext } from '../../platform/modules.ts'
import { notifierFor as configuredNotifier, type Notifier } from '../../platform/notify/notifier.ts'
import { publicLink } from '../../platform/notify/links.ts'
import { readSettings, writeSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { listPublishedProviders } from '../providers/service.ts'
import { SERVICE_CATEGORIES } from '../providers/service-categories.ts'
import {
  authorEditForm,
  changeForm,
  MAX_BODY,
  MAX_REASON,
  MAX_RESPONSE,
  MAX_TITLE,
  RATING_ASPECTS,
  RATING_WORDS,
  reportForm,
  responseForm,
  settingsForm,
  storyForm,
} from './forms.ts'
import * as service from './service.ts'
import { storiesSettings } from './settings.ts'
import * as vm from './view-models.ts'

/** Published stories a page of the public list shows. */
const STORIES_PAGE = 20

export type Body = Record<string, unknown>

export const actorOf = (request: FastifyRequest, principal: Principal): Actor => ({
  userId: principal.userId,
  label: principal.displayName,
  requestId: request.id,
})

/** Links in emails: absolute, on the service's public address (never the request's Host header). */
export function linksFor(context: AppContext): service.Links {
  const at = (path: string) => publicLink(context.config, path)
  return {
    confirm: (token) => at(paths.stories.confirm.href({ token })),
    status: (token) => at(paths.stories.author.href({ token })),
    story: (id) => at(paths.stories.show.href({ id })),
    providerStories: () => at(paths.stories.provider.href()),
  }
}

/** The instance's notifier (outbox, and sending when a transport is configured), logging on the request. */
export function notifierFor(request: FastifyRequest, context: AppContext): Notifier {
  return configuredNotifier(context.config, (fields, line) => request.log.info(fields, line))
}

export function registerStoryRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context

  // ---------- Telling a story ----------

  const renderNewStory = async (reply: FastifyReply, status: number, values: Body, errors?: FormErrors) => {
    const [councils, providerPage] = await Promise.all([
      service.storyCouncils(db),
      listPublishedProviders(db, {}, { page: 1, pageSize: 1000 }),
    ])
    const councilNames = new Map(councils.map((c) => [c.id, c.name]))
    const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '')
    return reply.code(status).view('stories/views/new.njk', {
      pageTitle: 'Tell your story about a service',
      values,
      maxTitle: MAX_TITLE,
      maxBody: MAX_BODY,
      councilItems: councils.map((c) => ({ value: c.id, text: c.name, checked: str('councilId') === c.id })),
      providerItems: [
        { value: '', text: 'Not listed, or I am not sure' },
        ...providerPage.items
          .filter((p) => councilNames.has(p.councilId))
          .map((p) => ({ value: p.id, text: `${p.name} (${councilNames.get(p.councilId)})`, selected: str('providerId') === p.id })),
      ],
      categoryItems: [
        { value: '', text: 'Choose a kind of service (optional)' },
        ...SERVICE_CATEGORIES.map((c) => ({ value: c.code, text: c.name, selected: str('serviceCategory') === c.code })),
      ],
      ratingFields: RATING_ASPECTS.map((aspect) => ({
        ...aspect,
        items: [
          ...RATING_WORDS.map((word, index) => ({ value: String(index + 1), text: `${index + 1} – ${word}`, checked: str(aspect.field) === String(index + 1) })),
          { divider: 'or' },
          { value: '', text: 'I would rather not say', checked: str(aspect.field) === '' },
        ],
      })),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.stories.create.pattern, async (_request, reply) => renderNewStory(reply, 200, {}))

  app.post(paths.stories.list.pattern, async (request, reply) => {
    const body = (request.body ?? {}) as Body
    const parsed = storyForm.safeParse(body)
    if (!parsed.success) return renderNewStory(reply, 400, body, formErrors(parsed.error))
    const result = await db.transaction((tx) =>
      service.tellStory(tx, parsed.data, { now: context.clock(), clientAddress: request.ip, notifier: notifierFor(request, context), links: linksFor(context) }),
    )
    switch (result.outcome) {
      case 'created':
        return reply.view('stories/views/submitted.njk', { pageTitle: 'Check your email to confirm your story', email: parsed.data.email })
      case 'rate-limited':
        return renderNewStory(reply, 429, body, singleError('body', 'You have told a lot of stories today. Wait a day, then try again'))
      case 'blocked':
        return renderNewStory(reply, 400, body, singleError('email', 'This email address cannot be used to tell stories here. Contact the council if you think this is wrong'))
      case 'unknown-provider':
        return renderNewStory(reply, 400, body, singleError('providerId', 'Choose a provider from the list, or describe the service in your own words'))
      case 'provider-council-mismatch':
        return renderNewStory(reply, 400, body, singleError('councilId', 'Choose the council whose service it was (the provider you chose works for another council)'))
    }
  })

  app.get(paths.stories.confirm.pattern, async (request, reply) => {
    const { token } = request.params as { token: string }
    const story = await service.findByConfirmToken(db, token)
    const expired = story?.confirmExpiresAt && story.status === 'awaiting-confirmation' && story.confirmExpiresAt < context.clock()
    return reply.code(story && !expired ? 200 : 400).view('stories/views/confirm.njk', {
      pageTitle: story && !expired ? 'Confirm your story' : 'This link does not work',
      story,
      expired,
      action: paths.stories.confirm.href({ token }),
    })
  })

  app.post(paths.stories.confirm.pattern, async (request, reply) => {
    const { token } = request.params as { token: string }
    const result = await db.transaction((tx) => service.confirmStory(tx, token, context.clock()))
    if (!('story' in result)) {
      return reply.code(400).view('stories/views/confirm.njk', { pageTitle: 'This link does not work', expired: result.outcome === 'expired' })
    }
    return reply.view('stories/views/confirmed.njk', { pageTitle: 'Your story has been sent to the moderators', story: result.story })
  })

  const renderAuthorPage = (reply: FastifyReply, status: number, story: service.StoryRow, token: string, values?: Body, errors?: FormErrors) =>
    reply.code(status).view('stories/views/author.njk', {
      pageTitle: 'Your story',
      story,
      paragraphs: vm.paragraphs(story.body),
      tag: vm.authorStatusTag(story.status, story.publishedAt, context.clock()),
      redacted: story.redactedAt !== null,
      inWindow: story.status === 'published' && story.publishedAt !== null && story.publishedAt > context.clock(),
      showHref: story.status === 'published' && story.publishedAt && story.publishedAt <= context.clock() ? paths.stories.show.href({ id: story.id }) : undefined,
      action: paths.stories.author.href({ token }),
      values: values ?? { title: story.title, body: story.body },
      maxTitle: MAX_TITLE,
      maxBody: MAX_BODY,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })

  app.get(paths.stories.author.pattern, async (request, reply) => {
    const { token } = request.params as { token: string }
    const story = await service.findByAuthorToken(db, token)
    if (!story) return reply.code(400).view('stories/views/confirm.njk', { pageTitle: 'This link does not work' })
    return renderAuthorPage(reply, 200, story, token)
  })

  app.post(paths.stories.author.pattern, async (request, reply) => {
    const { token } = request.params as { token: string }
    const story = await service.findByAuthorToken(db, token)
    if (!story) return reply.code(400).view('stories/views/confirm.njk', { pageTitle: 'This link does not work' })
    if (story.status !== 'edit-requested') return renderAuthorPage(reply, 400, story, token, undefined, singleError('body', 'You can change your story only when a moderator has asked you to'))
    const body = (request.body ?? {}) as Body
    const parsed = authorEditForm.safeParse(body)
    if (!parsed.success) return renderAuthorPage(reply, 400, story, token, body, formErrors(parsed.error))
    await db.transaction((tx) => service.editByAuthor(tx, story, parsed.data, context.clock()))
    const updated = (await service.findByAuthorToken(db, token))!
    return renderAuthorPage(reply, 200, updated, token)
  })

  // ---------- Reading stories ----------

  const cached = publicCache(context, { kind: 'page' })

  app.get(paths.stories.list.pattern, cached, async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const councilId = typeof query.council === 'string' ? query.council : ''
    const now = context.clock()
    const filters = { councilId: councilId || undefined }
    const total = await service.countPublished(db, filters, now)
    const pageCount = Math.max(1, Math.ceil(total / STORIES_PAGE))
    const page = Math.min(pageOf(query.page), pageCount)
    const [councils, items, next] = await Promise.all([
      service.storyCouncils(db),
      service.listPublished(db, filters, now, STORIES_PAGE, (page - 1) * STORIES_PAGE),
      service.nextPublication(db, now, councilId || undefined),
    ])
    publicExpiry(request, next)
    const responses = await service.responsesTo(db, items.map((s) => s.id))
    const answered = new Set(responses.map((r) => r.storyId))
    return reply.view('stories/views/list.njk', {
      pageTitle: 'Stories about local services',
      councilItems: [{ value: '', text: 'All councils' }, ...councils.map((c) => ({ value: c.id, text: c.name, selected: c.id === councilId }))],
      total,
      range: total > 0 ? { first: (page - 1) * STORIES_PAGE + 1, last: (page - 1) * STORIES_PAGE + items.length } : undefined,
      pagination: numberedPagination(page, pageCount, (n) => pageHref(paths.stories.list.href(), { council: councilId }, n)),
      stories: items.map((story) => ({
        href: paths.stories.show.href({ id: story.id }),
        title: story.title,
        service: vm.serviceLabel(story),
        councilName: story.councilName,
        publishedAt: story.publishedAt,
        excerpt: story.body.length > 240 ? `${story.body.slice(0, 240).trimEnd()}…` : story.body,
        answered: answered.has(story.id),
      })),
    })
  })

  const renderStory = async (reply: FastifyReply, status: number, id: string, extras: Record<string, unknown> = {}, request?: FastifyRequest) => {
    const now = context.clock()
    const story = await service.getPublished(db, id, now)
    if (!story) throw new NotFoundError('Story')
    if (request) publicScope(request, story.councilId)
    const [responses, changes] = await Promise.all([service.responsesTo(db, [story.id]), service.changesFor(db, [story.id])])
    return reply.code(status).view('stories/views/show.njk', {
      pageTitle: story.title,
      story,
      service: vm.serviceLabel(story),
      paragraphs: vm.paragraphs(story.body),
      ratingRows: vm.ratingRows(story),
      responses: responses.map((r) => ({ ...r, paragraphs: vm.paragraphs(r.body) })),
      changes: changes.map((c) => ({ ...c, paragraphs: vm.paragraphs(c.body) })),
      reportAction: paths.stories.report.href({ id: story.id }),
      maxReason: MAX_REASON,
      errorList: [],
      fieldErrors: {},
      ...extras,
    })
  }

  app.get(paths.stories.show.pattern, cached, async (request, reply) => {
    const { id } = request.params as { id: string }
    const reported = (request.query as Record<string, unknown>).reported === '1'
    return renderStory(reply, 200, id, { reported }, request)
  })

  app.post(paths.stories.report.pattern, async (request, reply) => {
    const { id } = request.params as { id: string }
    const body = (request.body ?? {}) as Body
    const parsed = reportForm.safeParse(body)
    if (!parsed.success) return renderStory(reply, 400, id, { reportValues: body, ...formErrors(parsed.error), reportOpen: true })
    const result = await db.transaction((tx) => service.reportStory(tx, id, parsed.data.reason, { now: context.clock(), clientAddress: request.ip }))
    if (result === 'not-found') throw new NotFoundError('Story')
    if (result === 'rate-limited') return renderStory(reply, 429, id, { reportValues: body, ...singleError('reason', 'You have reported a lot of stories today. Wait a day, then try again'), reportOpen: true })
    return reply.redirect(`${paths.stories.show.href({ id })}?reported=1`, 303)
  })

  // ---------- Providers ----------

  const providerIdOf = (principal: Principal) => {
    if (!principal.providerId) throw new NotFoundError('Story')
    return principal.providerId
  }

  app.get(paths.stories.provider.pattern, { preHandler: requirePermission('stories:respond-own') }, async (request, reply) => {
    const principal = principalOf(request)
    const now = context.clock()
    const items = await service.storiesForProvider(db, principal.councilId, providerIdOf(principal))
    const responses = await service.responsesTo(db, items.map((s) => s.id))
    const answered = new Set(responses.map((r) => r.storyId))
    return reply.view('stories/views/provider.njk', {
      pageTitle: 'Stories about your services',
      items: items.map((story) => ({
        ...story,
        href: paths.stories.respond.href({ id: story.id }),
        tag: vm.statusTag('published', story.publishedAt, now),
        answered: answered.has(story.id),
      })),
    })
  })

  const renderRespond = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const found = await service.providerStory(db, principal.councilId, providerIdOf(principal), id)
    if (!found) throw new NotFoundError('Story')
    const now = context.clock()
    const responses = await service.responsesTo(db, [id])
    const inWindow = found.story.publishedAt !== null && found.story.publishedAt > now
    return reply.code(status).view('stories/views/respond.njk', {
      pageTitle: found.story.title,
      story: found.story,
      paragraphs: vm.paragraphs(found.story.body),
      ratingRows: vm.ratingRows(found.story),
      tag: vm.statusTag('published', found.story.publishedAt, now),
      inWindow,
      responses: responses.map((r) => ({ ...r, paragraphs: vm.paragraphs(r.body) })),
      action: paths.stories.respond.href({ id }),
      publishNowAction: paths.stories.publishNow.href({ id }),
      showHref: inWindow ? undefined : paths.stories.show.href({ id }),
      maxResponse: MAX_RESPONSE,
      values,
      saved: (request.query as Record<string, unknown>).saved,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.stories.respond.pattern, { preHandler: requirePermission('stories:respond-own') }, async (request, reply) => renderRespond(request, reply, 200))

  app.post(paths.stories.respond.pattern, { preHandler: requirePermission('stories:respond-own') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const providerId = providerIdOf(principal)
    const found = await service.providerStory(db, principal.councilId, providerId, id)
    if (!found) throw new NotFoundError('Story')
    const body = (request.body ?? {}) as Body
    const parsed = responseForm.safeParse(body)
    if (!parsed.success) return renderRespond(request, reply, 400, body, formErrors(parsed.error))
    const providerName = found.providerName ?? ''
    await db.transaction((tx) =>
      service.respond(
        tx,
        { councilId: principal.councilId, providerId, storyId: id, body: parsed.data.body, signedAs: `${principal.displayName}, ${providerName}`, userId: principal.userId },
        { actor: actorOf(request, principal), now: context.clock() },
      ),
    )
    return reply.redirect(`${paths.stories.respond.href({ id })}?saved=response`, 303)
  })

  app.post(paths.stories.publishNow.pattern, { preHandler: requirePermission('stories:respond-own') }, async (request, reply) => {
    const principal = principalOf(request)
    const { id } = request.params as { id: string }
    const found = await service.providerStory(db, principal.councilId, providerIdOf(principal), id)
    if (!found) throw new NotFoundError('Story')
    await db.transaction((tx) => service.publishNow(tx, principal.councilId, id, { actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(`${paths.stories.respond.href({ id })}?saved=published`, 303)
  })

  // ---------- Commissioners and councillors ----------

  app.get(paths.stories.council.pattern, { preHandler: requirePermission('stories:read-council') }, async (request, reply) => {
    const principal = principalOf(request)
    const query = request.query as Record<string, unknown>
    const ward = typeof query.ward === 'string' ? query.ward.trim().slice(0, 80) : ''
    const now = context.clock()
    const { rows, wards } = await service.councilStories(db, principal.councilId, { ward: ward || undefined }, now)
    const byProvider = service.summariseRatings(rows, (row) => ({ key: row.providerId ?? 'none', label: row.providerName ?? 'Not a provider on the register' }))
    const byService = service.summariseRatings(rows, (row) => ({ key: row.serviceCategory ?? 'none', label: vm.serviceLabel({ providerName: null, serviceDescription: null, serviceCategory: row.serviceCategory }) === 'A service' ? 'Kind of service not given' : vm.serviceLabel({ providerName: null, serviceDescription: null, serviceCategory: row.serviceCategory }) }))
    const summaryRows = (summaries: service.RatingSummary[]) =>
      summaries.map((s) => [
        { text: s.label },
        { text: String(s.stories), format: 'numeric' },
        ...RATING_ASPECTS.map((aspect) => ({ text: vm.average(s.averages[aspect.field]), format: 'numeric' })),
      ])
    const saved = query.saved
    return reply.view('stories/views/council.njk', {
      pageTitle: 'Stories about your council’s services',
      ward,
      wardItems: [{ value: '', text: 'All wards' }, ...wards.map((w) => ({ value: w, text: w, selected: w === ward }))],
      head: [{ text: 'Name' }, { text: 'Stories', format: 'numeric' }, ...RATING_ASPECTS.map((a) => ({ text: a.name, format: 'numeric' }))],
      byProvider: summaryRows(byProvider),
      byService: summaryRows(byService),
      stories: rows.map((row) => ({
        ...row,
        href: row.inWindow ? undefined : paths.stories.show.href({ id: row.id }),
        service: vm.serviceLabel(row),
        tag: vm.statusTag('published', row.publishedAt, now),
      })),
      canRecordChange: can(principal, 'stories:record-change'),
      saved: saved === 'change' ? 'The change is recorded and shown beside the stories' : undefined,
    })
  })

  const renderChangeForm = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Body = {}, errors?: FormErrors) => {
    const principal = principalOf(request)
    const { rows } = await service.councilStories(db, principal.councilId, {}, context.clock())
    const chosen = new Set([values.storyIds].flat().filter((v): v is string => typeof v === 'string'))
    return reply.code(status).view('stories/views/change.njk', {
      pageTitle: 'Record a change made because of stories',
      values,
      storyItems: rows.map((row) => ({ value: row.id, text: row.title, hint: { text: vm.serviceLabel(row) }, checked: chosen.has(row.id) })),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.stories.newChange.pattern, { preHandler: requirePermission('stories:record-change') }, async (request, reply) => renderChangeForm(request, reply, 200))

  app.post(paths.stories.changes.pattern, { preHandler: requirePermission('stories:record-change') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = changeForm.safeParse(body)
    if (!parsed.success) return renderChangeForm(request, reply, 400, body, formErrors(parsed.error, { storyIds: 'storyIds' }))
    const result = await db.transaction((tx) => service.recordChange(tx, principal.councilId, parsed.data, { actor: actorOf(request, principal), now: context.clock() }))
    if (result.outcome === 'unknown-stories') return renderChangeForm(request, reply, 400, body, singleError('storyIds', 'Choose stories from the list'))
    return reply.redirect(`${paths.stories.council.href()}?saved=change`, 303)
  })

  // ---------- Settings ----------

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, status: number, values?: Body, errors?: FormErrors) => {
    const principal = principalOf(request)
    const settings = await readSettings(db, principal.councilId, storiesSettings)
    return reply.code(status).view('stories/views/settings.njk', {
      pageTitle: 'Story settings',
      values: values ?? { providerPreviewHours: String(settings.providerPreviewHours) },
      saved: (request.query as Record<string, unknown>).saved === '1',
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.stories.settings.pattern, { preHandler: requirePermission('settings:manage') }, async (request, reply) => renderSettings(request, reply, 200))

  app.post(paths.stories.settings.pattern, { preHandler: requirePermission('settings:manage') }, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Body
    const parsed = settingsForm.safeParse(body)
    if (!parsed.success) return renderSettings(request, reply, 400, body, formErrors(parsed.error))
    await db.transaction((tx) =>
      writeSettings(tx, { actor: actorOf(request, principal), councilId: principal.councilId, section: storiesSettings, values: parsed.data, now: context.clock() }),
    )
    return reply.redirect(`${paths.stories.settings.href()}?saved=1`, 303)
  })
}
