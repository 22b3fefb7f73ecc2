/**
 * Stories: the rules. A story is told without an account and confirmed by email; a moderator publishes it, asks
 * for an edit or rejects it (the author sees why through their own link); a private or VCSE provider sees it for
 * the council's window before it is public, and may answer in public. Every change is audited; every email goes
 * through the notifier in the same transaction.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, lte, min, or, sql } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { randomToken, sha256 } from '../../platform/auth/tokens.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { Notifier } from '../../platform/notify/notifier.ts'
import { overAnyLimit, recordUse, type Limit } from '../../platform/notify/rate-limit.ts'
import { councils } from '../councils/schema.ts'
import { providers } from '../providers/schema.ts'
import type { StoryFormInput } from './forms.ts'
import { stories, storyAuthorLinks, storyBlockedEmails, storyChangeLinks, storyChanges, storyReports, storyResponses } from './schema.ts'
import { isUuid } from '../../platform/ids.ts'

export type StoryRow = typeof stories.$inferSelect
export type ResponseRow = typeof storyResponses.$inferSelect

export const CONFIRM_LINK_DAYS = 7
export const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
/** Stories one address or one email may tell in a day: enough for anyone honest, too few for a flood. */
export const STORIES_PER_ADDRESS_PER_DAY = 10
export const STORIES_PER_EMAIL_PER_DAY = 3
export const REPORTS_PER_ADDRESS_PER_DAY = 20

export interface Links {
  confirm(token: string): string
  status(token: string): string
  story(id: string): string
  providerStories(): string
}

export { isUuid }

/** The public's view of a story: never the email, postcode or moderator's note. */
const PUBLIC_COLUMNS = {
  id: stories.id,
  councilId: stories.councilId,
  councilName: councils.name,
  providerId: stories.providerId,
  providerName: providers.name,
  serviceDescription: stories.serviceDescription,
  serviceCategory: stories.serviceCategory,
  title: stories.title,
  body: stories.body,
  ratingListened: stories.ratingListened,
  ratingInformation: stories.ratingInformation,
  ratingDignity: stories.ratingDignity,
  ratingOverall: stories.ratingOverall,
  ward: stories.ward,
  publishedAt: stories.publishedAt,
}
export type PublicStory = {
  [K in keyof typeof PUBLIC_COLUMNS]: (typeof PUBLIC_COLUMNS)[K]['_']['notNull'] extends true
    ? (typeof PUBLIC_COLUMNS)[K]['_']['data']
    : (typeof PUBLIC_COLUMNS)[K]['_']['data'] | null
}

const isPublished = (now: Date) => and(eq(stories.status, 'published'), lte(stories.publishedAt, now))

/** Tenant councils a resident can tell a story to. */
export function storyCouncils(db: Executor) {
  return db.select({ id: councils.id, name: councils.name }).from(councils).where(eq(councils.isTenant, true)).orderBy(asc(councils.name))
}

// ---------- Telling, confirming, following a story ----------

export type TellResult =
  | { outcome: 'created'; storyId: string }
  | { outcome: 'rate-limited' }
  | { outcome: 'blocked' }
  | { outcome: 'unknown-provider' }
  | { outcome: 'provider-council-mismatch' }

