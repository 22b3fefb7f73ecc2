/**
 * Pooled funds: the rules. Who may see which fund, what a fund is made of, and the figures of its reports. Every
 * change is audited in the same transaction. Actual spend is read through the spend module's provider spend, and
 * contracts and grants through their own services, never their tables.
 */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { randomToken } from '../../platform/auth/tokens.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Principal } from '../../platform/auth/service.ts'
import type { Executor } from '../../platform/db/database.ts'
import { getContract, type ContractRecord } from '../contracts/service.ts'
import { getGrant, type GrantRecord } from '../grants/service.ts'
import { spendWithProvidersByMonth } from '../spend/provider-spend.ts'
import type { ContributionForm, FundForm, SchemeForm } from './forms.ts'
import * as repo from './repository.ts'
import type { FundScope } from './repository.ts'
import { buildReport, type FundReport } from './report.ts'
import { DEFAULT_TERMS, riskShareTermsSchema, type RiskShareTerms } from './risk-share.ts'
import { readSchemes, type SchemeMapping, type SheetData } from './scheme-import.ts'
import { quartersOf, schemeOfCode } from './vocabulary.ts'
import { isUuid } from '../../platform/ids.ts'

export type { FundScope } from './repository.ts'
export type { FundRow, SchemeRow, ContributionRow, PartnerOrganisationRow } from './repository.ts'

export class PooledFundError extends Error {
  constructor(readonly field: string, message: string) {
    super(message)
    this.name = 'PooledFundError'
  }
}

/**
 * Which funds a person may see: every fund of their council for its staff, only the funds their organisation is a
 * party to for a partner's user, none otherwise (ADR 0039).
 */
export function scopeOf(principal: Principal): FundScope | undefined {
  if (can(principal, 'pooled-funds:read')) return { councilId: principal.councilId }
  if (can(principal, 'pooled-funds:read-own') && principal.partnerOrganisationId) return { councilId: principal.councilId, partnerOrganisationId: principal.partnerOrganisationId }
  return undefined
}

interface Context {
  actor: Actor
  now: Date
}

export const listFunds = repo.listFunds
export const listOrganisations = repo.listOrganisations
export const fundsOfContract = repo.fundsOfContract

export async function getFund(db: Executor, scope: FundScope, id: string) {
  if (!isUuid(id)) return undefined
  return repo.findFund(db, scope, id)
}

export async function createFund(tx: Executor, councilId: string, input: FundForm, context: Context) {
  const fund = await repo.insertFund(tx, { councilId, ...input, riskShare: DEFAULT_TERMS, createdAt: context.now, updatedAt: context.now })
  await recordAudit(tx, { actor: context.actor, councilId, action: 'create', entityType: 'pooled-fund', entityId: fund.id, after: input, at: context.now })
  return fund
}

export async function addPartner(tx: Executor, councilId: string, fundId: string, organisationId: string, host: boolean, context: Context) {
  const organisation = isUuid(organisationId) ? await repo.findOrganisation(tx, organisationId) : undefined
  if (!organisation) throw new PooledFundError('organisation', 'Choose the partner organisation')
  const added = await repo.insertPartner(tx, { fundId, councilId, organisationId, createdAt: context.now })
  if (!added && !host) throw new PooledFundError('organisation', `${organisation.name} is already a partner in this fund`)
  if (added) await recordAudit(tx, { actor: context.actor, councilId, action: 'add-partner', entityType: 'pooled-fund', entityId: fundId, after: { partner: organisation.name, code: organisation.code }, at: context.now })
  if (host) {
    await repo.updateFund(tx, councilId, fundId, { hostPartnerId: organisationId, updatedAt: context.now })
    await recordAudit(tx, { actor: context.actor, councilId, action: 'set-host-partner', entityType: 'pooled-fund', entityId: fundId, after: { hostPartner: organisation.name }, at: context.now })
  }
  return organisation
}

