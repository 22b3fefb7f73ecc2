/** Scrutiny on a home page: decisions a councillor may still call in, their ward's picture, and call-ins awaiting an outcome. */
import type { AttentionSource } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import * as committees from './committees.ts'
import * as questions from './questions.ts'
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

/** For those who must act (officers who record the executive's response and answers): what is overdue. */
export const officerScrutinyAttention: AttentionSource = {
  permission: 'decisions:write',
  async items({ db, principal, now }) {
    const today = londonDate(now)
    const [recs, overdue, waiting] = await Promise.all([
      committees.overdueRecommendations(db, principal.councilId, today),
      questions.overdueQuestions(db, principal.councilId, today),
      questions.listQuestions(db, principal.councilId, { unanswered: true }),
    ])
    return [
      { count: recs.length, text: recs.length === 1 ? 'scrutiny recommendation with the executive’s response overdue' : 'scrutiny recommendations with the executive’s response overdue', href: `${paths.recommendations.list.href()}?filter=overdue` },
      { count: overdue.length, text: overdue.length === 1 ? 'councillor’s question with its answer overdue' : 'councillors’ questions with their answer overdue', href: `${paths.questions.list.href()}?filter=overdue` },
      { count: waiting.length, text: waiting.length === 1 ? 'councillor’s question awaiting an answer' : 'councillors’ questions awaiting an answer', href: `${paths.questions.list.href()}?filter=unanswered` },
    ]
  },
}

/** A councillor's own questions and their committees' recommendations still waiting on the executive. */
export const councillorAttention: AttentionSource = {
  permission: 'decisions:call-in',
  async items({ db, principal, now }) {
    const today = londonDate(now)
    const mine = await questions.listQuestions(db, principal.councilId, { askedById: principal.userId })
    const waiting = mine.filter((q) => !q.answeredOn)
    const seats = await committees.committeesOf(db, principal.councilId, principal.userId)
    const recs = seats.length ? await committees.listRecommendations(db, principal.councilId, { committeeIds: seats.map((s) => s.id) }) : []
    const overdue = recs.filter((r) => committees.recommendationState(r.recommendation, today).overdue)
    const own = paths.councillors.show.href({ id: principal.userId })
    return [
      { count: waiting.length, text: waiting.length === 1 ? 'of your questions awaiting an answer' : 'of your questions awaiting an answer', href: `${paths.questions.list.href()}?filter=mine` },
      { count: mine.length - waiting.length, text: mine.length - waiting.length === 1 ? 'of your questions answered' : 'of your questions answered', href: `${own}#questions` },
      { count: overdue.length, text: overdue.length === 1 ? 'recommendation of your committees with the executive’s response overdue' : 'recommendations of your committees with the executive’s response overdue', href: `${own}#recommendations` },
    ]
  },
}
