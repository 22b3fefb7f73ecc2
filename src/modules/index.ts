/** Every module Catalyst runs, in the order their navigation entries appear. */
import type { CatalystModule } from '../platform/modules.ts'
import { openApiModule } from '../platform/http/openapi.ts'
import { adminModule } from './admin/index.ts'
import { contractsModule } from './contracts/index.ts'
import { councilsModule } from './councils/index.ts'
import { marketModule } from './market/index.ts'
import { openDataOpenApi } from './open-data/api-docs.ts'
import { openDataModule } from './open-data/index.ts'
import { prioritiesModule } from './priorities/index.ts'
import { projectsModule } from './projects/index.ts'
import { redFlagsModule } from './red-flags/index.ts'
import { providersOpenApi } from './providers/api-docs.ts'
import { providersModule } from './providers/index.ts'
import { riskModule } from './risk/index.ts'
import { routeAdviceModule, routeAdviceOpenApi } from './route-advice/index.ts'
import { spendModule } from './spend/index.ts'
import { storiesModule } from './stories/index.ts'

export const modules: CatalystModule[] = [
  providersModule,
  contractsModule,
  spendModule,
  marketModule,
  redFlagsModule,
  riskModule,
  projectsModule,
  routeAdviceModule,
  storiesModule,
  prioritiesModule,
  councilsModule,
  openDataModule,
  adminModule,
  openApiModule([
    { name: 'providers', ...providersOpenApi },
    { name: 'route-advice', ...routeAdviceOpenApi },
    { name: 'open-data', ...openDataOpenApi },
  ]),
]
