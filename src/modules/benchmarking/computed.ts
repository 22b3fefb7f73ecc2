/**
 * Indicators Catalyst computes from the council's own data, by financial year, with the spend module's own rules so
 * that a figure here is the figure on the spend pages: the shares of matched spend with SMEs, VCSEs and local
 * organisations (analysis.sharesByYear, local by the council's postcode districts) and the Herfindahl–Hirschman index
 * of spend by payee (analysis.concentration); and from its contracts register, the share of contracts awarded
 * directly and the average contract length (contract-indicators.ts). Only the council's own figures: another council's spend in Catalyst is
 * that council's to share, and sharing is not built yet.
 */
import { and, eq } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Database } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { areaSettings } from '../councils/area.ts'
import * as spend from '../spend/analysis.ts'
import { awardRowsOf } from '../contracts/service.ts'
import { contractFiguresByYear } from './contract-indicators.ts'
import { benchmarkIndicators, benchmarkValues } from './schema.ts'

const SPEND = 'Catalyst, from the council’s spend data'
const CONTRACTS = 'Catalyst, from the council’s contracts register'
const LICENCE = 'The council’s own data'

/** Each computed indicator, with how it is worked out in words the indicator page shows. */
export const COMPUTED = {
  'sme-share': { name: 'Share of matched spend with SMEs', measure: 'Percentage', unit: 'Spend', polarity: 'high', source: SPEND, method: 'Spend with payees matched to a provider flagged as an SME, as a share of all spend matched to a provider, by financial year of payment (as on the spend pages).' },
  'vcse-share': { name: 'Share of matched spend with VCSEs', measure: 'Percentage', unit: 'Spend', polarity: 'high', source: SPEND, method: 'Spend with payees matched to a provider flagged as a VCSE, as a share of all spend matched to a provider, by financial year of payment (as on the spend pages).' },
  'local-share': { name: 'Share of matched spend with local organisations', measure: 'Percentage', unit: 'Spend', polarity: 'high', source: SPEND, method: 'Spend with providers whose postcode is in one of the council’s postcode districts, as a share of all spend matched to a provider, by financial year of payment.' },
  hhi: { name: 'Concentration of spend by payee (HHI)', measure: 'Index', unit: '0 to 10,000', polarity: 'low', source: SPEND, method: 'The Herfindahl–Hirschman index of the year’s spend by payee: the sum of each payee’s squared percentage share.' },
  'direct-award-share': { name: 'Share of contracts awarded directly', measure: 'Percentage', unit: 'Contracts', polarity: 'low', source: CONTRACTS, method: 'Contracts recorded as direct awards (Procurement Act 2023 s.41 and Schedule 5), as a share of the contracts whose award procedure is recorded, by financial year of the award date (the start date where no award date is recorded). Exemptions under Schedule 2 are not direct awards; contracts whose procedure is “not stated” are left out.' },
  'contract-length': { name: 'Average contract length', measure: 'Months', unit: 'Initial term', polarity: null, source: CONTRACTS, method: 'The mean initial term in months, start date to end date, of the contracts with both dates, by financial year of the award date (the start date where no award date is recorded). Extension options not taken are not counted.' },
} as const
export type ComputedKey = keyof typeof COMPUTED

/** The computed indicator an indicator key names, if it is one. */
export function computedOf(key: string): (typeof COMPUTED)[ComputedKey] | undefined {
  return key.startsWith('catalyst:') ? COMPUTED[key.slice('catalyst:'.length) as ComputedKey] : undefined
}

export async function computeOwnIndicators(db: Database, councilId: string, actor: Actor, now: Date): Promise<{ created: number; updated: number; unchanged: number }> {
  const area = await readSettings(db, councilId, areaSettings)
  const shares = await spend.sharesByYear(db, councilId, await spend.localProviderIds(db, councilId, area.postcodeDistricts))
  const figures: { key: ComputedKey; period: string; start: string; value: number }[] = []
  for (const s of shares) {
    if (s.matchedPence <= 0) continue
    const at = { period: s.year.label, start: `${s.year.startYear}-04-01` }
    figures.push({ key: 'sme-share', ...at, value: Math.round((s.smePence / s.matchedPence) * 1000) / 10 })
    figures.push({ key: 'vcse-share', ...at, value: Math.round((s.vcsePence / s.matchedPence) * 1000) / 10 })
    if (area.postcodeDistricts.length > 0) figures.push({ key: 'local-share', ...at, value: Math.round((s.localPence / s.matchedPence) * 1000) / 10 })
  }
  for (const year of await spend.yearsWithSpend(db, councilId)) {
    const [all] = await spend.concentration(db, councilId, year, false)
    if (all) figures.push({ key: 'hhi', period: year.label, start: `${year.startYear}-04-01`, value: all.hhi })
  }
  for (const y of contractFiguresByYear(await awardRowsOf(db, councilId))) {
    const at = { period: y.year.label, start: y.year.start }
    if (y.directShare !== null) figures.push({ key: 'direct-award-share', ...at, value: y.directShare })
    if (y.averageTermMonths !== null) figures.push({ key: 'contract-length', ...at, value: y.averageTermMonths })
  }

  return db.transaction(async (tx) => {
    const counts = { created: 0, updated: 0, unchanged: 0 }
    const ids = new Map<ComputedKey, string>()
    for (const key of new Set(figures.map((f) => f.key))) {
      const meta = COMPUTED[key]
      const [held] = await tx.select().from(benchmarkIndicators).where(and(eq(benchmarkIndicators.councilId, councilId), eq(benchmarkIndicators.key, `catalyst:${key}`)))
      if (held) {
        ids.set(key, held.id)
        continue
      }
      const [created] = await tx
        .insert(benchmarkIndicators)
        .values({ councilId, key: `catalyst:${key}`, name: meta.name, measure: meta.measure, unit: meta.unit, source: meta.source, licence: LICENCE, polarity: meta.polarity, format: 'catalyst', createdAt: now, updatedAt: now })
        .returning()
      ids.set(key, created!.id)
      await recordAudit(tx, { actor, councilId, action: 'create', entityType: 'benchmark-indicator', entityId: created!.id, after: created, at: now })
    }
    for (const f of figures) {
      const indicatorId = ids.get(f.key)!
      const [held] = await tx
        .select()
        .from(benchmarkValues)
        .where(and(eq(benchmarkValues.indicatorId, indicatorId), eq(benchmarkValues.areaCouncilId, councilId), eq(benchmarkValues.period, f.period)))
      if (!held) {
        await tx.insert(benchmarkValues).values({ indicatorId, areaCouncilId: councilId, period: f.period, periodType: 'financial-year', periodStart: f.start, value: f.value, updatedAt: now })
        counts.created++
      } else if (held.value !== f.value) {
        await tx.update(benchmarkValues).set({ value: f.value, updatedAt: now }).where(eq(benchmarkValues.id, held.id))
        counts.updated++
      } else counts.unchanged++
    }
    await recordAudit(tx, { actor, councilId, action: 'compute', entityType: 'benchmark-computed', entityId: councilId, after: counts, at: now })
    return counts
  })
}
