/**
 * The home page's benchmarking item: for each comparator group, the indicators on which the council is more than two
 * MADs worse than the group's median at its latest figure, linked to the group's report, which lists exactly those.
 * Only indicators that say which way is good can be worse. Each group costs three queries, whatever the number of
 * indicators (compareEach).
 */
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { compareEach } from './comparison.ts'
import { listGroups } from './groups.ts'
import { listIndicators } from './import.ts'

export const benchmarkingAttention: AttentionSource = {
  permission: 'market:read',
  async items({ db, principal }) {
    const [groups, indicators] = await Promise.all([listGroups(db, principal.councilId), listIndicators(db, principal.councilId)])
    const judged = indicators.filter((i) => i.polarity === 'high' || i.polarity === 'low')
    const items = []
    for (const group of groups) {
      const comparisons = await compareEach(db, { councilId: principal.councilId, groupId: group.id, indicators: judged.map((indicator) => ({ indicator })) })
      const worse = comparisons.filter((c) => c.subject.flag === 'worse').length
      if (worse > 0) items.push({ text: `${worse === 1 ? 'indicator' : 'indicators'} more than 2 MADs worse than the median of ${group.name}`, count: worse, href: paths.benchmarking.report.href({ id: group.id }) })
    }
    return items
  },
}
