/** Benchmarking: published and computed indicators compared across comparator groups of councils (Review). */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { registerBenchmarkingRoutes } from './routes.ts'

export const benchmarkingModule: CatalystModule = {
  name: 'benchmarking',
  stage: 'review',
  navigation: [
    { text: 'Benchmarking', href: paths.benchmarking.index.href(), permission: 'market:read', activeWhen: '/benchmarking' },
  ],
  register: registerBenchmarkingRoutes,
}
