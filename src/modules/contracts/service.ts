/**
 * The contracts register's rules: what a council may record, and the KPIs, assessments and modifications that
 * follow a contract. No HTTP here: routes, imports and the demo call these functions; the repository runs the SQL.
 * Every change is audited in the caller's transaction.
 */
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { historyOf, recordAudit, recordAudits, type Actor, type HistoryEntry } from '../../platform/audit/audit.ts'
import { asUpdated, updateRows } from '../../platform/db/bulk.ts'
import type { Executor } from '../../platform/db/database.ts'
import { adviseOnModification, type ModificationAdvice, type Schedule8Ground } from '../../rules/procurement/modification.ts'
import { contractAssessments, contractKpis, contractModifications, contracts } from './schema.ts'
import { addMonths, monthsBetween } from './dates.ts'
import { checkKpiDuty, type DutyCheck } from './duties.ts'
import * as repo from './repository.ts'
import type { ContractFilters, ContractRow, Scope, SupplierOfContract } from './repository.ts'
import type { ContractInput } from './types.ts'
import type { AssessmentRating } from './vocabulary.ts'

export type { ContractRow, SupplierOfContract } from './repository.ts'
export type { ContractInput } from './types.ts'
export { awardRowsOf, type AwardRow } from './award-rows.ts'
export { ownProviderMatches, publishedSuppliersOf, PUBLISHED_SUPPLIER_LIMIT, type PublishedSupplierRow } from './published-suppliers.ts'

export const PAGE_SIZE = 50

export interface ContractRecord extends ContractRow {
  suppliers: SupplierOfContract[]
  notices: { type: string; publishedOn: string }[]
}

export interface ContractPage {
  items: ContractRecord[]
  total: number
  page: number
  pageCount: number
}

/** A problem only the register can see: a reference in use, a supplier from another council. */
export class ContractInputError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(issues.map((i) => i.message).join('; '))
    this.name = 'ContractInputError'
  }
}

export async function withDetails(db: Executor, rows: ContractRow[]): Promise<ContractRecord[]> {
  const ids = rows.map((r) => r.id)
  const [suppliers, notices] = await Promise.all([repo.suppliersOf(db, ids), repo.noticesOf(db, ids)])
  return rows.map((row) => ({ ...row, suppliers: suppliers.get(row.id) ?? [], notices: notices.get(row.id) ?? [] }))
}

export async function listContracts(db: Executor, scope: Scope, filters: ContractFilters, page: number, pageSize = PAGE_SIZE): Promise<ContractPage> {
  const current = Math.max(1, Math.floor(page))
  const [rows, total] = await Promise.all([
    repo.list(db, scope, filters, { limit: pageSize, offset: (current - 1) * pageSize }),
    repo.countMatching(db, scope, filters),
  ])
  return { items: await withDetails(db, rows), total, page: current, pageCount: Math.max(1, Math.ceil(total / pageSize)) }
}

/** A page of the council's contracts after a cursor (the last id seen), in id order, with `limit + 1` read to know if more follow. */
export async function listContractsAfter(db: Executor, councilId: string, filters: ContractFilters, afterId: string | null, limit: number) {
  const rows = await repo.listAfter(db, { councilId }, filters, afterId, limit + 1)
  return { items: await withDetails(db, rows.slice(0, limit)), more: rows.length > limit }
}

export async function getContract(db: Executor, councilId: string, id: string): Promise<ContractRecord | undefined> {
  const row = await repo.findById(db, { councilId }, id)
  return row ? (await withDetails(db, [row]))[0] : undefined
}

export async function getPublishedContract(db: Executor, id: string): Promise<ContractRecord | undefined> {
  const row = await repo.findById(db, { published: true }, id)
  return row ? (await withDetails(db, [row]))[0] : undefined
}

export function findContractByOcid(db: Executor, councilId: string, ocid: string) {
  return repo.findByOcid(db, councilId, ocid)
}

export function findContractByReference(db: Executor, councilId: string, reference: string) {
  return repo.findByReference(db, councilId, reference)
}

