/** Loads the demo providers through the register's own service, so they are checked and audited like any other. */
import type { Actor } from '../../platform/audit/audit.ts'
import type { Executor } from '../../platform/db/database.ts'
import { checkIdentifier } from './identifiers.ts'
import { completeDemo, DEMO_PROVIDERS, OTHER_PROVIDERS } from './demo-providers.ts'
import { createProvider, findDuplicates } from './service.ts'

/**
 * Adds the demo providers a council does not have yet (found by identifier or name), so running it twice adds
 * nothing. providerIds are in list order: the first of 'demo' is the one the demo provider user speaks for.
 */
export async function seedDemoProviders(
  tx: Executor,
  options: { councilId: string; actor: Actor; now: Date; variant: 'demo' | 'other' },
): Promise<{ providerIds: string[]; created: number }> {
  const providerIds: string[] = []
  let created = 0
  for (const demo of options.variant === 'demo' ? DEMO_PROVIDERS : OTHER_PROVIDERS) {
    const input = completeDemo(demo)
    // The demo writes identifiers as people do (a company number without its leading zero): normalise them.
    input.identifiers = input.identifiers.map((i) => {
      const check = checkIdentifier(i.scheme, i.identifier)
      if (!check.ok) throw new Error(`Demo provider ${input.name}: ${check.message}`)
      return { scheme: i.scheme, identifier: check.identifier }
    })
    const [existing] = await findDuplicates(tx, options.councilId, input)
    if (existing) {
      providerIds.push(existing.provider.id)
      continue
    }
    const result = await createProvider(tx, options.councilId, input, options.actor, options.now, { confirmDuplicate: true })
    if (result.outcome !== 'created') throw new Error(`Demo provider ${input.name} was not created`)
    providerIds.push(result.provider.id)
    created++
  }
  return { providerIds, created }
}
