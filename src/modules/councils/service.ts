/** Councils: the rules for recording them. Other modules reach councils only through this file. */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import * as repo from './repository.ts'
import type { CouncilRow } from './repository.ts'

export type { CouncilRow } from './repository.ts'
export { CouncilNames, councilKey } from './match.ts'

export const COUNCIL_TYPES = {
  county: 'County council',
  district: 'District council',
  unitary: 'Unitary authority',
  'metropolitan-district': 'Metropolitan district',
  'london-borough': 'London borough',
  'city-of-london': 'City of London',
  'combined-authority': 'Combined authority',
  other: 'Other local authority',
} as const
export type CouncilType = keyof typeof COUNCIL_TYPES

export interface CouncilInput {
  name: string
  code?: string | undefined
  gssCode?: string | null | undefined
  laeCode?: string | null | undefined
  type: CouncilType
  startDate?: string | null | undefined
  endDate?: string | null | undefined
  successorId?: string | null | undefined
  isTenant?: boolean | undefined
  /** undefined keeps the stored names. */
  altNames?: string[] | undefined
  /** The English region; undefined keeps the stored one. */
  region?: string | null | undefined
}

/** A stored council as upsertCouncil's input, for changing one field of it. */
export function councilInputOf(council: CouncilRow): CouncilInput {
  return {
    name: council.name,
    gssCode: council.gssCode,
    laeCode: council.laeCode,
    type: council.type as CouncilType,
    startDate: council.startDate,
    endDate: council.endDate,
    successorId: council.successorId,
    altNames: council.altNames,
    region: council.region,
  }
}

export const findCouncil = repo.findByAnyCode
export const findCouncilById = repo.findById
export const listCouncils = repo.listAll
export const countCouncils = repo.countAll

/** Every council, or those whose name contains `name`, by name. */
export function searchCouncils(db: Executor, name: string | undefined): Promise<CouncilRow[]> {
  const text = name?.trim()
  return text ? repo.listByName(db, text) : repo.listAll(db)
}

/**
 * Creates a council, or updates the one with the same GSS code, GB-LAE code or short code.
 * Returns what happened so that importers can count it.
 */
export async function upsertCouncil(
  tx: Executor,
  input: CouncilInput,
  actor: Actor,
  now: Date,
): Promise<{ council: CouncilRow; outcome: 'created' | 'updated' | 'unchanged' }> {
  const code = input.code ?? input.laeCode ?? input.gssCode
  if (!code) throw new Error(`Council ${input.name} needs a code, GSS code or GB-LAE code`)
  const existing =
    (input.gssCode ? await repo.findByAnyCode(tx, input.gssCode) : undefined) ??
    (input.laeCode ? await repo.findByAnyCode(tx, input.laeCode) : undefined) ??
    (await repo.findByAnyCode(tx, code))

  const values = {
    name: input.name,
    gssCode: input.gssCode ?? null,
    laeCode: input.laeCode ?? null,
    type: input.type,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    successorId: input.successorId ?? null,
  }
  const altNames = input.altNames ?? existing?.altNames ?? []
  const region = input.region === undefined ? (existing?.region ?? null) : input.region
  if (!existing) {
    const council = await repo.insert(tx, { ...values, altNames, region, code, isTenant: input.isTenant ?? false, createdAt: now, updatedAt: now })
    await recordAudit(tx, { actor, councilId: null, action: 'create', entityType: 'council', entityId: council.id, after: council, at: now })
    return { council, outcome: 'created' }
  }
  const changed =
    (Object.keys(values) as (keyof typeof values)[]).some((key) => (existing[key] ?? null) !== values[key]) ||
    JSON.stringify(existing.altNames) !== JSON.stringify(altNames) ||
    (existing.region ?? null) !== region
  const tenantChanged = input.isTenant !== undefined && input.isTenant !== existing.isTenant
  if (!changed && !tenantChanged) return { council: existing, outcome: 'unchanged' }
  const council = await repo.update(tx, existing.id, {
    ...values,
    altNames,
    region,
    ...(input.isTenant !== undefined ? { isTenant: input.isTenant } : {}),
    updatedAt: now,
  })
  await recordAudit(tx, { actor, councilId: null, action: 'update', entityType: 'council', entityId: council.id, before: existing, after: council, at: now })
  return { council, outcome: 'updated' }
}
