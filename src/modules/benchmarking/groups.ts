/**
 * Comparator groups: the councils a council compares itself with, for one purpose. Three ways to build one:
 * - an uploaded list (CIPFA nearest neighbours or DfE statistical neighbours as councils hold them: a CSV of codes
 *   and names, in order), each line found by GSS code, GB-LAE code or name, the lines not found reported;
 * - the councils of the same type and region in the council list;
 * - Catalyst's nearest-neighbour model over indicators the council has imported (statistics.ts), each member kept
 *   with the variables that make it near or far.
 * Members can be added and removed by hand; every change is audited.
 */
import { parse } from 'csv-parse/sync'
import { and, asc, eq, inArray, max } from 'drizzle-orm'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import type { Database, Executor } from '../../platform/db/database.ts'
import { COUNCIL_TYPES, findCouncilById, type CouncilRow, type CouncilType } from '../councils/service.ts'
import { councils } from '../councils/schema.ts'
import { CouncilLookup } from './council-lookup.ts'
import type { RowProblem } from './read-indicators.ts'
import { comparatorGroups, comparatorMembers, benchmarkIndicators, benchmarkValues } from './schema.ts'
import { nearestNeighbours, type VariableGap } from './statistics.ts'

export const GROUP_METHODS = {
  uploaded: 'An uploaded list',
  'type-region': 'Councils of the same type and region',
  nearest: 'Nearest neighbours by Catalyst’s model',
} as const
export type GroupMethod = keyof typeof GROUP_METHODS

/** How many neighbours the model keeps, as CIPFA's published lists do. */
export const NEIGHBOURS = 15

export interface MemberExplanation {
  /** The subject's and the member's values of each variable, and the gaps in standard deviations. */
  variables: { name: string; subject: number; member: number }[]
  gaps: VariableGap[]
  near: string[]
  far: string[]
}

export type GroupOutcome = { ok: true; groupId: string; problems: RowProblem[] } | { ok: false; reason: string; problems?: RowProblem[] }

interface NewMember {
  councilId: string
  distance?: number
  explanation?: MemberExplanation
  source: 'list' | 'rule' | 'model'
}

async function createGroup(
  db: Database,
  input: { councilId: string; name: string; purpose: string; method: GroupMethod; model?: unknown; actor: Actor; now: Date },
  members: NewMember[],
): Promise<string> {
  return db.transaction(async (tx) => {
    const [group] = await tx
      .insert(comparatorGroups)
      .values({ councilId: input.councilId, name: input.name, purpose: input.purpose, method: input.method, model: input.model ?? null, createdAt: input.now, updatedAt: input.now })
      .returning()
    await tx.insert(comparatorMembers).values(
      members.map((m, i) => ({ groupId: group!.id, memberCouncilId: m.councilId, position: i + 1, distance: m.distance ?? null, explanation: m.explanation ?? null, source: m.source })),
    )
    await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'create', entityType: 'comparator-group', entityId: group!.id, after: { ...group, members: members.map((m) => m.councilId) }, at: input.now })
    return group!.id
  })
}

/** The lines of an uploaded list: a code and a name, the code or the name alone, with or without a header row. */
export function readCouncilList(bytes: Uint8Array): { ok: true; lines: { line: number; code: string; name: string }[] } | { ok: false; reason: string } {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' }
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'the file is not a CSV file (it contains binary data; save a spreadsheet as CSV first)' }
  let records: { record: string[]; info: { lines: number } }[]
  try {
    const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, trim: true }) as unknown as typeof records
  } catch (error) {
    return { ok: false, reason: `the file is not valid CSV (${(error as Error).message})` }
  }
  const first = records[0]?.record.map((c) => c.toLowerCase()) ?? []
  const header = first.some((c) => /\b(code|name|authority|council|area)\b/.test(c) && !/^[ew]\d{8}$/.test(c))
  const codeAt = header ? Math.max(0, first.findIndex((c) => /code/.test(c))) : 0
  const nameAt = header ? first.findIndex((c) => /name|authority|council|label/.test(c) && !/code/.test(c)) : 1
  const lines = (header ? records.slice(1) : records).map((r) => {
    const a = (r.record[codeAt] ?? '').trim()
    const b = nameAt >= 0 ? (r.record[nameAt] ?? '').trim() : ''
    // A single column of names: the "code" is a name.
    const isCode = /^([EWSN]\d{8}|(GB-LAE-)?[A-Z]{3,4})$/i.test(a) && !/\s/.test(a)
    return { line: r.info.lines, code: isCode ? a : '', name: isCode ? b : a || b }
  })
  if (lines.length === 0) return { ok: false, reason: 'the list has no councils' }
  return { ok: true, lines }
}

