/**
 * Every module Catalyst runs: the one list a new module joins. The order is the order of their entries within each
 * stage's navigation and of their demo seeds (after the waits their manifests declare).
 */
import type { CatalystModule } from '../platform/modules.ts'
import { openApiModule } from '../platform/http/openapi.ts'
import { identityProviderModule } from '../platform/auth/oidc/index.ts'
import { adminModule } from './admin/index.ts'
import { benchmarkingModule } from './benchmarking/index.ts'
import { contractsModule } from './contracts/index.ts'
import { councilsModule } from './councils/index.ts'
import { grantRoundsModule } from './grant-rounds/index.ts'
import { jobsModule } from './jobs/index.ts'
import { kpiReturnsModule } from './kpi-returns/index.ts'
import { marketModule } from './market/index.ts'
import { marketEngagementModule } from './market-engagement/index.ts'
import { openDataModule } from './open-data/index.ts'
import { prioritiesModule } from './priorities/index.ts'
import { pooledFundsModule } from './pooled-funds/index.ts'
import { pipelineModule } from './pipeline/index.ts'
import { opportunityDigestsModule } from './opportunity-digests/index.ts'
import { projectsModule } from './projects/index.ts'
import { redFlagsModule } from './red-flags/index.ts'
import { providersModule } from './providers/index.ts'
import { riskModule } from './risk/index.ts'
import { socialValueModule } from './social-value/index.ts'
import { routeAdviceModule } from './route-advice/index.ts'
import { scrutinyModule } from './scrutiny/index.ts'
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
  scrutinyModule,
  benchmarkingModule,
  grantRoundsModule,
  councilsModule,
  openDataModule,
  adminModule,
  jobsModule,
  socialValueModule,
  pooledFundsModule,
  kpiReturnsModule,
  pipelineModule,
  marketEngagementModule,
  opportunityDigestsModule,
  identityProviderModule,
]

// The API's description is assembled from the modules' own parts of it.
modules.push(openApiModule(modules))
