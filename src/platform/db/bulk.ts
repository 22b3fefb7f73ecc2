/**
 * Set-wise statements for imports: many rows in one plain parameterised statement, whichever driver runs it.
 *
 * Drizzle's multi-row insert gives every value its own parameter, and building that statement (an object per value,
 * walked and escaped in JavaScript) cost more than the database took to store the rows: 10,000 contracts spent most
 * of their import there (ADR 0035). Here each column is one text array parameter, and the database turns the arrays
 * back into rows (`unnest`) and each field into its column's type, so the statement's size does not grow with the
 * rows and a chunk of thousands of rows is one round trip.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from './database.ts'

/** Rows per statement: large enough that round trips do not count, small enough to keep one chunk's text small. */
const CHUNK = 5_000

/** A value as the text PostgreSQL reads for its column: the column's own driver mapping, then as text. */
function asText(column: PgColumn, value: unknown): string | null {
  if (value === null || value === undefined) return null
  const driverValue: unknown = column.mapToDriverValue(value)
  if (driverValue === null || driverValue === undefined) return null
  if (typeof driverValue === 'string') return driverValue
  if (driverValue instanceof Date) return driverValue.toISOString()
  if (typeof driverValue === 'object') return JSON.stringify(driverValue)
  return String(driverValue)
}

/**
 * Inserts rows into a table in a few statements, without returning them (give ids the database would otherwise
 * make, e.g. `randomUUID()`, when the caller needs them). A column is written when any row gives it; every row must
 * then give it (null for none): a database default cannot apply to some rows of an array and not others.
 */
export async function insertRows<T extends PgTable>(executor: Executor, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][]
  const used = columns.filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined))
  for (const [key, column] of used) {
    if (column.hasDefault && rows.some((row) => (row as Record<string, unknown>)[key] === undefined)) {
      throw new Error(`insertRows into ${getTableName(table)}: some rows give ${key} and some leave it to its default`)
    }
  }
  const names = sql.join(
    used.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  )
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK) as Record<string, unknown>[]
    const arrays = used.map(([key, column]) => sql`${sql.param(chunk.map((row) => asText(column, row[key])))}::text[]`)
    const fields = used.map(([, column], i) => sql.raw(`c${i}::${column.getSQLType()}`))
    const aliases = sql.raw(used.map((_, i) => `c${i}`).join(', '))
    await executor.execute(
      sql`insert into ${table} (${names}) select ${sql.join(fields, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as t(${aliases})`,
    )
  }
}

/**
 * The rows as the table now holds them, without reading them back: allowed only when every row gives every column
 * (ids, timestamps and all), so that no default or sequence chose a value the caller has not seen. Reading 10,000
 * rows back cost an import as much as writing them (ADR 0035).
 */
export function asStored<T extends PgTable>(table: T, rows: T['$inferInsert'][]): T['$inferSelect'][] {
  const keys = Object.keys(getTableColumns(table))
  for (const row of rows) {
    const missing = keys.find((key) => (row as Record<string, unknown>)[key] === undefined)
    if (missing) throw new Error(`asStored ${getTableName(table)}: a row does not give ${missing}, so the database chose it`)
  }
  return rows as T['$inferSelect'][]
}

/** `column = any($1)`: one array parameter for any number of values, where `inArray` takes one per value. */
export function anyOf(column: PgColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} = any(${sql.param(values.map(String))}::${sql.raw(column.getSQLType())}[])`
}

/**
 * Updates many rows, each found by its `key` column (and `where`, e.g. the council), in a few statements: one
 * `update … from unnest(…)` per chunk, where a statement per row cost a round trip and a plan each. Every row sets the
 * same columns (the first row's), so the arrays line up; a row that leaves one of them out is refused.
 */
export async function updateRows<T extends PgTable>(
  executor: Executor,
  table: T,
  key: PgColumn,
  rows: { key: string; set: Partial<T['$inferInsert']> }[],
  where?: SQL,
): Promise<void> {
  if (rows.length === 0) return
  const columns = getTableColumns(table) as Record<string, PgColumn>
  const keys = Object.keys(rows[0]!.set).filter((k) => (rows[0]!.set as Record<string, unknown>)[k] !== undefined)
  for (const k of keys) if (!columns[k]) throw new Error(`updateRows ${getTableName(table)}: no column ${k}`)
  for (const row of rows) {
    const set = row.set as Record<string, unknown>
    const given = Object.keys(set).filter((k) => set[k] !== undefined)
    if (given.length !== keys.length || keys.some((k) => set[k] === undefined)) {
      throw new Error(`updateRows ${getTableName(table)}: every row must set the same columns (${keys.join(', ')})`)
    }
  }
  const assignments = sql.raw(keys.map((k, i) => `"${columns[k]!.name}" = v.c${i}::${columns[k]!.getSQLType()}`).join(', '))
  const aliases = sql.raw(['k', ...keys.map((_, i) => `c${i}`)].join(', '))
  const keyMatch = sql.raw(`"${getTableName(table)}"."${key.name}" = v.k::${key.getSQLType()}`)
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK)
    const arrays = [
      sql`${sql.param(chunk.map((row) => row.key))}::text[]`,
      ...keys.map((k) => sql`${sql.param(chunk.map((row) => asText(columns[k]!, (row.set as Record<string, unknown>)[k])))}::text[]`),
    ]
    await executor.execute(
      sql`update ${table} set ${assignments} from unnest(${sql.join(arrays, sql`, `)}) as v(${aliases}) where ${keyMatch}${where ? sql` and ${where}` : sql``}`,
    )
  }
}

/** A row as an update of `set` leaves it, without reading it back (the columns it did not set are as `before`). */
export function asUpdated<T extends PgTable>(table: T, before: T['$inferSelect'], set: Partial<T['$inferInsert']>): T['$inferSelect'] {
  const row: Record<string, unknown> = {}
  for (const k of Object.keys(getTableColumns(table))) {
    const value = (set as Record<string, unknown>)[k]
    row[k] = value === undefined ? (before as Record<string, unknown>)[k] : value
  }
  return row as T['$inferSelect']
}
