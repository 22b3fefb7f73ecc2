/**
 * Commitments (Do): an officer adds one to a contract or grant; the provider reports delivery on its own page; an
 * officer verifies, partly verifies or rejects each return with a reason. And the provider's yearly LM3 return.
 */
import fastifyMultipart from '@fastify/multipart'
import { escapeHtml as escape } from '../../platform/http/html.ts'
import { diskUploads, isUploadedFile } from '../../platform/http/uploads.ts'
import { cleanFileName, discardFile, EVIDENCE_TYPES_TEXT, keepFile, sendKeptFile, sniffFile, type KeptType } from '../../platform/files/kept-files.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import { NotFoundError, principalOf, requirePermission } from '../../platform/http/authentication.ts'
import type { FormErrors } from '../../platform/http/form-errors.ts'
import type { AppContext } from '../../platform/modules.ts'
import { financialYearOf } from '../../platform/financial-year.ts'
import { formatDate } from '../../platform/dates.ts'
import { formatPence } from '../../platform/money.ts'
import { paths } from '../../paths.ts'
import { getContract } from '../contracts/service.ts'
import { londonDate } from '../contracts/dates.ts'
import { toFormErrors, type FormBody } from '../contracts/form-fields.ts'
import { getGrant } from '../grants/service.ts'
import { getProvider } from '../providers/service.ts'
import { actorOf } from '../providers/routes.ts'
import * as commitments from './commitments.ts'
import { formModel } from './form-model.ts'
import { COMMITMENT_FIELD_IDS, parseCommitmentForm, parseLm3Form, parseReturnForm, parseVerificationForm, RETURN_FIELD_IDS, VERIFY_FIELD_IDS } from './forms.ts'
import { lm3ReturnsOf, saveLm3Return } from './lm3-service.ts'
import { commitmentRows, returnRows, valueSummary } from './view-models.ts'
import { idOf, queryId } from './ids.ts'