async function checkInput(tx: Executor, councilId: string, input: ContractInput, selfId?: string) {
  const issues: ContractInputError['issues'] = []
  const sameReference = await repo.findByReference(tx, councilId, input.reference)
  if (sameReference && sameReference.id !== selfId) issues.push({ field: 'reference', message: `Reference ${input.reference} is already used by “${sameReference.title}”` })
  if (input.ocid) {
    const sameOcid = await repo.findByOcid(tx, councilId, input.ocid)
    if (sameOcid && sameOcid.id !== selfId) issues.push({ field: 'ocid', message: `OCID ${input.ocid} is already used by “${sameOcid.title}”` })
  }
  const known = await repo.councilProviderIds(tx, councilId, input.supplierIds)
  if (input.supplierIds.some((id) => !known.has(id))) issues.push({ field: 'supplier1', message: 'Select suppliers from your provider register' })
  if (issues.length > 0) throw new ContractInputError(issues)
}

function toValues(input: ContractInput, now: Date): repo.ContractValues {
  const { supplierIds: _suppliers, notices: _notices, ...fields } = input
  return { ...fields, updatedAt: now }
}

/** What the audit trail stores: the record with its suppliers and notices, so the history reads plainly. */
function snapshot(row: ContractRow, input: Pick<ContractInput, 'supplierIds' | 'notices'>) {
  return { ...row, supplierIds: [...input.supplierIds].sort(), notices: input.notices.map((n) => `${n.type} ${n.publishedOn}`).sort() }
}

export function inputOf(record: ContractRecord): ContractInput {
  return {
    reference: record.reference,
    title: record.title,
    description: record.description,
    department: record.department,
    supplierIds: record.suppliers.map((s) => s.providerId),
    cpvCodes: record.cpvCodes,
    mainCategory: record.mainCategory as ContractInput['mainCategory'],
    awardProcedure: record.awardProcedure as ContractInput['awardProcedure'],
    directAwardGround: record.directAwardGround as ContractInput['directAwardGround'],
    invitation: record.invitation as ContractInput['invitation'],
    totalValuePence: record.totalValuePence,
    estimatedAnnualValuePence: record.estimatedAnnualValuePence,
    valuesIncludeVat: record.valuesIncludeVat,
    irrecoverableVatPence: record.irrecoverableVatPence,
    awardDate: record.awardDate,
    startDate: record.startDate,
    endDate: record.endDate,
    reviewDate: record.reviewDate,
    extensionOptions: record.extensionOptions,
    extensionMonths: record.extensionMonths,
    extensionsTaken: record.extensionsTaken,
    extensionsTakenNote: record.extensionsTakenNote,
    lightTouch: record.lightTouch,
    status: record.status as ContractInput['status'],
    notices: record.notices.map((n) => ({ type: n.type as ContractInput['notices'][number]['type'], publishedOn: n.publishedOn })),
    ocid: record.ocid,
    published: record.published,
    serviceCategory: record.serviceCategory as ContractInput['serviceCategory'],
  }
}

/**
 * Adds a contract. `checked` is for imports that have already looked the reference and ocid up and taken the
 * suppliers from the council's own register; the unique indexes still stand behind them.
 */
export async function createContract(tx: Executor, councilId: string, input: ContractInput, actor: Actor, now: Date, action = 'create', options: { checked?: boolean } = {}): Promise<ContractRow> {
  if (!options.checked) await checkInput(tx, councilId, input)
  const row = await repo.insert(tx, councilId, { ...toValues(input, now), createdAt: now })
  await repo.addSuppliers(tx, councilId, row.id, [...new Set(input.supplierIds)])
  await repo.addNotices(tx, councilId, row.id, input.notices)
  await recordAudit(tx, { actor, councilId, action, entityType: 'contract', entityId: row.id, after: snapshot(row, input), at: now })
  return row
}

/** Replaces the contract's fields; undefined when the council has no such contract. */
export async function updateContract(tx: Executor, councilId: string, id: string, input: ContractInput, actor: Actor, now: Date, action = 'update') {
  const before = await getContract(tx, councilId, id)
  if (!before) return undefined
  await checkInput(tx, councilId, input, id)
  const row = await repo.update(tx, councilId, id, toValues(input, now))
  await repo.replaceSuppliers(tx, councilId, id, [...new Set(input.supplierIds)])
  await repo.replaceNotices(tx, councilId, id, input.notices)
  await recordAudit(tx, { actor, councilId, action, entityType: 'contract', entityId: id, before: snapshot(before, inputOf(before)), after: snapshot(row, input), at: now })
  return row
}

/**
 * Adds many contracts at once, for imports that have already looked each reference and ocid up and taken the
 * suppliers from the council's own register (the unique indexes still stand behind them): the same rows, links and
 * audit entries as createContract, in multi-row statements. Every input must have an ocid, which finds its row.
 */
