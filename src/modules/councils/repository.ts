/** SQL for councils. */
import { asc, eq, ilike, or, sql } from 'drizzle-orm'
import type { Executor } from '../../platform/db/database.ts'
import { councils } from './schema.ts'

export type CouncilRow = typeof councils.$inferSelect
export type NewCouncil = typeof councils.$inferInsert

/** Finds a council by its short code, GSS code, GB-LAE code or `GB-LAE-xxx` identifier, ignoring case. */
export async function findByAnyCode(db: Executor, code: string): Promise<CouncilRow | undefined> {
  const value = code.trim().toUpperCase()
  const lae = value.startsWith('GB-LAE-') ? value.slice('GB-LAE-'.length) : value
  const [row] = await db
    .select()
    .from(councils)
    .where(or(eq(sql`upper(${councils.code})`, value), eq(councils.gssCode, value), eq(councils.laeCode, lae)))
    .limit(1)
  return row
}

export async function findById(db: Executor, id: string): Promise<CouncilRow | undefined> {
  const [row] = await db.select().from(councils).where(eq(councils.id, id))
  return row
}

export async function listAll(db: Executor): Promise<CouncilRow[]> {
  return db.select().from(councils).orderBy(asc(councils.name))
}

/** Councils whose name contains the text, ignoring case (LIKE wildcards in the text are matched literally). */
export async function listByName(db: Executor, text: string): Promise<CouncilRow[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return db.select().from(councils).where(ilike(councils.name, pattern)).orderBy(asc(councils.name))
}

export async function insert(db: Executor, council: NewCouncil): Promise<CouncilRow> {
  const [row] = await db.insert(councils).values(council).returning()
  return row!
}

export async function update(db: Executor, id: string, changes: Partial<NewCouncil>): Promise<CouncilRow> {
  const [row] = await db.update(councils).set(changes).where(eq(councils.id, id)).returning()
  return row!
}

export async function countAll(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(councils)
  return row?.n ?? 0
}