const NO_ERRORS: FormErrors = { errorList: [], fieldErrors: {} }
/** Evidence files: at most 10 MB each (ADR 0060), kept in this folder of the files folder. */
const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
const EVIDENCE_AREA = 'social-value-evidence'
const fileSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`)
const units = (q: number) => q.toLocaleString('en-GB', { maximumFractionDigits: 4 })

export function registerCommitmentRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context
  const today = () => londonDate(context.clock())
  const read = { preHandler: requirePermission('social-value:read') }
  const manage = { preHandler: requirePermission('social-value:manage') }
  const filesDir = context.config.filesDir

  app.get(paths.socialValue.commitments.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    const [awaiting, all] = await Promise.all([commitments.awaitingVerification(db, principal.councilId), commitments.commitmentsWhere(db, principal.councilId)])
    const canManage = can(principal, 'social-value:manage')
    return reply.view('social-value/views/commitments.njk', {
      pageTitle: 'Social value commitments',
      summary: valueSummary(commitments.totalsOf(all)),
      awaiting: {
        caption: 'Returns awaiting verification',
        captionClasses: 'govuk-table__caption--m',
        firstCellIsHeader: true,
        head: [{ text: 'Provider' }, { text: 'Commitment' }, { text: 'Reported', format: 'numeric' }, { text: 'Period' }, { text: 'Reported on' }],
        rows: awaiting.map((r) => [
          { html: canManage ? `<a class="govuk-link" href="${paths.socialValue.returnDecision.href({ id: r.id })}">${escape(r.commitment.providerName)}<span class="govuk-visually-hidden">: verify the return for ${escape(r.commitment.code)}</span></a>` : escape(r.commitment.providerName) },
          { text: `${r.commitment.code} ${r.commitment.wording} (${r.commitment.recordReference})` },
          { text: `${units(r.quantity)} ${r.commitment.unit}`, format: 'numeric' },
          { text: `${formatDate(r.periodStart)} to ${formatDate(r.periodEnd)}` },
          { text: formatDate(r.reportedAt) },
        ]),
      },
      awaitingCount: awaiting.length,
      table: { caption: 'Every commitment', captionClasses: 'govuk-table__caption--m', ...commitmentRows(all, { withRecord: true }) },
      any: all.length > 0,
    })
  })

  // ---------- a new commitment on a contract or grant ----------

  const targetOf = async (principal: Principal, request: FastifyRequest) => {
    const query = request.query as Record<string, unknown>
    if (typeof query.contract === 'string') {
      const contractId = queryId(request, 'contract')
      const contract = contractId && (await getContract(db, principal.councilId, contractId))
      if (!contract) throw new NotFoundError('Contract')
      return { contractId: contract.id, grantId: null, title: `${contract.title} (${contract.reference})`, backHref: paths.contracts.show.href({ id: contract.id }), query: `contract=${encodeURIComponent(contract.id)}`, deliverers: await commitments.deliverersOf(db, principal.councilId, { contractId: contract.id }) }
    }
    if (typeof query.grant === 'string') {
      const grantId = queryId(request, 'grant')
      const grant = grantId && (await getGrant(db, principal.councilId, grantId))
      if (!grant) throw new NotFoundError('Grant')
      return { contractId: null, grantId: grant.id, title: `${grant.title} (${grant.identifier})`, backHref: paths.grants.show.href({ id: grant.id }), query: `grant=${encodeURIComponent(grant.id)}`, deliverers: await commitments.deliverersOf(db, principal.councilId, { grantId: grant.id }) }
    }
    return undefined
  }

  const renderCommitment = async (reply: FastifyReply, status: number, principal: Principal, target: NonNullable<Awaited<ReturnType<typeof targetOf>>>, values: FormBody, errors: FormErrors) => {
    const f = formModel(values, errors)
    const choices = await commitments.measureChoices(db, principal.councilId)
    return reply.code(status).view('social-value/views/form.njk', {
      pageTitle: 'Add a social value commitment',
      caption: target.title,
      backText: target.title,
      backHref: target.backHref,
      action: `${paths.socialValue.newCommitment.href()}?${target.query}`,
      intro: target.deliverers.length ? [] : ['This record has no supplier or recipient in the provider register, so nobody could report delivery. Add one to the record first.'],
      errorList: errors.errorList,
      submitText: 'Add commitment',
      fields: [
        f.select('measureId', 'Measure', [{ value: '', text: 'Choose a measure' }, ...choices.map((m) => ({ value: m.id, text: `${m.year}: ${m.code} ${m.wording} (${m.unit}${m.proxyPence === null ? '' : `, ${formatPence(m.proxyPence)} each`})` }))], 'From the council’s framework; the year’s values stay with the commitment'),
        ...(target.deliverers.length > 1 ? [f.radios('providerId', 'Who delivers it', target.deliverers.map((d) => ({ value: d.id, text: d.name })))] : []),
        f.input('quantity', 'Quantity committed', { classes: 'govuk-input--width-10', inputmode: 'decimal', hint: 'In the measure’s unit' }),
        f.date('dueDate', 'Due by', 'The date delivery must be reported by, for example 31 3 2027'),
        f.input('deliveredWhere', 'Where it is delivered', { hint: 'A ward, a town, or “across the borough”' }),
      ],
    })
  }

  // A commitment is added from a contract's or grant's page; without one, the list says where to start.
  app.get(paths.socialValue.newCommitment.pattern, manage, async (request, reply) => {
    const principal = principalOf(request)
    const target = await targetOf(principal, request)
    if (!target) return reply.redirect(paths.socialValue.commitments.href(), 303)
    return renderCommitment(reply, 200, principal, target, {}, NO_ERRORS)
  })

  app.post(paths.socialValue.newCommitment.pattern, manage, async (request, reply) => {
    const principal = principalOf(request)
    const target = await targetOf(principal, request)
    if (!target) return reply.redirect(paths.socialValue.commitments.href(), 303)
    const body = (request.body ?? {}) as FormBody
    const choices = await commitments.measureChoices(db, principal.councilId)
    const parsed = parseCommitmentForm(body, { contractId: target.contractId, grantId: target.grantId }, { providers: target.deliverers.map((d) => d.id), measures: choices.map((m) => m.id) })
    if (!parsed.ok) return renderCommitment(reply, 400, principal, target, body, toFormErrors(parsed.issues, COMMITMENT_FIELD_IDS))
    await db.transaction((tx) => commitments.addCommitment(tx, { councilId: principal.councilId, values: parsed.value, actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(`${target.backHref}#social-value`, 303)
  })

  // ---------- the officer's decision on a return ----------

  const returnAndCommitment = async (principal: Principal, id: string) => {
    const ret = await commitments.returnById(db, principal.councilId, id)
    const commitment = ret && (await commitments.commitmentById(db, principal.councilId, ret.commitmentId))
    if (!ret || !commitment) throw new NotFoundError('Return')
    const file = (await commitments.evidenceFilesOf(db, principal.councilId, [ret.id])).get(ret.id)
    return { ret, commitment, file }
  }

  /** An evidence file as a link for those who may download it (the council's officers, the provider), else its name only. */
  const evidenceFileValue = (file: commitments.EvidenceFileView | undefined, mayDownload: boolean) => {
    if (!file) return { text: 'No file attached' }
    const described = `${file.originalName} (${fileSize(file.sizeBytes)})`
    return mayDownload
      ? { html: `<a class="govuk-link" href="${paths.socialValue.evidenceFile.href({ id: file.id })}" download>Download ${escape(described)}</a>` }
      : { text: `${described}: the council’s officers can download it` }
  }

  const renderDecision = (reply: FastifyReply, status: number, found: Awaited<ReturnType<typeof returnAndCommitment>>, values: FormBody, errors: FormErrors, canManage = true) => {
    const { ret, commitment, file } = found
    const f = formModel(values, errors)
    const decided = ret.status !== 'awaiting'
    return reply.code(status).view('social-value/views/decision.njk', {
      pageTitle: decided ? 'Social value return' : 'Verify a social value return',
      caption: `${commitment.providerName}: ${commitment.recordTitle}`,
      backHref: commitment.contractId ? `${paths.contracts.show.href({ id: commitment.contractId })}#social-value` : paths.socialValue.commitments.href(),
      backText: commitment.contractId ? commitment.recordTitle : 'Social value commitments',
      summary: {
        rows: [
          { key: { text: 'Commitment' }, value: { text: `${commitment.code} ${commitment.wording}: ${units(commitment.quantity)} ${commitment.unit} by ${formatDate(commitment.dueDate)}, ${commitment.deliveredWhere}` } },
          { key: { text: 'Reported' }, value: { text: `${units(ret.quantity)} ${commitment.unit}${commitment.proxyPence === null ? '' : ` (${formatPence(commitments.valueOf(ret.quantity, commitment.proxyPence), { whole: true })})`}` } },
          { key: { text: 'Period' }, value: { text: `${formatDate(ret.periodStart)} to ${formatDate(ret.periodEnd)}` } },
          { key: { text: 'Evidence file' }, value: evidenceFileValue(file, canManage) },
          { key: { text: 'Evidence link' }, value: ret.evidenceUrl ? { html: `<a class="govuk-link" href="${escape(ret.evidenceUrl)}" rel="noopener noreferrer">${escape(ret.evidenceUrl)}</a>` } : { text: 'No link given' } },
          { key: { text: 'Note' }, value: { text: ret.note ?? '' } },
          { key: { text: 'Reported by' }, value: { text: `${ret.reportedBy}, ${formatDate(ret.reportedAt)}` } },
          ...(decided ? [{ key: { text: 'Decision' }, value: { text: `${commitments.STATUS_WORDS[ret.status].text}${ret.verifiedQuantity !== null ? `: ${units(ret.verifiedQuantity)} ${commitment.unit} verified` : ''}${ret.reason ? `. ${ret.reason}` : ''} (${ret.decidedBy}, ${formatDate(ret.decidedAt)})` } }] : []),
        ],
      },
      decided,
      canManage,
      action: paths.socialValue.returnDecision.href({ id: ret.id }),
      errorList: errors.errorList,
      fields: [
        f.radios('decision', 'Your decision', [
          { value: 'verified', text: 'Verified', hint: `All ${units(ret.quantity)} ${commitment.unit} are shown by the evidence` },
          { value: 'partly-verified', text: 'Partly verified', hint: 'The evidence shows some of it: enter how much below' },
          { value: 'rejected', text: 'Rejected', hint: 'The evidence does not show delivery' },
        ]),
        f.input('verifiedQuantity', 'Quantity verified (if partly verified)', { classes: 'govuk-input--width-10', inputmode: 'decimal', suffix: commitment.unit }),
        f.textarea('reason', 'Reason (needed unless verified in full)', 'The provider sees this'),
      ],
    })
  }

  app.get(paths.socialValue.returnDecision.pattern, read, async (request, reply) => {
    const principal = principalOf(request)
    return renderDecision(reply, 200, await returnAndCommitment(principal, idOf(request)), {}, NO_ERRORS, can(principal, 'social-value:manage'))
  })

  app.post(paths.socialValue.returnDecision.pattern, manage, async (request, reply) => {
    const principal = principalOf(request)
    const found = await returnAndCommitment(principal, idOf(request))
    const body = (request.body ?? {}) as FormBody
    if (found.ret.status !== 'awaiting') return renderDecision(reply, 409, found, body, toFormErrors([{ field: 'decision', message: 'This return has already been decided' }], VERIFY_FIELD_IDS))
    const parsed = parseVerificationForm(body, found.ret.quantity)
    if (!parsed.ok) return renderDecision(reply, 400, found, body, toFormErrors(parsed.issues, VERIFY_FIELD_IDS))
    const ok = await db.transaction((tx) => commitments.verifyReturn(tx, { councilId: principal.councilId, returnId: found.ret.id, decision: parsed.value, actor: actorOf(request, principal), now: context.clock() }))
    if (!ok) return renderDecision(reply, 409, found, body, toFormErrors([{ field: 'decision', message: 'This return has already been decided' }], VERIFY_FIELD_IDS))
    return reply.redirect(paths.socialValue.commitments.href(), 303)
  })

  // ---------- the provider's own page ----------

  /** A provider reads and reports its own; council staff with social-value:read read any of the council's providers. */
  const providerFor = async (request: FastifyRequest, own: boolean) => {
    const principal = principalOf(request)
    const id = idOf(request)
    const isOwn = can(principal, 'social-value:report-own') && principal.providerId === id
    // Another provider's page is not found for a provider, as if it did not exist.
    if (own ? !isOwn : !isOwn && !can(principal, 'social-value:read')) throw new NotFoundError('Provider')
    const provider = await getProvider(db, principal.councilId, id)
    if (!provider) throw new NotFoundError('Provider')
    return { principal, provider, isOwn }
  }

  app.get(paths.socialValue.provider.pattern, { preHandler: requirePermission('social-value:read', 'social-value:report-own') }, async (request, reply) => {
    const { principal, provider, isOwn } = await providerFor(request, false)
    const list = await commitments.commitmentsWhere(db, principal.councilId, { providerId: provider.id })
    const [returns, lm3] = await Promise.all([commitments.returnsOf(db, principal.councilId, list.map((c) => c.id)), lm3ReturnsOf(db, principal.councilId, provider.id)])
    const files = await commitments.evidenceFilesOf(db, principal.councilId, returns.map((r) => r.id))
    const mayDownload = isOwn || can(principal, 'social-value:manage')
    const due = commitments.returnsDue(list, today())
    const saved = (request.query as Record<string, unknown>).saved
    return reply.view('social-value/views/provider.njk', {
      pageTitle: isOwn ? 'Your social value' : `Social value: ${provider.name}`,
      provider,
      isOwn,
      saved: saved === 'return' ? 'Thank you: your return has been sent to the council to verify' : saved === 'lm3' ? 'Thank you: your local spending answer has been saved' : undefined,
      summary: valueSummary(commitments.totalsOf(list)),
      dueCount: due.length,
      commitments: list.map((c) => ({
        ...c,
        heading: `${c.code} ${c.wording}`,
        line: `${units(c.quantity)} ${c.unit} by ${formatDate(c.dueDate)}, ${c.deliveredWhere}. Reported ${units(c.reported)}, verified ${units(c.verified)}.`,
        record: c.contractId ? { text: `${c.recordTitle} (${c.recordReference})`, href: isOwn ? undefined : paths.contracts.show.href({ id: c.contractId }) } : { text: `${c.recordTitle} (${c.recordReference})`, href: undefined },
        reportHref: isOwn ? paths.socialValue.report.href({ id: provider.id, commitment: c.id }) : undefined,
        overdue: c.dueDate <= today() && c.reported === 0,
        returns: returnRows(returns.filter((r) => r.commitmentId === c.id), c, isOwn ? undefined : (id) => paths.socialValue.returnDecision.href({ id })).map((r) => {
          const file = files.get(r.id)
          return { ...r, file: file && { name: file.originalName, size: fileSize(file.sizeBytes), href: mayDownload ? paths.socialValue.evidenceFile.href({ id: file.id }) : undefined } }
        }),
      })),
      lm3Href: isOwn ? paths.socialValue.lm3Survey.href({ id: provider.id }) : undefined,
      lm3: lm3.map((r) => ({ year: `${r.year} to ${r.year + 1}`, staff: `${(r.localStaffShare * 100).toLocaleString('en-GB')}%`, suppliers: `${(r.localSupplierShare * 100).toLocaleString('en-GB')}%`, at: r.answeredAt })),
    })
  })

  const ownCommitment = async (request: FastifyRequest) => {
    const found = await providerFor(request, true)
    const id = idOf(request, 'commitment')
    const commitment = await commitments.commitmentById(db, found.principal.councilId, id)
    if (!commitment || commitment.providerId !== found.provider.id) throw new NotFoundError('Commitment')
    return { ...found, commitment }
  }

  const renderReport = (reply: FastifyReply, status: number, found: Awaited<ReturnType<typeof ownCommitment>>, values: FormBody, errors: FormErrors) => {
    const f = formModel(values, errors)
    const c = found.commitment
    return reply.code(status).view('social-value/views/form.njk', {
      pageTitle: 'Report social value delivered',
      caption: `${c.code} ${c.wording}`,
      backText: 'Your social value',
      backHref: paths.socialValue.provider.href({ id: found.provider.id }),
      action: paths.socialValue.report.href({ id: found.provider.id, commitment: c.id }),
      multipart: true,
      intro: [`You committed to ${units(c.quantity)} ${c.unit} by ${formatDate(c.dueDate)} (${c.deliveredWhere}), under ${c.recordTitle}. So far ${units(c.reported)} reported and ${units(c.verified)} verified. The council checks each return against its evidence.`],
      errorList: errors.errorList,
      submitText: 'Send return',
      fields: [
        f.input('quantity', `Quantity delivered in the period (${c.unit})`, { classes: 'govuk-input--width-10', inputmode: 'decimal' }),
        f.date('periodStart', 'Start of the period', 'For example 1 4 2026'),
        f.date('periodEnd', 'End of the period', 'For example 30 9 2026'),
        f.file('evidenceFile', 'Evidence file (optional)', `For example a payroll summary or attendance sheets: ${EVIDENCE_TYPES_TEXT}, smaller than ${EVIDENCE_MAX_BYTES / (1024 * 1024)} MB. Only you and the council’s officers can open it.`),
        f.input('evidenceUrl', 'Link to the evidence (optional)', { type: 'url', hint: 'A web address starting https:// where the council can see the evidence, for example a shared folder' }),
        f.textarea('note', 'Note (optional if you attach a file or give a link)', 'What the evidence is, and anything the council should know'),
      ],
    })
  }

  app.get(paths.socialValue.report.pattern, { preHandler: requirePermission('social-value:report-own') }, async (request, reply) => renderReport(reply, 200, await ownCommitment(request), {}, NO_ERRORS))

  // The return's form is multipart when it carries a file: the parser is registered for this route only. The platform
  // checks the session, the form token (in the form's action) and the declared size, and the route's permission runs
  // in onRequest, all before any of the body is read; the file streams to a temporary file (platform/http/uploads.ts).
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, diskUploads(scope, EVIDENCE_MAX_BYTES))
    // A file over the cap is refused before (declared size) or while (streamed size) it is read: the provider's own
    // form comes back with the reason. Anyone else, or any other error, gets the platform's error page.
    scope.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
      if (error.statusCode !== 413) throw error
      let found: Awaited<ReturnType<typeof ownCommitment>>
      try {
        found = await ownCommitment(request)
      } catch {
        throw error
      }
      return renderReport(reply, 413, found, {}, toFormErrors([{ field: 'evidenceFile', message: `The selected file must be smaller than ${EVIDENCE_MAX_BYTES / (1024 * 1024)} MB` }], {}))
    })

    scope.post(paths.socialValue.report.pattern, { onRequest: requirePermission('social-value:report-own'), config: { uploadLimitBytes: EVIDENCE_MAX_BYTES + 64 * 1024 } }, async (request, reply) => {
      const found = await ownCommitment(request)
      const raw = (request.body ?? {}) as Record<string, unknown>
      const body: FormBody = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' || Array.isArray(v)))
      const upload = raw.evidenceFile
      const file = isUploadedFile(upload) && upload.size > 0 ? upload : undefined
      let type: KeptType | undefined
      const fileIssues = []
      if (file) {
        const sniffed = await sniffFile(file.path, file.filename)
        if (sniffed.ok) type = sniffed.type
        else fileIssues.push({ field: 'evidenceFile', message: sniffed.message })
      }
      const parsed = parseReturnForm(body, today(), type !== undefined)
      if (!parsed.ok || fileIssues.length) {
        const issues = [...fileIssues, ...(parsed.ok ? [] : parsed.issues)]
        // A file that was fine must be chosen again: browsers do not keep it on a page that comes back.
        if (type && file) issues.push({ field: 'evidenceFile', message: `Choose ${cleanFileName(file.filename)} again: files are not kept until the return is sent` })
        return renderReport(reply, 400, found, body, toFormErrors(issues, RETURN_FIELD_IDS))
      }
      const stored = file && type ? await keepFile(filesDir, EVIDENCE_AREA, file.path) : undefined
      const evidenceFile = stored && file && type ? { ...stored, originalName: cleanFileName(file.filename), mediaType: type.mediaType } : undefined
      try {
        await db.transaction((tx) => commitments.reportDelivery(tx, { councilId: found.principal.councilId, commitmentId: found.commitment.id, values: parsed.value, evidenceFile, actor: actorOf(request, found.principal), now: context.clock() }))
      } catch (error) {
        // The return was not written, so neither is its file.
        if (stored) await discardFile(filesDir, EVIDENCE_AREA, stored.storedName)
        throw error
      }
      return reply.redirect(`${paths.socialValue.provider.href({ id: found.provider.id })}?saved=return`, 303)
    })
  })

  // An evidence file goes to the provider whose return it is and to the council's officers; to anyone else of the
  // council it is not found, as a file of another council is. Never public.
  app.get(paths.socialValue.evidenceFile.pattern, { preHandler: requirePermission('social-value:manage', 'social-value:report-own') }, async (request, reply) => {
    const principal = principalOf(request)
    const file = await commitments.evidenceFileById(db, principal.councilId, idOf(request))
    const mayDownload = file && (can(principal, 'social-value:manage') || (can(principal, 'social-value:report-own') && principal.providerId === file.providerId))
    if (!file || !mayDownload) throw new NotFoundError('Evidence file')
    return sendKeptFile(reply, filesDir, EVIDENCE_AREA, file)
  })

  // ---------- the LM3 survey ----------

  const surveyYears = () => {
    const current = financialYearOf(context.clock()).startYear
    return [current, current - 1]
  }

  const renderSurvey = (reply: FastifyReply, status: number, provider: { id: string; name: string }, values: FormBody, errors: FormErrors) => {
    const f = formModel(values, errors)
    return reply.code(status).view('social-value/views/form.njk', {
      pageTitle: 'Where your income is spent',
      caption: provider.name,
      backText: 'Your social value',
      backHref: paths.socialValue.provider.href({ id: provider.id }),
      action: paths.socialValue.lm3Survey.href({ id: provider.id }),
      intro: [
        'Once a year the council asks how much of your income is spent in the local area, to measure how much of its money stays local (the Local Multiplier 3). Give your best estimate from your accounts.',
        'Local staff are people who live in the council’s area; local suppliers are businesses and organisations based there.',
      ],
      errorList: errors.errorList,
      submitText: 'Send answer',
      fields: [
        f.radios('year', 'Financial year', surveyYears().map((y) => ({ value: String(y), text: `${y} to ${y + 1}` })), { inline: true }),
        f.input('localStaff', 'Share of your income spent on the wages of local staff', { classes: 'govuk-input--width-4', inputmode: 'decimal', suffix: '%' }),
        f.input('localSuppliers', 'Share of your income spent with local suppliers', { classes: 'govuk-input--width-4', inputmode: 'decimal', suffix: '%', hint: 'The two together cannot be more than 100%' }),
        f.textarea('note', 'How you worked these out (optional)'),
      ],
    })
  }

  app.get(paths.socialValue.lm3Survey.pattern, { preHandler: requirePermission('social-value:report-own') }, async (request, reply) => {
    const { provider } = await providerFor(request, true)
    return renderSurvey(reply, 200, provider, { year: String(surveyYears()[0]) }, NO_ERRORS)
  })

  app.post(paths.socialValue.lm3Survey.pattern, { preHandler: requirePermission('social-value:report-own') }, async (request, reply) => {
    const { principal, provider } = await providerFor(request, true)
    const body = (request.body ?? {}) as FormBody
    const parsed = parseLm3Form(body, surveyYears())
    if (!parsed.ok) return renderSurvey(reply, 400, provider, body, toFormErrors(parsed.issues, { year: 'year' }))
    await db.transaction((tx) => saveLm3Return(tx, { councilId: principal.councilId, providerId: provider.id, ...parsed.value, actor: actorOf(request, principal), now: context.clock() }))
    return reply.redirect(`${paths.socialValue.provider.href({ id: provider.id })}?saved=lm3`, 303)
  })
}
