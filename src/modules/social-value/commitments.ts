/**
 * Social value commitments on contracts and grants, the provider's returns of what it delivered, and the officer's
 * verification; every step audited. Value in pounds is quantity × the measure's proxy of the year the commitment was
 * made under (ADR 0038). Every query is scoped by the council.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { queryRows, type Executor } from '../../platform/db/database.ts'
import { contracts, contractSuppliers } from '../contracts/schema.ts'
import { grants } from '../grants/schema.ts'
import { providers } from '../providers/schema.ts'
import { svCommitments, svEvidenceFiles, svFrameworks, svMeasures, svReturns } from './schema.ts'

export const RETURN_STATUSES = ['awaiting', 'verified', 'partly-verified', 'rejected'] as const
export type ReturnStatus = (typeof RETURN_STATUSES)[number]
export const STATUS_WORDS: Record<ReturnStatus, { text: string; classes: string }> = {
  awaiting: { text: 'Awaiting verification', classes: 'govuk-tag--yellow' },
  verified: { text: 'Verified', classes: 'govuk-tag--green' },
  'partly-verified': { text: 'Partly verified', classes: 'govuk-tag--blue' },
  rejected: { text: 'Rejected', classes: 'govuk-tag--red' },
}

export interface CommitmentView {
  id: string
  contractId: string | null
  grantId: string | null
  /** The contract's or grant's title and reference. */
  recordTitle: string
  recordReference: string
  providerId: string
  providerName: string
  measureId: string
  code: string
  wording: string
  unit: string
  theme: string
  proxyPence: number | null
  licence: string
  frameworkName: string
  frameworkYear: number
  illustrative: boolean
  quantity: number
  dueDate: string
  deliveredWhere: string
  reported: number
  verified: number
  awaiting: number
}

export interface ReturnView {
  id: string
  commitmentId: string
  quantity: number
  periodStart: string
  periodEnd: string
  evidenceUrl: string | null
  note: string | null
  reportedBy: string
  reportedAt: Date
  status: ReturnStatus
  verifiedQuantity: number | null
  reason: string | null
  decidedBy: string | null
  decidedAt: Date | null
}

const n = (v: unknown) => Number(v ?? 0)

