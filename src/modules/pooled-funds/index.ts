/**
 * Pooled budgets with NHS partners (section 75 NHS Act 2006, the Better Care Fund): the agreement, its partners and
 * their contributions, the schemes it pays for joined to the contracts and grants that deliver them, the risk share
 * and the quarterly and year-end reports. Partner organisations' users see the funds their organisation is a party
 * to, and nothing else of the council (ADR 0039).
 */
import type { CatalystModule } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { pooledFundsAttention } from './attention.ts'
import { seedDemoPooledFunds } from './demo.ts'
import { registerPooledFundRoutes } from './routes.ts'
import { pooledFundsSearch } from './search.ts'

export const pooledFundsModule: CatalystModule = {
  name: 'pooled-funds',
  // Running the pool (its money in and out) is part of doing the commissioning; its reports feed Review.
  stage: 'do',
  navigation: [
    { text: 'Pooled funds', href: paths.pooledFunds.list.href(), permission: 'pooled-funds:read', activeWhen: '/pooled-funds' },
    // A partner's user has only this entry: no role holds both permissions.
    { text: 'Pooled funds', href: paths.pooledFunds.list.href(), permission: 'pooled-funds:read-own', activeWhen: '/pooled-funds' },
  ],
  settings: [
    {
      title: 'Partner organisations',
      description: 'The councils (by GSS code) and NHS bodies (by ODS code) a pooled fund can name as partners, imported from a CSV of codes and names.',
      href: paths.pooledFunds.organisations.href(),
    },
  ],
  attention: pooledFundsAttention,
  search: pooledFundsSearch,
  demo: { seed: seedDemoPooledFunds, after: ['contracts', 'spend'] },
  async register(app, context) {
    await registerPooledFundRoutes(app, context)
  },
}
