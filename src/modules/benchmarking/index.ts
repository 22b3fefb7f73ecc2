/** Benchmarking: published and computed indicators compared across comparator groups of councils (Review). */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { benchmarkingAttention } from './attention.ts'
import { seedBenchmarkingDemo } from './demo.ts'
import { registerBenchmarkingRoutes } from './routes.ts'
import { groupSearch, indicatorSearch } from './search.ts'

export const benchmarkingModule: CatalystModule = {
  name: 'benchmarking',
  stage: 'review',
  navigation: [
    { text: 'Benchmarking', href: paths.benchmarking.index.href(), permission: 'market:read', activeWhen: '/benchmarking' },
  ],
  attention: [benchmarkingAttention],
  search: [indicatorSearch, groupSearch],
  demo: { seed: seedBenchmarkingDemo, after: ['contracts', 'spend'] },
  register: registerBenchmarkingRoutes,
}