/** Commitments with their measure, framework and delivery so far, filtered by contract, grant or provider. */
export async function commitmentsWhere(db: Executor, councilId: string, filter: { contractId?: string; grantId?: string; providerId?: string; id?: string; publishedOnly?: boolean } = {}): Promise<CommitmentView[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id, c.contract_id, c.grant_id, c.provider_id, p.name as provider_name, c.measure_id, m.code, m.wording, m.unit, m.theme,
               m.proxy_pence, coalesce(m.licence, f.licence) as licence, f.name as framework_name, f.year as framework_year, f.illustrative,
               c.quantity, to_char(c.due_date, 'YYYY-MM-DD') as due_date, c.delivered_where,
               coalesce(k.title, g.title) as record_title, coalesce(k.reference, g.identifier) as record_reference,
               coalesce((select sum(r.quantity) from sv_returns r where r.commitment_id = c.id and r.council_id = ${councilId} and r.status <> 'rejected'), 0) as reported,
               coalesce((select sum(r.verified_quantity) from sv_returns r where r.commitment_id = c.id and r.council_id = ${councilId} and r.status in ('verified', 'partly-verified')), 0) as verified,
               coalesce((select sum(r.quantity) from sv_returns r where r.commitment_id = c.id and r.council_id = ${councilId} and r.status = 'awaiting'), 0) as awaiting
        from sv_commitments c
        join sv_measures m on m.id = c.measure_id
        join sv_frameworks f on f.id = m.framework_id
        join providers p on p.id = c.provider_id
        left join contracts k on k.id = c.contract_id
        left join grants g on g.id = c.grant_id
        where c.council_id = ${councilId}
          ${filter.contractId ? sql`and c.contract_id = ${filter.contractId}` : sql``}
          ${filter.grantId ? sql`and c.grant_id = ${filter.grantId}` : sql``}
          ${filter.providerId ? sql`and c.provider_id = ${filter.providerId}` : sql``}
          ${filter.id ? sql`and c.id = ${filter.id}` : sql``}
          ${filter.publishedOnly ? sql`and coalesce(k.published, g.published, false)` : sql``}
        order by c.due_date, m.code`,
  )
  return rows.map((r) => ({
    id: String(r.id),
    contractId: (r.contract_id as string | null) ?? null,
    grantId: (r.grant_id as string | null) ?? null,
    recordTitle: String(r.record_title ?? ''),
    recordReference: String(r.record_reference ?? ''),
    providerId: String(r.provider_id),
    providerName: String(r.provider_name),
    measureId: String(r.measure_id),
    code: String(r.code),
    wording: String(r.wording),
    unit: String(r.unit),
    theme: String(r.theme),
    proxyPence: r.proxy_pence === null ? null : n(r.proxy_pence),
    licence: String(r.licence),
    frameworkName: String(r.framework_name),
    frameworkYear: n(r.framework_year),
    illustrative: Boolean(r.illustrative),
    quantity: n(r.quantity),
    dueDate: String(r.due_date),
    deliveredWhere: String(r.delivered_where),
    reported: n(r.reported),
    verified: n(r.verified),
    awaiting: n(r.awaiting),
  }))
}

export async function commitmentById(db: Executor, councilId: string, id: string): Promise<CommitmentView | undefined> {
  return (await commitmentsWhere(db, councilId, { id }))[0]
}

/** Value in pence of a quantity of a measure; null when the measure has no money value. */
export const valueOf = (quantity: number, proxyPence: number | null) => (proxyPence === null ? null : Math.round(quantity * proxyPence))

export interface ValueTotals {
  committedPence: number
  reportedPence: number
  verifiedPence: number
  /** The distinct licences of the values used, to show beside the totals. */
  licences: string[]
  illustrative: boolean
}

export function totalsOf(commitments: CommitmentView[]): ValueTotals {
  const sum = (f: (c: CommitmentView) => number) => commitments.reduce((total, c) => total + (valueOf(f(c), c.proxyPence) ?? 0), 0)
  return {
    committedPence: sum((c) => c.quantity),
    reportedPence: sum((c) => c.reported),
    verifiedPence: sum((c) => c.verified),
    licences: [...new Set(commitments.map((c) => `${c.frameworkName} ${c.frameworkYear}: ${c.licence}`))],
    illustrative: commitments.some((c) => c.illustrative),
  }
}

export async function returnsOf(db: Executor, councilId: string, commitmentIds: string[]): Promise<ReturnView[]> {
  if (commitmentIds.length === 0) return []
  const rows = await db
    .select()
    .from(svReturns)
    .where(and(eq(svReturns.councilId, councilId), inArray(svReturns.commitmentId, commitmentIds)))
    .orderBy(asc(svReturns.reportedAt))
  return rows.map((r) => ({ ...r, status: r.status as ReturnStatus }))
}

export async function returnById(db: Executor, councilId: string, id: string): Promise<ReturnView | undefined> {
  const [row] = await db.select().from(svReturns).where(and(eq(svReturns.councilId, councilId), eq(svReturns.id, id)))
  return row && { ...row, status: row.status as ReturnStatus }
}

/** Who may deliver a commitment on a contract (its suppliers) or a grant (its recipient). */
export async function deliverersOf(db: Executor, councilId: string, target: { contractId: string } | { grantId: string }): Promise<{ id: string; name: string }[]> {
  if ('contractId' in target) {
    return db
      .select({ id: providers.id, name: providers.name })
      .from(contractSuppliers)
      .innerJoin(providers, eq(providers.id, contractSuppliers.providerId))
      .innerJoin(contracts, eq(contracts.id, contractSuppliers.contractId))
      .where(and(eq(contracts.councilId, councilId), eq(contractSuppliers.contractId, target.contractId)))
      .orderBy(asc(providers.name))
  }
  return db
    .select({ id: providers.id, name: providers.name })
    .from(grants)
    .innerJoin(providers, eq(providers.id, grants.recipientProviderId))
    .where(and(eq(grants.councilId, councilId), eq(grants.id, target.grantId)))
}

/** The measures a commitment may use: every year's, newest year first. */
export async function measureChoices(db: Executor, councilId: string) {
  return db
    .select({ id: svMeasures.id, code: svMeasures.code, wording: svMeasures.wording, unit: svMeasures.unit, year: svFrameworks.year, proxyPence: svMeasures.proxyPence })
    .from(svMeasures)
    .innerJoin(svFrameworks, eq(svFrameworks.id, svMeasures.frameworkId))
    .where(eq(svMeasures.councilId, councilId))
    .orderBy(sql`${svFrameworks.year} desc`, asc(svMeasures.code))
}

export interface CommitmentInput {
  contractId: string | null
  grantId: string | null
  providerId: string
  measureId: string
  quantity: number
  dueDate: string
  deliveredWhere: string
}

export async function addCommitment(tx: Executor, input: { councilId: string; values: CommitmentInput; actor: Actor; now: Date }): Promise<string> {
  const [row] = await tx.insert(svCommitments).values({ councilId: input.councilId, ...input.values, createdBy: input.actor.label, createdAt: input.now }).returning({ id: svCommitments.id })
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'create', entityType: 'sv-commitment', entityId: row!.id, after: input.values, at: input.now })
  return row!.id
}

export interface ReturnInput {
  quantity: number
  periodStart: string
  periodEnd: string
  evidenceUrl: string | null
  note: string | null
}

/** An evidence file already stored under its random name, to be recorded with the return. */
export interface EvidenceFileInput {
  storedName: string
  originalName: string
  mediaType: string
  sizeBytes: number
  sha256: string
}

export async function reportDelivery(tx: Executor, input: { councilId: string; commitmentId: string; values: ReturnInput; evidenceFile?: EvidenceFileInput; actor: Actor; now: Date }): Promise<string> {
  const [row] = await tx
    .insert(svReturns)
    .values({ councilId: input.councilId, commitmentId: input.commitmentId, ...input.values, reportedBy: input.actor.label, reportedAt: input.now, status: 'awaiting' })
    .returning({ id: svReturns.id })
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'report', entityType: 'sv-return', entityId: row!.id, after: { commitmentId: input.commitmentId, ...input.values }, at: input.now })
  if (input.evidenceFile) {
    const { storedName, ...file } = input.evidenceFile
    const [stored] = await tx
      .insert(svEvidenceFiles)
      .values({ councilId: input.councilId, returnId: row!.id, storedName, ...file, uploadedBy: input.actor.label, uploadedAt: input.now })
      .returning({ id: svEvidenceFiles.id })
    // The audit names the file as the provider did, its type read from the content, size and checksum; not where it is stored.
    await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'upload', entityType: 'sv-evidence-file', entityId: stored!.id, after: { returnId: row!.id, ...file }, at: input.now })
  }
  return row!.id
}

export interface EvidenceFileView {
  id: string
  returnId: string
  originalName: string
  mediaType: string
  sizeBytes: number
  storedName: string
  uploadedAt: Date
  /** Who delivered the commitment the return is for: the one provider who may download the file besides officers. */
  providerId: string
}

/** The evidence files of these returns, by return id. */
export async function evidenceFilesOf(db: Executor, councilId: string, returnIds: string[]): Promise<Map<string, EvidenceFileView>> {
  if (returnIds.length === 0) return new Map()
  const rows = await evidenceQuery(db).where(and(eq(svEvidenceFiles.councilId, councilId), inArray(svEvidenceFiles.returnId, returnIds)))
  return new Map(rows.map((r) => [r.returnId, r]))
}

export async function evidenceFileById(db: Executor, councilId: string, id: string): Promise<EvidenceFileView | undefined> {
  const [row] = await evidenceQuery(db).where(and(eq(svEvidenceFiles.councilId, councilId), eq(svEvidenceFiles.id, id)))
  return row
}

const evidenceQuery = (db: Executor) =>
  db
    .select({ id: svEvidenceFiles.id, returnId: svEvidenceFiles.returnId, originalName: svEvidenceFiles.originalName, mediaType: svEvidenceFiles.mediaType, sizeBytes: svEvidenceFiles.sizeBytes, storedName: svEvidenceFiles.storedName, uploadedAt: svEvidenceFiles.uploadedAt, providerId: svCommitments.providerId })
    .from(svEvidenceFiles)
    .innerJoin(svReturns, eq(svReturns.id, svEvidenceFiles.returnId))
    .innerJoin(svCommitments, eq(svCommitments.id, svReturns.commitmentId))

export interface Verification {
  status: Exclude<ReturnStatus, 'awaiting'>
  verifiedQuantity: number
  reason: string | null
}

/** Records the officer's decision on a return; false when it was already decided (each return is decided once). */
export async function verifyReturn(tx: Executor, input: { councilId: string; returnId: string; decision: Verification; actor: Actor; now: Date }): Promise<boolean> {
  const [updated] = await tx
    .update(svReturns)
    .set({ status: input.decision.status, verifiedQuantity: input.decision.verifiedQuantity, reason: input.decision.reason, decidedBy: input.actor.label, decidedAt: input.now })
    .where(and(eq(svReturns.councilId, input.councilId), eq(svReturns.id, input.returnId), eq(svReturns.status, 'awaiting')))
    .returning({ id: svReturns.id })
  if (!updated) return false
  await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: input.decision.status === 'rejected' ? 'reject' : 'verify', entityType: 'sv-return', entityId: input.returnId, before: { status: 'awaiting' }, after: input.decision, at: input.now })
  return true
}

/** Returns awaiting an officer's verification, oldest first, for the council's list and home page. */
export async function awaitingVerification(db: Executor, councilId: string): Promise<(ReturnView & { commitment: CommitmentView })[]> {
  const rows = await db.select().from(svReturns).where(and(eq(svReturns.councilId, councilId), eq(svReturns.status, 'awaiting'))).orderBy(asc(svReturns.reportedAt))
  if (rows.length === 0) return []
  const commitments = new Map((await commitmentsWhere(db, councilId)).map((c) => [c.id, c]))
  return rows.flatMap((r) => {
    const commitment = commitments.get(r.commitmentId)
    return commitment ? [{ ...r, status: r.status as ReturnStatus, commitment }] : []
  })
}

/** Commitments of a provider due on or before `until` with nothing reported yet: the returns it owes. */
export function returnsDue(commitments: CommitmentView[], until: string): CommitmentView[] {
  return commitments.filter((c) => c.dueDate <= until && c.reported + c.verified === 0)
}

/**
 * What the red-flag rule RF-SOCIAL-VALUE reads: per contract, each commitment due by today with its committed and
 * verified quantity and proxy value.
 */
export interface SocialValueDueFact {
  contractId: string
  commitmentId: string
  code: string
  unit: string
  quantity: number
  verified: number
  proxyPence: number | null
  dueDate: string
}

export async function dueCommitmentFacts(db: Executor, councilId: string, today: string): Promise<SocialValueDueFact[]> {
  return (await commitmentsWhere(db, councilId))
    .filter((c) => c.contractId !== null && c.dueDate <= today)
    .map((c) => ({ contractId: c.contractId!, commitmentId: c.id, code: c.code, unit: c.unit, quantity: c.quantity, verified: c.verified, proxyPence: c.proxyPence, dueDate: c.dueDate }))
}
