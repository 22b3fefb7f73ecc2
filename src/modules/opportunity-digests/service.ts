/**
 * Opportunity digests (ADR 0059): a provider user's choices, and the council's new opportunities that match them.
 * Reads the pipeline, market engagement, grant rounds and wards through their modules' services only.
 */
import { and, eq } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { memberships, users } from '../../platform/auth/schema.ts'
import type { Executor } from '../../platform/db/database.ts'
import { formatDate } from '../../platform/dates.ts'
import { formatPence } from '../../platform/money.ts'
import { londonDate } from '../contracts/dates.ts'
import { roundsForProvider } from '../grant-rounds/service.ts'
import { listEngagements } from '../market-engagement/service.ts'
import { isOpen } from '../market-engagement/rules.ts'
import { pipelineOf, type PipelineEntry } from '../pipeline/service.ts'
import { SERVICE_CATEGORIES } from '../providers/service-categories.ts'
import { listWards, wardIdsOfRecords } from '../scrutiny/service.ts'
import { listedWithin, matches, type Choice, type DigestWindow, type Frequency } from './rules.ts'
import { opportunityDigestChoices } from './schema.ts'

export type ChoiceRow = typeof opportunityDigestChoices.$inferSelect

export async function choicesOf(db: Executor, councilId: string, providerId: string, userId: string): Promise<ChoiceRow | undefined> {
  const [row] = await db
    .select()
    .from(opportunityDigestChoices)
    .where(and(eq(opportunityDigestChoices.councilId, councilId), eq(opportunityDigestChoices.providerId, providerId), eq(opportunityDigestChoices.userId, userId)))
  return row
}

export interface ChoiceInput extends Choice {
  frequency: Frequency
}

/** Saves a person's choices (the route has checked services and wards against the council's own lists). */
export async function saveChoices(tx: Executor, input: ChoiceInput & { councilId: string; providerId: string; userId: string; actor: Actor; now: Date }): Promise<ChoiceRow> {
  const before = await choicesOf(tx, input.councilId, input.providerId, input.userId)
  const values = { frequency: input.frequency, services: [...input.services], wholeCouncil: input.wholeCouncil, wardIds: input.wholeCouncil ? [] : [...input.wardIds], updatedAt: input.now }
  const [row] = before
    ? await tx.update(opportunityDigestChoices).set(values).where(eq(opportunityDigestChoices.id, before.id)).returning()
    : await tx.insert(opportunityDigestChoices).values({ ...values, councilId: input.councilId, providerId: input.providerId, userId: input.userId, createdAt: input.now }).returning()
  await recordAudit(tx, {
    actor: input.actor,
    councilId: input.councilId,
    action: 'choose opportunity digest',
    entityType: 'provider',
    entityId: input.providerId,
    ...(before ? { before: { frequency: before.frequency, services: before.services, wholeCouncil: before.wholeCouncil, wardIds: before.wardIds } } : {}),
    after: { frequency: row!.frequency, services: row!.services, wholeCouncil: row!.wholeCouncil, wardIds: row!.wardIds },
    at: input.now,
  })
  return row!
}

export const wardsOf = listWards

export interface DigestPerson {
  choice: ChoiceRow
  email: string
}

/**
 * The people whose digest may be due: choices other than "never" of accounts that are enabled and still speak for
 * that provider in this council (someone moved to another provider keeps nothing of the first one's digest).
 */
export async function digestPeople(db: Executor, councilId: string): Promise<DigestPerson[]> {
  const rows = await db
    .select({ choice: opportunityDigestChoices, email: users.email, providerId: memberships.providerId, role: memberships.role })
    .from(opportunityDigestChoices)
    .innerJoin(users, eq(users.id, opportunityDigestChoices.userId))
    .innerJoin(memberships, and(eq(memberships.userId, opportunityDigestChoices.userId), eq(memberships.councilId, councilId)))
    .where(and(eq(opportunityDigestChoices.councilId, councilId), eq(users.disabled, false)))
  return rows
    .filter((r) => r.choice.frequency !== 'never' && r.role === 'provider' && r.providerId === r.choice.providerId)
    .map((r) => ({ choice: r.choice, email: r.email }))
}

export async function markDigested(db: Executor, choiceId: string, today: string): Promise<void> {
  await db.update(opportunityDigestChoices).set({ lastDigestOn: today }).where(eq(opportunityDigestChoices.id, choiceId))
}

export interface DigestItem {
  kind: 'pipeline' | 'engagement' | 'grant-round'
  id: string
  title: string
  /** What kind of opportunity, in words ("Contract ending: to be commissioned again"). */
  stage: string
  service: string
  serviceCategory: string | null
  wardIds: string[]
  listedOn: string
  /** Facts worth a line: value band, dates. */
  details: string[]
  /** The path (on the public address) to read more or take part. */
  path: (providerId: string) => string
}