export async function recordContribution(tx: Executor, councilId: string, fundId: string, input: ContributionForm, context: Context) {
  const partners = await repo.partnersOf(tx, fundId)
  if (!partners.some((p) => p.id === input.organisation)) throw new PooledFundError('organisation', 'Choose one of the fund’s partners')
  const row = await repo.insertContribution(tx, {
    fundId,
    councilId,
    organisationId: input.organisation,
    stream: input.stream,
    financialYear: input.financialYear,
    amountPence: input.amount,
    kind: input.kind,
    agreedOn: input.agreedOn,
    note: input.note,
    createdAt: context.now,
  })
  await recordAudit(tx, { actor: context.actor, councilId, action: input.kind === 'variation' ? 'vary-contribution' : 'record-contribution', entityType: 'pooled-fund', entityId: fundId, after: { contributionId: row.id, ...input }, at: context.now })
  return row
}

export async function addScheme(tx: Executor, councilId: string, fundId: string, input: SchemeForm, context: Context) {
  if (await repo.findSchemeByReference(tx, fundId, input.reference, input.financialYear)) {
    throw new PooledFundError('reference', `Scheme ${input.reference} is already in this fund’s plan for that year`)
  }
  const { planned, ...rest } = input
  const row = await repo.insertScheme(tx, { fundId, councilId, ...rest, plannedPence: planned, createdAt: context.now, updatedAt: context.now })
  await recordAudit(tx, { actor: context.actor, councilId, action: 'add-scheme', entityType: 'pooled-fund', entityId: fundId, after: { schemeId: row.id, ...input }, at: context.now })
  return row
}

/** The scheme in the address, if it belongs to the fund (a malformed id is simply not found). */
export async function getScheme(db: Executor, fundId: string, schemeId: string) {
  return isUuid(schemeId) ? repo.findScheme(db, fundId, schemeId) : undefined
}

/**
 * Changes a scheme of the plan: a plan is revised during the year (a scheme's provider changes, its planned
 * expenditure is moved). The audit keeps what it was before, so the plan's history can be read back.
 */
export async function changeScheme(tx: Executor, councilId: string, fundId: string, schemeId: string, input: SchemeForm, context: Context) {
  const before = await getScheme(tx, fundId, schemeId)
  if (!before) throw new PooledFundError('scheme', 'Scheme not found')
  const clash = await repo.findSchemeByReference(tx, fundId, input.reference, input.financialYear)
  if (clash && clash.id !== schemeId) throw new PooledFundError('reference', `Scheme ${input.reference} is already in this fund’s plan for that year`)
  const { planned, ...rest } = input
  const row = await repo.updateScheme(tx, fundId, schemeId, { ...rest, plannedPence: planned, updatedAt: context.now })
  const { createdAt: _c, updatedAt: _u, ...was } = before
  await recordAudit(tx, { actor: context.actor, councilId, action: 'change-scheme', entityType: 'pooled-fund', entityId: fundId, before: was, after: { schemeId, ...input }, at: context.now })
  return row
}

/** Links a scheme to one of the council's contracts or grants (`contract:<id>` or `grant:<id>`). */
export async function linkScheme(tx: Executor, councilId: string, fundId: string, schemeId: string, link: string, context: Context) {
  const scheme = isUuid(schemeId) ? await repo.findScheme(tx, fundId, schemeId) : undefined
  if (!scheme) throw new PooledFundError('scheme', 'Scheme not found')
  const [kind, id] = link.split(':') as ['contract' | 'grant', string]
  const record = kind === 'contract' ? await getContract(tx, councilId, id) : await getGrant(tx, councilId, id)
  if (!record) throw new PooledFundError('link', 'Choose a contract or grant of your council')
  const added = await repo.insertLink(tx, { schemeId, councilId, contractId: kind === 'contract' ? id : null, grantId: kind === 'grant' ? id : null, createdAt: context.now })
  if (!added) throw new PooledFundError('link', `${record.title} is already linked to this scheme`)
  await recordAudit(tx, { actor: context.actor, councilId, action: 'link-scheme', entityType: 'pooled-fund', entityId: fundId, after: { schemeId, [kind === 'contract' ? 'contractId' : 'grantId']: id, title: record.title }, at: context.now })
}

