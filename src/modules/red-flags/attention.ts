/** Red flags on a home page: the open (not dismissed) flags of each rule, each linking to that rule's flags. */
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { councilRedFlags } from './service.ts'

export const redFlagsAttention: AttentionSource = {
  permission: 'red-flags:read',
  async items({ db, principal, now }) {
    const groups = await councilRedFlags(db, principal.councilId, londonDate(now))
    return groups
      .filter((group) => group.open.length > 0)
      .map((group) => ({
        count: group.open.length,
        text: `open red ${group.open.length === 1 ? 'flag' : 'flags'}: ${group.rule.name.charAt(0).toLowerCase()}${group.rule.name.slice(1)}`,
        href: `${paths.redFlags.list.href()}?${new URLSearchParams({ rule: group.rule.id })}`,
      }))
  },
}