/** A project names its service area in words: read it as a category when it is one of the council's names. */
function categoryOfWords(words: string): string | null {
  const w = words.trim().toLowerCase()
  return SERVICE_CATEGORIES.find((c) => c.name.toLowerCase() === w || c.code === w)?.code ?? null
}

export interface CouncilOpportunities {
  pipeline: DigestItem[]
  engagements: DigestItem[]
}

/** The council's pipeline entries and open market engagements, each placed by service and ward: read once per sweep. */
export async function councilOpportunities(
  db: Executor,
  councilId: string,
  today: string,
  links: { pipelineEntry: (entry: PipelineEntry) => string; engagement: (providerId: string, engagementId: string) => string },
): Promise<CouncilOpportunities> {
  const [pipeline, engagements] = await Promise.all([pipelineOf(db, councilId, today), listEngagements(db, councilId)])
  const contractWards = await wardIdsOfRecords(db, councilId, 'contract', pipeline.entries.filter((e) => e.kind === 'contract-ending').map((e) => e.id))
  const placed = new Map<string, { serviceCategory: string | null; wardIds: string[]; entry: PipelineEntry }>()
  const pipelineItems = pipeline.entries.map((e): DigestItem => {
    const serviceCategory = e.serviceCategory ?? (e.kind === 'project' ? categoryOfWords(e.service) : null)
    const wardIds = e.kind === 'contract-ending' ? (contractWards.get(e.id) ?? []) : []
    placed.set(`${e.kind}:${e.id}`, { serviceCategory, wardIds, entry: e })
    return {
      kind: 'pipeline',
      id: e.id,
      title: e.title,
      stage: e.stage,
      service: e.service || 'Service not stated',
      serviceCategory,
      wardIds,
      listedOn: e.listedOn,
      details: [`Value: ${e.band}`, ...(e.date ? [`${e.dateLabel}: ${formatDate(e.date)}`] : [])],
      path: () => links.pipelineEntry(e),
    }
  })
  const engagementItems = engagements
    .filter((g) => isOpen(g, today))
    .map((g): DigestItem => {
      const subject = placed.get(`${g.subjectKind}:${g.subjectId}`)
      return {
        kind: 'engagement',
        id: g.id,
        title: g.title,
        stage: 'Market engagement: the council asks providers before it buys',
        service: subject?.entry.service || 'Service not stated',
        serviceCategory: subject?.serviceCategory ?? null,
        wardIds: subject?.wardIds ?? [],
        listedOn: londonDate(g.openedAt),
        details: [`Register interest by: ${formatDate(g.closesOn)}`],
        path: (providerId) => links.engagement(providerId, g.id),
      }
    })
  return { pipeline: pipelineItems, engagements: engagementItems }
}

/** Grant rounds this provider may apply for, open now, each listed on the day it opened for applications. */
export async function openRoundsFor(db: Executor, councilId: string, providerId: string, now: Date, applyPath: (roundId: string) => string): Promise<DigestItem[]> {
  const rounds = await roundsForProvider(db, councilId, providerId)
  return rounds
    .filter((r) => r.status === 'published' && r.opensAt <= now && now < r.closesAt)
    .map((r): DigestItem => {
      const opened = r.publishedAt && r.publishedAt > r.opensAt ? r.publishedAt : r.opensAt
      return {
        kind: 'grant-round',
        id: r.id,
        title: r.title,
        stage: r.kind === 'invited' ? 'Grant round: you are invited to apply' : 'Grant round open for applications',
        // Grant rounds name a purpose, not one of the service categories: every round a provider may apply for is listed.
        service: 'Any service',
        serviceCategory: null,
        wardIds: [],
        listedOn: londonDate(opened),
        details: [
          `Budget: ${formatPence(r.budgetPence, { whole: true })}`,
          `Applications close: ${formatDate(londonDate(r.closesAt))}`,
          ...(r.vcseOnly ? ['Only for voluntary, community and social enterprise organisations'] : []),
          ...(r.localOnly ? ['Only for organisations based in the council’s area'] : []),
          ...(r.maxIncomePence !== null ? [`Only for organisations with an annual income up to ${formatPence(r.maxIncomePence, { whole: true })}`] : []),
        ],
        path: () => applyPath(r.id),
      }
    })
}

/** What goes in one person's digest: new in the window and matching their choices, pipeline first. */
export function digestFor(items: readonly DigestItem[], choice: Choice, window: DigestWindow): DigestItem[] {
  return items.filter((item) => listedWithin(item.listedOn, window) && matches(item, choice))
}