export async function setRiskShare(tx: Executor, councilId: string, fundId: string, terms: RiskShareTerms, context: Context) {
  const fund = await repo.findFund(tx, { councilId }, fundId)
  if (!fund) throw new PooledFundError('fund', 'Fund not found')
  const partners = new Set((await repo.partnersOf(tx, fundId)).map((p) => p.id))
  for (const rule of [terms.overspend, terms.underspend]) {
    if (rule.kind === 'first-loss' && !partners.has(rule.partnerId)) throw new PooledFundError('firstLossPartner', 'Choose the partner who bears the first loss')
    if (rule.kind === 'capped' && rule.caps.some((c) => !partners.has(c.partnerId))) throw new PooledFundError('caps', 'A cap names an organisation that is not a partner in this fund')
  }
  const parsed = riskShareTermsSchema.parse(terms)
  await repo.updateFund(tx, councilId, fundId, { riskShare: parsed, updatedAt: context.now })
  await recordAudit(tx, { actor: context.actor, councilId, action: 'set-risk-share', entityType: 'pooled-fund', entityId: fundId, before: fund.riskShare, after: parsed, at: context.now })
}

/** Everything the fund's page shows. */
export async function fundDetail(db: Executor, scope: FundScope, fund: repo.FundRow) {
  const [partners, contributions, schemes] = await Promise.all([repo.partnersOf(db, fund.id), repo.contributionsOf(db, fund.id), repo.schemesOf(db, fund.id)])
  const links = await repo.linksOf(db, schemes.map((s) => s.id))
  const linked = await describeLinks(db, scope.councilId, links)
  return {
    partners,
    host: partners.find((p) => p.id === fund.hostPartnerId),
    contributions,
    schemes: schemes.map((s) => ({ ...s, links: linked.filter((l) => l.schemeId === s.id) })),
    years: [...new Set([...contributions.map((c) => c.financialYear), ...schemes.map((s) => s.financialYear)])].sort(),
  }
}

interface DescribedLink {
  schemeId: string
  kind: 'contract' | 'grant'
  id: string
  title: string
  reference: string
  record: ContractRecord | GrantRecord
}

async function describeLinks(db: Executor, councilId: string, links: readonly repo.SchemeLinkRow[]): Promise<DescribedLink[]> {
  const described: DescribedLink[] = []
  for (const link of links) {
    if (link.contractId) {
      const contract = await getContract(db, councilId, link.contractId)
      if (contract) described.push({ schemeId: link.schemeId, kind: 'contract', id: contract.id, title: contract.title, reference: contract.reference, record: contract })
    } else if (link.grantId) {
      const grant = await getGrant(db, councilId, link.grantId)
      if (grant) described.push({ schemeId: link.schemeId, kind: 'grant', id: grant.id, title: grant.title, reference: grant.identifier, record: grant })
    }
  }
  return described
}

const later = (a: string, b: string) => (a > b ? a : b)
const earlier = (a: string, b: string) => (a < b ? a : b)

/**
 * What the spend register shows paid for a scheme in the year up to `to`: payments to the providers of its linked
 * contracts (inside each contract's term) and grants (to their recipients). A provider reached by two links is
 * counted once, over the widest window of the two, so a scheme never counts a payment twice.
 */
async function schemeSpend(db: Executor, councilId: string, links: readonly DescribedLink[], from: string, to: string): Promise<Map<string, number>> {
  const windows = new Map<string, { from: string; to: string }>()
  for (const link of links) {
    const providers: string[] = []
    let start = from
    let end = to
    if (link.kind === 'contract') {
      const contract = link.record as ContractRecord
      providers.push(...contract.suppliers.map((s) => s.providerId))
      if (contract.startDate) start = later(start, contract.startDate)
      if (contract.endDate) end = earlier(end, contract.endDate)
    } else {
      const grant = link.record as GrantRecord
      if (grant.recipientProviderId) providers.push(grant.recipientProviderId)
    }
    if (start > end) continue
    for (const provider of providers) {
      const known = windows.get(provider)
      windows.set(provider, known ? { from: earlier(known.from, start), to: later(known.to, end) } : { from: start, to: end })
    }
  }
  const monthly = new Map<string, number>()
  for (const [provider, window] of windows) {
    for (const month of await spendWithProvidersByMonth(db, councilId, [provider], window.from, window.to)) {
      monthly.set(month.month, (monthly.get(month.month) ?? 0) + month.amountPence)
    }
  }
  return monthly
}

