/**
 * Scrutiny's rules: wards imported and pictured, decisions planned, taken and published with their notice checked,
 * and call-ins within the council's period. The SQL is in repository.ts; the law's counting is in src/rules/scrutiny.
 */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { callInDeadline, clearDaysBetween, earliestDecisionDate, hasClearDaysNotice, isWithinCallIn, KEY_DECISION_NOTICE_CLEAR_DAYS } from '../../rules/scrutiny/calendar.ts'
import { keyDecisionReasons, type KeyDecisionReason } from '../../rules/scrutiny/key-decision.ts'
import { linkChoices } from '../projects/service.ts'
import { ideaChoices } from '../priorities/service.ts'
import { providerChoices } from '../providers/service.ts'
import { spendWithProviders } from '../spend/provider-spend.ts'
import { storiesInWard } from '../stories/service.ts'
import type { DecisionInput } from './forms.ts'
import * as repo from './repository.ts'
import { scrutinySettings } from './settings.ts'
import { readWardFile } from './ward-import.ts'

export type { DecisionRow, CallInRow, WardRecord } from './repository.ts'
export const listWards = repo.listWards
export const findWard = repo.findWard
export const listDecisions = repo.listDecisions
export const findDecision = repo.findDecision
export const decisionsOfProject = repo.decisionsOfProject
export const decisionsOfContract = repo.decisionsOfContract
export const wardOfCouncillor = repo.wardOfCouncillor
export const searchDecisions = repo.searchDecisions
export const wardIdsOfRecords = repo.wardIdsOfRecords

const audit = (tx: Executor, councilId: string, entityType: string, entityId: string, action: string, actor: Actor, now: Date, after: unknown, before?: unknown) =>
  recordAudit(tx, { actor, councilId, action, entityType, entityId, before, after, at: now })

// ---------- Wards ----------

export async function importWards(tx: Executor, council: { id: string; gssCode: string | null }, bytes: Buffer, actor: Actor, now: Date) {
  const reading = readWardFile(bytes, council.gssCode)
  if (reading.problems.length) return { outcome: 'problems' as const, ...reading }
  if (reading.wards.length === 0) {
    return { outcome: 'problems' as const, ...reading, problems: [{ line: 1, message: council.gssCode ? `No row is for this council (LAD code ${council.gssCode}); ${reading.otherCouncils} rows are for other councils` : 'The file has no wards' }] }
  }
  const counts = await repo.upsertWards(tx, council.id, reading.wards, now)
  await audit(tx, council.id, 'wards', council.id, 'import', actor, now, { ...counts, otherCouncils: reading.otherCouncils })
  return { outcome: 'imported' as const, ...counts, otherCouncils: reading.otherCouncils }
}

export async function addWardLink(tx: Executor, councilId: string, ward: repo.WardRecord, kind: repo.WardLinkKind, recordId: string, actor: Actor, now: Date) {
  const known =
    kind === 'contract'
      ? (await linkChoices(tx, councilId)).contracts.some((c) => c.id === recordId)
      : kind === 'provider'
        ? (await providerChoices(tx, councilId, [recordId])).length > 0
        : (await ideaChoices(tx, councilId, [recordId])).length > 0
  if (!known) return false
  await repo.addWardLink(tx, councilId, ward.id, kind, recordId, now)
  await audit(tx, councilId, 'ward', ward.id, `place-${kind}`, actor, now, { kind, recordId })
  return true
}

export async function setCouncillorWard(tx: Executor, councilId: string, ward: repo.WardRecord, userId: string, actor: Actor, now: Date) {
  await repo.setCouncillorWard(tx, councilId, userId, ward.id, now)
  await audit(tx, councilId, 'ward', ward.id, 'councillor', actor, now, { userId })
}

/** A ward's picture: residents' stories (matched by the ward's name), contracts delivered there, spend with providers based there, ideas. */
export async function wardPicture(db: Executor, councilId: string, ward: repo.WardRecord) {
  const links = await repo.wardLinksOf(db, councilId, ward.id)
  const ids = (kind: repo.WardLinkKind) => links.filter((l) => l.kind === kind).map((l) => l.recordId)
  const [stories, choices, providers, ideas, councillors] = await Promise.all([
    storiesInWard(db, councilId, ward.name),
    linkChoices(db, councilId),
    providerChoices(db, councilId, ids('provider')),
    ideaChoices(db, councilId, ids('idea')),
    repo.councillorsOfWard(db, councilId, ward.id),
  ])
  const contractIds = new Set(ids('contract'))
  const spend = await spendWithProviders(db, councilId, providers.map((p) => p.id))
  return {
    stories,
    contracts: choices.contracts.filter((c) => contractIds.has(c.id)),
    providers: providers.map((p) => ({ ...p, spendPence: spend.find((s) => s.providerId === p.id)?.totalPence ?? 0 })),
    spendPence: spend.reduce((sum, s) => sum + s.totalPence, 0),
    ideas,
    councillorIds: councillors.map((c) => c.userId),
  }
}

// ---------- Decisions ----------

export async function keyReasonsFor(db: Executor, councilId: string, input: Pick<DecisionInput, 'value' | 'wardIds' | 'judgedSignificant'>): Promise<KeyDecisionReason[]> {
  const settings = await readSettings(db, councilId, scrutinySettings)
  return keyDecisionReasons({ valuePence: input.value, wardsAffected: new Set(input.wardIds).size, thresholdPence: settings.keyDecisionThresholdPence, judgedSignificant: input.judgedSignificant })
}