export async function tellStory(
  tx: Executor,
  input: StoryFormInput,
  options: { now: Date; clientAddress: string; notifier: Notifier; links: Links },
): Promise<TellResult> {
  const { now } = options
  let councilId = input.councilId
  if (input.providerId) {
    if (!isUuid(input.providerId)) return { outcome: 'unknown-provider' }
    const [provider] = await tx
      .select({ councilId: providers.councilId })
      .from(providers)
      .where(and(eq(providers.id, input.providerId), eq(providers.published, true)))
    if (!provider) return { outcome: 'unknown-provider' }
    if (councilId && councilId !== provider.councilId) return { outcome: 'provider-council-mismatch' }
    councilId = provider.councilId
  } else {
    const [council] = isUuid(councilId)
      ? await tx.select({ id: councils.id }).from(councils).where(and(eq(councils.id, councilId), eq(councils.isTenant, true)))
      : []
    if (!council) return { outcome: 'provider-council-mismatch' }
  }

  const limits: Limit[] = [
    { bucket: 'story:address', key: options.clientAddress, max: STORIES_PER_ADDRESS_PER_DAY, windowMs: DAY },
    { bucket: 'story:email', key: input.email, max: STORIES_PER_EMAIL_PER_DAY, windowMs: DAY },
  ]
  if (await overAnyLimit(tx, limits, now)) return { outcome: 'rate-limited' }
  const [blocked] = await tx
    .select({ id: storyBlockedEmails.id })
    .from(storyBlockedEmails)
    .where(and(eq(storyBlockedEmails.councilId, councilId), eq(storyBlockedEmails.emailHash, sha256(input.email))))
  if (blocked) return { outcome: 'blocked' }
  await recordUse(tx, limits, now)

  const confirmToken = randomToken()
  const authorToken = randomToken()
  const [story] = await tx
    .insert(stories)
    .values({
      councilId,
      providerId: input.providerId || null,
      serviceDescription: input.serviceDescription,
      serviceCategory: input.serviceCategory,
      title: input.title,
      body: input.body,
      ratingListened: input.ratingListened,
      ratingInformation: input.ratingInformation,
      ratingDignity: input.ratingDignity,
      ratingOverall: input.ratingOverall,
      ward: input.ward,
      postcode: input.postcode,
      authorEmail: input.email,
      status: 'awaiting-confirmation',
      confirmTokenHash: sha256(confirmToken),
      confirmExpiresAt: new Date(now.getTime() + CONFIRM_LINK_DAYS * DAY),
      authorTokenHash: sha256(authorToken),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: stories.id })
  await options.notifier.send(
    tx,
    {
      councilId,
      to: input.email,
      subject: 'Confirm your story',
      body: [
        `Thank you for telling your story, “${input.title}”.`,
        '',
        `To send it to the moderators, confirm your email address by opening this link within ${CONFIRM_LINK_DAYS} days:`,
        options.links.confirm(confirmToken),
        '',
        'You can see what happens to your story at any time here (keep this link private):',
        options.links.status(authorToken),
        '',
        'If you did not tell a story, ignore this email and nothing will be published.',
      ].join('\n'),
    },
    now,
  )
  await recordAudit(tx, {
    actor: { userId: null, label: 'resident' },
    councilId,
    action: 'create',
    entityType: 'story',
    entityId: story!.id,
    after: { status: 'awaiting-confirmation', providerId: input.providerId || null },
    at: now,
  })
  return { outcome: 'created', storyId: story!.id }
}

export type ConfirmResult = { outcome: 'confirmed' | 'already-confirmed'; story: StoryRow } | { outcome: 'invalid' | 'expired' }

export async function findByConfirmToken(db: Executor, token: string): Promise<StoryRow | undefined> {
  if (!token || token.length > 200) return undefined
  const [story] = await db.select().from(stories).where(eq(stories.confirmTokenHash, sha256(token)))
  return story
}

export async function confirmStory(tx: Executor, token: string, now: Date): Promise<ConfirmResult> {
  const story = await findByConfirmToken(tx, token)
  if (!story) return { outcome: 'invalid' }
  if (story.status !== 'awaiting-confirmation') return { outcome: 'already-confirmed', story }
  if (story.confirmExpiresAt && story.confirmExpiresAt < now) return { outcome: 'expired' }
  const [updated] = await tx
    .update(stories)
    .set({ status: 'awaiting-moderation', confirmedAt: now, updatedAt: now })
    .where(and(eq(stories.id, story.id), eq(stories.status, 'awaiting-confirmation')))
    .returning()
  await recordAudit(tx, {
    actor: { userId: null, label: 'resident' },
    councilId: story.councilId,
    action: 'confirm',
    entityType: 'story',
    entityId: story.id,
    before: { status: story.status },
    after: { status: 'awaiting-moderation' },
    at: now,
  })
  return { outcome: 'confirmed', story: updated ?? story }
}

