/** Demo providers (temporary direct insert until the provider service lands). */
import type { Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { providers } from './schema.ts'

export async function seedDemoProviders(
  tx: Executor,
  options: { councilId: string; actor: Actor; now: Date; variant: 'demo' | 'other' },
): Promise<{ providerIds: string[]; created: number }> {
  const rows = await tx
    .insert(providers)
    .values({ councilId: options.councilId, name: `Riverside Care ${options.variant}`, nameKey: 'riverside care', legalForm: 'company' })
    .returning()
  return { providerIds: rows.map((r) => r.id), created: rows.length }
}
