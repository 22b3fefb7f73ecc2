/**
 * LM3 from what the council already holds: Round 1 from the spend register's summary by payee (spend_by_payee) for
 * a financial year, narrowed to a service (spend category), a supplier or a contract's suppliers; locality from the
 * council's postcode districts applied to the provider the payee is matched to; Rounds 2 and 3 from the providers'
 * yearly LM3 returns. The arithmetic is src/rules/social-value/lm3.ts.
 */
import { and, eq, sql } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { queryRows, type Executor } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { calculateLm3, type Lm3Result, type Lm3Supplier, type Locality } from '../../rules/social-value/lm3.ts'
import { areaSettings, isInDistricts } from '../councils/area.ts'
import { svLm3Returns } from './schema.ts'

export interface Lm3Scope {
  year: number
  category?: string | undefined
  providerId?: string | undefined
  contractId?: string | undefined
}

export interface Lm3Report {
  result: Lm3Result
  districts: string[]
  payments: number
  /** Payees not matched to a provider: their locality is not known. */
  unmatchedPence: number
}

const n = (v: unknown) => Number(v ?? 0)

export async function lm3Report(db: Executor, councilId: string, scope: Lm3Scope): Promise<Lm3Report> {
  const area = await readSettings(db, councilId, areaSettings)
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select coalesce(pr.id::text, 'payee:' || p.id::text) as id, coalesce(pr.name, p.name) as name, pr.id as provider_id, pr.postcode,
               sum(b.amount_pence) as amount, sum(b.payments) as payments,
               r.local_staff_share, r.local_supplier_share
        from spend_by_payee b
        join spend_payees p on p.id = b.payee_id and p.council_id = ${councilId}
        left join providers pr on pr.id = p.provider_id and pr.council_id = ${councilId}
        left join sv_lm3_returns r on r.provider_id = pr.id and r.council_id = ${councilId} and r.year = ${scope.year}
        where b.council_id = ${councilId} and b.year = ${scope.year}
          ${scope.category ? sql`and b.category = ${scope.category}` : sql``}
          ${scope.providerId ? sql`and pr.id = ${scope.providerId}` : sql``}
          ${scope.contractId ? sql`and pr.id in (select cs.provider_id from contract_suppliers cs join contracts c on c.id = cs.contract_id where c.council_id = ${councilId} and c.id = ${scope.contractId})` : sql``}
        group by 1, 2, 3, 4, r.local_staff_share, r.local_supplier_share
        having sum(b.amount_pence) > 0`,
  )
  const localityOf = (providerId: unknown, postcode: unknown): Locality => {
    if (!providerId || !postcode || area.postcodeDistricts.length === 0) return 'unknown'
    return isInDistricts(String(postcode), area.postcodeDistricts) ? 'local' : 'not-local'
  }
  const suppliers: Lm3Supplier[] = rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    spendPence: n(r.amount),
    locality: localityOf(r.provider_id, r.postcode),
    survey: r.local_staff_share === null || r.local_staff_share === undefined ? null : { localStaffShare: n(r.local_staff_share), localSupplierShare: n(r.local_supplier_share) },
  }))
  return {
    result: calculateLm3(suppliers),
    districts: area.postcodeDistricts,
    payments: rows.reduce((total, r) => total + n(r.payments), 0),
    unmatchedPence: rows.filter((r) => !r.provider_id).reduce((total, r) => total + n(r.amount), 0),
  }
}

export async function spendYears(db: Executor, councilId: string): Promise<number[]> {
  const rows = await queryRows<{ year: number }>(db, sql`select distinct year from spend_by_payee where council_id = ${councilId} order by year desc`)
  return rows.map((r) => n(r.year))
}

export async function spendCategories(db: Executor, councilId: string, year: number): Promise<string[]> {
  const rows = await queryRows<{ category: string }>(db, sql`select distinct category from spend_by_payee where council_id = ${councilId} and year = ${year} and category <> '' order by category`)
  return rows.map((r) => String(r.category))
}

export async function lm3ReturnsOf(db: Executor, councilId: string, providerId: string) {
  return db.select().from(svLm3Returns).where(and(eq(svLm3Returns.councilId, councilId), eq(svLm3Returns.providerId, providerId))).orderBy(sql`${svLm3Returns.year} desc`)
}

/** A provider's answer for a year replaces an earlier answer for the same year; both are in the audit trail. */
export async function saveLm3Return(tx: Executor, input: { councilId: string; providerId: string; year: number; localStaffShare: number; localSupplierShare: number; note: string | null; actor: Actor; now: Date }) {
  const values = { councilId: input.councilId, providerId: input.providerId, year: input.year, localStaffShare: input.localStaffShare, localSupplierShare: input.localSupplierShare, note: input.note, answeredBy: input.actor.label, answeredAt: input.now }
  const [before] = await tx.select().from(svLm3Returns).where(and(eq(svLm3Returns.councilId, input.councilId), eq(svLm3Returns.providerId, input.providerId), eq(svLm3Returns.year, input.year)))
  await tx
    .insert(svLm3Returns)
    .values(values)
    .onConflictDoUpdate({ target: [svLm3Returns.councilId, svLm3Returns.providerId, svLm3Returns.year], set: { localStaffShare: values.localStaffShare, localSupplierShare: values.localSupplierShare, note: values.note, answeredBy: values.answeredBy, answeredAt: values.answeredAt } })
  await recordAudit(tx, {
    actor: input.actor,
    councilId: input.councilId,
    action: before ? 'update' : 'create',
    entityType: 'sv-lm3-return',
    entityId: `${input.providerId}:${input.year}`,
    before: before && { localStaffShare: before.localStaffShare, localSupplierShare: before.localSupplierShare },
    after: { year: input.year, localStaffShare: input.localStaffShare, localSupplierShare: input.localSupplierShare },
    at: input.now,
  })
}