/** The story an author's link belongs to: the first link (on the story itself) or any sent with a later decision. */
export async function findByAuthorToken(db: Executor, token: string): Promise<StoryRow | undefined> {
  if (!token || token.length > 200) return undefined
  const hash = sha256(token)
  const [story] = await db.select().from(stories).where(eq(stories.authorTokenHash, hash))
  if (story) return story
  const [later] = await db
    .select({ story: stories })
    .from(storyAuthorLinks)
    .innerJoin(stories, eq(stories.id, storyAuthorLinks.storyId))
    .where(eq(storyAuthorLinks.tokenHash, hash))
  return later?.story
}

/** The author changes their story after a moderator asked them to; it goes back to the moderators. */
export async function editByAuthor(tx: Executor, story: StoryRow, input: { title: string; body: string }, now: Date): Promise<void> {
  await tx
    .update(stories)
    .set({ title: input.title, body: input.body, status: 'awaiting-moderation', updatedAt: now })
    .where(and(eq(stories.id, story.id), eq(stories.status, 'edit-requested')))
  await recordAudit(tx, {
    actor: { userId: null, label: 'resident' },
    councilId: story.councilId,
    action: 'edit',
    entityType: 'story',
    entityId: story.id,
    before: { status: story.status, title: story.title },
    after: { status: 'awaiting-moderation', title: input.title },
    at: now,
  })
}

// ---------- The public ----------

export async function listPublished(
  db: Executor,
  filters: { councilId?: string | undefined; providerId?: string | undefined; ward?: string | undefined },
  now: Date,
  limit = 50,
  offset = 0,
): Promise<PublicStory[]> {
  return db
    .select(PUBLIC_COLUMNS)
    .from(stories)
    .innerJoin(councils, eq(councils.id, stories.councilId))
    .leftJoin(providers, eq(providers.id, stories.providerId))
    .where(and(...publishedConditions(filters, now)))
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(limit)
    .offset(offset) as Promise<PublicStory[]>
}

type PublishedFilters = { councilId?: string | undefined; providerId?: string | undefined; ward?: string | undefined }

function publishedConditions(filters: PublishedFilters, now: Date) {
  const conditions = [isPublished(now)!]
  if (filters.councilId && isUuid(filters.councilId)) conditions.push(eq(stories.councilId, filters.councilId))
  if (filters.providerId && isUuid(filters.providerId)) conditions.push(eq(stories.providerId, filters.providerId))
  if (filters.ward) conditions.push(eq(stories.ward, filters.ward))
  return conditions
}

/** How many published stories match, for the list's pages. */
export async function countPublished(db: Executor, filters: PublishedFilters, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(stories).where(and(...publishedConditions(filters, now)))
  return Number(row?.n ?? 0)
}

export async function getPublished(db: Executor, id: string, now: Date): Promise<PublicStory | undefined> {
  if (!isUuid(id)) return undefined
  const [story] = await db
    .select(PUBLIC_COLUMNS)
    .from(stories)
    .innerJoin(councils, eq(councils.id, stories.councilId))
    .leftJoin(providers, eq(providers.id, stories.providerId))
    .where(and(eq(stories.id, id), isPublished(now)))
  return story as PublicStory | undefined
}

export function responsesTo(db: Executor, storyIds: string[]): Promise<ResponseRow[]> {
  if (storyIds.length === 0) return Promise.resolve([])
  return db.select().from(storyResponses).where(inArray(storyResponses.storyId, storyIds)).orderBy(asc(storyResponses.createdAt))
}

export async function changesFor(db: Executor, storyIds: string[]) {
  if (storyIds.length === 0) return []
  return db
    .select({ storyId: storyChangeLinks.storyId, id: storyChanges.id, title: storyChanges.title, body: storyChanges.body, createdAt: storyChanges.createdAt })
    .from(storyChangeLinks)
    .innerJoin(storyChanges, eq(storyChanges.id, storyChangeLinks.changeId))
    .where(inArray(storyChangeLinks.storyId, storyIds))
    .orderBy(desc(storyChanges.createdAt))
}