export async function createUploadedGroup(
  db: Database,
  input: { councilId: string; name: string; purpose: string; bytes: Uint8Array; actor: Actor; now: Date; today: string },
): Promise<GroupOutcome> {
  const list = readCouncilList(input.bytes)
  if (!list.ok) return list
  const lookup = await CouncilLookup.load(db, input.today)
  const problems: RowProblem[] = []
  const members: NewMember[] = []
  const seen = new Map<string, number>()
  for (const line of list.lines) {
    const found = lookup.find(line.code, line.name)
    if ('reason' in found) {
      problems.push({ line: line.line, reason: found.reason })
      continue
    }
    if (found.council.id === input.councilId) continue // Lists such as Oflog's include the council itself.
    const earlier = seen.get(found.council.id)
    if (earlier !== undefined) {
      problems.push({ line: line.line, reason: `${found.council.name} is also on line ${earlier}` })
      continue
    }
    seen.set(found.council.id, line.line)
    members.push({ councilId: found.council.id, source: 'list' })
  }
  if (members.length === 0) return { ok: false, reason: 'no line of the list is a council Catalyst knows', problems }
  return { ok: true, groupId: await createGroup(db, { ...input, method: 'uploaded' }, members), problems }
}

const isCurrent = (c: CouncilRow, today: string) => !c.endDate || c.endDate >= today

export async function createTypeRegionGroup(
  db: Database,
  input: { councilId: string; name: string; purpose: string; actor: Actor; now: Date; today: string },
): Promise<GroupOutcome> {
  const subject = (await findCouncilById(db, input.councilId))!
  if (!subject.region) return { ok: false, reason: `the council list gives ${subject.name} no region: import a council list with regions (mySociety’s, or ONS’s lookup of districts to regions)` }
  const lookup = await CouncilLookup.load(db, input.today)
  const members = lookup.all
    .filter((c) => c.id !== subject.id && c.type === subject.type && c.region === subject.region && isCurrent(c, input.today))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
  if (members.length === 0) return { ok: false, reason: `no other ${COUNCIL_TYPES[subject.type as CouncilType].toLowerCase()} in ${subject.region} is in the council list` }
  const model = { type: subject.type, region: subject.region }
  return { ok: true, groupId: await createGroup(db, { ...input, method: 'type-region', model }, members.map((c) => ({ councilId: c.id, source: 'rule' as const }))), problems: [] }
}

export interface ModelVariable {
  indicatorId: string
  name: string
  period: string
}

/**
 * The nearest neighbours over the chosen indicators, each at the latest period the council itself has a figure for.
 * The councils compared are those with a figure for every variable (of the same type, if asked).
 */
export async function createNearestGroup(
  db: Database,
  input: { councilId: string; name: string; purpose: string; indicatorIds: string[]; sameType: boolean; actor: Actor; now: Date; today: string },
): Promise<GroupOutcome> {
  const subject = (await findCouncilById(db, input.councilId))!
  const indicators = await db
    .select()
    .from(benchmarkIndicators)
    .where(and(eq(benchmarkIndicators.councilId, input.councilId), inArray(benchmarkIndicators.id, input.indicatorIds)))
  if (indicators.length === 0) return { ok: false, reason: 'choose at least one indicator for the model' }
  const values = await db.select().from(benchmarkValues).where(inArray(benchmarkValues.indicatorId, indicators.map((i) => i.id)))
  const variables: ModelVariable[] = []
  for (const indicator of indicators) {
    const own = values
      .filter((v) => v.indicatorId === indicator.id && v.areaCouncilId === subject.id)
      .sort((a, b) => (b.periodStart ?? '').localeCompare(a.periodStart ?? '') || b.period.localeCompare(a.period))
    if (!own[0]) return { ok: false, reason: `${subject.name} has no figure for ${indicator.name}: import one, or choose other indicators` }
    variables.push({ indicatorId: indicator.id, name: indicator.name, period: own[0].period })
  }
  const lookup = await CouncilLookup.load(db, input.today)
  const figure = new Map(values.map((v) => [`${v.indicatorId}|${v.areaCouncilId}|${v.period}`, v.value]))
  const rowOf = (councilId: string) => variables.map((v) => figure.get(`${v.indicatorId}|${councilId}|${v.period}`))
  const table = new Map<string, number[]>()
  for (const council of lookup.all) {
    if (!isCurrent(council, input.today)) continue
    if (input.sameType && council.type !== subject.type) continue
    const row = rowOf(council.id)
    if (row.every((x) => x !== undefined)) table.set(council.id, row as number[])
  }
  if (!table.has(subject.id)) table.set(subject.id, rowOf(subject.id) as number[])
  if (table.size < 3) return { ok: false, reason: `only ${table.size - 1} other ${table.size - 1 === 1 ? 'council has' : 'councils have'} figures for every chosen indicator: the model needs at least 2` }
  const names = variables.map((v) => `${v.name} (${v.period})`)
  const nearest = nearestNeighbours(subject.id, table, names, NEIGHBOURS)
  const own = table.get(subject.id)!
  const members: NewMember[] = nearest.map((n) => ({
    councilId: n.key,
    distance: n.distance,
    source: 'model',
    explanation: { variables: names.map((name, j) => ({ name, subject: own[j]!, member: table.get(n.key)![j]! })), gaps: n.gaps, near: n.near, far: n.far },
  }))
  const model = { variables, sameType: input.sameType, compared: table.size, method: 'z-scores, Euclidean distance', neighbours: NEIGHBOURS }
  return { ok: true, groupId: await createGroup(db, { ...input, method: 'nearest', model }, members), problems: [] }
}

