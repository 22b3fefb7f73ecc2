/**
 * Social value on a home page: for officers who verify, the returns awaiting verification; for a provider, its
 * commitments due within the council's reminder window (or overdue) with nothing reported.
 */
import type { AttentionSource } from '../../platform/modules.ts'
import { readSettings } from '../../platform/settings/settings.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { awaitingVerification, commitmentsWhere, returnsDue } from './commitments.ts'
import { socialValueSettings } from './settings.ts'

export const socialValueAttention: AttentionSource[] = [
  {
    permission: 'social-value:manage',
    async items({ db, principal }) {
      const n = (await awaitingVerification(db, principal.councilId)).length
      return [{ count: n, text: `social value ${n === 1 ? 'return' : 'returns'} awaiting verification`, href: `${paths.socialValue.commitments.href()}#awaiting`, stage: 'do' }]
    },
  },
  {
    permission: 'social-value:report-own',
    async items({ db, principal, now }) {
      if (!principal.providerId) return []
      const settings = await readSettings(db, principal.councilId, socialValueSettings)
      const until = londonDate(new Date(now.getTime() + settings.reminderDays * 86_400_000))
      const n = returnsDue(await commitmentsWhere(db, principal.councilId, { providerId: principal.providerId }), until).length
      return [{ count: n, text: `social value ${n === 1 ? 'return' : 'returns'} due`, href: paths.socialValue.provider.href({ id: principal.providerId }), stage: 'do' }]
    },
  },
]
