/**
 * A council of realistic size for the public pages: providers on the register, 2,000 contracts each delivered by one
 * of them, 500 grants and 1,000 published stories, inserted in batches on top of the demo. Seeded, so every run
 * builds the same council.
 */
import { createHash, randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { Database } from '../../src/platform/db/database.ts'
import { councils } from '../../src/modules/councils/schema.ts'
import { contracts, contractSuppliers } from '../../src/modules/contracts/schema.ts'
import { grants } from '../../src/modules/grants/schema.ts'
import { providers } from '../../src/modules/providers/schema.ts'
import { stories } from '../../src/modules/stories/schema.ts'
import { CATEGORY_CODES, insertProviders, seededRandom } from './providers.ts'

export interface CouncilSize {
  providers: number
  contracts: number
  grants: number
  stories: number
}

export const REALISTIC: CouncilSize = { providers: 1_000, contracts: 2_000, grants: 500, stories: 1_000 }

const SERVICES = ['Home care', 'Day opportunities', 'Supported living', 'Advocacy', 'Carers support', 'Street cleansing', 'Grounds maintenance', 'Library outreach', 'Youth work', 'Domestic abuse refuge', 'Drug and alcohol recovery', 'School transport', 'Meals on wheels', 'Befriending', 'Employment support']
const AREAS = ['North', 'South', 'East', 'West', 'Central', 'Riverside', 'Town centre', 'Rural']
const PROCEDURES = ['open', 'competitive-flexible', 'direct-award', 'below-threshold-quotes', 'framework-call-off']
const STATUSES = ['active', 'active', 'active', 'extended', 'expired', 'planned']

const isoDate = (d: Date) => d.toISOString().slice(0, 10)
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export async function buildPublicCouncil(db: Database, code: string, size: CouncilSize, now: Date, seed = 2026): Promise<number> {
  const started = performance.now()
  const [council] = await db.select({ id: councils.id }).from(councils).where(eq(councils.code, code))
  if (!council) throw new Error(`no council ${code}: load the demo first`)
  await insertProviders(db, code, size.providers, seed)
  const published = await db.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, council.id), eq(providers.published, true)))
  const random = seededRandom(seed + 1)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const day = 86_400_000

  for (let from = 0; from < size.contracts; from += 500) {
    const rows: (typeof contracts.$inferInsert)[] = []
    for (let i = from; i < Math.min(size.contracts, from + 500); i++) {
      const start = new Date(now.getTime() - Math.floor(random() * 1500) * day)
      rows.push({
        councilId: council.id,
        reference: `BENCH-${String(i).padStart(5, '0')}`,
        title: `${pick(SERVICES)}: ${pick(AREAS)} lot ${1 + (i % 9)}`,
        description: 'Delivered under the council’s commissioning strategy for the area.',
        mainCategory: 'services',
        awardProcedure: pick(PROCEDURES),
        totalValuePence: Math.round(5_000_00 + random() * 2_000_000_00),
        startDate: isoDate(start),
        endDate: isoDate(new Date(start.getTime() + (365 + Math.floor(random() * 1460)) * day)),
        status: pick(STATUSES),
        ocid: `ocds-bench-${code.toLowerCase()}-${i}`,
        serviceCategory: pick(CATEGORY_CODES),
        published: random() < 0.9,
      })
    }
    await db.transaction(async (tx) => {
      const inserted = await tx.insert(contracts).values(rows).returning({ id: contracts.id })
      await tx.insert(contractSuppliers).values(inserted.map((row) => ({ contractId: row.id, providerId: pick(published).id, councilId: council.id })))
    })
  }

  const grantRows: (typeof grants.$inferInsert)[] = []
  for (let i = 0; i < size.grants; i++) {
    grantRows.push({
      councilId: council.id,
      identifier: `360G-bench-${code.toLowerCase()}-${i}`,
      title: `${pick(SERVICES)} grant ${i}`,
      description: 'A grant to a local organisation.',
      amountAwardedPence: Math.round(500_00 + random() * 100_000_00),
      awardDate: isoDate(new Date(now.getTime() - Math.floor(random() * 1000) * day)),
      recipientProviderId: pick(published).id,
      programme: pick(['Community chest', 'Warm spaces', 'Youth fund']),
      beneficiaryLocations: ['E06000002'],
      published: true,
    })
  }
  if (grantRows.length) await db.insert(grants).values(grantRows)

  for (let from = 0; from < size.stories; from += 500) {
    const rows: (typeof stories.$inferInsert)[] = []
    for (let i = from; i < Math.min(size.stories, from + 500); i++) {
      const at = new Date(now.getTime() - (1 + Math.floor(random() * 700)) * day)
      rows.push({
        councilId: council.id,
        providerId: pick(published).id,
        serviceCategory: pick(CATEGORY_CODES),
        title: `${pick(['Kind and on time', 'Hard to reach anyone', 'Made a real difference', 'Could be better'])} (${i})`,
        body: 'The staff listened to what mattered to us and came when they said they would. '.repeat(1 + (i % 4)),
        ratingOverall: 1 + Math.floor(random() * 5),
        ward: pick(AREAS),
        authorEmail: `resident${i}@example.test`,
        status: 'published',
        authorTokenHash: sha256(`${seed}-${i}-${randomUUID()}`),
        confirmedAt: at,
        publishedAt: at,
      })
    }
    await db.insert(stories).values(rows)
  }
  return performance.now() - started
}
