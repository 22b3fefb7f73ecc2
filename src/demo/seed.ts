/**
 * The demo: two fictional councils (DEMO and OTHER, so that tenancy can be seen), a few real councils with their
 * ONS codes, a user for every role, and a register of providers. Loading it twice changes nothing.
 */
import { moduleDemoSeeds } from './module-demos.ts'
import { systemActor } from '../platform/audit/audit.ts'
import { addAccount } from '../platform/auth/accounts.ts'
import type { Role } from '../platform/auth/roles.ts'
import type { Database } from '../platform/db/database.ts'
import { findCouncil, upsertCouncil, type CouncilInput } from '../modules/councils/service.ts'
import { seedDemoProviders } from '../modules/providers/demo.ts'
import { seedDemoPartnerOrganisations } from '../modules/pooled-funds/demo.ts'
import { DEMO_USERS } from './users.ts'

export const DEMO_COUNCILS: CouncilInput[] = [
  { name: 'Demo Borough Council', code: 'DEMO', type: 'unitary', isTenant: true },
  { name: 'Other District Council', code: 'OTHER', type: 'district', isTenant: true },
]

/** Real councils, with the GSS codes ONS gives them (Harrogate was abolished on 31 March 2023). */
export const REAL_COUNCILS: CouncilInput[] = [
  { name: 'Middlesbrough Council', gssCode: 'E06000002', type: 'unitary' },
  { name: 'Royal Borough of Greenwich', gssCode: 'E09000011', type: 'london-borough' },
  { name: 'Cambridge City Council', gssCode: 'E07000008', type: 'district' },
  { name: 'North Yorkshire Council', gssCode: 'E06000065', type: 'unitary', startDate: '2023-04-01' },
]

const HARROGATE: CouncilInput = { name: 'Harrogate Borough Council', gssCode: 'E07000165', type: 'district', endDate: '2023-03-31' }

export { DEMO_USERS } from './users.ts'

export interface DemoResult {
  councilsCreated: number
  providersCreated: number
  usersCreated: number
  /** Sign-ins to print: the password is shown only when it was set in this run. */
  signIns: { email: string; role: Role; council: string; password: string | undefined }[]
}

export async function loadDemo(db: Database, options: { password: string | undefined; now: Date }): Promise<DemoResult> {
  const actor = systemActor('catalyst demo')
  return db.transaction(async (tx) => {
    let councilsCreated = 0
    for (const council of [...DEMO_COUNCILS, ...REAL_COUNCILS]) {
      const { outcome } = await upsertCouncil(tx, council, actor, options.now)
      if (outcome === 'created') councilsCreated++
    }
    const northYorkshire = await findCouncil(tx, 'E06000065')
    const { outcome } = await upsertCouncil(tx, { ...HARROGATE, successorId: northYorkshire!.id }, actor, options.now)
    if (outcome === 'created') councilsCreated++

    const demo = (await findCouncil(tx, 'DEMO'))!
    const other = (await findCouncil(tx, 'OTHER'))!
    const demoProviders = await seedDemoProviders(tx, { councilId: demo.id, actor, now: options.now, variant: 'demo' })
    const otherProviders = await seedDemoProviders(tx, { councilId: other.id, actor, now: options.now, variant: 'other' })

    // Before the users: the ICB's user speaks for a partner organisation.
    const partnerOrganisations = await seedDemoPartnerOrganisations(tx, options.now)

    let usersCreated = 0
    const signIns: DemoResult['signIns'] = []
    for (const user of DEMO_USERS) {
      const council = user.council === 'DEMO' ? demo : other
      const result = await addAccount(
        tx,
        {
          email: user.email,
          displayName: user.displayName,
          password: options.password,
          councilId: council.id,
          role: user.role,
          providerId: user.role === 'provider' ? demoProviders.providerIds[0] : undefined,
          partnerOrganisationId: user.partnerCode ? partnerOrganisations.get(user.partnerCode) : undefined,
        },
        actor,
        options.now,
        { resetPassword: options.password !== undefined },
      )
      if (result.createdUser) usersCreated++
      signIns.push({
        email: user.email,
        role: user.role,
        council: council.code,
        password: result.generatedPassword ?? (result.createdUser || options.password ? options.password : undefined),
      })
    }
    const context = {
      actor,
      now: options.now,
      demoCouncilId: demo.id,
      otherCouncilId: other.id,
      demoProviderIds: demoProviders.providerIds,
      otherProviderIds: otherProviders.providerIds,
    }
    for (const seed of moduleDemoSeeds) await seed(tx, context)
    return {
      councilsCreated,
      providersCreated: demoProviders.created + otherProviders.created,
      usersCreated,
      signIns,
    }
  })
}
