/**
 * Residents' stories as the council's staff read them (/api/v1/stories, ADR 0061): what the council's stories page
 * shows (stories:read-council), with the providers' public answers. Only published stories, those still in a
 * provider's window marked so; never the author's email, postcode or unredacted words. Read only: telling,
 * moderating and answering stay on the pages, where a person sees the story first. Its scope is `stories`.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { nextLink, pagingQuery, sendWithEtag } from '../../platform/http/api-paging.ts'
import { sendInvalid } from '../../platform/http/problem.ts'
import { isUuid } from '../../platform/ids.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'
import * as service from './service.ts'

const listQuery = z.object({
  ward: z.string().trim().min(1).max(200).optional(),
  provider: z.string().refine(isUuid, 'Use the id of a provider in your register').optional(),
  serviceCategory: z.enum(SERVICE_CATEGORY_CODES, { error: 'Use a service category code, such as adult-social-care' }).optional(),
  ...pagingQuery,
})

function storyJson(s: service.CouncilStory, responses: service.ResponseRow[], now: Date) {
  return {
    id: s.id,
    title: s.title,
    body: s.body,
    provider: s.providerId ? { providerId: s.providerId, name: s.providerName ?? '', links: { self: paths.api.provider.href({ id: s.providerId }) } } : null,
    serviceDescription: s.serviceDescription,
    serviceCategory: s.serviceCategory,
    ward: s.ward,
    ratings: { listened: s.ratingListened, information: s.ratingInformation, dignity: s.ratingDignity, overall: s.ratingOverall },
    publishedAt: s.publishedAt?.toISOString() ?? null,
    // Accepted, but still in the provider's window before it is public (the page's "in the provider's window").
    inProviderWindow: s.publishedAt !== null && s.publishedAt > now,
    responses: responses.map((r) => ({ id: r.id, providerId: r.providerId, signedAs: r.signedAs, body: r.body, createdAt: r.createdAt.toISOString() })),
    updatedAt: s.updatedAt.toISOString(),
    links: { self: paths.api.story.href({ id: s.id }), html: paths.stories.show.href({ id: s.id }) },
  }
}

const byStory = (rows: service.ResponseRow[]) => {
  const map = new Map<string, service.ResponseRow[]>()
  for (const row of rows) map.set(row.storyId, [...(map.get(row.storyId) ?? []), row])
  return map
}

export function registerStoryApi(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: [requirePermission('api:use'), requirePermission('stories:read-council')] }

  app.get(paths.api.stories.pattern, read, async (request, reply) => {
    const parsed = listQuery.safeParse(request.query ?? {})
    if (!parsed.success) return sendInvalid(reply, parsed.error)
    const { cursor, limit, provider, ...filters } = parsed.data
    const page = await service.councilStoriesAfter(db, principalOf(request).councilId, { ...filters, providerId: provider }, cursor, limit)
    const responses = byStory(await service.responsesTo(db, page.items.map((s) => s.id)))
    const now = context.clock()
    return sendWithEtag(request, reply, {
      items: page.items.map((s) => storyJson(s, responses.get(s.id) ?? [], now)),
      links: { next: nextLink(request, page.items.at(-1)?.id, page.more) },
    })
  })

  app.get(paths.api.story.pattern, read, async (request, reply) => {
    const { id } = request.params as { id: string }
    const story = await service.councilStory(db, principalOf(request).councilId, id)
    if (!story) throw new NotFoundError('Story')
    return sendWithEtag(request, reply, storyJson(story, await service.responsesTo(db, [story.id]), context.clock()))
  })
}