export async function listGroups(db: Executor, councilId: string) {
  return db.select().from(comparatorGroups).where(eq(comparatorGroups.councilId, councilId)).orderBy(asc(comparatorGroups.name))
}

export async function findGroup(db: Executor, councilId: string, id: string) {
  const [group] = await db.select().from(comparatorGroups).where(and(eq(comparatorGroups.id, id), eq(comparatorGroups.councilId, councilId)))
  return group
}

/** The group's members in order, each with its council: one query, however many members. */
export async function groupMembers(db: Executor, groupId: string) {
  const rows = await db
    .select({ member: comparatorMembers, council: councils })
    .from(comparatorMembers)
    .innerJoin(councils, eq(councils.id, comparatorMembers.memberCouncilId))
    .where(eq(comparatorMembers.groupId, groupId))
    .orderBy(asc(comparatorMembers.position))
  return rows.map(({ member, council }) => ({ ...member, explanation: member.explanation as MemberExplanation | null, council: council as CouncilRow }))
}

export async function addMember(db: Database, input: { councilId: string; groupId: string; code: string; actor: Actor; now: Date; today: string }): Promise<{ ok: true; council: CouncilRow } | { ok: false; reason: string }> {
  const lookup = await CouncilLookup.load(db, input.today)
  const text = input.code.trim()
  const found = /^([EWSN]\d{8}|(GB-LAE-)?[A-Z]{3,5})$/i.test(text) ? lookup.find(text, '') : lookup.find('', text)
  if ('reason' in found) return { ok: false, reason: found.reason }
  if (found.council.id === input.councilId) return { ok: false, reason: 'a council is always compared with its group; it is not a member of it' }
  return db.transaction(async (tx) => {
    const [held] = await tx.select().from(comparatorMembers).where(and(eq(comparatorMembers.groupId, input.groupId), eq(comparatorMembers.memberCouncilId, found.council.id)))
    if (held) return { ok: false as const, reason: `${found.council.name} is already in the group` }
    const [last] = await tx.select({ position: max(comparatorMembers.position) }).from(comparatorMembers).where(eq(comparatorMembers.groupId, input.groupId))
    await tx.insert(comparatorMembers).values({ groupId: input.groupId, memberCouncilId: found.council.id, position: (last?.position ?? 0) + 1, source: 'added' })
    await tx.update(comparatorGroups).set({ updatedAt: input.now }).where(eq(comparatorGroups.id, input.groupId))
    await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'add-member', entityType: 'comparator-group', entityId: input.groupId, after: { council: found.council.name, code: found.council.code }, at: input.now })
    return { ok: true as const, council: found.council }
  })
}

export async function removeMember(db: Database, input: { councilId: string; groupId: string; memberCouncilId: string; actor: Actor; now: Date }): Promise<CouncilRow | undefined> {
  return db.transaction(async (tx) => {
    const [held] = await tx.select().from(comparatorMembers).where(and(eq(comparatorMembers.groupId, input.groupId), eq(comparatorMembers.memberCouncilId, input.memberCouncilId)))
    if (!held) return undefined
    const council = (await findCouncilById(tx, input.memberCouncilId))!
    await tx.delete(comparatorMembers).where(and(eq(comparatorMembers.groupId, input.groupId), eq(comparatorMembers.memberCouncilId, input.memberCouncilId)))
    await tx.update(comparatorGroups).set({ updatedAt: input.now }).where(eq(comparatorGroups.id, input.groupId))
    await recordAudit(tx, { actor: input.actor, councilId: input.councilId, action: 'remove-member', entityType: 'comparator-group', entityId: input.groupId, before: { council: council.name, code: council.code, position: held.position, source: held.source, distance: held.distance }, at: input.now })
    return council
  })
}
