/**
 * Moderation: the queue of stories waiting for a decision, the decision itself (publish, ask for an edit, reject,
 * take down), the provider's window before publication, and blocking an author. Every decision is audited and the
 * author is told through the notifier in the same transaction.
 */
import { and, asc, count, eq, isNotNull, or, sql } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { memberships, users } from '../../platform/auth/schema.ts'
import { randomToken, sha256 } from '../../platform/auth/tokens.ts'
import type { Executor } from '../../platform/db/database.ts'
import type { Notifier } from '../../platform/notify/notifier.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { providers } from '../providers/schema.ts'
import { storiesSettings } from './settings.ts'
import { formatDate, formatDateTime } from '../../platform/dates.ts'
import { stories, storyAuthorLinks, storyBlockedEmails, storyReports } from './schema.ts'
import { getForCouncil, HOUR, type Links } from './service.ts'

export interface QueueItem {
  id: string
  title: string
  status: string
  providerName: string | null
  serviceDescription: string | null
  createdAt: Date
  openReports: number
}

/** Stories waiting for a decision, and published stories someone has reported: reported ones first. */
export async function moderationQueue(db: Executor, councilId: string): Promise<QueueItem[]> {
  const openReports = db
    .select({ storyId: storyReports.storyId, n: count().as('n') })
    .from(storyReports)
    .where(and(eq(storyReports.councilId, councilId), sql`${storyReports.resolvedAt} is null`))
    .groupBy(storyReports.storyId)
    .as('open_reports')
  const rows = await db
    .select({
      id: stories.id,
      title: stories.title,
      status: stories.status,
      providerName: providers.name,
      serviceDescription: stories.serviceDescription,
      createdAt: stories.createdAt,
      openReports: openReports.n,
    })
    .from(stories)
    .leftJoin(providers, eq(providers.id, stories.providerId))
    .leftJoin(openReports, eq(openReports.storyId, stories.id))
    .where(and(eq(stories.councilId, councilId), or(eq(stories.status, 'awaiting-moderation'), isNotNull(openReports.n))))
    .orderBy(sql`${openReports.n} is null`, asc(stories.createdAt))
  return rows.map((row) => ({ ...row, openReports: Number(row.openReports ?? 0) }))
}


export function openReportsOf(db: Executor, councilId: string, storyId: string) {
  return db
    .select()
    .from(storyReports)
    .where(and(eq(storyReports.councilId, councilId), eq(storyReports.storyId, storyId), sql`${storyReports.resolvedAt} is null`))
    .orderBy(asc(storyReports.createdAt))
}

/**
 * Private and VCSE providers see a story for the council's window before it is public (Care Opinion's "advanced
 * moderation"); public bodies do not. A story about no provider from the register is published at once.
 */
export function needsProviderWindow(provider: { legalForm: string | null; isVcse: boolean | null } | undefined): boolean {
  if (!provider || provider.legalForm === null) return false
  return provider.isVcse === true || provider.legalForm !== 'public-body'
}

export type Decision = 'publish' | 'publish-redacted' | 'request-edit' | 'reject' | 'hide'
const DECIDABLE: Record<Decision, string[]> = {
  publish: ['awaiting-moderation', 'hidden'],
  'publish-redacted': ['awaiting-moderation', 'hidden'],
  'request-edit': ['awaiting-moderation'],
  reject: ['awaiting-moderation'],
  hide: ['published'],
}

export type ModerateResult = { outcome: 'done'; publishedAt: Date | null } | { outcome: 'not-allowed'; status: string }