export type ReportResult = 'reported' | 'not-found' | 'rate-limited'

/** Anyone may report a published story; the moderators see it at the top of their queue. */
export async function reportStory(tx: Executor, id: string, reason: string, options: { now: Date; clientAddress: string }): Promise<ReportResult> {
  const story = await getPublished(tx, id, options.now)
  if (!story) return 'not-found'
  const limits: Limit[] = [{ bucket: 'story-report:address', key: options.clientAddress, max: REPORTS_PER_ADDRESS_PER_DAY, windowMs: DAY }]
  if (await overAnyLimit(tx, limits, options.now)) return 'rate-limited'
  await recordUse(tx, limits, options.now)
  const [report] = await tx.insert(storyReports).values({ storyId: id, councilId: story.councilId, reason, createdAt: options.now }).returning({ id: storyReports.id })
  await tx.update(stories).set({ reportCount: sql`${stories.reportCount} + 1` }).where(eq(stories.id, id))
  await recordAudit(tx, {
    actor: { userId: null, label: 'member of the public' },
    councilId: story.councilId,
    action: 'report',
    entityType: 'story',
    entityId: id,
    after: { reportId: report!.id, reason },
    at: options.now,
  })
  return 'reported'
}

// ---------- A story of the council's, for its staff ----------

export async function getForCouncil(db: Executor, councilId: string, id: string) {
  if (!isUuid(id)) return undefined
  const [row] = await db
    .select({ story: stories, providerName: providers.name, providerLegalForm: providers.legalForm, providerIsVcse: providers.isVcse })
    .from(stories)
    .leftJoin(providers, eq(providers.id, stories.providerId))
    .where(and(eq(stories.councilId, councilId), eq(stories.id, id)))
  return row
}

// ---------- Providers ----------

/** Stories about the provider that a moderator has accepted: those still in the window, and those public. */
export function storiesForProvider(db: Executor, councilId: string, providerId: string) {
  return db
    .select({ id: stories.id, title: stories.title, body: stories.body, publishedAt: stories.publishedAt, ratingOverall: stories.ratingOverall })
    .from(stories)
    .where(and(eq(stories.councilId, councilId), eq(stories.providerId, providerId), eq(stories.status, 'published')))
    .orderBy(desc(stories.publishedAt))
    .limit(200)
}

/** A story the provider may see: accepted by a moderator and about them. Anything else is "not found". */
export async function providerStory(db: Executor, councilId: string, providerId: string, id: string) {
  const found = await getForCouncil(db, councilId, id)
  if (!found || found.story.providerId !== providerId || found.story.status !== 'published') return undefined
  return found
}

export async function respond(
  tx: Executor,
  input: { councilId: string; providerId: string; storyId: string; body: string; signedAs: string; userId: string },
  options: { actor: Actor; now: Date },
): Promise<void> {
  const [response] = await tx
    .insert(storyResponses)
    .values({ storyId: input.storyId, councilId: input.councilId, providerId: input.providerId, authorUserId: input.userId, signedAs: input.signedAs, body: input.body, createdAt: options.now })
    .returning()
  await recordAudit(tx, { actor: options.actor, councilId: input.councilId, action: 'respond', entityType: 'story', entityId: input.storyId, after: response, at: options.now })
}

/** The provider has read the story in its window and is content for it to be public now ("go ahead"). */
export async function publishNow(tx: Executor, councilId: string, storyId: string, options: { actor: Actor; now: Date }): Promise<void> {
  const [before] = await tx.select({ publishedAt: stories.publishedAt }).from(stories).where(and(eq(stories.id, storyId), eq(stories.councilId, councilId)))
  await tx
    .update(stories)
    .set({ publishedAt: options.now, updatedAt: options.now })
    .where(and(eq(stories.id, storyId), eq(stories.councilId, councilId), gt(stories.publishedAt, options.now)))
  await recordAudit(tx, { actor: options.actor, councilId, action: 'go-ahead', entityType: 'story', entityId: storyId, before, after: { publishedAt: options.now }, at: options.now })
}

