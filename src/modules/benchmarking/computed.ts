/**
 * Indicators Catalyst computes from the council's own data, by financial year, with the spend module's own rules so
 * that a figure here is the figure on the spend pages: the shares of matched spend with SMEs, VCSEs and local
 * organisations (analysis.sharesByYear, local by the council's postcode districts) and the Herfindahl–Hirschman index
 * of spend by payee (analysis.concentration). Only the council's own figures: another council's spend in Catalyst is
 * that council's to share, and sharing is not built yet.
 */
import { and, eq } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Database } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { areaSettings } from '../councils/area.ts'
import * as spend from '../spend/analysis.ts'
import { benchmarkIndicators, benchmarkValues } from './schema.ts'

const SOURCE = 'Catalyst, from the council’s spend data'
const LICENCE = 'The council’s own data'

export const COMPUTED = {
  'sme-share': { name: 'Share of matched spend with SMEs', measure: 'Percentage', unit: 'Spend', polarity: 'high' },
  'vcse-share': { name: 'Share of matched spend with VCSEs', measure: 'Percentage', unit: 'Spend', polarity: 'high' },
  'local-share': { name: 'Share of matched spend with local organisations', measure: 'Percentage', unit: 'Spend', polarity: 'high' },
  hhi: { name: 'Concentration of spend by payee (HHI)', measure: 'Index', unit: '0 to 10,000', polarity: 'low' },
} as const
type ComputedKey = keyof typeof COMPUTED

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
        .values({ councilId, key: `catalyst:${key}`, name: meta.name, measure: meta.measure, unit: meta.unit, source: SOURCE, licence: LICENCE, polarity: meta.polarity, format: 'catalyst', createdAt: now, updatedAt: now })
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
