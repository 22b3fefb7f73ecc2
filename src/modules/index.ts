/** Every module Catalyst runs, in the order their navigation entries appear. */
import type { CatalystModule } from '../platform/modules.ts'
import { openApiModule } from '../platform/http/openapi.ts'
import { adminModule } from './admin/index.ts'
import { councilsModule } from './councils/index.ts'
import { providersModule } from './providers/index.ts'
import { providersOpenApi } from './providers/api-docs.ts'
import { spendModule } from './spend/index.ts'

export const modules: CatalystModule[] = [
  providersModule,
  spendModule,
  councilsModule,
  adminModule,
  openApiModule([{ name: 'providers', ...providersOpenApi }]),
]