// ---------- Commissioners and councillors ----------

export interface RatingSummary {
  key: string
  label: string
  stories: number
  averages: Record<'ratingListened' | 'ratingInformation' | 'ratingDignity' | 'ratingOverall', number | null>
}

const RATING_COLUMNS = ['ratingListened', 'ratingInformation', 'ratingDignity', 'ratingOverall'] as const

/** Ratings summarised per group: each aspect's average over the stories that rated it (an unrated aspect is not a zero). */
export function summariseRatings<T extends Record<(typeof RATING_COLUMNS)[number], number | null>>(
  items: T[],
  groupOf: (item: T) => { key: string; label: string },
): RatingSummary[] {
  const groups = new Map<string, { label: string; items: T[] }>()
  for (const item of items) {
    const { key, label } = groupOf(item)
    const group = groups.get(key) ?? { label, items: [] }
    group.items.push(item)
    groups.set(key, group)
  }
  return [...groups.entries()]
    .map(([key, group]) => {
      const averages = Object.fromEntries(
        RATING_COLUMNS.map((column) => {
          const rated = group.items.map((item) => item[column]).filter((v): v is number => v !== null)
          return [column, rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 10) / 10 : null]
        }),
      ) as RatingSummary['averages']
      return { key, label: group.label, stories: group.items.length, averages }
    })
    .sort((a, b) => b.stories - a.stories || a.label.localeCompare(b.label))
}

export async function councilStories(db: Executor, councilId: string, filters: { ward?: string | undefined }, now: Date) {
  const conditions = [eq(stories.councilId, councilId), eq(stories.status, 'published')]
  if (filters.ward) conditions.push(eq(stories.ward, filters.ward))
  const rows = await db
    .select({
      id: stories.id,
      title: stories.title,
      providerId: stories.providerId,
      providerName: providers.name,
      serviceDescription: stories.serviceDescription,
      serviceCategory: stories.serviceCategory,
      ward: stories.ward,
      publishedAt: stories.publishedAt,
      ratingListened: stories.ratingListened,
      ratingInformation: stories.ratingInformation,
      ratingDignity: stories.ratingDignity,
      ratingOverall: stories.ratingOverall,
    })
    .from(stories)
    .leftJoin(providers, eq(providers.id, stories.providerId))
    .where(and(...conditions))
    .orderBy(desc(stories.publishedAt))
    .limit(500)
  const wards = await db
    .selectDistinct({ ward: stories.ward })
    .from(stories)
    .where(and(eq(stories.councilId, councilId), eq(stories.status, 'published'), isNotNull(stories.ward)))
    .orderBy(asc(stories.ward))
  return { rows: rows.map((row) => ({ ...row, inWindow: row.publishedAt !== null && row.publishedAt > now })), wards: wards.map((w) => w.ward!) }
}

export async function recordChange(
  tx: Executor,
  councilId: string,
  input: { title: string; body: string; storyIds: string[] },
  options: { actor: Actor; now: Date },
): Promise<{ outcome: 'recorded'; id: string } | { outcome: 'unknown-stories' }> {
  const known = await tx
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.councilId, councilId), eq(stories.status, 'published'), inArray(stories.id, input.storyIds)))
  if (known.length !== new Set(input.storyIds).size) return { outcome: 'unknown-stories' }
  const [change] = await tx
    .insert(storyChanges)
    .values({ councilId, title: input.title, body: input.body, recordedBy: options.actor.userId, createdAt: options.now })
    .returning({ id: storyChanges.id })
  await tx.insert(storyChangeLinks).values(known.map((story) => ({ changeId: change!.id, storyId: story.id })))
  await recordAudit(tx, { actor: options.actor, councilId, action: 'create', entityType: 'story-change', entityId: change!.id, after: input, at: options.now })
  return { outcome: 'recorded', id: change!.id }
}

