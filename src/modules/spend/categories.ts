/**
 * A council's own names for its spend categories. Councils' files spell one category several ways ("Agency Staff",
 * "Agency staff costs", "AGENCY STAFF - ADULTS"); an officer maps the spellings onto one category name, and every
 * figure by category counts them as one. The payments and summaries keep the category as published: the mapping is
 * applied when the figures are read, so it can be undone at any time and an import never has to know about it.
 *
 * A mapping is one level deep: a name categories are mapped to is never itself mapped elsewhere, so a category
 * resolves in one look-up (mappedCategory) and a filter by a council category finds exactly its spellings.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { recordAudits, type Actor, type AuditEntryInput } from '../../platform/audit/audit.ts'
import { queryRows, type Database, type Executor } from '../../platform/db/database.ts'
import { spendCategoryMappings } from './schema.ts'

/** The longest council category name accepted (the files' own categories are rarely over 100 characters). */
export const CATEGORY_NAME_MAX = 200

/**
 * The category a summary or payment row counts under: its mapping where there is one, else the category as published.
 * `column` is the raw category ('' for none stated), e.g. sql`b.category` or sql`coalesce(s.category, '')`.
 */
export function mappedCategory(councilId: string, column: SQL): SQL {
  return sql`coalesce((select m.maps_to from spend_category_mappings m where m.council_id = ${councilId} and m.category = ${column}), ${column})`
}

/** The categories as published that count under a council category: its mapped spellings, and itself unless mapped away. */
export async function publishedCategoriesOf(db: Executor, councilId: string, category: string): Promise<string[]> {
  const rows = await queryRows<{ category: string; maps_to: string }>(
    db,
    sql`select category, maps_to from spend_category_mappings where council_id = ${councilId} and (maps_to = ${category} or category = ${category})`,
  )
  const mappedAway = rows.some((r) => r.category === category && r.maps_to !== category)
  const spellings = rows.filter((r) => r.maps_to === category).map((r) => r.category)
  return [...new Set(mappedAway ? spellings : [category, ...spellings])]
}

export interface PublishedCategory {
  /** As the files give it ('' for none stated). */
  category: string
  /** The council category it counts under, when mapped. */
  mapsTo: string | null
  payments: number
  amountPence: number
}

/** Every category the council's imported files use, across all years, with what each counts under. */
export async function publishedCategories(db: Executor, councilId: string): Promise<PublishedCategory[]> {
  const rows = await queryRows<{ category: string; maps_to: string | null; payments: string; amount: string }>(
    db,
    sql`select b.category, m.maps_to, sum(b.payments) as payments, sum(b.amount_pence) as amount
        from spend_by_month b
        left join spend_category_mappings m on m.council_id = b.council_id and m.category = b.category
        where b.council_id = ${councilId}
        group by b.category, m.maps_to
        order by lower(b.category), b.category`,
  )
  return rows.map((r) => ({ category: r.category, mapsTo: r.maps_to, payments: Number(r.payments), amountPence: Number(r.amount) }))
}

export class CategoryMappingError extends Error {
  constructor(
    readonly field: 'categories' | 'mapsTo',
    message: string,
  ) {
    super(message)
  }
}

const quoted = (category: string) => (category === '' ? '“Not stated”' : `“${category}”`)

/**
 * Maps published categories onto a council category name. A category mapped before moves to the new name; a
 * category that others were mapped onto takes them with it, so mappings stay one level deep. Each change is
 * audited with what the category counted under before and after.
 */
export async function mapCategories(
  db: Database,
  input: { councilId: string; categories: string[]; mapsTo: string; actor: Actor; now: Date },
): Promise<{ changed: number }> {
  const mapsTo = input.mapsTo.trim().replace(/\s+/g, ' ')
  const chosen = [...new Set(input.categories)]
  if (chosen.length === 0) throw new CategoryMappingError('categories', 'Select the categories to count as one')
  if (mapsTo === '') throw new CategoryMappingError('mapsTo', 'Enter the name to count the categories under')
  if (mapsTo.length > CATEGORY_NAME_MAX) throw new CategoryMappingError('mapsTo', `The category name must be ${CATEGORY_NAME_MAX} characters or fewer`)
  return db.transaction(async (tx) => {
    const council = input.councilId
    const known = new Set(
      (await queryRows<{ category: string }>(tx, sql`select distinct category from spend_by_month where council_id = ${council}`)).map((r) => r.category),
    )
    const unknown = chosen.filter((c) => !known.has(c))
    if (unknown.length > 0) throw new CategoryMappingError('categories', `${unknown.slice(0, 3).map(quoted).join(', ')} is not a category in the council’s spend files`)
    // The target must not itself count under another name, or its own spend and its new spellings would part.
    const [targetMapping] = await tx
      .select()
      .from(spendCategoryMappings)
      .where(and(eq(spendCategoryMappings.councilId, council), eq(spendCategoryMappings.category, mapsTo)))
    if (targetMapping && targetMapping.mapsTo !== mapsTo && !chosen.includes(mapsTo)) {
      throw new CategoryMappingError('mapsTo', `${quoted(mapsTo)} is already counted under ${quoted(targetMapping.mapsTo)}: enter ${quoted(targetMapping.mapsTo)} to add to it`)
    }
    const existing = await tx.select().from(spendCategoryMappings).where(eq(spendCategoryMappings.councilId, council))
    const before = new Map(existing.map((m) => [m.category, m.mapsTo]))
    // Spellings mapped onto a chosen category follow it to the new name.
    const followers = existing.filter((m) => chosen.includes(m.mapsTo) && !chosen.includes(m.category)).map((m) => m.category)
    const changes = [...chosen, ...followers]
      .map((category) => ({ category, from: before.get(category) ?? null, to: category === mapsTo ? null : mapsTo }))
      .filter((c) => c.from !== c.to)
    const toDelete = changes.filter((c) => c.to === null).map((c) => c.category)
    if (toDelete.length > 0) {
      await tx.delete(spendCategoryMappings).where(and(eq(spendCategoryMappings.councilId, council), inArray(spendCategoryMappings.category, toDelete)))
    }
    for (const change of changes.filter((c) => c.to !== null)) {
      await tx
        .insert(spendCategoryMappings)
        .values({ councilId: council, category: change.category, mapsTo: change.to!, updatedAt: input.now })
        .onConflictDoUpdate({ target: [spendCategoryMappings.councilId, spendCategoryMappings.category], set: { mapsTo: change.to!, updatedAt: input.now } })
    }
    await recordAudits(tx, changes.map((c) => auditOf(input, c.category, c.from, c.to)))
    return { changed: changes.length }
  })
}

/** Undoes one category's mapping: it counts under its own published name again. */
export async function unmapCategory(db: Database, input: { councilId: string; category: string; actor: Actor; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(spendCategoryMappings)
      .where(and(eq(spendCategoryMappings.councilId, input.councilId), eq(spendCategoryMappings.category, input.category)))
      .returning()
    const row = removed[0]
    if (!row) return false
    await recordAudits(tx, [auditOf(input, row.category, row.mapsTo, null)])
    return true
  })
}

function auditOf(input: { councilId: string; actor: Actor; now: Date }, category: string, from: string | null, to: string | null): AuditEntryInput {
  return {
    actor: input.actor,
    councilId: input.councilId,
    action: to === null ? 'delete' : from === null ? 'create' : 'update',
    entityType: 'spend-category',
    entityId: category === '' ? '(not stated)' : category,
    before: { category, countedUnder: from ?? category },
    after: { category, countedUnder: to ?? category },
    at: input.now,
  }
}
