/**
 * What the public pipeline says of market engagement on each entry: open until when, and how to take part; and, for
 * the council's own staff who run engagement, the link to open it or to see who is interested.
 */
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { formatDate } from '../../platform/dates.ts'
import type { Executor } from '../../platform/db/database.ts'
import { paths } from '../../paths.ts'
import { isOpen } from './rules.ts'
import { listEngagements } from './service.ts'

export interface EntryEngagement {
  open: boolean
  closes?: string
  takePartHref?: string
  staffHref?: string
  staffText?: string
}

export async function engagementLinks(db: Executor, councilId: string, today: string, principal: Principal | null): Promise<(entry: { id: string }) => EntryEngagement> {
  const engagements = new Map((await listEngagements(db, councilId)).map((e) => [e.subjectId, e]))
  const staff = principal !== null && principal.councilId === councilId
  const canRead = staff && can(principal, 'market:read')
  const canOpen = staff && can(principal, 'market:write')
  return (entry) => {
    const e = engagements.get(entry.id)
    const open = e !== undefined && isOpen(e, today)
    const result: EntryEngagement = { open }
    if (e && open) {
      result.closes = formatDate(e.closesOn)
      result.takePartHref = paths.marketEngagement.takePart.href({ id: e.id })
    }
    if (e && canRead) {
      result.staffHref = paths.marketEngagement.show.href({ id: e.id })
      result.staffText = `Market engagement: ${e.responses} ${e.responses === 1 ? 'provider' : 'providers'} interested`
    } else if (!e && canOpen) {
      result.staffHref = `${paths.marketEngagement.open.href()}?entry=${encodeURIComponent(entry.id)}`
      result.staffText = 'Open market engagement'
    }
    return result
  }
}
