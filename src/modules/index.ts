/** Every module Catalyst runs, in the order their navigation entries appear. */
import type { CatalystModule } from '../platform/modules.ts'
import { openApiModule } from '../platform/http/openapi.ts'
import { adminModule } from './admin/index.ts'
import { councilsModule } from './councils/index.ts'
import { providersModule } from './providers/index.ts'
import { providersOpenApi } from './providers/api-docs.ts'
import { contractsModule } from './contracts/index.ts'
import { openDataModule } from './open-data/index.ts'
import { openDataOpenApi } from './open-data/api-docs.ts'

export const modules: CatalystModule[] = [
  providersModule,
  contractsModule,
  openDataModule,
  councilsModule,
  adminModule,
  openApiModule([{ name: 'providers', ...providersOpenApi }, { name: 'open-data', ...openDataOpenApi }]),
]
