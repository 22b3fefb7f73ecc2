/**
 * The council's red flags: the rules run over its facts, with the officers' dismissals set beside them. A dismissal
 * is stored by the flag's key, so a flag that is dismissed stays dismissed while the facts behind it last, and one
 * the facts no longer raise is still listed with its reason until it is restored.
 */
import { and, asc, eq } from 'drizzle-orm'
import { enteredOrLastChangedBy, recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { accessSettings } from '../../platform/auth/access-settings.ts'
import type { Executor } from '../../platform/db/database.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { evaluateRedFlags, type RedFlag, type RedFlagRule } from '../../rules/red-flags/index.ts'
import type { FlagLink } from '../../rules/red-flags/types.ts'
import { loadRedFlagFacts } from './facts.ts'
import { redFlagDismissals } from './schema.ts'
import { redFlagSettings } from './settings.ts'

export interface Dismissal {
  flagKey: string
  ruleId: string
  reason: string
  dismissedBy: string
  /** Null for a dismissal stored before who dismissed it was kept by id (ADR 0062). */
  dismissedByUserId: string | null
  dismissedAt: Date
}

export interface RuleFlags {
  rule: RedFlagRule
  open: RedFlag[]
  dismissed: { flag: RedFlag | null; dismissal: Dismissal }[]
}

export async function listDismissals(db: Executor, councilId: string): Promise<Dismissal[]> {
  return db
    .select({ flagKey: redFlagDismissals.flagKey, ruleId: redFlagDismissals.ruleId, reason: redFlagDismissals.reason, dismissedBy: redFlagDismissals.dismissedBy, dismissedByUserId: redFlagDismissals.dismissedByUserId, dismissedAt: redFlagDismissals.dismissedAt })
    .from(redFlagDismissals)
    .where(eq(redFlagDismissals.councilId, councilId))
    .orderBy(asc(redFlagDismissals.dismissedAt))
}

/** Every rule with the flags it raises for the council today, open and dismissed. */
export async function councilRedFlags(db: Executor, councilId: string, today: string): Promise<RuleFlags[]> {
  const [facts, settings, dismissals] = await Promise.all([loadRedFlagFacts(db, councilId, today), readSettings(db, councilId, redFlagSettings), listDismissals(db, councilId)])
  const byKey = new Map(dismissals.map((d) => [d.flagKey, d]))
  return evaluateRedFlags(facts, settings).map(({ rule, flags }) => {
    const raised = new Set(flags.map((f) => f.key))
    return {
      rule,
      open: flags.filter((f) => !byKey.has(f.key)),
      dismissed: [
        ...flags.filter((f) => byKey.has(f.key)).map((flag) => ({ flag, dismissal: byKey.get(flag.key)! })),
        ...dismissals.filter((d) => d.ruleId === rule.id && !raised.has(d.flagKey)).map((dismissal) => ({ flag: null, dismissal })),
      ],
    }
  })
}

/** The flag with this key, if the rules raise it for the council today. */
export async function findFlag(db: Executor, councilId: string, today: string, key: string): Promise<{ rule: RedFlagRule; flag: RedFlag; dismissal: Dismissal | undefined } | undefined> {
  for (const group of await councilRedFlags(db, councilId, today)) {
    const open = group.open.find((f) => f.key === key)
    if (open) return { rule: group.rule, flag: open, dismissal: undefined }
    const dismissed = group.dismissed.find((d) => d.flag?.key === key)
    if (dismissed) return { rule: group.rule, flag: dismissed.flag!, dismissal: dismissed.dismissal }
  }
  return undefined
}

/** A record a flag rests on that the person asking entered or last changed. */
export interface OwnRecord {
  text: string
  href: string
  how: 'entered' | 'last changed' | 'entered and last changed'
}

/**
 * For each flag, the records it rests on (its links to contracts, providers and payees) that this person entered or
 * last changed, by the audit log. Separation of duties (ADR 0062): while the council keeps duties separate, these
 * people may not dismiss the flag.
 */
export async function ownRecordsOf(db: Executor, councilId: string, flags: RedFlag[], userId: string | null): Promise<Map<string, OwnRecord[]>> {
  const result = new Map<string, OwnRecord[]>()
  if (!userId) return result
  const linked = flags.flatMap((flag) => flag.links.filter((l): l is FlagLink & { record: NonNullable<FlagLink['record']> } => !!l.record).map((link) => ({ flag, link })))
  const authors = await enteredOrLastChangedBy(db, councilId, linked.map(({ link }) => link.record))
  const key = (r: { entityType: string; entityId: string }) => `${r.entityType}:${r.entityId}`
  const byRecord = new Map(authors.map((a) => [key(a.record), a]))
  for (const { flag, link } of linked) {
    const author = byRecord.get(key(link.record))
    const entered = author?.enteredBy === userId
    const changed = author?.lastChangedBy === userId
    if (!entered && !changed) continue
    const own = result.get(flag.key) ?? []
    if (own.some((o) => o.href === link.href)) continue
    own.push({ text: link.text, href: link.href, how: entered && changed ? 'entered and last changed' : entered ? 'entered' : 'last changed' })
    result.set(flag.key, own)
  }
  return result
}

/** Whether the council lets an officer dismiss a flag on a record of their own (ADR 0062): no, unless it says so. */
export async function separatesDuties(db: Executor, councilId: string): Promise<boolean> {
  return !(await readSettings(db, councilId, accessSettings)).dismissFlagsOnOwnRecords
}

export async function dismissFlag(tx: Executor, input: { councilId: string; flag: RedFlag; reason: string; actor: Actor; now: Date }): Promise<void> {
  const row = {
    councilId: input.councilId,
    flagKey: input.flag.key,
    ruleId: input.flag.ruleId,
    reason: input.reason,
    dismissedBy: input.actor.label,
    dismissedByUserId: input.actor.userId,
    dismissedAt: input.now,
  }
  await tx
    .insert(redFlagDismissals)
    .values(row)
    .onConflictDoUpdate({
      target: [redFlagDismissals.councilId, redFlagDismissals.flagKey],
      set: { reason: row.reason, dismissedBy: row.dismissedBy, dismissedByUserId: row.dismissedByUserId, dismissedAt: row.dismissedAt },
    })
  await recordAudit(tx, {
    actor: input.actor,
    councilId: input.councilId,
    action: 'dismiss',
    entityType: 'red-flag',
    entityId: input.flag.key,
    after: { ruleId: input.flag.ruleId, summary: input.flag.summary, reason: input.reason, dismissedBy: row.dismissedBy, dismissedByUserId: row.dismissedByUserId, dismissedAt: row.dismissedAt },
    at: input.now,
  })
}

/** Restores a dismissed flag; false when the council had not dismissed it. */
export async function restoreFlag(tx: Executor, input: { councilId: string; key: string; actor: Actor; now: Date }): Promise<boolean> {
  const [removed] = await tx
    .delete(redFlagDismissals)
    .where(and(eq(redFlagDismissals.councilId, input.councilId), eq(redFlagDismissals.flagKey, input.key)))
    .returning()
  if (!removed) return false
  await recordAudit(tx, {
    actor: input.actor,
    councilId: input.councilId,
    action: 'restore',
    entityType: 'red-flag',
    entityId: input.key,
    before: { ruleId: removed.ruleId, reason: removed.reason, dismissedBy: removed.dismissedBy, dismissedByUserId: removed.dismissedByUserId, dismissedAt: removed.dismissedAt },
    at: input.now,
  })
  return true
}
