/**
 * The council's public scrutiny pages, for anyone with no sign-in, like the public forward plan (ADR 0050):
 * committees with their members and work programmes; recommendations with the executive's response, its due date,
 * state and implementation, where the council publishes them; councillors' answered questions where it publishes
 * them, leaving out any an officer marked not for publication. Each list has a CSV through the one safe CSV writer.
 * Anything not published answers 404, never 403, so a public address does not tell that a record exists.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { csvDocument } from '../../platform/csv.ts'
import { formatDate } from '../../platform/dates.ts'
import { NotFoundError } from '../../platform/http/authentication.ts'
import { escapeHtml } from '../../platform/http/html.ts'
import { isUuid } from '../../platform/ids.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { londonDate } from '../contracts/dates.ts'
import { findCouncil, type CouncilRow } from '../councils/service.ts'
import * as committees from './committees.ts'
import { COMMITTEE_ROLES, IMPLEMENTATION, RESPONSES } from './forms.ts'
import { publicationOf, publicQuestions, questionWithheldBecause } from './publication.ts'
import * as questions from './questions.ts'
import * as service from './service.ts'

type Params = { council: string; id?: string }
const link = (href: string, text: string) => ({ html: `<a class="govuk-link" href="${href}">${escapeHtml(text)}</a>` })
const responseText = (r: committees.RecommendationRow) => (r.response ? RESPONSES[r.response as keyof typeof RESPONSES] : '')
const implementationText = (r: committees.RecommendationRow) => (r.implementation ? IMPLEMENTATION[r.implementation as keyof typeof IMPLEMENTATION] : '')

export function registerPublicScrutinyRoutes(app: FastifyInstance, context: AppContext) {
  const { db } = context
  const today = () => londonDate(context.clock())
  // Absolute links in downloads (a spreadsheet has no page to resolve them against), on the configured address.
  const absolute = (href: string) => `${context.config.publicUrl.replace(/\/$/, '')}${href}`

  const councilOf = async (request: FastifyRequest): Promise<CouncilRow> => {
    const council = await findCouncil(db, (request.params as Params).council)
    if (!council || !council.isTenant) throw new NotFoundError('Council')
    return council
  }
  const idOf = (request: FastifyRequest) => {
    const id = (request.params as Params).id ?? ''
    return isUuid(id) ? id : undefined
  }

  /** The decisions on the council's public forward plan, by id, with the address of each one's entry there. */
  const forwardPlanEntries = async (council: CouncilRow) => {
    const plan = await service.forwardPlan(db, council.id)
    return new Map(plan.map((d) => [d.id, { title: d.title, href: `${paths.forwardPlan.page.href({ council: council.code })}#decision-${d.id}` }]))
  }

  const recommendationsOf = async (council: CouncilRow) => {
    const publication = await publicationOf(db, council.id)
    if (!publication.recommendations) throw new NotFoundError('Recommendations')
    return committees.listRecommendations(db, council.id)
  }
  const questionsOf = async (council: CouncilRow) => {
    const publication = await publicationOf(db, council.id)
    if (!publication.questions) throw new NotFoundError('Questions')
    return publicQuestions(db, council.id)
  }

  app.get(paths.publicScrutiny.index.pattern, async (request, reply) => {
    const council = await councilOf(request)
    const [publication, list] = await Promise.all([publicationOf(db, council.id), committees.listCommittees(db, council.id)])
    return reply.view('scrutiny/views/public-index.njk', {
      pageTitle: `Overview and scrutiny: ${council.name}`,
      council,
      publication,
      committees: list.map((c) => ({ ...c, href: paths.publicScrutiny.committee.href({ council: council.code, id: c.id }) })),
    })
  })

  app.get(paths.publicScrutiny.committee.pattern, async (request, reply) => {
    const council = await councilOf(request)
    const id = idOf(request)
    const committee = id ? await committees.findCommittee(db, council.id, id) : undefined
    if (!committee) throw new NotFoundError('Committee')
    const [publication, members] = await Promise.all([publicationOf(db, council.id), committees.membersOf(db, council.id, committee.id)])
    const recs = publication.recommendations ? await committees.listRecommendations(db, council.id, { committeeId: committee.id }) : []
    const now = today()
    return reply.view('scrutiny/views/public-committee.njk', {
      pageTitle: committee.name,
      council,
      committee,
      publication,
      memberRows: members.map((m) => [{ text: m.displayName }, { text: COMMITTEE_ROLES[m.role as keyof typeof COMMITTEE_ROLES] ?? m.role }]),
      recommendationRows: recs.map(({ recommendation: r }) => [
        link(paths.publicScrutiny.recommendation.href({ council: council.code, id: r.id }), r.title),
        { text: formatDate(r.madeOn) },
        { text: formatDate(r.responseDueOn) },
        { text: committees.recommendationState(r, now).text },
      ]),
    })
  })

  app.get(paths.publicScrutiny.recommendations.pattern, async (request, reply) => {
    const council = await councilOf(request)
    const rows = await recommendationsOf(council)
    const now = today()
    return reply.view('scrutiny/views/public-recommendations.njk', {
      pageTitle: `Scrutiny recommendations: ${council.name}`,
      council,
      rows: rows.map(({ recommendation: r, committeeName }) => [
        link(paths.publicScrutiny.recommendation.href({ council: council.code, id: r.id }), r.title),
        link(paths.publicScrutiny.committee.href({ council: council.code, id: r.committeeId }), committeeName),
        { text: formatDate(r.madeOn) },
        { text: formatDate(r.responseDueOn) },
        { text: committees.recommendationState(r, now).text },
      ]),
      csv: paths.publicScrutiny.recommendationsCsv.href({ council: council.code }),
    })
  })

  app.get(paths.publicScrutiny.recommendationsCsv.pattern, async (request, reply) => {
    const council = await councilOf(request)
    const rows = await recommendationsOf(council)
    const plan = await forwardPlanEntries(council)
    const now = today()
    const csv = csvDocument(
      ['Committee', 'Recommendation', 'What the committee recommends', 'Made on', 'Response due by', 'State', 'Response', 'Reasons for the response', 'Responded on', 'Responded for the executive', 'Implementation', 'Implementation note', 'Decision on the forward plan', 'Forward plan entry', 'Page'],
      rows.map(({ recommendation: r, committeeName }) => {
        const entry = r.decisionId ? plan.get(r.decisionId) : undefined
        return [
          committeeName,
          r.title,
          r.body,
          r.madeOn,
          r.responseDueOn,
          committees.recommendationState(r, now).text,
          responseText(r),
          r.responseReasons,
          r.respondedOn,
          r.respondedByName,
          implementationText(r),
          r.implementationNote,
          entry?.title,
          entry ? absolute(entry.href) : '',
          absolute(paths.publicScrutiny.recommendation.href({ council: council.code, id: r.id })),
        ]
      }),
    )
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${council.code.toLowerCase()}-scrutiny-recommendations.csv"`).send(csv)
  })

  app.get(paths.publicScrutiny.recommendation.pattern, async (request, reply) => {
    const council = await councilOf(request)
    const id = idOf(request)
    const publication = await publicationOf(db, council.id)
    const found = id && publication.recommendations ? await committees.findRecommendation(db, council.id, id) : undefined
    if (!found) throw new NotFoundError('Recommendation')
    const { recommendation: rec, committeeName } = found
    const entry = rec.decisionId ? (await forwardPlanEntries(council)).get(rec.decisionId) : undefined
    return reply.view('scrutiny/views/public-recommendation.njk', {
      pageTitle: rec.title,
      council,
      rec,
      committee: { name: committeeName, href: paths.publicScrutiny.committee.href({ council: council.code, id: rec.committeeId }) },
      decision: entry,
      state: committees.recommendationState(rec, today()),
      responseText: responseText(rec),
      implementationText: implementationText(rec),
    })
  })

  app.get(paths.publicScrutiny.questions.pattern, async (request, reply) => {
    const council = await councilOf(request)
    const rows = await questionsOf(council)
    return reply.view('scrutiny/views/public-questions.njk', {
      pageTitle: `Councillors’ questions and answers: ${council.name}`,
      council,
      rows: rows.map((q) => [
        link(paths.publicScrutiny.question.href({ council: council.code, id: q.id }), q.question.length > 120 ? `${q.question.slice(0, 119)}…` : q.question),
        { text: q.askedByName },
        { text: q.addressedTo },
        { text: formatDate(q.askedOn) },
        { text: q.answeredOn ? formatDate(q.answeredOn) : '' },
      ]),
      csv: paths.publicScrutiny.questionsCsv.href({ council: council.code }),
    })
  })

  app.get(paths.publicScrutiny.questionsCsv.pattern, async (request, reply) => {
    const council = await councilOf(request)
    const rows = await questionsOf(council)
    const plan = await forwardPlanEntries(council)
    const csv = csvDocument(
      ['Question', 'Asked by', 'Asked of', 'Asked on', 'Answer due by', 'Answer', 'Answered by', 'Answered on', 'Decision on the forward plan', 'Forward plan entry', 'Page'],
      rows.map((q) => {
        const entry = q.decisionId ? plan.get(q.decisionId) : undefined
        return [q.question, q.askedByName, q.addressedTo, q.askedOn, q.dueOn, q.answer, q.answeredByName, q.answeredOn, entry?.title, entry ? absolute(entry.href) : '', absolute(paths.publicScrutiny.question.href({ council: council.code, id: q.id }))]
      }),
    )
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${council.code.toLowerCase()}-councillors-questions.csv"`).send(csv)
  })

  app.get(paths.publicScrutiny.question.pattern, async (request, reply) => {
    const council = await councilOf(request)
    const id = idOf(request)
    const publication = await publicationOf(db, council.id)
    const q = id ? await questions.findQuestion(db, council.id, id) : undefined
    if (!q || questionWithheldBecause(q, publication) !== null) throw new NotFoundError('Question')
    const entry = q.decisionId ? (await forwardPlanEntries(council)).get(q.decisionId) : undefined
    return reply.view('scrutiny/views/public-question.njk', {
      pageTitle: 'Councillor’s question',
      council,
      q,
      decision: entry,
    })
  })
}
