/**
 * A realistic register of providers, inserted quickly: plausible UK organisation names, legal forms, supplier flags,
 * service categories and areas served, in batches of 1,000 rows per INSERT (each batch one transaction).
 * A seeded random generator makes every run insert the same register.
 */
import { eq } from 'drizzle-orm'
import type { Database } from '../../src/platform/db/database.ts'
import { councils } from '../../src/modules/councils/schema.ts'
import { providerIdentifiers, providers } from '../../src/modules/providers/schema.ts'

export const CATEGORY_CODES = [
  'adult-social-care', 'childrens-social-care', 'waste-recycling', 'highways-transport', 'housing-homelessness',
  'public-health', 'leisure-culture', 'libraries', 'planning-building-control', 'environmental-health',
  'education-send', 'advice-advocacy', 'employment-skills', 'facilities-management', 'it-digital',
  'legal-professional', 'community-voluntary-support',
]
const LEGAL_FORMS = ['company-shares', 'company-guarantee', 'cio', 'unincorporated-charity', 'cic', 'co-operative', 'partnership', 'sole-trader']
const AREAS = ['E06000002', 'E09000011', 'E07000008', 'E06000065', 'E06000001', 'E06000003', 'E06000004', 'E08000021', 'E08000035', 'E09000033']
const PLACES = ['Riverside', 'Northgate', 'Teesside', 'Brightwater', 'Ashford', 'Hollins', 'Millbrook', 'Kingsway', 'Oakfield', 'Greenway', 'Stockton', 'Harbour', 'Elmwood', 'Castlegate', 'Westfield', 'Moorland', 'Fairholme', 'Redcar', 'Linthorpe', 'Acklam']
const KINDS = ['Care', 'Homecare', 'Community Transport', 'Advice Centre', 'Housing Association', 'Youth Trust', 'Recycling', 'Facilities', 'Digital', 'Leisure Trust', 'Support Services', 'Foodbank', 'Carers Network', 'Training', 'Highways']
const SUFFIXES: Record<string, string[]> = {
  'company-shares': ['Ltd', 'Limited'],
  'company-guarantee': ['Ltd', 'Trust'],
  cio: ['CIO', 'Charity'],
  'unincorporated-charity': ['Association', 'Group'],
  cic: ['CIC'],
  'co-operative': ['Co-operative', 'Community Benefit Society'],
  partnership: ['LLP', '& Partners'],
  'sole-trader': ['Services', ''],
}
const TOWNS = ['Middlesbrough', 'Stockton-on-Tees', 'Hartlepool', 'Darlington', 'Redcar', 'Greenwich', 'Cambridge', 'Harrogate', 'Northallerton', 'Scarborough']
const POSTCODES = ['TS1 2AB', 'TS18 1TU', 'TS24 7BT', 'DL1 5QT', 'TS10 1AU', 'SE10 9GB', 'CB2 1TN', 'HG1 2SG', 'DL7 8AD', 'YO11 1HG']

/** mulberry32: small, fast and good enough to make realistic-looking data the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export async function insertProviders(db: Database, councilCode: string, count: number, seed = 2026): Promise<number> {
  const [council] = await db.select({ id: councils.id }).from(councils).where(eq(councils.code, councilCode))
  if (!council) throw new Error(`no council ${councilCode}: load the demo first`)
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const started = performance.now()
  const BATCH = 1000
  for (let from = 0; from < count; from += BATCH) {
    const rows: (typeof providers.$inferInsert)[] = []
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const legalForm = pick(LEGAL_FORMS)
      const name = `${pick(PLACES)} ${pick(KINDS)} ${pick(SUFFIXES[legalForm] ?? ['Ltd'])}`.trim() + (i % 7 === 0 ? ` (${i})` : '')
      const categories = new Set<string>()
      const categoryCount = 1 + Math.floor(random() * 3)
      while (categories.size < categoryCount) categories.add(pick(CATEGORY_CODES))
      const areas = new Set<string>()
      const areaCount = 1 + Math.floor(random() * 3)
      while (areas.size < areaCount) areas.add(pick(AREAS))
      const place = Math.floor(random() * TOWNS.length)
      rows.push({
        councilId: council.id,
        name,
        nameKey: name.toLowerCase().replace(/[^a-z0-9 ]/g, '').replace(/\b(ltd|limited|llp|cic|cio)\b/g, '').replace(/\s+/g, ' ').trim(),
        legalForm,
        isSme: random() < 0.6,
        isVcse: ['cio', 'unincorporated-charity', 'cic', 'co-operative', 'company-guarantee'].includes(legalForm) && random() < 0.8,
        isSupportedEmploymentProvider: random() < 0.05,
        isPublicServiceMutual: random() < 0.03,
        addressLine1: `${1 + Math.floor(random() * 200)} ${pick(['High Street', 'Station Road', 'Church Lane', 'Albert Road', 'Victoria Street'])}`,
        town: TOWNS[place],
        postcode: POSTCODES[place],
        website: random() < 0.7 ? `https://www.${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.org.uk` : null,
        serviceCategories: [...categories],
        areasServed: [...areas],
        published: random() < 0.5,
      })
    }
    await db.transaction(async (tx) => {
      const inserted = await tx.insert(providers).values(rows).returning({ id: providers.id })
      await tx.insert(providerIdentifiers).values(
        inserted.map((row, index) => ({
          providerId: row.id,
          councilId: council.id,
          scheme: 'GB-COH',
          identifier: String(10_000_000 + seed * 1000 + from + index).slice(-8),
        })),
      )
    })
  }
  return performance.now() - started
}
