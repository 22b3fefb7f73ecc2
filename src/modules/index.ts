/** Every module Catalyst runs, in the order their navigation entries appear. */
import type { CatalystModule } from '../platform/modules.ts'
import { openApiModule } from '../platform/http/openapi.ts'
import { adminModule } from './admin/index.ts'
import { councilsModule } from './councils/index.ts'
import { providersModule } from './providers/index.ts'
import { providersOpenApi } from './providers/api-docs.ts'
import { projectsModule } from './projects/index.ts'
import { routeAdviceModule, routeAdviceOpenApi } from './route-advice/index.ts'
import { storiesModule } from './stories/index.ts'
import { prioritiesModule } from './priorities/index.ts'

export const modules: CatalystModule[] = [
  providersModule,
  projectsModule,
  routeAdviceModule,
  councilsModule,
  storiesModule,
  prioritiesModule,
  adminModule,
  openApiModule([
    { name: 'providers', ...providersOpenApi },
    { name: 'route-advice', ...routeAdviceOpenApi },
  ]),
]