export async function moderate(
  tx: Executor,
  councilId: string,
  id: string,
  input: { decision: Decision; note: string | null; redactedTitle?: string | undefined; redactedBody?: string | undefined },
  options: { actor: Actor; now: Date; notifier: Notifier; links: Links },
): Promise<ModerateResult | undefined> {
  const found = await getForCouncil(tx, councilId, id)
  if (!found) return undefined
  const { story } = found
  if (!DECIDABLE[input.decision].includes(story.status)) return { outcome: 'not-allowed', status: story.status }
  const { now } = options
  let publishedAt: Date | null = story.publishedAt
  let status: string
  const authorToken = randomToken()
  switch (input.decision) {
    case 'publish':
    case 'publish-redacted': {
      const withWindow = needsProviderWindow(found.providerName ? { legalForm: found.providerLegalForm, isVcse: found.providerIsVcse } : undefined)
      const { providerPreviewHours } = await readSettings(tx, councilId, storiesSettings)
      publishedAt = withWindow && story.status !== 'hidden' ? new Date(now.getTime() + providerPreviewHours * HOUR) : now
      status = 'published'
      break
    }
    case 'request-edit':
      status = 'edit-requested'
      break
    case 'reject':
      status = 'rejected'
      break
    case 'hide':
      status = 'hidden'
      break
  }
  // The author's own words are kept once, privately, the first time anything is removed; a second redaction edits the
  // published text again and leaves the original as the author wrote it.
  const redaction =
    input.decision === 'publish-redacted'
      ? {
          title: input.redactedTitle!,
          body: input.redactedBody!,
          originalTitle: story.originalTitle ?? story.title,
          originalBody: story.originalBody ?? story.body,
          redactedAt: now,
        }
      : {}
  await tx
    .update(stories)
    .set({ status, publishedAt, moderatorNote: input.note, ...redaction, updatedAt: now })
    .where(eq(stories.id, id))
  // A fresh link for this email; every earlier link keeps working (story_author_links).
  await tx.insert(storyAuthorLinks).values({ tokenHash: sha256(authorToken), storyId: id, createdAt: now })
  const publishing = input.decision === 'publish' || input.decision === 'publish-redacted'
  if (input.decision === 'hide' || publishing) {
    await tx.update(storyReports).set({ resolvedAt: now }).where(and(eq(storyReports.storyId, id), sql`${storyReports.resolvedAt} is null`))
  }
  await recordAudit(tx, {
    actor: options.actor,
    councilId,
    action: `moderate:${input.decision}`,
    entityType: 'story',
    entityId: id,
    before: { status: story.status, publishedAt: story.publishedAt },
    // The audit says what changed in size, never the removed words themselves: they are the personal data.
    after: {
      status,
      publishedAt,
      note: input.note,
      ...(input.decision === 'publish-redacted'
        ? { redacted: { titleChanged: input.redactedTitle !== story.title, charactersRemovedFromBody: story.body.length - input.redactedBody!.length } }
        : {}),
    },
    at: now,
  })
  const subjects: Record<Decision, string> = {
    publish: 'Your story has been accepted',
    'publish-redacted': 'Your story has been accepted with some details removed',
    'request-edit': 'Please change your story before it is published',
    reject: 'Your story will not be published',
    hide: 'Your story has been taken down',
  }
  await options.notifier.send(
    tx,
    {
      councilId,
      to: story.authorEmail,
      subject: subjects[input.decision],
      body: [
        `About your story “${story.title}”:`,
        '',
        ...(input.decision === 'publish-redacted'
          ? ['To protect people’s privacy, a moderator removed names or personal details before publishing it. Your link below shows what we published.', '']
          : []),
        publishing
          ? publishedAt && publishedAt > now
            ? `It will be published on ${formatDate(publishedAt)}, after the provider has had the chance to read it.`
            : 'It is now published.'
          : `The moderator says: ${input.note}`,
        ...(publishing && input.note ? ['', `The moderator says: ${input.note}`] : []),
        '',
        'See your story and what happens to it here (keep this link private; earlier links keep working too):',
        options.links.status(authorToken),
      ].join('\n'),
    },
    now,
  )
  if (publishing && story.providerId) {
    await alertProvider(tx, { councilId, providerId: story.providerId, storyId: id, title: story.title, publishedAt: publishedAt!, now, notifier: options.notifier, links: options.links })
  }
  return { outcome: 'done', publishedAt }
}

async function alertProvider(
  tx: Executor,
  input: { councilId: string; providerId: string; storyId: string; title: string; publishedAt: Date; now: Date; notifier: Notifier; links: Links },
): Promise<void> {
  const people = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.councilId, input.councilId), eq(memberships.providerId, input.providerId), eq(memberships.role, 'provider'), eq(users.disabled, false)))
  for (const person of people) {
    await input.notifier.send(
      tx,
      {
        councilId: input.councilId,
        to: person.email,
        subject: `A new story about your service: ${input.title}`,
        body: [
          `A resident has told a story about your service: “${input.title}”.`,
          input.publishedAt > input.now
            ? `You can read it now; it will be public from ${formatDateTime(input.publishedAt)}. You may answer it, and publish it sooner if you are ready.`
            : 'It is now public. You may answer it in public.',
          '',
          input.links.providerStories(),
        ].join('\n'),
      },
      input.now,
    )
  }
}

/** Blocks the author's email address from telling this council more stories, and hides nothing by itself. */
export async function blockAuthor(tx: Executor, councilId: string, id: string, reason: string, options: { actor: Actor; now: Date }): Promise<boolean> {
  const found = await getForCouncil(tx, councilId, id)
  if (!found) return false
  const emailHash = sha256(found.story.authorEmail)
  await tx.insert(storyBlockedEmails).values({ councilId, emailHash, reason, createdAt: options.now }).onConflictDoNothing()
  await recordAudit(tx, {
    actor: options.actor,
    councilId,
    action: 'block-author',
    entityType: 'story',
    entityId: id,
    after: { emailHash, reason },
    at: options.now,
  })
  return true
}