/** The report for a year and quarter (4 is the year end), with figures from the spend register. */
export async function fundReport(db: Executor, scope: FundScope, fund: repo.FundRow, financialYear: number, quarter: 1 | 2 | 3 | 4): Promise<FundReport & { warnings: string[] }> {
  const [partners, contributions, schemes] = await Promise.all([repo.partnersOf(db, fund.id), repo.contributionsOf(db, fund.id, financialYear), repo.schemesOf(db, fund.id, financialYear)])
  const links = await describeLinks(db, scope.councilId, await repo.linksOf(db, schemes.map((s) => s.id)))
  const quarters = quartersOf(financialYear)
  const from = quarters[0]!.start
  const to = quarters[quarter - 1]!.end
  const schemeInputs = []
  for (const scheme of schemes) {
    const own = links.filter((l) => l.schemeId === scheme.id)
    schemeInputs.push({
      ...scheme,
      monthlyPence: await schemeSpend(db, scope.councilId, own, from, to),
      links: own.map((l) => `${l.kind === 'contract' ? 'Contract' : 'Grant'} ${l.reference}: ${l.title}`),
    })
  }
  // A provider paid through more than one scheme has its payments counted in each: say so rather than guess a split.
  const warnings: string[] = []
  const schemesOfProvider = new Map<string, Set<string>>()
  for (const link of links) {
    const providers = link.kind === 'contract' ? (link.record as ContractRecord).suppliers.map((s) => s.providerId) : [(link.record as GrantRecord).recipientProviderId].filter((p): p is string => Boolean(p))
    for (const p of providers) schemesOfProvider.set(p, (schemesOfProvider.get(p) ?? new Set()).add(link.schemeId))
  }
  const shared = [...schemesOfProvider.values()].filter((s) => s.size > 1).length
  if (shared > 0) warnings.push(`${shared} provider${shared === 1 ? ' is' : 's are'} paid through more than one scheme: their payments are counted in each scheme they deliver.`)
  const report = buildReport({
    fundName: fund.name,
    financialYear,
    quarter,
    schemes: schemeInputs,
    contributions: contributions.map((c) => ({ partnerId: c.organisationId, partnerName: partners.find((p) => p.id === c.organisationId)?.name ?? '', stream: c.stream, amountPence: c.amountPence })),
    partners: partners.map((p) => ({ partnerId: p.id, name: p.name })),
    terms: fund.riskShare,
  })
  return { ...report, warnings }
}

/**
 * Reads a list of partner organisations (CSV with a code column and a name column, any other columns ignored) and
 * adds or renames them, all or nothing: any row that cannot be read is reported by its line and nothing is stored.
 */
export function readOrganisationRows(records: readonly Record<string, string>[]): { rows: { scheme: string; code: string; name: string }[]; problems: string[] } {
  const problems: string[] = []
  const rows: { scheme: string; code: string; name: string }[] = []
  const first = records[0]
  const headings = first ? Object.keys(first) : []
  const codeColumn = headings.find((h) => /code|ods|gss/i.test(h))
  const nameColumn = headings.find((h) => /name/i.test(h))
  if (!codeColumn || !nameColumn) {
    return { rows, problems: [`The file needs a column of codes and a column of names (its headings were: ${headings.join(', ') || 'none'})`] }
  }
  const seen = new Set<string>()
  records.forEach((record, i) => {
    const line = i + 2
    const code = (record[codeColumn] ?? '').trim().toUpperCase()
    const name = (record[nameColumn] ?? '').trim()
    const scheme = schemeOfCode(code)
    if (!code && !name) return
    if (!scheme) return problems.push(`Line ${line}: “${code}” is neither an ONS GSS code (like E06000002) nor an NHS ODS code (like QHM)`)
    if (!name) return problems.push(`Line ${line}: ${code} has no name`)
    if (seen.has(`${scheme}:${code}`)) return problems.push(`Line ${line}: ${code} is listed twice`)
    seen.add(`${scheme}:${code}`)
    rows.push({ scheme, code, name })
  })
  if (rows.length === 0 && problems.length === 0) problems.push('The file has no rows of codes and names')
  return { rows, problems }
}

