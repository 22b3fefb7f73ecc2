/**
 * Builds the snapshot the red-flag rules read, for one council: its contracts with their suppliers, KPI counts and
 * assessments; its providers' names; spend per payee, financial year and category (the spend_by_payee summary);
 * payments by day to payees matched to providers with contracts;
 * provider events; and contracts proposed in financial-standing assessments. Every query is scoped by the council.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Executor } from '../../platform/db/database.ts'
import type { ContractFact, RedFlagFacts } from '../../rules/red-flags/types.ts'
import { dueCommitmentFacts } from '../social-value/commitments.ts'
import { paymentsToContractedProviders } from '../spend/analysis.ts'
import { mappedCategory } from '../spend/categories.ts'

const n = (value: unknown) => Number(value ?? 0)
const textArray = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : [])

export async function loadRedFlagFacts(db: Executor, councilId: string, today: string): Promise<RedFlagFacts> {
  const [contractRows, assessmentRows, providerRows, spendRows, paymentRows, eventRows, proposedRows, socialValue] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select c.id, c.reference, c.title, c.main_category, c.award_procedure, c.direct_award_ground, c.cpv_codes, c.service_category,
                 c.light_touch, c.status, c.total_value_pence, c.values_include_vat,
                 to_char(c.award_date, 'YYYY-MM-DD') as award_date, to_char(c.start_date, 'YYYY-MM-DD') as start_date,
                 to_char(c.end_date, 'YYYY-MM-DD') as end_date,
                 coalesce((select array_agg(cs.provider_id::text order by cs.provider_id) from contract_suppliers cs
                           where cs.contract_id = c.id and cs.council_id = ${councilId}), '{}'::text[]) as supplier_ids,
                 (select count(*) from contract_kpis k where k.contract_id = c.id and k.council_id = ${councilId}) as kpi_count
          from contracts c where c.council_id = ${councilId} order by c.reference`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select contract_id, to_char(assessed_on, 'YYYY-MM-DD') as assessed_on, rating from contract_assessments
          where council_id = ${councilId} order by assessed_on desc`,
    ),
    queryRows<Record<string, unknown>>(db, sql`select id, name from providers where council_id = ${councilId}`),
    queryRows<Record<string, unknown>>(
      db,
      // Categories as the council maps them (ADR 0034), as the concentration page counts them.
      sql`select b.payee_id, p.name, p.provider_id, p.redacted, b.year, ${mappedCategory(councilId, sql`b.category`)} as category, b.amount_pence
          from spend_by_payee b join spend_payees p on p.id = b.payee_id and p.council_id = ${councilId}
          where b.council_id = ${councilId}`,
    ),
    // Payments by day, only for payees matched to a provider with a contract: RF-OVERSPEND ties them to contracts by date.
    paymentsToContractedProviders(db, councilId),
    queryRows<Record<string, unknown>>(
      db,
      sql`select id, provider_id, kind, to_char(occurred_on, 'YYYY-MM-DD') as occurred_on, to_char(known_on, 'YYYY-MM-DD') as known_on, description, source
          from provider_events where council_id = ${councilId}`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`select provider_id, coalesce(proposed_title, 'A proposed contract') as title, to_char(created_at, 'YYYY-MM-DD') as assessed_on
          from risk_assessments where council_id = ${councilId} and contract_id is null
            and (decision is null or decision <> 'do-not-proceed')`,
    ),
    dueCommitmentFacts(db, councilId, today),
  ])
  const assessments = new Map<string, ContractFact['assessments']>()
  for (const a of assessmentRows) {
    const id = String(a.contract_id)
    assessments.set(id, [...(assessments.get(id) ?? []), { assessedOn: String(a.assessed_on), rating: String(a.rating) }])
  }
  return {
    today,
    contracts: contractRows.map((c) => ({
      id: String(c.id),
      reference: String(c.reference),
      title: String(c.title),
      mainCategory: String(c.main_category) as ContractFact['mainCategory'],
      awardProcedure: String(c.award_procedure),
      directAwardGround: (c.direct_award_ground as string | null) ?? null,
      cpvCodes: textArray(c.cpv_codes),
      serviceCategory: (c.service_category as string | null) ?? null,
      lightTouch: Boolean(c.light_touch),
      status: String(c.status),
      totalValuePence: c.total_value_pence === null ? null : n(c.total_value_pence),
      valuesIncludeVat: Boolean(c.values_include_vat),
      awardDate: (c.award_date as string | null) ?? null,
      startDate: (c.start_date as string | null) ?? null,
      endDate: (c.end_date as string | null) ?? null,
      supplierIds: textArray(c.supplier_ids),
      kpiCount: n(c.kpi_count),
      assessments: assessments.get(String(c.id)) ?? [],
    })),
    providers: providerRows.map((p) => ({ id: String(p.id), name: String(p.name) })),
    spend: spendRows.map((s) => ({
      payeeId: String(s.payee_id),
      payeeName: String(s.name),
      providerId: (s.provider_id as string | null) ?? null,
      redacted: Boolean(s.redacted),
      year: n(s.year),
      category: String(s.category ?? ''),
      amountPence: n(s.amount_pence),
    })),
    payments: paymentRows,
    events: eventRows.map((e) => ({
      id: String(e.id),
      providerId: String(e.provider_id),
      kind: String(e.kind),
      occurredOn: String(e.occurred_on),
      knownOn: String(e.known_on),
      description: String(e.description),
      source: (e.source as string | null) ?? null,
    })),
    proposed: proposedRows.map((p) => ({ providerId: String(p.provider_id), title: String(p.title), assessedOn: String(p.assessed_on) })),
    socialValue,
  }
}
