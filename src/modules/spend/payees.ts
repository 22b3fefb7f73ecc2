/**
 * Who was paid. A payee is one organisation (or a withheld name) as the council's files name it, with every name
 * variant it was paid under. Matching to the provider register goes from the surest evidence to the weakest: a
 * company, charity or VAT number, then the same normalised name, then a similar name (pg_trgm) which only suggests a
 * match for an officer to confirm or reject. Withheld payees are never matched.
 */
import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { queryRows, type Database, type Executor } from '../../platform/db/database.ts'
import { nameKey } from '../providers/names.ts'
import { providers } from '../providers/schema.ts'
import { lockCouncilSpend } from './lock.ts'
import { spendPayeeAliases, spendPayees } from './schema.ts'

/** Matches every payee of the council that has no provider yet and no open suggestion. Set-based: three statements. */
export async function resolvePayees(tx: Executor, councilId: string, similarity: number): Promise<void> {
  await tx.execute(sql`
    update spend_payees p set provider_id = m.provider_id, match_status = 'identifier', suggested_provider_id = null, suggestion_score = null
    from (
      select distinct on (p2.id) p2.id, pi.provider_id
      from spend_payees p2
      join provider_identifiers pi on pi.council_id = p2.council_id
        and ((pi.scheme = 'GB-COH' and pi.identifier = p2.company_number) or (pi.scheme = 'GB-CHC' and pi.identifier = p2.charity_number)
          or (pi.scheme = 'GB-VAT' and pi.identifier = p2.vat_number))
      where p2.council_id = ${councilId} and p2.provider_id is null and p2.match_status = 'unmatched'
      -- A company or charity number is surer than a VAT number (a VAT group covers several companies).
      order by p2.id, case pi.scheme when 'GB-COH' then 0 when 'GB-CHC' then 1 else 2 end
    ) m
    where p.id = m.id`)
  await tx.execute(sql`
    update spend_payees p set provider_id = m.provider_id, match_status = 'name', suggested_provider_id = null, suggestion_score = null
    from (
      select distinct on (p2.id) p2.id, pr.id as provider_id
      from spend_payees p2
      join providers pr on pr.council_id = p2.council_id and pr.name_key = p2.name_key
      where p2.council_id = ${councilId} and p2.provider_id is null and p2.match_status = 'unmatched'
      order by p2.id, pr.created_at
    ) m
    where p.id = m.id`)
  await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(similarity)}, true)`)
  await tx.execute(sql`
    update spend_payees p set suggested_provider_id = m.provider_id, suggestion_score = m.score, match_status = 'suggested'
    from (
      select p2.id, best.id as provider_id, best.score
      from spend_payees p2
      cross join lateral (
        select pr.id, similarity(pr.name, p2.name) as score
        from providers pr
        where pr.council_id = p2.council_id and pr.name % p2.name and pr.id is distinct from p2.rejected_provider_id
        order by score desc, pr.id
        limit 1
      ) best
      where p2.council_id = ${councilId} and p2.provider_id is null and p2.match_status = 'unmatched'
    ) m
    where p.id = m.id`)
}

export class ReviewError extends Error {}

async function payeeOf(tx: Executor, councilId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
  const [row] = await tx.select().from(spendPayees).where(and(eq(spendPayees.councilId, councilId), eq(spendPayees.id, id)))
  return row
}

export type ReviewAction =
  | { action: 'confirm'; providerId?: string | undefined }
  | { action: 'reject' }
  | { action: 'merge'; intoPayeeId: string }
  | { action: 'split'; nameKey: string }
  | { action: 'unlink' }

/**
 * An officer's decision on a payee: confirm a suggested (or chosen) provider, reject the suggestion, merge the payee
 * into another (its name variants and payments move), split a name variant off into a payee of its own, or unlink a
 * payee from its provider. Each is audited. Returns the payee to show next.
 */
export async function reviewPayee(
  db: Database,
  input: { councilId: string; payeeId: string; decision: ReviewAction; actor: Actor; now: Date },
): Promise<string> {
  return db.transaction((tx) => reviewPayeeIn(tx, input))
}

/** reviewPayee inside the caller's transaction, for a decision that is one step of a larger change. */
export async function reviewPayeeIn(
  tx: Executor,
  input: { councilId: string; payeeId: string; decision: ReviewAction; actor: Actor; now: Date },
): Promise<string> {
  await lockCouncilSpend(tx, input.councilId)
  const payee = await payeeOf(tx, input.councilId, input.payeeId)
  if (!payee) throw new ReviewError('not-found')
  if (payee.redacted) throw new ReviewError('A withheld payee cannot be matched to an organisation')
  const council = input.councilId
  const decision = input.decision
  let after: Record<string, unknown> = {}
  let resultId = payee.id
  if (decision.action === 'confirm') {
    const providerId = decision.providerId || payee.suggestedProviderId
    if (!providerId) throw new ReviewError('Choose the provider this payee is')
    const [provider] = await tx
      .select({ id: providers.id })
      .from(providers)
      .where(and(eq(providers.councilId, council), eq(providers.id, providerId)))
    if (!provider) throw new ReviewError('Choose a provider from the council’s register')
    await tx
      .update(spendPayees)
      .set({ providerId, matchStatus: 'confirmed', suggestedProviderId: null, suggestionScore: null })
      .where(eq(spendPayees.id, payee.id))
    after = { providerId, matchStatus: 'confirmed' }
  } else if (decision.action === 'reject') {
    await tx
      .update(spendPayees)
      .set({ matchStatus: 'unmatched', rejectedProviderId: payee.suggestedProviderId, suggestedProviderId: null, suggestionScore: null })
      .where(eq(spendPayees.id, payee.id))
    after = { matchStatus: 'unmatched', rejectedProviderId: payee.suggestedProviderId }
  } else if (decision.action === 'unlink') {
    await tx
      .update(spendPayees)
      .set({ providerId: null, matchStatus: 'unmatched', rejectedProviderId: payee.providerId })
      .where(eq(spendPayees.id, payee.id))
    after = { providerId: null, matchStatus: 'unmatched' }
  } else if (decision.action === 'merge') {
    const into = await payeeOf(tx, council, decision.intoPayeeId)
    if (!into || into.id === payee.id) throw new ReviewError('Choose another payee to merge this one into')
    if (into.redacted) throw new ReviewError('A payee cannot be merged into a withheld payee')
    await tx.update(spendPayeeAliases).set({ payeeId: into.id }).where(and(eq(spendPayeeAliases.councilId, council), eq(spendPayeeAliases.payeeId, payee.id)))
    await tx.execute(sql`update spend_payments set payee_id = ${into.id} where council_id = ${council} and payee_id = ${payee.id}`)
    await tx.execute(sql`
      insert into spend_by_payee (council_id, year, payee_id, category, amount_pence, payments)
      select council_id, year, ${into.id}, category, amount_pence, payments from spend_by_payee where council_id = ${council} and payee_id = ${payee.id}
      on conflict (council_id, year, payee_id, category) do update
      set amount_pence = spend_by_payee.amount_pence + excluded.amount_pence, payments = spend_by_payee.payments + excluded.payments`)
    await tx.execute(sql`delete from spend_by_payee where council_id = ${council} and payee_id = ${payee.id}`)
    await tx.update(spendPayees).set({
      companyNumber: into.companyNumber ?? payee.companyNumber,
      charityNumber: into.charityNumber ?? payee.charityNumber,
      vatNumber: into.vatNumber ?? payee.vatNumber,
      postcode: into.postcode ?? payee.postcode,
    }).where(eq(spendPayees.id, into.id))
    await tx.delete(spendPayees).where(eq(spendPayees.id, payee.id))
    after = { mergedInto: into.id }
    resultId = into.id
  } else {
    const [alias] = await tx
      .select()
      .from(spendPayeeAliases)
      .where(and(eq(spendPayeeAliases.councilId, council), eq(spendPayeeAliases.nameKey, decision.nameKey), eq(spendPayeeAliases.payeeId, payee.id)))
    if (!alias) throw new ReviewError('Choose a name this payee was paid under')
    const aliasCount = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from spend_payee_aliases where council_id = ${council} and payee_id = ${payee.id}`)
    if ((aliasCount[0]?.n ?? 0) < 2) throw new ReviewError('A payee paid under one name cannot be split')
    const newId = randomUUID()
    await tx.insert(spendPayees).values({
      id: newId, councilId: council, name: alias.name, nameKey: alias.nameKey, matchStatus: 'unmatched',
      rejectedProviderId: payee.providerId, firstImportId: payee.firstImportId, createdAt: input.now,
    })
    await tx.update(spendPayeeAliases).set({ payeeId: newId }).where(and(eq(spendPayeeAliases.councilId, council), eq(spendPayeeAliases.nameKey, alias.nameKey)))
    // Payments keep the name as written; the variant's names are those whose key is the alias's.
    const written = await queryRows<{ name: string }>(tx, sql`select distinct supplier_name as name from spend_payments where council_id = ${council} and payee_id = ${payee.id}`)
    const names = written.map((w) => w.name).filter((name) => nameKey(name) === alias.nameKey)
    for (const name of names) {
      await tx.execute(sql`update spend_payments set payee_id = ${newId} where council_id = ${council} and payee_id = ${payee.id} and supplier_name = ${name}`)
    }
    await tx.execute(sql`delete from spend_by_payee where council_id = ${council} and payee_id in (${payee.id}, ${newId})`)
    await tx.execute(sql`
      insert into spend_by_payee (council_id, year, payee_id, category, amount_pence, payments)
      select council_id, extract(year from payment_date - interval '3 months')::int, payee_id, coalesce(category, ''), sum(amount_pence), count(*)
      from spend_payments where council_id = ${council} and payee_id in (${payee.id}, ${newId}) group by 1, 2, 3, 4`)
    after = { splitOff: alias.nameKey, newPayeeId: newId }
    resultId = newId
  }
  await recordAudit(tx, {
    actor: input.actor,
    councilId: council,
    action: decision.action,
    entityType: 'spend-payee',
    entityId: payee.id,
    before: { name: payee.name, providerId: payee.providerId, matchStatus: payee.matchStatus, suggestedProviderId: payee.suggestedProviderId },
    after,
    at: input.now,
  })
  return resultId
}