export async function createContracts(tx: Executor, councilId: string, inputs: ContractInput[], actor: Actor, now: Date, action = 'create'): Promise<ContractRow[]> {
  if (inputs.length === 0) return []
  const rows = await repo.insertMany(tx, councilId, inputs.map((input) => ({ ...toValues(input, now), createdAt: now, id: randomUUID() })))
  const byOcid = new Map(rows.map((row) => [row.ocid, row]))
  const created = inputs.map((input) => ({ input, row: byOcid.get(input.ocid)! }))
  await repo.replaceLinksMany(tx, councilId, created.map(({ input, row }) => ({ contractId: row.id, providerIds: [...new Set(input.supplierIds)], notices: input.notices })), { fresh: true })
  await recordAudits(tx, created.map(({ input, row }) => ({ actor, councilId, action, entityType: 'contract', entityId: row.id, after: snapshot(row, input), at: now })))
  return rows
}

/**
 * Replaces the fields of many contracts already read with their details (an import's checked inputs): one set-wise
 * update, then the suppliers, notices and audit entries of all of them in multi-row statements.
 */
export async function updateContracts(tx: Executor, councilId: string, changes: { before: ContractRecord; input: ContractInput }[], actor: Actor, now: Date, action = 'update') {
  if (changes.length === 0) return
  // One statement per 5,000 contracts (ADR 0041): each update's row is the one read before with the new values set.
  const sets = changes.map(({ before, input }) => ({ key: before.id, set: toValues(input, now) }))
  await updateRows(tx, contracts, contracts.id, sets, eq(contracts.councilId, councilId))
  const rows: ContractRow[] = changes.map(({ before }, i) => asUpdated(contracts, before, sets[i]!.set))
  await repo.replaceLinksMany(tx, councilId, changes.map(({ before, input }) => ({ contractId: before.id, providerIds: [...new Set(input.supplierIds)], notices: input.notices })))
  await recordAudits(
    tx,
    changes.map(({ before, input }, i) => ({ actor, councilId, action, entityType: 'contract', entityId: before.id, before: snapshot(before, inputOf(before)), after: snapshot(rows[i]!, input), at: now })),
  )
}

export function contractHistory(db: Executor, councilId: string, id: string): Promise<HistoryEntry[]> {
  return historyOf(db, { councilId, entityType: 'contract', entityId: id })
}

// ---------- KPIs, assessments, modifications ----------

export const kpisOf = repo.kpisOf
export const assessmentsOf = repo.assessmentsOf
export const modificationsOf = repo.modificationsOf
/** KPIs with their contract's term and suppliers, for the providers' KPI returns (ADR 0047). */
export const kpisWithSuppliers = repo.kpisWithSuppliers

export async function addKpi(tx: Executor, councilId: string, contractId: string, kpi: { name: string; target: string }, actor: Actor, now: Date) {
  const [row] = await tx.insert(contractKpis).values({ contractId, councilId, name: kpi.name, target: kpi.target, createdAt: now }).returning()
  await recordAudit(tx, { actor, councilId, action: 'create', entityType: 'contract-kpi', entityId: row!.id, after: row, at: now })
  await recordAudit(tx, { actor, councilId, action: 'add-kpi', entityType: 'contract', entityId: contractId, after: { kpi: `${kpi.name}: ${kpi.target}` }, at: now })
  return row!
}

export async function addAssessment(
  tx: Executor,
  councilId: string,
  contractId: string,
  assessment: { assessedOn: string; rating: AssessmentRating; notes: string | null },
  actor: Actor,
  now: Date,
) {
  const [row] = await tx.insert(contractAssessments).values({ contractId, councilId, ...assessment, createdAt: now }).returning()
  await recordAudit(tx, { actor, councilId, action: 'create', entityType: 'contract-assessment', entityId: row!.id, after: row, at: now })
  await recordAudit(tx, { actor, councilId, action: 'add-assessment', entityType: 'contract', entityId: contractId, after: { assessment: `${assessment.assessedOn} ${assessment.rating}` }, at: now })
  return row!
}

export interface ModificationProposal {
  modifiedOn: string
  description: string
  newValuePence: number
  newEndDate: string
  materialScopeChange: boolean
  economicBalanceToSupplier: boolean
  ground: Schedule8Ground | null
}

/** The term the Act measures a modification against: start to end, plus every extension option (s.74(3)(a)). */
function maximumTermMonths(contract: ContractRow, endDate: string): number {
  return monthsBetween(contract.startDate!, endDate) + contract.extensionOptions * (contract.extensionMonths ?? 0)
}

