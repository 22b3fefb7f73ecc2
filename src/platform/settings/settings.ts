/**
 * Council settings (ADR 0012). A module declares a section: a name, a zod schema whose every field has a default,
 * and reads its values with `readSettings`. What is stored is merged over the defaults, so adding a setting later
 * needs no migration, and a value that no longer validates falls back to its default rather than breaking a page.
 */
import { and, eq } from 'drizzle-orm'
import type { z } from 'zod'
import { recordAudit, type Actor } from '../audit/audit.ts'
import type { Executor } from '../db/database.ts'
import { councilSettings } from './schema.ts'

export interface SettingsSection<S extends z.ZodObject> {
  name: string
  schema: S
}

export function settingsSection<S extends z.ZodObject>(name: string, schema: S): SettingsSection<S> {
  return { name, schema }
}

/** The council's settings for a section: stored values merged over the schema's defaults. */
export async function readSettings<S extends z.ZodObject>(
  db: Executor,
  councilId: string,
  section: SettingsSection<S>,
): Promise<z.output<S>> {
  const [row] = await db
    .select({ values: councilSettings.values })
    .from(councilSettings)
    .where(and(eq(councilSettings.councilId, councilId), eq(councilSettings.section, section.name)))
  const stored = (row?.values ?? {}) as Record<string, unknown>
  const defaults = section.schema.parse({}) as Record<string, unknown>
  const merged: Record<string, unknown> = { ...defaults }
  for (const [key, value] of Object.entries(stored)) {
    const field = section.schema.shape[key] as z.ZodType | undefined
    if (field && field.safeParse(value).success) merged[key] = value
  }
  return section.schema.parse(merged) as z.output<S>
}

/**
 * Replaces some of a council's settings in a section, with an audit entry. The values must already be valid (the
 * caller's form or API has checked them, so that it can say what is wrong); an invalid value here is a programming
 * error and throws.
 */
export async function writeSettings<S extends z.ZodObject>(
  tx: Executor,
  input: { actor: Actor; councilId: string; section: SettingsSection<S>; values: Partial<z.input<S>>; now: Date },
): Promise<z.output<S>> {
  const before = await readSettings(tx, input.councilId, input.section)
  const after = input.section.schema.parse({ ...before, ...input.values }) as z.output<S>
  await tx
    .insert(councilSettings)
    .values({ councilId: input.councilId, section: input.section.name, values: after, updatedAt: input.now })
    .onConflictDoUpdate({
      target: [councilSettings.councilId, councilSettings.section],
      set: { values: after, updatedAt: input.now },
    })
  await recordAudit(tx, {
    actor: input.actor,
    councilId: input.councilId,
    action: 'update',
    entityType: 'council-settings',
    entityId: `${input.councilId}:${input.section.name}`,
    before,
    after,
    at: input.now,
  })
  return after
}