export async function importOrganisations(tx: Executor, rows: readonly { scheme: string; code: string; name: string }[], context: Context & { councilId: string }) {
  const result = await repo.upsertOrganisations(tx, rows, context.now)
  await recordAudit(tx, { actor: context.actor, councilId: context.councilId, action: 'import', entityType: 'partner-organisations', entityId: 'list', after: { rows: rows.length, ...result }, at: context.now })
  return result
}

export const findOrganisationByCode = repo.findOrganisationByCode
export const searchFunds = repo.searchFunds

/** How long an uploaded scheme list waits for its columns to be confirmed. */
const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000

/** Keeps an uploaded scheme list under a random token until its columns are confirmed. */
export async function holdSchemeUpload(tx: Executor, input: { councilId: string; fundId: string; fileName: string; data: SheetData; now: Date }): Promise<string> {
  await repo.deleteUploadsBefore(tx, new Date(input.now.getTime() - UPLOAD_LIFETIME_MS))
  const token = randomToken()
  await repo.insertUpload(tx, { token, councilId: input.councilId, fundId: input.fundId, fileName: input.fileName, data: input.data, createdAt: input.now })
  return token
}

export const heldSchemeUpload = repo.findUpload

export async function rememberedSchemeMapping(db: Executor, councilId: string): Promise<SchemeMapping> {
  return ((await repo.findMapping(db, councilId)) ?? {}) as SchemeMapping
}

/**
 * Imports a held scheme list with the officer's mapping, all or nothing: every row is read first; any problem (a bad
 * row, or a scheme id already in the plan for that year) stores no scheme and is reported.
 */
export async function importSchemes(
  tx: Executor,
  input: { councilId: string; fundId: string; token: string; mapping: SchemeMapping; financialYear: number },
  context: Context,
): Promise<{ ok: true; added: number } | { ok: false; problems: string[] }> {
  const upload = await heldSchemeUpload(tx, input.councilId, input.fundId, input.token)
  if (!upload) return { ok: false, problems: ['The uploaded file has expired: upload it again'] }
  const { rows, problems } = readSchemes(upload.data, input.mapping)
  for (const row of rows) {
    if (await repo.findSchemeByReference(tx, input.fundId, row.reference, input.financialYear)) problems.push(`Scheme ${row.reference} is already in this fund’s plan for ${input.financialYear}/${String((input.financialYear + 1) % 100).padStart(2, '0')}`)
  }
  // The columns the officer confirmed are remembered even when rows must be put right: the next file (the corrected
  // one, most often) is laid out the same way. Only a mapping missing a column is not worth keeping.
  const complete = readSchemes({ columns: upload.data.columns, rows: [] }, input.mapping).problems.length === 0
  if (complete) await repo.saveMapping(tx, input.councilId, input.mapping as Record<string, string>, context.now)
  if (problems.length > 0) return { ok: false, problems }
  for (const row of rows) {
    await repo.insertScheme(tx, { fundId: input.fundId, councilId: input.councilId, ...row, financialYear: input.financialYear, createdAt: context.now, updatedAt: context.now })
  }
  await repo.deleteUpload(tx, input.token)
  await recordAudit(tx, { actor: context.actor, councilId: input.councilId, action: 'import-schemes', entityType: 'pooled-fund', entityId: input.fundId, after: { file: upload.fileName, schemes: rows.length, financialYear: input.financialYear, mapping: input.mapping }, at: context.now })
  return { ok: true, added: rows.length }
}
