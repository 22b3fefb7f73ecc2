/** Commissioning project pages: parse, call one service function, render. */
import { isUuid } from '../../platform/ids.ts'
import { decisionsOfProject } from '../scrutiny/repository.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { csvRecords } from '../../platform/csv.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import { formErrors, type FormErrors } from '../../platform/http/form-errors.ts'
import { numberedPagination, pageHref, pageOf } from '../../platform/http/pagination.ts'
import type { AppContext } from '../../platform/modules.ts'
import { paths } from '../../paths.ts'
import { listCouncils } from '../councils/service.ts'
import { adviceFromForm, renderRouteForm, todayOf } from '../route-advice/index.ts'
import { answersOf, answersQuery, plainWords } from '../route-advice/answers.ts'
import type { FormBody } from '../route-advice/form.ts'
import { DEFAULT_OPTIONS, MAX_SCORE, rankOptions, weightSensitivity } from './appraisal.ts'
import { criterionHint } from './criteria-hints.ts'
import { PART_SCHEMAS, parseChosenOptions, parseMatrix, parseScores, parseWeights, projectSchema, STAGE_NAMES, STAGES, type Part, type Stage } from './forms.ts'
import { STAGE_GUIDANCE } from './guidance.ts'
import * as service from './service.ts'
import { projectHistory } from './history.ts'

const actorOf = (request: FastifyRequest, principal: Principal): Actor => ({ userId: principal.userId, label: principal.displayName, requestId: request.id })

const issuesErrors = (problems: { field: string; message: string }[]): FormErrors => ({
  errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
  fieldErrors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
})

async function reachable(context: AppContext, principal: Principal, id: string) {
  const project = await service.getProject(context.db, principal.councilId, id)
  if (!project) throw new NotFoundError('Project')
  return project
}

/** The appraisal worked out for display: ranking, sensitivity and the grid of scores. */
async function appraisalView(context: AppContext, councilId: string, projectId: string) {
  const a = await service.appraisalOf(context.db, councilId, projectId)
  const ranking = rankOptions(a.options, a.criteria, a.scores)
  const sensitivity = weightSensitivity(a.options, a.criteria, a.scores)
  return {
    ...a,
    ranking,
    sensitivity,
    maxScore: MAX_SCORE,
    grid: a.options.map((o) => ({
      option: o,
      cells: a.criteria.map((c) => ({ criterion: c, score: a.scores.get(o.id)?.get(c.id), rationale: a.rationales.get(`${o.id}:${c.id}`) ?? '' })),
    })),
    normalised: Object.fromEntries(a.criteria.map((c) => [c.id, Math.round((ranking.normalisedWeights.get(c.id) ?? 0) * 10) / 10])),
  }
}

/** Projects a page of the list shows. */
const PROJECTS_PAGE = 25

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places