export class ModificationNotPossibleError extends Error {}

/** What the Act says about a proposed change of value or term (adviseOnModification), for this contract. */
export async function adviseOn(db: Executor, councilId: string, contract: ContractRow, proposal: ModificationProposal): Promise<ModificationAdvice> {
  if (!contract.startDate || !contract.endDate || contract.totalValuePence === null) {
    throw new ModificationNotPossibleError('Record the contract’s start date, end date and total value before recording a modification')
  }
  const earlier = (await repo.modificationsOf(db, councilId, contract.id))
    .filter((m) => m.classification === 'below-threshold')
    .reduce((sum, m) => sum + Math.abs(m.valueAfterPence - m.valueBeforePence), 0)
  return adviseOnModification({
    category: contract.mainCategory as 'goods' | 'services' | 'works',
    lightTouch: contract.lightTouch,
    originalValuePence: contract.totalValuePence,
    newValuePence: proposal.newValuePence,
    originalTermMonths: maximumTermMonths(contract, contract.endDate),
    newTermMonths: maximumTermMonths(contract, proposal.newEndDate),
    date: proposal.modifiedOn,
    materialScopeChange: proposal.materialScopeChange,
    economicBalanceToSupplier: proposal.economicBalanceToSupplier,
    earlierBelowThresholdModificationsPence: earlier,
    ...(proposal.ground ? { ground: proposal.ground } : {}),
  })
}

/**
 * Stores a modification with the advice it was given. A permitted one also changes the contract's value and end
 * date; one the Act does not permit is kept on record (the officer has been told) but changes nothing.
 */
export async function recordModification(tx: Executor, councilId: string, contractId: string, proposal: ModificationProposal, actor: Actor, now: Date) {
  const contract = await repo.findById(tx, { councilId }, contractId)
  if (!contract) return undefined
  const advice = await adviseOn(tx, councilId, contract, proposal)
  const [row] = await tx
    .insert(contractModifications)
    .values({
      contractId,
      councilId,
      modifiedOn: proposal.modifiedOn,
      description: proposal.description,
      valueBeforePence: contract.totalValuePence!,
      valueAfterPence: proposal.newValuePence,
      termBeforeMonths: maximumTermMonths(contract, contract.endDate!),
      termAfterMonths: maximumTermMonths(contract, proposal.newEndDate),
      materialScopeChange: proposal.materialScopeChange,
      economicBalanceToSupplier: proposal.economicBalanceToSupplier,
      schedule8Ground: proposal.ground,
      classification: advice.classification,
      changeNoticeRequired: advice.changeNoticeRequired,
      publishWithin90Days: advice.publishWithin90Days,
      summary: advice.summary,
      cites: advice.cites,
      createdAt: now,
    })
    .returning()
  await recordAudit(tx, { actor, councilId, action: 'create', entityType: 'contract-modification', entityId: row!.id, after: row, at: now })
  if (advice.permitted) {
    const updated = await repo.update(tx, councilId, contractId, { totalValuePence: proposal.newValuePence, endDate: proposal.newEndDate, updatedAt: now })
    await recordAudit(tx, {
      actor,
      councilId,
      action: 'modify',
      entityType: 'contract',
      entityId: contractId,
      before: { totalValuePence: contract.totalValuePence, endDate: contract.endDate },
      after: { totalValuePence: updated.totalValuePence, endDate: updated.endDate, classification: advice.classification },
      at: now,
    })
  }
  return { modification: row!, advice }
}

// ---------- duties and attention ----------

export async function dutyOf(db: Executor, councilId: string, contractId: string, today: string): Promise<DutyCheck | undefined> {
  const [facts] = await repo.dutyFacts(db, councilId, [contractId])
  return facts ? checkKpiDuty(facts, today) : undefined
}

export const liveContractFacts = (db: Executor, councilId: string) => repo.dutyFacts(db, councilId)
/** Contracts with their values, terms and suppliers: what spend is measured against (RF-OVERSPEND's rule). */
export const contractValuesAndTerms = repo.valuesTermsAndSuppliers

export { addMonths }

/** The provider's contracts, with their suppliers: the council's own, or only published ones for the public page. */
export async function contractsOfProvider(db: Executor, scope: Scope, providerId: string, limit = 200): Promise<ContractRecord[]> {
  return withDetails(db, await repo.listForProvider(db, scope, providerId, limit))
}
