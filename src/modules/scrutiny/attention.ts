/** Scrutiny on a home page: decisions a councillor may still call in, their ward's picture, and call-ins awaiting an outcome. */
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import * as service from './service.ts'

export const callInAttention: AttentionSource = {
  permission: 'decisions:call-in',
  async items({ db, principal, now }) {
    const open = await service.openForCallIn(db, principal.councilId, londonDate(now))
    const items = [{ count: open.length, text: open.length === 1 ? 'decision open for call-in' : 'decisions open for call-in', href: `${paths.decisions.list.href()}?filter=call-in` }]
    const ward = await service.wardOfCouncillor(db, principal.councilId, principal.userId)
    if (ward) {
      const picture = await service.wardPicture(db, principal.councilId, ward)
      const at = (anchor: string) => `${paths.wards.show.href({ id: ward.id })}#${anchor}`
      items.push(
        { count: picture.stories.length, text: `${picture.stories.length === 1 ? 'story' : 'stories'} from residents of ${ward.name}`, href: at('stories') },
        { count: picture.contracts.length, text: `${picture.contracts.length === 1 ? 'contract' : 'contracts'} delivered in ${ward.name}`, href: at('contracts') },
        { count: picture.providers.length, text: `${picture.providers.length === 1 ? 'provider' : 'providers'} based in ${ward.name}`, href: at('providers') },
        { count: picture.ideas.length, text: `priorities ${picture.ideas.length === 1 ? 'idea' : 'ideas'} for ${ward.name}`, href: at('ideas') },
      )
    }
    return items
  },
}

export const outcomeAttention: AttentionSource = {
  permission: 'decisions:write',
  async items({ db, principal }) {
    const waiting = await service.awaitingOutcome(db, principal.councilId)
    return [{ count: waiting.length, text: waiting.length === 1 ? 'call-in awaiting its outcome' : 'call-ins awaiting their outcome', href: `${paths.decisions.list.href()}?filter=awaiting-outcome` }]
  },
}
