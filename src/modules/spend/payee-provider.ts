/**
 * Adding a payee to the provider register: the provider form starts from what the spend files said about the payee
 * (its name, any company, charity or VAT number, and its postcode), and saving it creates the provider and links the payee to it in
 * one transaction, so the payee's payments count as the provider's spend at once. The register's own duplicate
 * rules apply: an identifier another provider holds is refused, a like name is reported for the officer to decide.
 */
import { and, eq } from 'drizzle-orm'
import type { Actor } from '../../platform/audit/audit.ts'
import type { Database, Executor } from '../../platform/db/database.ts'
import type { FormBody } from '../providers/forms.ts'
import { createProvider, findDuplicates, type Duplicate, type ProviderIdentifier, type ProviderInput } from '../providers/service.ts'
import { lockCouncilSpend } from './lock.ts'
import { reviewPayeeIn, ReviewError } from './payees.ts'
import { spendPayees } from './schema.ts'

type Payee = typeof spendPayees.$inferSelect

/** The identifiers the spend files gave for a payee, surest first (as matching ranks them). */
export function identifiersOf(payee: Pick<Payee, 'companyNumber' | 'charityNumber' | 'vatNumber'>): ProviderIdentifier[] {
  const identifiers: ProviderIdentifier[] = []
  if (payee.companyNumber) identifiers.push({ scheme: 'GB-COH', identifier: payee.companyNumber })
  if (payee.charityNumber) identifiers.push({ scheme: 'GB-CHC', identifier: payee.charityNumber })
  if (payee.vatNumber) identifiers.push({ scheme: 'GB-VAT', identifier: payee.vatNumber })
  return identifiers
}

/** The provider form's starting values, as the browser would send them. */
export function prefilledForm(payee: Pick<Payee, 'name' | 'companyNumber' | 'charityNumber' | 'vatNumber' | 'postcode'>): FormBody {
  const values: FormBody = { name: payee.name, published: 'no', postcode: payee.postcode ?? '' }
  identifiersOf(payee).forEach((identifier, index) => {
    values[`identifierScheme${index + 1}`] = identifier.scheme
    values[`identifierId${index + 1}`] = identifier.identifier
  })
  return values
}

/** Providers already in the register that the payee may be: the same identifier, or the same name. */
export function registerMatchesFor(db: Executor, councilId: string, candidate: { name: string; identifiers: ProviderIdentifier[] }): Promise<Duplicate[]> {
  return findDuplicates(db, councilId, candidate)
}

/** Why a payee cannot be added to the register, or undefined if it can. */
export function cannotAdd(payee: Pick<Payee, 'redacted' | 'providerId'>): string | undefined {
  if (payee.redacted) return 'A withheld payee cannot be added to the provider register'
  if (payee.providerId) return 'This payee is already linked to a provider: unlink it first to add it as another'
  return undefined
}

export type AddResult = { outcome: 'created'; providerId: string } | { outcome: 'possible-duplicate'; duplicates: Duplicate[] }

/**
 * Creates the provider and links the payee to it (a confirmed match), both audited, in one transaction. A payee that
 * was withheld, or linked meanwhile, is refused with a ReviewError; an identifier in use with a ProviderInputError.
 */
export async function addPayeeToRegister(
  db: Database,
  input: { councilId: string; payeeId: string; provider: ProviderInput; confirmDuplicate: boolean; actor: Actor; now: Date },
): Promise<AddResult> {
  return db.transaction(async (tx) => {
    // Under the council's spend lock, the payee as it is now: one withheld or linked meanwhile is refused.
    await lockCouncilSpend(tx, input.councilId)
    const [current] = await tx.select().from(spendPayees).where(and(eq(spendPayees.councilId, input.councilId), eq(spendPayees.id, input.payeeId)))
    if (!current) throw new ReviewError('not-found')
    const reason = cannotAdd(current)
    if (reason) throw new ReviewError(reason)
    const created = await createProvider(tx, input.councilId, input.provider, input.actor, input.now, { confirmDuplicate: input.confirmDuplicate })
    if (created.outcome === 'possible-duplicate') return created
    await reviewPayeeIn(tx, {
      councilId: input.councilId,
      payeeId: current.id,
      decision: { action: 'confirm', providerId: created.provider.id },
      actor: input.actor,
      now: input.now,
    })
    return { outcome: 'created', providerId: created.provider.id }
  })
}
