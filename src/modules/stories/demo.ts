/**
 * Demo stories: published stories about providers of both demo councils (one answered by its provider, one linked
 * to a "you said, we did" change) and one waiting for a moderator with personal data to highlight. Safe to rerun.
 */
import { and, eq } from 'drizzle-orm'
import type { DemoSeed } from '../../platform/modules.ts'
import { randomToken, sha256 } from '../../platform/auth/tokens.ts'
import type { Transaction } from '../../platform/db/database.ts'
import { stories, storyChangeLinks, storyChanges, storyResponses } from './schema.ts'

interface DemoStory {
  title: string
  body: string
  status: 'published' | 'awaiting-moderation'
  ratings?: [number, number, number, number]
  ward?: string
  serviceCategory?: string
  response?: { signedAs: string; body: string }
}

const DAY = 24 * 60 * 60 * 1000

async function seedStory(tx: Transaction, councilId: string, providerId: string | undefined, story: DemoStory, now: Date, ageDays: number): Promise<string> {
  const [existing] = await tx.select({ id: stories.id }).from(stories).where(and(eq(stories.councilId, councilId), eq(stories.title, story.title)))
  if (existing) return existing.id
  const at = new Date(now.getTime() - ageDays * DAY)
  const [row] = await tx
    .insert(stories)
    .values({
      councilId,
      providerId: providerId ?? null,
      serviceDescription: providerId ? null : 'Council-run service',
      serviceCategory: story.serviceCategory ?? null,
      title: story.title,
      body: story.body,
      ratingListened: story.ratings?.[0] ?? null,
      ratingInformation: story.ratings?.[1] ?? null,
      ratingDignity: story.ratings?.[2] ?? null,
      ratingOverall: story.ratings?.[3] ?? null,
      ward: story.ward ?? null,
      authorEmail: 'resident@example.com',
      status: story.status,
      authorTokenHash: sha256(randomToken()),
      confirmedAt: at,
      publishedAt: story.status === 'published' ? at : null,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: stories.id })
  if (story.response && providerId) {
    await tx.insert(storyResponses).values({ storyId: row!.id, councilId, providerId, signedAs: story.response.signedAs, body: story.response.body, createdAt: new Date(at.getTime() + DAY) })
  }
  return row!.id
}

export const seedDemoStories: DemoSeed = async (tx, context) => {
  const { now } = context
  const [riverside, greenway] = context.demoProviderIds
  const answered = await seedStory(tx, context.demoCouncilId, riverside, {
    title: 'The carers who came to my mum listened',
    body: 'My mum has home care visits four times a day. The carers always ask her what she wants rather than rushing.\nOnce the evening visit was an hour late and nobody rang to say so, which worried us.',
    status: 'published',
    ratings: [5, 3, 5, 4],
    ward: 'Central',
    serviceCategory: 'adult-social-care',
    response: { signedAs: 'Pat Provider, Riverside Community Care', body: 'Thank you for telling us. We are glad the carers listen to your mum. We have changed our rota so that the office rings families when a visit will be more than 15 minutes late.' },
  }, now, 20)
  await seedStory(tx, context.demoCouncilId, greenway, {
    title: 'Bins missed three weeks running',
    body: 'Our street’s recycling was missed three weeks in a row. When it was collected, the crew were friendly and tidy.',
    status: 'published',
    ratings: [2, 2, 4, 2],
    ward: 'Northfield',
    serviceCategory: 'waste-recycling',
  }, now, 10)
  await seedStory(tx, context.demoCouncilId, riverside, {
    title: 'Day centre visit',
    body: 'Nurse Jane at the day centre was lovely. You can ring me on 07700 900123 if you want to know more.',
    status: 'awaiting-moderation',
    ratings: [4, 4, 4, 4],
    ward: 'Central',
  }, now, 1)
  const [otherFirst] = context.otherProviderIds
  await seedStory(tx, context.otherCouncilId, otherFirst, {
    title: 'Quick help when I needed it',
    body: 'I asked for help on a Friday afternoon and someone came on Monday morning. Clear and kind.',
    status: 'published',
    ratings: [5, 5, 5, 5],
    ward: 'Market',
  }, now, 5)

  const changeTitle = 'Families are rung when a care visit is late'
  const [change] = await tx.select({ id: storyChanges.id }).from(storyChanges).where(and(eq(storyChanges.councilId, context.demoCouncilId), eq(storyChanges.title, changeTitle)))
  if (!change) {
    const [created] = await tx
      .insert(storyChanges)
      .values({ councilId: context.demoCouncilId, title: changeTitle, body: 'Residents told us late visits were worrying. From this month, our home care contract requires providers to ring the family when a visit will be more than 15 minutes late.', createdAt: new Date(now.getTime() - 5 * DAY) })
      .returning({ id: storyChanges.id })
    await tx.insert(storyChangeLinks).values({ changeId: created!.id, storyId: answered })
  }
}