export function registerProjectRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const read = { preHandler: requirePermission('projects:read') }
  const write = { preHandler: requirePermission('projects:write') }

  app.get(paths.projects.list.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const q = request.query as Record<string, string | undefined>
    const filters = { q: q.q?.trim() || undefined, stage: STAGES.includes(q.stage as Stage) ? q.stage : undefined }
    const page = pageOf(q.page)
    const { rows, total } = await service.listProjects(db, principal.councilId, filters, { limit: PROJECTS_PAGE, offset: (page - 1) * PROJECTS_PAGE })
    const pageCount = Math.max(1, Math.ceil(total / PROJECTS_PAGE))
    return reply.view('projects/views/list.njk', {
      pageTitle: 'Commissioning projects',
      total,
      filtered: filters.q !== undefined || filters.stage !== undefined,
      values: filters,
      stageItems: [{ value: '', text: 'Any stage' }, ...STAGES.map((s) => ({ value: s, text: STAGE_NAMES[s], selected: s === filters.stage }))],
      range: rows.length ? { first: (page - 1) * PROJECTS_PAGE + 1, last: (page - 1) * PROJECTS_PAGE + rows.length } : undefined,
      pagination: numberedPagination(page, pageCount, (n) => pageHref(paths.projects.list.href(), { q: filters.q, stage: filters.stage }, n)),
      projects: rows.map((r) => ({ ...r.project, lead: r.lead, stageName: STAGE_NAMES[r.project.stage as Stage], href: paths.projects.show.href({ id: r.project.id }) })),
      canCreate: can(principal, 'projects:write'),
    })
  })

  const renderProjectForm = async (reply: FastifyReply, principal: Principal, status: number, values: Record<string, unknown>, errors?: FormErrors, project?: service.ProjectRow) => {
    const leads = await service.leadChoices(db, principal.councilId)
    return reply.code(status).view('projects/views/form.njk', {
      pageTitle: project ? `Change ${project.title}` : 'Start a commissioning project',
      action: project ? paths.projects.show.href({ id: project.id }) : paths.projects.list.href(),
      backHref: project ? paths.projects.show.href({ id: project.id }) : paths.projects.list.href(),
      values,
      leadItems: [{ value: '', text: 'Choose a person' }, ...leads.map((l) => ({ value: l.id, text: l.name, selected: l.id === values.leadCommissionerId }))],
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.projects.create.pattern, write, async (request, reply) => renderProjectForm(reply, principalOf(request), 200, {}))

  app.post(paths.projects.list.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const body = (request.body ?? {}) as Record<string, string>
    const parsed = projectSchema.safeParse(body)
    if (!parsed.success) return renderProjectForm(reply, principal, 400, body, formErrors(parsed.error))
    try {
      const { budget, ...rest } = parsed.data
      const project = await db.transaction((tx) => service.createProject(tx, principal.councilId, { ...rest, budget }, actorOf(request, principal), context.clock()))
      return reply.redirect(`${paths.projects.show.href({ id: project.id })}?saved=created`, 303)
    } catch (error) {
      if (!(error instanceof service.ProjectInputError)) throw error
      return renderProjectForm(reply, principal, 400, body, issuesErrors([{ field: error.field, message: error.message }]))
    }
  })

  app.get(paths.projects.edit.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    return renderProjectForm(
      reply,
      principal,
      200,
      { title: project.title, serviceArea: project.serviceArea, summary: project.summary ?? '', leadCommissionerId: project.leadCommissionerId ?? '', budget: project.budgetPence === null ? '' : String(project.budgetPence / 100) },
      undefined,
      project,
    )
  })

  app.post(paths.projects.show.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    const body = (request.body ?? {}) as Record<string, string>
    const parsed = projectSchema.safeParse(body)
    if (!parsed.success) return renderProjectForm(reply, principal, 400, body, formErrors(parsed.error), project)
    try {
      await db.transaction((tx) => service.updateProject(tx, principal.councilId, project, parsed.data, actorOf(request, principal), context.clock()))
    } catch (error) {
      if (!(error instanceof service.ProjectInputError)) throw error
      return renderProjectForm(reply, principal, 400, body, issuesErrors([{ field: error.field, message: error.message }]), project)
    }
    return reply.redirect(`${paths.projects.show.href({ id: project.id })}?saved=updated`, 303)
  })

  const renderProject = async (request: FastifyRequest, reply: FastifyReply, project: service.ProjectRow, status = 200, errors?: FormErrors, values: Record<string, unknown> = {}) => {
    const principal = principalOf(request)
    const [detail, appraisal, choices, councils] = await Promise.all([
      service.projectDetail(db, principal.councilId, project),
      appraisalView(context, principal.councilId, project.id),
      service.linkChoices(db, principal.councilId),
      listCouncils(db),
    ])
    // Saved advice speaks in the form's words, as the answer page did.
    detail.advice = detail.advice.map((a) => ({ ...a, advice: { ...a.advice, warnings: a.advice.warnings.map(plainWords) } }))
    const saved = (request.query as Record<string, unknown>).saved
    const stage = project.stage as Stage
    const id = project.id
    const pipelineCouncil = councils.find((c) => c.id === principal.councilId)
    return reply.code(status).view('projects/views/show.njk', {
      pageTitle: project.title,
      project,
      detail,
      stage,
      stageName: STAGE_NAMES[stage],
      stages: STAGES.map((s) => ({ value: s, name: STAGE_NAMES[s], guidance: STAGE_GUIDANCE[s], current: s === stage })),
      stageItems: STAGES.map((s) => ({ value: s, text: STAGE_NAMES[s], selected: s === stage })),
      top: appraisal.ranking.ranked.slice(0, 3),
      scoredCount: appraisal.grid.reduce((n, row) => n + row.cells.filter((c) => c.score !== undefined).length, 0),
      cellCount: appraisal.options.length * appraisal.criteria.length,
      currentLinks: detail.links.filter((l) => l.link.role === 'current'),
      spendInPlace: await service.spendInPlace(db, principal.councilId, detail.links),
      spendHref: paths.spend.payees.href(),
      resultLinks: detail.links.filter((l) => l.link.role === 'result'),
      contractItems: [{ value: '', text: 'Choose a contract' }, ...choices.contracts.map((c) => ({ value: c.id, text: `${c.title} (${c.reference})` }))],
      grantItems: [{ value: '', text: 'Choose a grant' }, ...choices.grants.map((g) => ({ value: g.id, text: `${g.title} (${g.reference})` }))],
      councilItems: [{ value: '', text: 'Choose a council' }, ...councils.filter((c) => c.id !== principal.councilId).map((c) => ({ value: c.id, text: c.name }))],
      // The people who run projects read their history as they work; others only with the audit log (ADR 0062).
      history: can(principal, 'audit:read') || can(principal, 'projects:write') ? projectHistory(detail.history) : undefined,
      outcomeItems: detail.outcomes.map((o) => ({ value: o.id, text: o.outcome })),
      canWrite: can(principal, 'projects:write'),
      // The formal records of the executive's decisions on this project (scrutiny), each linked to its own page.
      formalDecisions: can(principal, 'decisions:read')
        ? (await decisionsOfProject(db, principal.councilId, id)).map((d) => ({ title: d.title, href: paths.decisions.show.href({ id: d.id }), date: d.decidedOn ?? d.plannedOn, taken: d.decidedOn !== null }))
        : [],
      canRecordFormalDecision: can(principal, 'decisions:write'),
      href: {
        newFormalDecision: `${paths.decisions.create.href()}?project=${encodeURIComponent(id)}`,
        edit: paths.projects.edit.href({ id }),
        needs: paths.projects.needs.href({ id }),
        outcomes: paths.projects.outcomes.href({ id }),
        partners: paths.projects.partners.href({ id }),
        links: paths.projects.links.href({ id }),
        milestones: paths.projects.milestones.href({ id }),
        decisions: paths.projects.decisions.href({ id }),
        stage: paths.projects.stage.href({ id }),
        review: paths.projects.review.href({ id }),
        appraisal: paths.projects.appraisal.href({ id }),
        report: paths.projects.report.href({ id }),
        routeAdvice: paths.projects.routeAdvice.href({ id }),
        // Listed in the pipeline (ADR 0053) at the Plan stage once its latest route advice is a procurement.
        pipeline: pipelineCouncil && service.plansProcurement(project.stage, detail.advice[0]?.regime) ? `${paths.pipeline.page.href({ council: pipelineCouncil.code })}#${id}` : undefined,
        list: paths.projects.list.href(),
      },
      saved: typeof saved === 'string' ? savedMessage(saved) : undefined,
      values,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.projects.show.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    return renderProject(request, reply, project)
  })

  // The small forms on the project page: each adds one thing, audited against the project.
  const partHandlers: Record<Exclude<Part, 'options'>, (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], councilId: string, project: service.ProjectRow, data: any, actor: Actor, now: Date) => Promise<void>> = {
    needs: (tx, c, p, d, a, n) => service.addNeed(tx, c, p.id, d, a, n),
    outcomes: (tx, c, p, d, a, n) => service.addOutcome(tx, c, p.id, d, a, n),
    partners: (tx, c, p, d, a, n) => service.addPartner(tx, c, p.id, d, a, n),
    links: (tx, c, p, d, a, n) => service.addLink(tx, c, p.id, d, a, n),
    milestones: (tx, c, p, d, a, n) => service.addMilestone(tx, c, p.id, d, a, n),
    decisions: (tx, c, p, d, a, n) => service.recordDecision(tx, c, p, d, a, n),
    stage: (tx, c, p, d, a, n) => service.setStage(tx, c, p, d.stage, a, n),
    review: (tx, c, p, d, a, n) => service.recordLatest(tx, c, p.id, d, a, n),
  }
  const ANCHORS: Record<string, string> = { needs: 'analyse', outcomes: 'analyse', partners: 'partners', links: 'analyse', milestones: 'timeline', decisions: 'decisions', stage: 'stage', review: 'review' }
  for (const part of Object.keys(partHandlers) as (keyof typeof partHandlers)[]) {
    app.post(paths.projects[part].pattern, write, async (request, reply) => {
      const principal = principalOf(request)
      const project = await reachable(context, principal, (request.params as { id: string }).id)
      const body = (request.body ?? {}) as Record<string, string>
      const parsed = (PART_SCHEMAS[part] as z.ZodType).safeParse(body)
      if (!parsed.success) return renderProject(request, reply, project, 400, formErrors(parsed.error), body)
      try {
        await db.transaction((tx) => partHandlers[part](tx, principal.councilId, project, parsed.data, actorOf(request, principal), context.clock()))
      } catch (error) {
        if (!(error instanceof service.ProjectInputError)) throw error
        return renderProject(request, reply, project, 400, issuesErrors([{ field: error.field, message: error.message }]), body)
      }
      return reply.redirect(`${paths.projects.show.href({ id: project.id })}?saved=${part}#${ANCHORS[part]}`, 303)
    })
  }

  // ---------- The options appraisal ----------

  const renderAppraisal = async (request: FastifyRequest, reply: FastifyReply, project: service.ProjectRow, status = 200, errors?: FormErrors, values: Record<string, unknown> = {}) => {
    const principal = principalOf(request)
    const view = await appraisalView(context, principal.councilId, project.id)
    const id = project.id
    // One option's scores are edited at a time, chosen by ?option= (or the form that came back with errors).
    const optionId = String((request.body as Record<string, unknown> | undefined)?.optionId ?? (request.query as Record<string, unknown>).option ?? '')
    const scoring = view.grid.find((row) => row.option.id === optionId)
    const saved = (request.query as Record<string, unknown>).saved
    return reply.code(status).view('projects/views/appraisal.njk', {
      pageTitle: 'Options appraisal',
      project,
      a: view,
      round,
      scoring,
      values,
      // No ranking or sensitivity until something is scored: a table of noughts would rank nothing.
      anyScored: view.ranking.ranked.some((r) => r.scored > 0),
      hints: Object.fromEntries(view.criteria.map((c) => [c.id, criterionHint(c.name)])),
      removeHref: (optionId: string) => paths.projects.removeOption.href({ id, optionId }),
      scoreHref: (optionId: string) => `${paths.projects.appraisal.href({ id })}?option=${optionId}#scores`,
      canWrite: can(principal, 'projects:write'),
      href: {
        project: paths.projects.show.href({ id }),
        options: paths.projects.options.href({ id }),
        weights: paths.projects.weights.href({ id }),
        scores: paths.projects.scores.href({ id }),
        matrix: paths.projects.matrix.href({ id }),
        choose: paths.projects.chooseOptions.href({ id }),
        report: paths.projects.report.href({ id }),
        csv: paths.projects.csv.href({ id }),
      },
      saved: typeof saved === 'string' ? savedMessage(saved) : undefined,
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.projects.appraisal.pattern, read, async (request, reply) => {
    const project = await reachable(context, principalOf(request), (request.params as { id: string }).id)
    return renderAppraisal(request, reply, project)
  })

  app.post(paths.projects.options.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    const body = (request.body ?? {}) as Record<string, string>
    const action = body.action ?? 'add'
    // Removing asks first, on its own page.
    if (action === 'remove' && isUuid(String(body.optionId ?? ''))) return reply.redirect(paths.projects.removeOption.href({ id: project.id, optionId: String(body.optionId) }), 303)
    const name = PART_SCHEMAS.options.safeParse(body)
    if (action !== 'remove' && !name.success) return renderAppraisal(request, reply, project, 400, issuesErrors([{ field: action === 'add' ? 'name' : `name-${body.optionId}`, message: 'Enter the delivery model’s name' }]))
    try {
      await db.transaction(async (tx) => {
        const actor = actorOf(request, principal)
        const now = context.clock()
        if (action === 'remove') await service.removeOption(tx, principal.councilId, project.id, String(body.optionId ?? ''), actor, now)
        else if (action === 'rename') await service.renameOption(tx, principal.councilId, project.id, String(body.optionId ?? ''), name.data!.name, actor, now)
        else await service.addOption(tx, principal.councilId, project.id, name.data!.name, actor, now)
      })
    } catch (error) {
      if (!(error instanceof service.ProjectInputError)) throw error
      return renderAppraisal(request, reply, project, 400, issuesErrors([{ field: 'name', message: error.message }]))
    }
    return reply.redirect(`${paths.projects.appraisal.href({ id: project.id })}?saved=options#options`, 303)
  })

  app.post(paths.projects.weights.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    const { criteria } = await service.appraisalOf(db, principal.councilId, project.id)
    const { weights, problems } = parseWeights((request.body ?? {}) as Record<string, unknown>, criteria.map((c) => c.id))
    if (problems.length > 0) return renderAppraisal(request, reply, project, 400, issuesErrors(problems))
    await db.transaction((tx) => service.setWeights(tx, principal.councilId, project.id, weights, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.projects.appraisal.href({ id: project.id })}?saved=weights#ranking`, 303)
  })

  app.post(paths.projects.scores.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    const body = (request.body ?? {}) as Record<string, unknown>
    const { criteria } = await service.appraisalOf(db, principal.councilId, project.id)
    const { scores, problems } = parseScores(body, criteria.map((c) => c.id))
    if (problems.length > 0) return renderAppraisal(request, reply, project, 400, issuesErrors(problems), body)
    try {
      await db.transaction((tx) => service.setScores(tx, principal.councilId, project.id, String(body.optionId ?? ''), scores, actorOf(request, principal), context.clock()))
    } catch (error) {
      if (!(error instanceof service.ProjectInputError)) throw error
      return renderAppraisal(request, reply, project, 400, issuesErrors([{ field: 'optionId', message: error.message }]))
    }
    return reply.redirect(`${paths.projects.appraisal.href({ id: project.id })}?saved=scores#ranking`, 303)
  })

  // Choosing which delivery models to compare, up front: the usual ones as checkboxes, and any other typed in.
  const renderChoose = async (request: FastifyRequest, reply: FastifyReply, project: service.ProjectRow, status = 200, errors?: FormErrors, values: Record<string, unknown> = {}) => {
    const { options } = await service.appraisalOf(db, principalOf(request).councilId, project.id)
    const have = new Set(options.map((o) => o.name.toLowerCase()))
    const ticked = new Set(values.options === undefined ? [] : Array.isArray(values.options) ? values.options.map(String) : [String(values.options)])
    return reply.code(status).view('projects/views/choose-options.njk', {
      pageTitle: 'Choose the delivery models to compare',
      project,
      already: options.map((o) => o.name),
      items: DEFAULT_OPTIONS.filter((name) => !have.has(name.toLowerCase())).map((name) => ({ value: name, text: name, checked: ticked.has(name) })),
      values,
      action: paths.projects.chooseOptions.href({ id: project.id }),
      backHref: paths.projects.appraisal.href({ id: project.id }),
      errorList: errors?.errorList ?? [],
      fieldErrors: errors?.fieldErrors ?? {},
    })
  }

  app.get(paths.projects.chooseOptions.pattern, write, async (request, reply) => {
    const project = await reachable(context, principalOf(request), (request.params as { id: string }).id)
    return renderChoose(request, reply, project)
  })

  app.post(paths.projects.chooseOptions.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    const body = (request.body ?? {}) as Record<string, unknown>
    const { names, problems } = parseChosenOptions(body)
    if (problems.length > 0) return renderChoose(request, reply, project, 400, issuesErrors(problems), body)
    await db.transaction((tx) => service.chooseOptions(tx, principal.councilId, project.id, names, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.projects.appraisal.href({ id: project.id })}?saved=options#matrix`, 303)
  })

  // The whole options × criteria matrix in one form.
  app.post(paths.projects.matrix.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    const body = (request.body ?? {}) as Record<string, unknown>
    const { options, criteria } = await service.appraisalOf(db, principal.councilId, project.id)
    const { cells, problems } = parseMatrix(body, options, criteria)
    if (problems.length > 0) return renderAppraisal(request, reply, project, 400, issuesErrors(problems), body)
    await db.transaction((tx) => service.setMatrix(tx, principal.councilId, project.id, cells, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.projects.appraisal.href({ id: project.id })}?saved=scores#ranking`, 303)
  })

  // Removing a delivery model (and its scores) asks to confirm first.
  const optionToRemove = async (request: FastifyRequest) => {
    const principal = principalOf(request)
    const params = request.params as { id: string; optionId: string }
    const project = await reachable(context, principal, params.id)
    const option = await service.findOption(db, principal.councilId, project.id, params.optionId)
    if (!option) throw new NotFoundError('Delivery model')
    return { principal, project, option }
  }

  app.get(paths.projects.removeOption.pattern, write, async (request, reply) => {
    const { project, option } = await optionToRemove(request)
    return reply.view('projects/views/remove-option.njk', {
      pageTitle: `Remove ${option.name} from the appraisal`,
      project,
      option,
      action: paths.projects.removeOption.href({ id: project.id, optionId: option.id }),
      backHref: `${paths.projects.appraisal.href({ id: project.id })}#options`,
    })
  })

  app.post(paths.projects.removeOption.pattern, write, async (request, reply) => {
    const { principal, project, option } = await optionToRemove(request)
    // Only the confirmation page's own form removes a delivery model; anything else goes back to that question.
    if ((request.body as Record<string, unknown> | undefined)?.confirm !== 'yes') {
      return reply.redirect(paths.projects.removeOption.href({ id: project.id, optionId: option.id }), 303)
    }
    await db.transaction((tx) => service.removeOption(tx, principal.councilId, project.id, option.id, actorOf(request, principal), context.clock()))
    return reply.redirect(`${paths.projects.appraisal.href({ id: project.id })}?saved=removed#options`, 303)
  })

  app.get(paths.projects.report.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    const [view, detail] = await Promise.all([appraisalView(context, principal.councilId, project.id), service.projectDetail(db, principal.councilId, project)])
    return reply.view('projects/views/report.njk', {
      pageTitle: `Options appraisal: ${project.title}`,
      project,
      detail,
      a: view,
      round,
      printed: context.clock(),
      backHref: paths.projects.appraisal.href({ id: project.id }),
    })
  })

  app.get(paths.projects.csv.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    const view = await appraisalView(context, principal.councilId, project.id)
    const rankOf = new Map(view.ranking.ranked.map((r) => [r.option.id, r]))
    const records = view.grid.flatMap((row) =>
      row.cells.map((cell) => ({
        option: row.option.name,
        rank: rankOf.get(row.option.id)!.rank,
        weighted_score: round(rankOf.get(row.option.id)!.weightedScore, 3),
        criterion: cell.criterion.name,
        weight: cell.criterion.weight,
        normalised_weight_percent: view.normalised[cell.criterion.id],
        score: cell.score ?? '',
        rationale: cell.rationale,
      })),
    )
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="appraisal-${project.id.slice(0, 8)}.csv"`)
      .send(csvRecords(['option', 'rank', 'weighted_score', 'criterion', 'weight', 'normalised_weight_percent', 'score', 'rationale'], records))
  })

  // ---------- Route advice saved against the project ----------

  app.get(paths.projects.routeAdvice.pattern, write, async (request, reply) => {
    const project = await reachable(context, principalOf(request), (request.params as { id: string }).id)
    return renderRouteForm(reply, 200, { body: answersOf(request.query as FormBody), ...projectRouteView(project) })
  })

  // The answers are checked here, then shown with the advice on the answer page, which saves them to the project.
  app.post(paths.projects.routeAdvice.pattern, write, async (request, reply) => {
    const principal = principalOf(request)
    const project = await reachable(context, principal, (request.params as { id: string }).id)
    const body = (request.body ?? {}) as FormBody
    const result = adviceFromForm(body, todayOf(context))
    if (!result.ok) return renderRouteForm(reply, 400, { body, errors: result.errors, ...projectRouteView(project) })
    return reply.redirect(`${paths.routeAdvice.answer.href()}?${answersQuery(body)}&project=${project.id}`, 303)
  })
}

function projectRouteView(project: service.ProjectRow) {
  return {
    action: paths.projects.routeAdvice.href({ id: project.id }),
    project: { title: project.title },
    backHref: paths.projects.show.href({ id: project.id }),
    submitText: 'Continue',
  }
}

function savedMessage(saved: string): string | undefined {
  return (
    {
      created: 'Project started',
      updated: 'Project details updated',
      needs: 'Need added',
      outcomes: 'Outcome added',
      partners: 'Partner added',
      links: 'Link added',
      milestones: 'Milestone added',
      decisions: 'Decision recorded',
      stage: 'Stage changed',
      review: 'Latest measurement recorded',
      options: 'Options updated',
      removed: 'Delivery model removed, with its scores',
      weights: 'Weights changed: the scores are kept and the options re-ranked',
      scores: 'Scores saved',
      'route-advice': 'Route advice saved to the project',
    } as Record<string, string>
  )[saved]
}