/** When the next story already approved goes public by itself (its publication time is still ahead), if any. */
export async function nextPublication(db: Executor, now: Date, councilId?: string): Promise<Date | undefined> {
  const conditions = [eq(stories.status, 'published'), gt(stories.publishedAt, now)]
  if (councilId && isUuid(councilId)) conditions.push(eq(stories.councilId, councilId))
  const [row] = await db.select({ at: min(stories.publishedAt) }).from(stories).where(and(...conditions))
  return row?.at ?? undefined
}

/**
 * Published stories whose free-text ward matches one of the given ward names, ignoring case and spaces at either
 * end: how a ward record finds the stories told before wards were records (the text is kept as it was written).
 */
export async function storiesInWard(db: Executor, councilId: string, wardName: string, limit = 50) {
  return db
    .select({ id: stories.id, title: stories.title, ward: stories.ward, publishedAt: stories.publishedAt, providerName: providers.name })
    .from(stories)
    .leftJoin(providers, eq(providers.id, stories.providerId))
    .where(and(eq(stories.councilId, councilId), eq(stories.status, 'published'), sql`lower(trim(${stories.ward})) = lower(trim(${wardName}))`))
    .orderBy(desc(stories.publishedAt))
    .limit(limit)
}

// ---------- The API's reads (ADR 0061) ----------

export interface CouncilStoryFilters {
  ward?: string | undefined
  providerId?: string | undefined
  serviceCategory?: string | undefined
}

/** What the council's stories page shows: its stories a moderator has published, those in a provider's window too. */
function councilStoryConditions(councilId: string, filters: CouncilStoryFilters) {
  const conditions = [eq(stories.councilId, councilId), eq(stories.status, 'published')]
  if (filters.ward) conditions.push(eq(stories.ward, filters.ward))
  if (filters.providerId) conditions.push(eq(stories.providerId, filters.providerId))
  if (filters.serviceCategory) conditions.push(eq(stories.serviceCategory, filters.serviceCategory))
  return and(...conditions)!
}

/** Never the author's email, postcode or unredacted words, nor the moderator's note: those stay on the moderators' pages. */
const COUNCIL_API_COLUMNS = {
  id: stories.id,
  title: stories.title,
  body: stories.body,
  providerId: stories.providerId,
  providerName: providers.name,
  serviceDescription: stories.serviceDescription,
  serviceCategory: stories.serviceCategory,
  ward: stories.ward,
  ratingListened: stories.ratingListened,
  ratingInformation: stories.ratingInformation,
  ratingDignity: stories.ratingDignity,
  ratingOverall: stories.ratingOverall,
  publishedAt: stories.publishedAt,
  updatedAt: stories.updatedAt,
}

export type CouncilStory = { id: string; title: string; body: string; providerId: string | null; providerName: string | null; serviceDescription: string | null; serviceCategory: string | null; ward: string | null; ratingListened: number | null; ratingInformation: number | null; ratingDignity: number | null; ratingOverall: number | null; publishedAt: Date | null; updatedAt: Date }

/** A page of the council's published stories in id order, after `afterId` (keyset paging, ADR 0044). */
export async function councilStoriesAfter(db: Executor, councilId: string, filters: CouncilStoryFilters, afterId: string | null, limit: number) {
  const where = afterId ? and(councilStoryConditions(councilId, filters), gt(stories.id, afterId)) : councilStoryConditions(councilId, filters)
  const rows = (await db.select(COUNCIL_API_COLUMNS).from(stories).leftJoin(providers, eq(providers.id, stories.providerId)).where(where).orderBy(asc(stories.id)).limit(limit + 1)) as CouncilStory[]
  return { items: rows.slice(0, limit), more: rows.length > limit }
}

export async function councilStory(db: Executor, councilId: string, id: string): Promise<CouncilStory | undefined> {
  if (!isUuid(id)) return undefined
  const [row] = await db.select(COUNCIL_API_COLUMNS).from(stories).leftJoin(providers, eq(providers.id, stories.providerId)).where(and(councilStoryConditions(councilId, {}), eq(stories.id, id)))
  return row as CouncilStory | undefined
}