export async function createDecision(tx: Executor, councilId: string, input: DecisionInput, actor: Actor, now: Date) {
  const wardIds = [...new Set(input.wardIds)]
  const known = new Set((await repo.listWards(tx, councilId)).map((w) => w.id))
  if (wardIds.some((id) => !known.has(id))) return { outcome: 'unknown-ward' as const }
  const keyReasons = await keyReasonsFor(tx, councilId, input)
  const row = await repo.insertDecision(tx, {
    councilId,
    projectId: input.projectId,
    title: input.title,
    makerKind: input.makerKind,
    makerName: input.makerName,
    plannedOn: input.plannedOn,
    noticePublishedOn: input.noticePublishedOn,
    valuePence: input.value,
    wardIds,
    judgedSignificant: input.judgedSignificant,
    keyReasons,
    urgency: input.urgency,
    urgencyReason: input.urgency === 'none' ? null : input.urgencyReason,
    optionsConsidered: input.optionsConsidered,
    documents: input.documents,
    documentsRequest: input.documentsRequest,
    createdAt: now,
    updatedAt: now,
  })
  await audit(tx, councilId, 'decision', row.id, 'create', actor, now, row)
  return { outcome: 'created' as const, decision: row }
}

export async function takeDecision(tx: Executor, decision: repo.DecisionRow, input: { outcome: string; reasons: string; decidedOn: string; publishedOn: string }, actor: Actor, now: Date) {
  if (input.publishedOn < input.decidedOn) return { outcome: 'published-before-decided' as const }
  const row = await repo.updateDecision(tx, decision.councilId, decision.id, { ...input, updatedAt: now })
  await audit(tx, decision.councilId, 'decision', decision.id, 'take', actor, now, input)
  return { outcome: 'taken' as const, decision: row }
}

export async function linkContract(tx: Executor, decision: repo.DecisionRow, contractId: string, actor: Actor, now: Date) {
  const { contracts } = await linkChoices(tx, decision.councilId)
  if (!contracts.some((c) => c.id === contractId)) return false
  await repo.linkContract(tx, decision.councilId, decision.id, contractId)
  await audit(tx, decision.councilId, 'decision', decision.id, 'link-contract', actor, now, { contractId })
  return true
}

export interface NoticeCheck {
  /** Clear days between the forward plan's notice and the decision; null when no notice was published. */
  clearDays: number | null
  met: boolean
  required: number
  /** The first day the decision could be taken with full notice. */
  earliest: string | null
}

export function noticeCheck(decision: repo.DecisionRow): NoticeCheck | null {
  if (decision.keyReasons.length === 0) return null
  const on = decision.decidedOn ?? decision.plannedOn
  if (!decision.noticePublishedOn) return { clearDays: null, met: false, required: KEY_DECISION_NOTICE_CLEAR_DAYS, earliest: null }
  return {
    clearDays: clearDaysBetween(decision.noticePublishedOn, on),
    met: hasClearDaysNotice(decision.noticePublishedOn, on),
    required: KEY_DECISION_NOTICE_CLEAR_DAYS,
    earliest: earliestDecisionDate(decision.noticePublishedOn),
  }
}

export interface CallInWindow {
  deadline: string
  open: boolean
  periodWorkingDays: number
}

export async function callInWindow(db: Executor, decision: repo.DecisionRow, today: string): Promise<CallInWindow | null> {
  if (!decision.publishedOn) return null
  const settings = await readSettings(db, decision.councilId, scrutinySettings)
  const holidays = new Set(settings.bankHolidays)
  return {
    deadline: callInDeadline(decision.publishedOn, settings.callInWorkingDays, holidays),
    open: isWithinCallIn(decision.publishedOn, today, settings.callInWorkingDays, holidays),
    periodWorkingDays: settings.callInWorkingDays,
  }
}

export const callInsOf = repo.callInsOf

export async function callIn(tx: Executor, decision: repo.DecisionRow, reasons: string, actor: Actor & { userId: string }, today: string, now: Date) {
  const window = await callInWindow(tx, decision, today)
  if (!window) return { outcome: 'not-published' as const }
  if (!window.open) return { outcome: 'closed' as const, deadline: window.deadline }
  const row = await repo.insertCallIn(tx, { decisionId: decision.id, councilId: decision.councilId, calledInById: actor.userId, calledInByName: actor.label, calledInOn: today, reasons, createdAt: now })
  await audit(tx, decision.councilId, 'decision', decision.id, 'call-in', actor, now, { reasons, calledInOn: today })
  return { outcome: 'called-in' as const, callIn: row }
}

export async function recordOutcome(tx: Executor, decision: repo.DecisionRow, input: { callInId: string; outcome: string; outcomeNote: string; outcomeOn: string }, actor: Actor, now: Date) {
  const row = await repo.recordCallInOutcome(tx, decision.councilId, input.callInId, input)
  if (!row || row.decisionId !== decision.id) return false
  await audit(tx, decision.councilId, 'decision', decision.id, 'call-in-outcome', actor, now, input)
  return true
}

/** Published decisions still inside their call-in period today, for a councillor's home page. */
export async function openForCallIn(db: Executor, councilId: string, today: string) {
  const all = await repo.listDecisions(db, councilId)
  const open = []
  for (const decision of all.filter((d) => d.publishedOn)) if ((await callInWindow(db, decision, today))?.open) open.push(decision)
  return open
}

export const awaitingOutcome = repo.awaitingOutcome
export const forwardPlan = repo.forwardPlan
export const contractIdsOfDecision = repo.contractIdsOfDecision
