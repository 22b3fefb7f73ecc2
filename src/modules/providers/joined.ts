/**
 * Everything the council holds about one provider, gathered from the other modules' services for the provider's
 * page: contracts, grants, payments by year, risk assessments, capacity, and residents' stories with the provider's
 * replies. Each part is read only when the viewer's role may see it; the public page asks for published records.
 */
import type { Permission, Subject } from '../../platform/auth/roles.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Executor } from '../../platform/db/database.ts'
import { formatPence } from '../../platform/money.ts'
import { paths } from '../../paths.ts'
import { contractsOfProvider } from '../contracts/service.ts'
import { grantsOfProvider } from '../grants/service.ts'
import { capacityOf } from '../market/service.ts'
import { assessmentsOf, assessmentWords } from '../risk/service.ts'
import { payeesOfProvider, spendWithProviders } from '../spend/provider-spend.ts'
import { publicProviderSocialValue } from '../social-value/sections.ts'
import { listPublished, responsesTo, storiesForProvider } from '../stories/service.ts'
import { serviceCategoryName } from './service-categories.ts'

const ifAllowed = <T>(role: Subject, permission: Permission, read: () => Promise<T>): Promise<T | undefined> => (can(role, permission) ? read() : Promise.resolve(undefined))

const contractItem = (c: Awaited<ReturnType<typeof contractsOfProvider>>[number], href: string) => ({
  title: c.title,
  reference: c.reference,
  href,
  startDate: c.startDate,
  endDate: c.endDate,
  value: c.totalValuePence === null ? 'Not recorded' : formatPence(c.totalValuePence),
  partners: c.suppliers.length > 1,
})

/** The council's view: what a commissioner, finance officer or councillor may see about the provider. */
export async function providerRecords(db: Executor, councilId: string, providerId: string, role: Subject, now: Date) {
  const [contracts, grants, spend, payees, assessments, capacity, stories] = await Promise.all([
    ifAllowed(role, 'registers:read', () => contractsOfProvider(db, { councilId }, providerId)),
    ifAllowed(role, 'registers:read', () => grantsOfProvider(db, { councilId }, providerId)),
    ifAllowed(role, 'spend:read', () => spendWithProviders(db, councilId, [providerId])),
    ifAllowed(role, 'spend:read', () => payeesOfProvider(db, councilId, providerId)),
    ifAllowed(role, 'risk:read', () => assessmentsOf(db, councilId, providerId)),
    ifAllowed(role, 'market:read', () => capacityOf(db, councilId, providerId)),
    // Stories a moderator has accepted; council staff who read stories see them with the provider's replies.
    can(role, 'stories:read-council') ? storiesForProvider(db, councilId, providerId) : Promise.resolve(undefined),
  ])
  const replies = stories ? await responsesTo(db, stories.map((s) => s.id)) : []
  return {
    contracts: contracts?.map((c) => contractItem(c, paths.contracts.show.href({ id: c.id }))),
    grants: grants?.map((g) => ({ title: g.title, identifier: g.identifier, href: paths.grants.show.href({ id: g.id }), awardDate: g.awardDate, amount: formatPence(g.amountAwardedPence) })),
    spend: spend && {
      years: spend[0]?.years ?? [],
      totalPence: spend[0]?.totalPence ?? 0,
      payees: (payees ?? []).map((p) => ({ name: p.name, href: paths.spend.payee.href({ id: p.id }) })),
    },
    assessments: assessments?.map((a) => ({ href: paths.risk.assessment.href({ id: providerId, assessment: a.id }), at: a.createdAt, title: a.proposedTitle ?? '', ...assessmentWords(a) })),
    capacity: capacity?.map((c) => ({ service: serviceCategoryName(c.serviceCategory), amount: c.amount, unit: c.unit, usedByCouncil: c.usedByCouncil, asAt: c.asAt })),
    socialValueHref: can(role, 'social-value:read') || can(role, 'social-value:report-own') ? paths.socialValue.provider.href({ id: providerId }) : undefined,
    marketEngagementHref: can(role, 'market:read') || can(role, 'market-engagement:respond-own') ? paths.marketEngagement.provider.href({ id: providerId }) : undefined,
    // Only the provider's own people choose their digest of new opportunities (ADR 0059).
    opportunityDigestHref: can(role, 'providers:write-own') ? paths.opportunityDigests.choices.href({ id: providerId }) : undefined,
    stories: stories?.map((s) => ({
      title: s.title,
      // Accepted stories wait out the provider's window before the public can read them: link only public ones.
      href: s.publishedAt !== null && s.publishedAt <= now ? paths.stories.show.href({ id: s.id }) : '',
      publishedAt: s.publishedAt,
      public: s.publishedAt !== null && s.publishedAt <= now,
      replies: replies.filter((r) => r.storyId === s.id).map((r) => ({ signedAs: r.signedAs, body: r.body, at: r.createdAt })),
    })),
  }
}

/** The public's view: the provider's published contracts and grants, and residents' published stories about it. */
export async function publicProviderRecords(db: Executor, councilId: string, providerId: string, now: Date) {
  const [contracts, grants, stories, socialValue] = await Promise.all([
    contractsOfProvider(db, { published: true, councilId }, providerId),
    grantsOfProvider(db, { councilId, publishedOnly: true }, providerId),
    listPublished(db, { councilId, providerId }, now, 50),
    publicProviderSocialValue(db, councilId, providerId),
  ])
  return {
    socialValue,
    contracts: contracts.map((c) => contractItem(c, '')),
    grants: grants.map((g) => ({ title: g.title, identifier: g.identifier, href: '', awardDate: g.awardDate, amount: formatPence(g.amountAwardedPence) })),
    stories: stories.map((s) => ({ title: s.title, href: paths.stories.show.href({ id: s.id }), publishedAt: s.publishedAt })),
  }
}
