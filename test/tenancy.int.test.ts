/**
 * The tenancy walk: every route Catalyst registers, requested with no session and as every role of both demo
 * councils, for records of the user's own council and of the other council. Each answer must be the one this table
 * says: reached (2xx, a 303 onward, or 400 for an empty form), a redirect to sign in, 403, or 404.
 *
 * A route missing from the table fails the walk, so a new route cannot ship without saying who may use it.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { providers } from '../src/modules/providers/schema.ts'
import { appraisalOptions, commissioningProjects } from '../src/modules/projects/schema.ts'
import { priorityRounds } from '../src/modules/priorities/schema.ts'
import { stories } from '../src/modules/stories/schema.ts'
import { committees, councillorQuestions, decisions, recommendations, wards } from '../src/modules/scrutiny/schema.ts'
import { findCouncil, findCouncilById } from '../src/modules/councils/service.ts'
import { contractKpis, contracts, contractSuppliers, registerImportRuns } from '../src/modules/contracts/schema.ts'
import { grants } from '../src/modules/grants/schema.ts'
import { grantApplications, grantRounds } from '../src/modules/grant-rounds/schema.ts'
import { kpiReturns } from '../src/modules/kpi-returns/schema.ts'
import { marketEngagements } from '../src/modules/market-engagement/schema.ts'
import { quarterOf } from '../src/modules/kpi-returns/rules.ts'
import { addDays } from '../src/rules/contracts/in-force.ts'
import { londonDate } from '../src/modules/contracts/dates.ts'
import { spendImportRuns, spendImports, spendPayees } from '../src/modules/spend/schema.ts'
import { benchmarkIndicators, benchmarkValues, comparatorGroups, comparatorMembers } from '../src/modules/benchmarking/schema.ts'
import { councils } from '../src/modules/councils/schema.ts'
import { providerFinancials, riskAssessments } from '../src/modules/risk/schema.ts'
import { svCommitments, svEvidenceFiles, svMeasures, svReturns, svSroiModels } from '../src/modules/social-value/schema.ts'
import { keepFile } from '../src/platform/files/kept-files.ts'
import { marketPositionStatements, providerCapacity } from '../src/modules/market/schema.ts'
import { addAccount, membershipFor } from '../src/platform/auth/accounts.ts'
import { systemActor } from '../src/platform/audit/audit.ts'
import { memberships } from '../src/platform/auth/schema.ts'
import { jobs } from '../src/platform/jobs/schema.ts'
import { pooledFunds, pooledFundSchemes } from '../src/modules/pooled-funds/schema.ts'
import type { Database } from '../src/platform/db/database.ts'
import { createApiToken } from '../src/platform/auth/service.ts'
import type { Role } from '../src/platform/auth/roles.ts'
import { createTestApp, type TestApp, type TestClient } from './support/app.ts'
import { writeSettings } from '../src/platform/settings/settings.ts'
import { scrutinySettings } from '../src/modules/scrutiny/settings.ts'

type Outcome = 'reached' | 'sign-in' | 'forbidden' | 'not-found'
type Target = 'none' | 'own' | 'own-council' | 'other-council' | 'not-party'
interface Identity {
  name: string
  email?: string
  role?: Role
}

const IDENTITIES: Identity[] = [
  { name: 'visitor' },
  { name: 'DEMO admin', email: 'admin@demo.catalyst.test', role: 'admin' },
  { name: 'DEMO commissioner', email: 'commissioner@demo.catalyst.test', role: 'commissioner' },
  { name: 'DEMO finance', email: 'finance@demo.catalyst.test', role: 'finance' },
  { name: 'DEMO councillor', email: 'councillor@demo.catalyst.test', role: 'councillor' },
  { name: 'DEMO provider', email: 'provider@demo.catalyst.test', role: 'provider' },
  { name: 'DEMO moderator', email: 'moderator@demo.catalyst.test', role: 'moderator' },
  { name: 'OTHER admin', email: 'admin@other.catalyst.test', role: 'admin' },
  // A pooled fund partner (an ICB's user): DEMO's pooled funds its ICB is party to, and nothing else of DEMO.
  { name: 'DEMO partner', email: 'icb@demo.catalyst.test', role: 'partner' },
]

const ALL_ROLES: Role[] = ['admin', 'commissioner', 'finance', 'councillor', 'provider', 'moderator', 'partner']
const READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor', 'moderator']
const WRITERS: Role[] = ['admin', 'commissioner', 'finance']
const API_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const API_USERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor', 'provider']
const STORY_API_READERS: Role[] = ['admin', 'commissioner', 'councillor']
const PROJECT_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const PROJECT_WRITERS: Role[] = ['admin', 'commissioner']
const REGISTER_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const SPEND_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const SPEND_IMPORTERS: Role[] = ['admin', 'finance']
const MARKET_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const MARKET_WRITERS: Role[] = ['admin', 'commissioner']
const RED_FLAG_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const RED_FLAG_DISMISSERS: Role[] = ['admin', 'commissioner', 'finance']
const DECISION_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const DECISION_WRITERS: Role[] = ['admin', 'commissioner']
// Councillors see supplier risk only when the council's settings say so (ADR 0062): the demo keeps the default.
const RISK_READERS: Role[] = ['admin', 'commissioner', 'finance']
const RISK_ASSESSORS: Role[] = ['admin', 'commissioner', 'finance']
const SV_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const SV_MANAGERS: Role[] = ['admin', 'commissioner', 'finance']
const POOLED_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const POOLED_WRITERS: Role[] = ['admin', 'commissioner', 'finance']
const GRANT_ROUND_READERS: Role[] = ['admin', 'commissioner', 'finance', 'councillor']
const GRANT_ROUND_MANAGERS: Role[] = ['admin', 'commissioner']
const GRANT_ROUND_ASSESSORS: Role[] = ['admin', 'commissioner', 'finance']

/** Who may use a route: everyone, or signed-in users with one of these roles (the provider role only for its own record). */
interface Rule {
  access: 'public' | Role[]
  /** The provider role may use it for the provider it speaks for. */
  providerOwn?: boolean
  /** The partner role may use it for a pooled fund its organisation is a party to (and gets 404 for any other). */
  partnerOwn?: boolean
  /** What :id stands for: a kind in RECORD_FINDERS. */
  record?: string
  /** Values for the route's other parameters (such as :category), the same for every identity. */
  params?: Record<string, string>
}

const RULES: Record<string, Rule> = {
  'GET /': { access: 'public' },
  'GET /sign-in': { access: 'public' },
  'POST /sign-in': { access: 'public' },
  'POST /sign-out': { access: 'public' },
  'GET /sign-in/with/:council': { access: 'public', params: { council: 'DEMO' } },
  'GET /sign-in/callback': { access: 'public' },
  'GET /choose-council': { access: ALL_ROLES },
  'POST /choose-council': { access: ALL_ROLES },
  'GET /invitations/:token': { access: 'public' },
  'POST /invitations/:token': { access: 'public' },
  'GET /password-reset': { access: 'public' },
  'POST /password-reset': { access: 'public' },
  'GET /password-reset/:token': { access: 'public' },
  'POST /password-reset/:token': { access: 'public' },
  'GET /sign-in/code': { access: 'public' },
  'POST /sign-in/code': { access: 'public' },
  'GET /account/two-factor': { access: ALL_ROLES },
  'POST /account/two-factor': { access: ALL_ROLES },
  'GET /accessibility': { access: 'public' },
  'GET /cookies': { access: 'public' },
  'POST /cookies': { access: 'public' },
  'GET /healthz': { access: 'public' },
  'GET /readyz': { access: 'public' },
  'GET /search': { access: 'public' },
  'GET /settings': { access: ['admin'] },
  'GET /settings/outbox': { access: ['admin'] },
  'GET /settings/jobs': { access: ['admin'] },
  'POST /settings/jobs/:id/retry': { access: ['admin'], record: 'dead-job' },
  'GET /settings/sign-in': { access: ['admin'] },
  'POST /settings/sign-in': { access: ['admin'] },
  'GET /public/providers': { access: 'public' },
  'GET /public/providers/:id': { access: 'public', record: 'provider' },
  'GET /providers': { access: READERS },
  'GET /providers/download.csv': { access: READERS },
  'GET /providers/new': { access: WRITERS },
  'POST /providers': { access: WRITERS },
  'GET /providers/:id': { access: READERS, providerOwn: true, record: 'provider' },
  'GET /providers/:id/edit': { access: WRITERS, providerOwn: true, record: 'provider' },
  'POST /providers/:id': { access: WRITERS, providerOwn: true, record: 'provider' },
  'GET /councils': { access: ALL_ROLES },
  'GET /admin/users': { access: ['admin'] },
  'GET /admin/users/new': { access: ['admin'] },
  'POST /admin/users': { access: ['admin'] },
  'GET /admin/users/:id': { access: ['admin'], record: 'user' },
  'POST /admin/users/:id': { access: ['admin'], record: 'user' },
  'POST /admin/users/:id/account': { access: ['admin'], record: 'user' },
  'POST /admin/users/:id/two-factor': { access: ['admin'], record: 'user' },
  'GET /admin/security': { access: ['admin'] },
  'GET /admin/access': { access: ['admin'] },
  'POST /admin/access': { access: ['admin'] },
  'POST /admin/security': { access: ['admin'] },
  'GET /api/v1': { access: 'public' },
  'GET /api/v1/openapi.json': { access: 'public' },
  'GET /api/v1/providers': { access: API_READERS },
  'POST /api/v1/providers': { access: WRITERS },
  'GET /api/v1/providers/:id': { access: API_READERS, providerOwn: true, record: 'provider' },
  'PATCH /api/v1/providers/:id': { access: WRITERS, providerOwn: true, record: 'provider' },
  'GET /api/v1/contracts': { access: API_READERS },
  'GET /api/v1/contracts/:id': { access: API_READERS, record: 'contract' },
  'GET /api/v1/grants': { access: API_READERS },
  'POST /api/v1/grants': { access: WRITERS },
  'GET /api/v1/grants/:id': { access: API_READERS, record: 'grant' },
  'GET /api/v1/spend/imports': { access: API_READERS },
  'GET /api/v1/spend/imports/:id': { access: API_READERS, record: 'spend-import' },
  'GET /api/v1/spend/payees': { access: API_READERS },
  'GET /api/v1/spend/payees/:id': { access: API_READERS, record: 'spend-payee' },
  'GET /api/v1/spend/summaries/months': { access: API_READERS },
  'GET /api/v1/spend/summaries/categories': { access: API_READERS },
  'GET /api/v1/projects': { access: API_READERS },
  'GET /api/v1/projects/:id': { access: API_READERS, record: 'project' },
  'GET /api/v1/red-flags': { access: API_READERS },
  // ADR 0061: stories as the council's stories page shows them, priorities rounds (public, any API user of the council),
  // risk assessments and the market's capacity and statements; a provider sends its own KPI return.
  'GET /api/v1/stories': { access: STORY_API_READERS },
  'GET /api/v1/stories/:id': { access: STORY_API_READERS, record: 'story' },
  'GET /api/v1/priorities': { access: API_USERS },
  'GET /api/v1/priorities/:id': { access: API_USERS, record: 'round' },
  'GET /api/v1/risk/assessments': { access: RISK_READERS },
  'GET /api/v1/risk/assessments/:id': { access: RISK_READERS, record: 'risk-assessment-record' },
  'GET /api/v1/market/capacity': { access: MARKET_READERS },
  'GET /api/v1/market/capacity/:id': { access: MARKET_READERS, record: 'market-capacity' },
  'GET /api/v1/market/statements': { access: MARKET_READERS },
  'GET /api/v1/market/statements/:id': { access: MARKET_READERS, record: 'market-statement' },
  'POST /api/v1/kpi-returns': { access: ['provider'] },
  'GET /route-advice': { access: PROJECT_READERS },
  'POST /route-advice': { access: PROJECT_READERS },
  'GET /route-advice/answer': { access: PROJECT_READERS },
  'POST /route-advice/save': { access: PROJECT_WRITERS },
  'POST /api/v1/route-advice': { access: PROJECT_READERS },
  'GET /projects': { access: PROJECT_READERS },
  'GET /projects/new': { access: PROJECT_WRITERS },
  'POST /projects': { access: PROJECT_WRITERS },
  'GET /projects/:id': { access: PROJECT_READERS, record: 'project' },
  'POST /projects/:id': { access: PROJECT_WRITERS, record: 'project' },
  'GET /projects/:id/edit': { access: PROJECT_WRITERS, record: 'project' },
  'GET /projects/:id/appraisal': { access: PROJECT_READERS, record: 'project' },
  'GET /projects/:id/appraisal/report': { access: PROJECT_READERS, record: 'project' },
  'GET /projects/:id/appraisal.csv': { access: PROJECT_READERS, record: 'project' },
  'GET /projects/:id/appraisal/delivery-models': { access: PROJECT_WRITERS, record: 'project' },
  'POST /projects/:id/appraisal/delivery-models': { access: PROJECT_WRITERS, record: 'project' },
  'POST /projects/:id/appraisal/scores': { access: PROJECT_WRITERS, record: 'project' },
  // The walk posts no confirmation, so an allowed user is sent back to the question and nothing is removed.
  'GET /projects/:id/appraisal/options/:optionId/remove': { access: PROJECT_WRITERS, record: 'appraisal-option' },
  'POST /projects/:id/appraisal/options/:optionId/remove': { access: PROJECT_WRITERS, record: 'appraisal-option' },
  'GET /projects/:id/route-advice': { access: PROJECT_WRITERS, record: 'project' },
  'POST /projects/:id/route-advice': { access: PROJECT_WRITERS, record: 'project' },
  ...Object.fromEntries(
    ['needs', 'outcomes', 'partners', 'links', 'milestones', 'decisions', 'stage', 'review', 'options', 'weights', 'scores'].map((part) => [
      `POST /projects/:id/${part}`,
      { access: PROJECT_WRITERS, record: 'project' } satisfies Rule,
    ]),
  ),
  'GET /stories': { access: 'public' },
  'POST /stories': { access: 'public' },
  'GET /stories/new': { access: 'public' },
  'GET /stories/:id': { access: 'public', record: 'story' },
  'POST /stories/:id/report': { access: 'public', record: 'story' },
  'GET /stories/confirm/:token': { access: 'public' },
  'POST /stories/confirm/:token': { access: 'public' },
  'GET /stories/your-story/:token': { access: 'public' },
  'POST /stories/your-story/:token': { access: 'public' },
  'GET /stories/council': { access: ['admin', 'commissioner', 'councillor'] },
  'GET /stories/provider': { access: ['provider'] },
  'GET /stories/:id/respond': { access: ['provider'], record: 'story' },
  'POST /stories/:id/respond': { access: ['provider'], record: 'story' },
  'POST /stories/:id/publish-now': { access: ['provider'], record: 'story' },
  'GET /stories/changes/new': { access: ['admin', 'commissioner'] },
  'POST /stories/changes': { access: ['admin', 'commissioner'] },
  'GET /stories/settings': { access: ['admin'] },
  'POST /stories/settings': { access: ['admin'] },
  'GET /moderation': { access: ['admin', 'moderator'] },
  'GET /moderation/:id': { access: ['admin', 'moderator'], record: 'story' },
  'POST /moderation/:id': { access: ['admin', 'moderator'], record: 'story' },
  'POST /moderation/:id/block': { access: ['admin', 'moderator'], record: 'story' },
  'GET /priorities': { access: 'public' },
  'POST /priorities': { access: ['admin', 'commissioner'] },
  'GET /priorities/new': { access: ['admin', 'commissioner'] },
  'GET /priorities/:id': { access: 'public', record: 'round' },
  'GET /priorities/:id/ideas/new': { access: 'public', record: 'round' },
  'POST /priorities/:id/ideas': { access: 'public', record: 'round' },
  'GET /priorities/:id/vote': { access: 'public', record: 'round' },
  'POST /priorities/:id/vote': { access: 'public', record: 'round' },
  'GET /priorities/:id/results': { access: 'public', record: 'round' },
  'GET /priorities/:id/ballots.csv': { access: 'public', record: 'round' },
  'GET /priorities/confirm/:token': { access: 'public' },
  'POST /priorities/confirm/:token': { access: 'public' },
  'GET /priorities/:id/manage': { access: ['admin', 'commissioner'], record: 'round' },
  'POST /priorities/:id/phase': { access: ['admin', 'commissioner'], record: 'round' },
  'POST /priorities/:id/review': { access: ['admin', 'commissioner'], record: 'round' },
  'POST /priorities/:id/codes': { access: ['admin', 'commissioner'], record: 'round' },
  'POST /priorities/:id/override': { access: ['admin', 'commissioner'], record: 'round' },
  'POST /priorities/:id/delivery': { access: ['admin', 'commissioner'], record: 'round' },
  'GET /wards': { access: DECISION_READERS },
  'POST /wards/import': { access: ['admin'] },
  'GET /wards/:id': { access: DECISION_READERS, record: 'ward' },
  'POST /wards/:id/links': { access: DECISION_WRITERS, record: 'ward' },
  'POST /wards/:id/councillors': { access: ['admin'], record: 'ward' },
  'GET /decisions': { access: DECISION_READERS },
  'POST /decisions': { access: DECISION_WRITERS },
  'GET /decisions/new': { access: DECISION_WRITERS },
  'GET /decisions/:id': { access: DECISION_READERS, record: 'decision' },
  'POST /decisions/:id/taken': { access: DECISION_WRITERS, record: 'decision' },
  'POST /decisions/:id/call-in': { access: ['councillor'], record: 'decision' },
  'POST /decisions/:id/call-in-outcome': { access: DECISION_WRITERS, record: 'decision' },
  'POST /decisions/:id/contracts': { access: DECISION_WRITERS, record: 'decision' },
  'GET /scrutiny/settings': { access: ['admin'] },
  'POST /scrutiny/settings': { access: ['admin'] },
  'GET /committees': { access: DECISION_READERS },
  'POST /committees': { access: ['admin'] },
  'GET /committees/:id': { access: DECISION_READERS, record: 'committee' },
  'POST /committees/:id/members': { access: ['admin'], record: 'committee' },
  'POST /committees/:id/recommendations': { access: DECISION_WRITERS, record: 'committee' },
  'GET /recommendations': { access: DECISION_READERS },
  'GET /recommendations/:id': { access: DECISION_READERS, record: 'recommendation' },
  'POST /recommendations/:id/response': { access: DECISION_WRITERS, record: 'recommendation' },
  'POST /recommendations/:id/implementation': { access: DECISION_WRITERS, record: 'recommendation' },
  'GET /questions': { access: DECISION_READERS },
  'POST /questions': { access: ['councillor'] },
  'GET /questions/:id': { access: DECISION_READERS, record: 'question' },
  'POST /questions/:id/answer': { access: DECISION_WRITERS, record: 'question' },
  'POST /questions/:id/publication': { access: DECISION_WRITERS, record: 'question' },
  'GET /councillors/:id': { access: DECISION_READERS, record: 'councillor' },
  // Councillors see the audit log only when the council's settings say so (ADR 0062): the demo keeps the default.
  'GET /audit-trail': { access: ['admin'] },
  'GET /forward-plan/:council': { access: 'public', params: { council: 'DEMO' } },
  'GET /forward-plan/:council/key-decisions.csv': { access: 'public', params: { council: 'DEMO' } },
  'GET /forward-plan/:council/key-decisions.ics': { access: 'public', params: { council: 'OTHER' } },
  // Public scrutiny pages: each record under its own council's code (another council's id answers 404, tested in
  // src/modules/scrutiny/publication.int.test.ts). DEMO publishes its questions; the walk has OTHER publish its own.
  'GET /public/scrutiny/:council': { access: 'public', params: { council: 'DEMO' } },
  'GET /public/scrutiny/:council/committees/:id': { access: 'public', record: 'public-committee' },
  'GET /public/scrutiny/:council/recommendations': { access: 'public', params: { council: 'OTHER' } },
  'GET /public/scrutiny/:council/recommendations.csv': { access: 'public', params: { council: 'DEMO' } },
  'GET /public/scrutiny/:council/recommendations/:id': { access: 'public', record: 'public-recommendation' },
  'GET /public/scrutiny/:council/questions': { access: 'public', params: { council: 'DEMO' } },
  'GET /public/scrutiny/:council/questions.csv': { access: 'public', params: { council: 'DEMO' } },
  'GET /public/scrutiny/:council/questions/:id': { access: 'public', record: 'public-question' },
  'GET /contracts': { access: REGISTER_READERS },
  'POST /contracts': { access: WRITERS },
  'GET /contracts/new': { access: WRITERS },
  'GET /contracts/attention': { access: REGISTER_READERS },
  'GET /contracts/opportunities': { access: ['admin', 'commissioner', 'finance', 'councillor', 'provider'] },
  'GET /contracts/import': { access: WRITERS },
  'POST /contracts/import': { access: WRITERS },
  'GET /contracts/import/preview': { access: WRITERS },
  'POST /contracts/import/preview': { access: WRITERS },
  'POST /contracts/import/confirm': { access: WRITERS },
  'GET /contracts/import/progress/:id': { access: WRITERS, record: 'register-import-run' },
  'GET /contracts/settings': { access: ['admin'] },
  'POST /contracts/settings': { access: ['admin'] },
  'GET /contracts/:id': { access: REGISTER_READERS, record: 'contract' },
  'GET /contracts/:id/edit': { access: WRITERS, record: 'contract' },
  'POST /contracts/:id': { access: WRITERS, record: 'contract' },
  'POST /contracts/:id/kpis': { access: WRITERS, record: 'contract' },
  'POST /contracts/:id/assessments': { access: WRITERS, record: 'contract' },
  'GET /contracts/:id/modifications/new': { access: WRITERS, record: 'contract' },
  'POST /contracts/:id/modifications': { access: WRITERS, record: 'contract' },
  'GET /grants': { access: REGISTER_READERS },
  'GET /grants/new': { access: WRITERS },
  'POST /grants': { access: WRITERS },
  'GET /grants/:id': { access: REGISTER_READERS, record: 'grant' },
  'GET /grants/:id/edit': { access: WRITERS, record: 'grant' },
  'POST /grants/:id': { access: WRITERS, record: 'grant' },
  'GET /open-data': { access: 'public' },
  'GET /open-data/:id/contracts.csv': { access: 'public', record: 'council-code' },
  'GET /open-data/:id/ocds-releases.json': { access: 'public', record: 'council-code' },
  'GET /open-data/:id/ocds-records.json': { access: 'public', record: 'council-code' },
  'GET /open-data/:id/360giving.json': { access: 'public', record: 'council-code' },
  'GET /open-data/:id/360giving.csv': { access: 'public', record: 'council-code' },
  'GET /open-data/:id/vcse-grants.csv': { access: 'public', record: 'council-code' },
  'GET /who-delivers-our-services': { access: 'public' },
  'GET /spend': { access: SPEND_READERS },
  'GET /spend/imports': { access: SPEND_READERS },
  'GET /spend/imports/new': { access: SPEND_IMPORTERS },
  'POST /spend/imports': { access: SPEND_IMPORTERS },
  'GET /spend/imports/preview': { access: SPEND_IMPORTERS },
  'POST /spend/imports/preview': { access: SPEND_IMPORTERS },
  'GET /spend/imports/:id': { access: SPEND_READERS, record: 'spend-import' },
  'GET /spend/imports/progress/:id': { access: SPEND_IMPORTERS, record: 'spend-import-run' },
  'POST /spend/imports/:id/undo': { access: SPEND_IMPORTERS, record: 'spend-import' },
  'GET /spend/payees': { access: SPEND_READERS },
  'GET /spend/payees/:id': { access: SPEND_READERS, record: 'spend-payee' },
  'GET /spend/payments': { access: SPEND_READERS },
  'GET /spend/concentration': { access: SPEND_READERS },
  'GET /spend/contracts': { access: SPEND_READERS },
  'GET /spend/review': { access: SPEND_IMPORTERS },
  'POST /spend/review/:id': { access: SPEND_IMPORTERS, record: 'spend-payee' },
  'GET /spend/settings': { access: ['admin'] },
  'POST /spend/settings': { access: ['admin'] },
  'GET /spend/categories': { access: SPEND_IMPORTERS },
  'POST /spend/categories': { access: SPEND_IMPORTERS },
  'POST /spend/categories/undo': { access: SPEND_IMPORTERS },
  'GET /spend/payees/:id/provider/new': { access: SPEND_IMPORTERS, record: 'spend-payee' },
  'POST /spend/payees/:id/provider/new': { access: SPEND_IMPORTERS, record: 'spend-payee' },
  'GET /settings/area': { access: ['admin'] },
  'POST /settings/area': { access: ['admin'] },
  'GET /market': { access: MARKET_READERS },
  'GET /market/settings': { access: ['admin'] },
  'POST /market/settings': { access: ['admin'] },
  'GET /market/statements': { access: MARKET_READERS },
  'GET /market/statements/:category': { access: MARKET_READERS, params: { category: 'adult-social-care' } },
  'POST /market/statements/:category': { access: MARKET_WRITERS, params: { category: 'adult-social-care' } },
  'GET /providers/:id/capacity': { access: MARKET_READERS, record: 'provider' },
  'POST /providers/:id/capacity': { access: MARKET_WRITERS, record: 'provider' },
  // The demo publishes DEMO's adult social care statement: anyone may read it.
  'GET /market-position-statements/:council/:category': { access: 'public', params: { council: 'DEMO', category: 'adult-social-care' } },
  'GET /benchmarking': { access: MARKET_READERS },
  'GET /benchmarking/import': { access: MARKET_WRITERS },
  'POST /benchmarking/import': { access: MARKET_WRITERS },
  'POST /benchmarking/computed': { access: MARKET_WRITERS },
  'GET /benchmarking/indicators/:id': { access: MARKET_READERS, record: 'benchmark-indicator' },
  'POST /benchmarking/indicators/:id/polarity': { access: MARKET_WRITERS, record: 'benchmark-indicator' },
  'GET /benchmarking/groups/new': { access: MARKET_WRITERS },
  'POST /benchmarking/groups/new': { access: MARKET_WRITERS },
  'POST /benchmarking/groups/upload': { access: MARKET_WRITERS },
  'GET /benchmarking/groups/:id': { access: MARKET_READERS, record: 'comparator-group' },
  'POST /benchmarking/groups/:id/members': { access: MARKET_WRITERS, record: 'comparator-group' },
  'POST /benchmarking/groups/:id/members/remove': { access: MARKET_WRITERS, record: 'comparator-group' },
  'GET /benchmarking/groups/:id/suppliers': { access: MARKET_READERS, record: 'comparator-group' },
  'GET /benchmarking/groups/:id/report': { access: MARKET_READERS, record: 'comparator-group' },
  'GET /benchmarking/scatter': { access: MARKET_READERS },
  'GET /red-flags': { access: RED_FLAG_READERS },
  'GET /red-flags/dismiss': { access: RED_FLAG_DISMISSERS },
  'POST /red-flags/dismiss': { access: RED_FLAG_DISMISSERS },
  'POST /red-flags/restore': { access: RED_FLAG_DISMISSERS },
  'GET /red-flags/settings': { access: ['admin'] },
  'POST /red-flags/settings': { access: ['admin'] },
  'GET /providers/:id/risk': { access: RISK_READERS, record: 'provider' },
  'GET /providers/:id/risk/financials/new': { access: RISK_ASSESSORS, record: 'provider' },
  'POST /providers/:id/risk/financials/new': { access: RISK_ASSESSORS, record: 'provider' },
  'GET /providers/:id/risk/financials/:year': { access: RISK_ASSESSORS, record: 'risk-financials' },
  'POST /providers/:id/risk/financials/:year': { access: RISK_ASSESSORS, record: 'risk-financials' },
  'GET /providers/:id/risk/events/new': { access: RISK_ASSESSORS, record: 'provider' },
  'POST /providers/:id/risk/events/new': { access: RISK_ASSESSORS, record: 'provider' },
  'GET /providers/:id/risk/assessments/new': { access: RISK_ASSESSORS, record: 'provider' },
  'POST /providers/:id/risk/assessments/new': { access: RISK_ASSESSORS, record: 'provider' },
  'GET /providers/:id/risk/assessments/:assessment': { access: RISK_READERS, record: 'risk-assessment' },
  'POST /providers/:id/risk/assessments/:assessment': { access: RISK_ASSESSORS, record: 'risk-assessment' },
  'POST /providers/:id/risk/assessments/:assessment/request-evidence': { access: RISK_ASSESSORS, record: 'risk-assessment' },
  'GET /providers/:id/risk/evidence': { access: [], providerOwn: true, record: 'provider' },
  'POST /providers/:id/risk/evidence': { access: [], providerOwn: true, record: 'provider' },
  'GET /risk/naive-rule-report': { access: RISK_READERS },
  'GET /risk/naive-rule-report.csv': { access: RISK_READERS },
  'GET /risk/settings': { access: ['admin'] },
  'POST /risk/settings': { access: ['admin'] },
  'GET /social-value/measures': { access: SV_READERS },
  'GET /social-value/measures/new': { access: ['admin'] },
  'POST /social-value/measures/new': { access: ['admin'] },
  'GET /social-value/measures/:id': { access: ['admin'], record: 'sv-measure' },
  'POST /social-value/measures/:id': { access: ['admin'], record: 'sv-measure' },
  'POST /social-value/measures/copy': { access: ['admin'] },
  'GET /social-value/measures/import': { access: ['admin'] },
  'POST /social-value/measures/import': { access: ['admin'] },
  'GET /social-value/measures/import/preview': { access: ['admin'] },
  'POST /social-value/measures/import/preview': { access: ['admin'] },
  'POST /social-value/measures/import/confirm': { access: ['admin'] },
  'GET /social-value/settings': { access: ['admin'] },
  'POST /social-value/settings': { access: ['admin'] },
  'GET /social-value/commitments': { access: SV_READERS },
  'GET /social-value/commitments/new': { access: SV_MANAGERS },
  'POST /social-value/commitments/new': { access: SV_MANAGERS },
  'GET /social-value/returns/:id': { access: SV_READERS, record: 'sv-return' },
  'GET /social-value/evidence/:id': { access: SV_MANAGERS, providerOwn: true, record: 'sv-evidence' },
  'POST /social-value/returns/:id': { access: SV_MANAGERS, record: 'sv-return' },
  'GET /providers/:id/social-value': { access: SV_READERS, providerOwn: true, record: 'provider' },
  'GET /providers/:id/social-value/commitments/:commitment': { access: [], providerOwn: true, record: 'sv-commitment' },
  'POST /providers/:id/social-value/commitments/:commitment': { access: [], providerOwn: true, record: 'sv-commitment' },
  'GET /providers/:id/social-value/lm3': { access: [], providerOwn: true, record: 'provider' },
  'POST /providers/:id/social-value/lm3': { access: [], providerOwn: true, record: 'provider' },
  'GET /social-value/sroi': { access: SV_READERS },
  'GET /social-value/sroi/new': { access: SV_MANAGERS },
  'POST /social-value/sroi/new': { access: SV_MANAGERS },
  'GET /social-value/sroi/:id': { access: SV_READERS, record: 'sv-sroi' },
  'GET /social-value/sroi/:id/report': { access: SV_READERS, record: 'sv-sroi' },
  'GET /social-value/sroi/:id/outcomes/new': { access: SV_MANAGERS, record: 'sv-sroi' },
  'POST /social-value/sroi/:id/outcomes/new': { access: SV_MANAGERS, record: 'sv-sroi' },
  'GET /social-value/lm3': { access: SV_READERS },
  'GET /pooled-funds': { access: POOLED_READERS, partnerOwn: true },
  'GET /pooled-funds/new': { access: POOLED_WRITERS },
  'POST /pooled-funds': { access: POOLED_WRITERS },
  'GET /pooled-funds/partner-organisations': { access: ['admin'] },
  'POST /pooled-funds/partner-organisations': { access: ['admin'] },
  'GET /pooled-funds/:id': { access: POOLED_READERS, partnerOwn: true, record: 'pooled-fund' },
  'GET /pooled-funds/:id/report': { access: POOLED_READERS, partnerOwn: true, record: 'pooled-fund' },
  'GET /pooled-funds/:id/report.csv': { access: POOLED_READERS, partnerOwn: true, record: 'pooled-fund' },
  'GET /pooled-funds/:id/report.xlsx': { access: POOLED_READERS, partnerOwn: true, record: 'pooled-fund' },
  'POST /pooled-funds/:id/partners': { access: POOLED_WRITERS, record: 'pooled-fund' },
  'POST /pooled-funds/:id/partner-users': { access: ['admin'], record: 'pooled-fund' },
  'GET /pooled-funds/:id/contributions/new': { access: POOLED_WRITERS, record: 'pooled-fund' },
  'POST /pooled-funds/:id/contributions': { access: POOLED_WRITERS, record: 'pooled-fund' },
  'GET /pooled-funds/:id/schemes/new': { access: POOLED_WRITERS, record: 'pooled-fund' },
  'POST /pooled-funds/:id/schemes': { access: POOLED_WRITERS, record: 'pooled-fund' },
  'POST /pooled-funds/:id/schemes/:schemeId/links': { access: POOLED_WRITERS, record: 'pooled-fund-scheme' },
  'GET /pooled-funds/:id/schemes/:schemeId/edit': { access: POOLED_WRITERS, record: 'pooled-fund-scheme' },
  'POST /pooled-funds/:id/schemes/:schemeId/edit': { access: POOLED_WRITERS, record: 'pooled-fund-scheme' },
  'GET /pooled-funds/:id/schemes/import': { access: POOLED_WRITERS, record: 'pooled-fund' },
  'POST /pooled-funds/:id/schemes/import': { access: POOLED_WRITERS, record: 'pooled-fund' },
  // No upload is held under this token, so an allowed user is sent back to the upload page.
  'GET /pooled-funds/:id/schemes/import/:token': { access: POOLED_WRITERS, record: 'pooled-fund', params: { token: 'no-such-upload' } },
  'POST /pooled-funds/:id/schemes/import/:token': { access: POOLED_WRITERS, record: 'pooled-fund', params: { token: 'no-such-upload' } },
  'GET /pooled-funds/:id/risk-share': { access: POOLED_WRITERS, record: 'pooled-fund' },
  'POST /pooled-funds/:id/risk-share': { access: POOLED_WRITERS, record: 'pooled-fund' },
  // Grant rounds: staff read and run them; a provider sees the rounds open to it and applies (the apply page is its only).
  'GET /grant-rounds': { access: [...GRANT_ROUND_READERS, 'provider'] },
  'POST /grant-rounds': { access: GRANT_ROUND_MANAGERS },
  'GET /grant-rounds/new': { access: GRANT_ROUND_MANAGERS },
  'GET /grant-rounds/settings': { access: ['admin'] },
  'POST /grant-rounds/settings': { access: ['admin'] },
  'GET /grant-rounds/:id': { access: [...GRANT_ROUND_READERS, 'provider'], record: 'grant-round' },
  'POST /grant-rounds/:id/publish': { access: GRANT_ROUND_MANAGERS, record: 'grant-round' },
  'POST /grant-rounds/:id/interests': { access: GRANT_ROUND_ASSESSORS, record: 'grant-round' },
  'GET /grant-rounds/:id/apply': { access: ['provider'], record: 'grant-round' },
  'POST /grant-rounds/:id/apply': { access: ['provider'], record: 'grant-round' },
  'POST /grant-rounds/:id/decide': { access: GRANT_ROUND_MANAGERS, record: 'grant-round' },
  'GET /grant-rounds/:id/reach': { access: GRANT_ROUND_READERS, record: 'grant-round' },
  'GET /grant-rounds/:id/applications/:application': { access: GRANT_ROUND_READERS, record: 'grant-application' },
  'POST /grant-rounds/:id/applications/:application/score': { access: GRANT_ROUND_ASSESSORS, record: 'grant-application' },
  'POST /grant-rounds/:id/applications/:application/moderate': { access: GRANT_ROUND_MANAGERS, record: 'grant-application' },
  'POST /grant-rounds/:id/applications/:application/decision': { access: GRANT_ROUND_MANAGERS, record: 'grant-application' },
  // KPI returns: staff read and decide them with the registers' permissions; a provider sends its own.
  'GET /kpi-returns': { access: [...REGISTER_READERS, 'provider'] },
  'GET /kpi-returns/:id': { access: REGISTER_READERS, record: 'kpi-return' },
  'POST /kpi-returns/:id': { access: WRITERS, record: 'kpi-return' },
  'GET /providers/:id/returns': { access: REGISTER_READERS, providerOwn: true, record: 'provider' },
  'GET /providers/:id/returns/:kpi/:period': { access: [], providerOwn: true, record: 'provider-kpi' },
  'POST /providers/:id/returns/:kpi/:period': { access: [], providerOwn: true, record: 'provider-kpi' },
  // Market engagement (ADR 0053): staff who read the market see it, those who write it run it; a provider answers for itself.
  'GET /market-engagement': { access: [...MARKET_READERS, 'provider'] },
  'GET /market-engagement/new': { access: MARKET_WRITERS },
  'POST /market-engagement/new': { access: MARKET_WRITERS },
  'GET /market-engagement/:id': { access: MARKET_READERS, record: 'market-engagement' },
  'GET /market-engagement/:id/responses.csv': { access: MARKET_READERS, record: 'market-engagement' },
  'POST /market-engagement/:id/close': { access: MARKET_WRITERS, record: 'market-engagement' },
  'GET /market-engagement/:id/take-part': { access: [...MARKET_READERS, 'provider'], record: 'market-engagement' },
  'GET /providers/:id/engagement': { access: MARKET_READERS, providerOwn: true, record: 'provider' },
  'GET /providers/:id/engagement/:engagement': { access: [], providerOwn: true, record: 'provider-engagement' },
  'POST /providers/:id/engagement/:engagement': { access: [], providerOwn: true, record: 'provider-engagement' },
  // Opportunity digests (ADR 0059): only the provider's own people choose theirs.
  'GET /providers/:id/digest': { access: [], providerOwn: true, record: 'provider' },
  'POST /providers/:id/digest': { access: [], providerOwn: true, record: 'provider' },
  // The commissioning pipeline: public for each tenant council; /pipeline leads a signed-in user to their own.
  'GET /pipeline': { access: ['admin', 'commissioner', 'finance', 'councillor', 'provider'] },
  'GET /pipeline/:council': { access: 'public', params: { council: 'DEMO' } },
  'GET /pipeline/:council/pipeline.csv': { access: 'public', params: { council: 'DEMO' } },
  'GET /pipeline/:council/pipeline.atom': { access: 'public', params: { council: 'DEMO' } },
}

function expected(rule: Rule, identity: Identity, target: Target): Outcome {
  // Public routes are tested with published records, which anyone may read whichever council published them.
  if (rule.access === 'public') return 'reached'
  if (!identity.role) return 'sign-in'
  const byRole = rule.access.includes(identity.role)
  const asProvider = identity.role === 'provider' && rule.providerOwn === true
  const asPartner = identity.role === 'partner' && rule.partnerOwn === true
  if (!byRole && !asProvider && !asPartner) return 'forbidden'
  if (target === 'other-council') return 'not-found'
  // A fund of the partner's council that its organisation is not a party to is as unknown to it as another council's.
  if (target === 'not-party') return asPartner && !byRole ? 'not-found' : 'reached'
  if (asProvider && !byRole && target !== 'own') return 'not-found'
  return 'reached'
}

function outcomeOf(response: LightMyRequestResponse): Outcome {
  if (response.statusCode === 401) return 'sign-in'
  if (response.statusCode === 403) return 'forbidden'
  if (response.statusCode === 404) return 'not-found'
  const location = String(response.headers.location ?? '')
  if (response.statusCode === 303 && /^\/sign-in(\?returnTo=.*)?$/.test(location)) return 'sign-in'
  if (response.statusCode >= 500) throw new Error(`${response.statusCode}: ${response.body.slice(0, 300)}`)
  return 'reached'
}

let t: TestApp
const clients = new Map<string, TestClient>()
const tokens = new Map<string, string>()
let ownProvider = ''
/** A record's id, or for a route with more than one parameter, the value of each (`{ id, assessment }`). */
type RecordRef = string | Record<string, string>
/** For each kind of record, the id of one in each demo council. */
const records = new Map<string, { demo: RecordRef; other: RecordRef }>()

function fill(url: string, ref: RecordRef): string {
  if (typeof ref === 'string') return url.replace(':id', ref)
  return url.replace(/:([A-Za-z]+)/g, (match, name: string) => ref[name] ?? match)
}

/**
 * How to find a record of each kind in a council, for the `record` of a rule. A module that adds a kind of
 * record adds a finder here; the demo data must hold one such record in each demo council.
 */
const RECORD_FINDERS: Record<string, (db: Database, councilId: string) => Promise<RecordRef | undefined>> = {
  async provider(db, councilId) {
    const [row] = await db
      .select({ id: providers.id })
      .from(providers)
      .where(and(eq(providers.councilId, councilId), ne(providers.id, ownProvider), eq(providers.published, true)))
      .orderBy(asc(providers.name))
      .limit(1)
    return row?.id
  },
  async project(db, councilId) {
    const [row] = await db.select({ id: commissioningProjects.id }).from(commissioningProjects).where(eq(commissioningProjects.councilId, councilId)).orderBy(asc(commissioningProjects.createdAt)).limit(1)
    return row?.id
  },
  /** A published story; in DEMO one about the provider the demo provider user speaks for. */
  async story(db, councilId) {
    const rows = await db
      .select({ id: stories.id, providerId: stories.providerId })
      .from(stories)
      .where(and(eq(stories.councilId, councilId), eq(stories.status, 'published')))
      .orderBy(asc(stories.createdAt))
    return (rows.find((row) => row.providerId === ownProvider) ?? rows[0])?.id
  },
  async round(db, councilId) {
    const [row] = await db.select({ id: priorityRounds.id }).from(priorityRounds).where(eq(priorityRounds.councilId, councilId)).orderBy(asc(priorityRounds.createdAt)).limit(1)
    return row?.id
  },
  async contract(db, councilId) {
    const [row] = await db.select({ id: contracts.id }).from(contracts).where(eq(contracts.councilId, councilId)).orderBy(asc(contracts.reference)).limit(1)
    return row?.id
  },
  async grant(db, councilId) {
    const [row] = await db.select({ id: grants.id }).from(grants).where(eq(grants.councilId, councilId)).orderBy(asc(grants.identifier)).limit(1)
    return row?.id
  },
  /** Open data is addressed by the council's code, not a record id. */
  async 'council-code'(db, councilId) {
    return (await findCouncilById(db, councilId))?.code
  },
  /** A job that failed on every attempt: the demo has none, so the walk leaves one for each council. */
  async 'dead-job'(db, councilId) {
    const now = new Date()
    const [row] = await db
      .insert(jobs)
      .values({ name: 'email.send', key: `tenancy-walk-${councilId}`, payload: {}, councilId, status: 'dead', attempts: 8, maxAttempts: 8, runAt: now, createdAt: now, lastError: 'The tenancy walk left this job' })
      .onConflictDoUpdate({ target: jobs.key, set: { status: 'dead' } })
      .returning({ id: jobs.id })
    return row?.id
  },
  /** The demo imports no indicators: the walk gives each council one, with a figure for the council itself. */
  async 'benchmark-indicator'(db, councilId) {
    const [row] = await db
      .insert(benchmarkIndicators)
      .values({ councilId, key: 'tenancy-walk', name: 'Tenancy walk', source: 'The tenancy walk', licence: 'None', format: 'lginform-long' })
      .onConflictDoUpdate({ target: [benchmarkIndicators.councilId, benchmarkIndicators.key], set: { name: 'Tenancy walk' } })
      .returning({ id: benchmarkIndicators.id })
    if (row) await db.insert(benchmarkValues).values({ indicatorId: row.id, areaCouncilId: councilId, period: '2025/26', periodType: 'financial-year', periodStart: '2025-04-01', value: 1 }).onConflictDoNothing()
    return row?.id
  },
  /** A comparator group of one other council, for the walk. */
  async 'comparator-group'(db, councilId) {
    const [group] = await db.insert(comparatorGroups).values({ councilId, name: 'Tenancy walk', method: 'uploaded' }).returning({ id: comparatorGroups.id })
    const [member] = await db.select({ id: councils.id }).from(councils).where(ne(councils.id, councilId)).limit(1)
    if (group && member) await db.insert(comparatorMembers).values({ groupId: group.id, memberCouncilId: member.id, position: 1, source: 'list' })
    return group?.id
  },
  async 'spend-import'(db, councilId) {
    const [row] = await db.select({ id: spendImports.id }).from(spendImports).where(eq(spendImports.councilId, councilId)).limit(1)
    return row?.id
  },
  /** An OCDS import run (ADR 0058) for each council, waiting for its job: the walk only reads its progress page. */
  async 'register-import-run'(db, councilId) {
    const id = randomUUID()
    const now = new Date()
    await db.insert(registerImportRuns).values({ id, councilId, uploadToken: `tenancy-walk-${id}`, kind: 'ocds', fileName: 'walk.json', fileBytes: 10, state: 'queued', startedBy: 'The tenancy walk', createdAt: now, updatedAt: now })
    return id
  },
  /** A spend import run (ADR 0052) for each council, waiting for its job: the walk only reads its progress page. */
  async 'spend-import-run'(db, councilId) {
    const id = randomUUID()
    const now = new Date()
    await db.insert(spendImportRuns).values({ id, councilId, uploadToken: `tenancy-walk-${id}`, fileName: 'walk.csv', fileBytes: 10, state: 'queued', startedBy: 'The tenancy walk', createdAt: now, updatedAt: now })
    return id
  },
  async 'spend-payee'(db, councilId) {
    // A payee not matched to a provider, so that a review decision sent by the walk changes nothing another route needs.
    const [row] = await db
      .select({ id: spendPayees.id })
      .from(spendPayees)
      .where(and(eq(spendPayees.councilId, councilId), eq(spendPayees.redacted, false)))
      .orderBy(asc(spendPayees.name))
      .limit(1)
    return row?.id
  },
  /** A provider's year of figures: the provider and the year's end. */
  async 'risk-financials'(db, councilId) {
    const [row] = await db.select({ id: providerFinancials.providerId, year: providerFinancials.periodEnd }).from(providerFinancials).where(eq(providerFinancials.councilId, councilId)).orderBy(asc(providerFinancials.createdAt)).limit(1)
    return row ? { id: row.id, year: row.year } : undefined
  },
  /** A delivery model in an appraisal: a council whose demo project compares none gets one for the walk. */
  async 'appraisal-option'(db, councilId) {
    const [row] = await db.select({ id: appraisalOptions.projectId, optionId: appraisalOptions.id }).from(appraisalOptions).where(eq(appraisalOptions.councilId, councilId)).orderBy(asc(appraisalOptions.name)).limit(1)
    if (row) return { id: row.id, optionId: row.optionId }
    const [project] = await db.select({ id: commissioningProjects.id }).from(commissioningProjects).where(eq(commissioningProjects.councilId, councilId)).orderBy(asc(commissioningProjects.createdAt)).limit(1)
    if (!project) return undefined
    const [added] = await db.insert(appraisalOptions).values({ projectId: project.id, councilId, name: 'In-house team', position: 1 }).returning({ id: appraisalOptions.id })
    return added ? { id: project.id, optionId: added.id } : undefined
  },
  async 'risk-assessment'(db, councilId) {
    const [row] = await db.select({ id: riskAssessments.providerId, assessment: riskAssessments.id }).from(riskAssessments).where(eq(riskAssessments.councilId, councilId)).orderBy(asc(riskAssessments.createdAt)).limit(1)
    return row ? { id: row.id, assessment: row.assessment } : undefined
  },
  /** An assessment by its own id, as the API addresses it. */
  async 'risk-assessment-record'(db, councilId) {
    const [row] = await db.select({ id: riskAssessments.id }).from(riskAssessments).where(eq(riskAssessments.councilId, councilId)).orderBy(asc(riskAssessments.createdAt)).limit(1)
    return row?.id
  },
  /** A line of a provider's capacity; added for a council whose demo data has none. */
  async 'market-capacity'(db, councilId) {
    const [row] = await db.select({ id: providerCapacity.id }).from(providerCapacity).where(eq(providerCapacity.councilId, councilId)).orderBy(asc(providerCapacity.id)).limit(1)
    if (row) return row.id
    const [provider] = await db.select({ id: providers.id }).from(providers).where(eq(providers.councilId, councilId)).orderBy(asc(providers.name)).limit(1)
    if (!provider) return undefined
    const [added] = await db.insert(providerCapacity).values({ councilId, providerId: provider.id, serviceCategory: 'adult-social-care', amount: 10, unit: 'beds', asAt: '2026-04-01' }).returning({ id: providerCapacity.id })
    return added?.id
  },
  /** A market position statement; a draft is added for a council whose demo data has none. */
  async 'market-statement'(db, councilId) {
    const [row] = await db.select({ id: marketPositionStatements.id }).from(marketPositionStatements).where(eq(marketPositionStatements.councilId, councilId)).limit(1)
    if (row) return row.id
    const [added] = await db.insert(marketPositionStatements).values({ councilId, serviceCategory: 'adult-social-care', title: 'Adult social care', updatedBy: 'tenancy walk' }).returning({ id: marketPositionStatements.id })
    return added?.id
  },
  async ward(db, councilId) {
    const [row] = await db.select({ id: wards.id }).from(wards).where(eq(wards.councilId, councilId)).orderBy(asc(wards.code)).limit(1)
    return row?.id
  },
  async decision(db, councilId) {
    const [row] = await db.select({ id: decisions.id }).from(decisions).where(eq(decisions.councilId, councilId)).orderBy(asc(decisions.createdAt)).limit(1)
    return row?.id
  },
  async committee(db, councilId) {
    const [row] = await db.select({ id: committees.id }).from(committees).where(eq(committees.councilId, councilId)).orderBy(asc(committees.name)).limit(1)
    return row?.id
  },
  async recommendation(db, councilId) {
    const [row] = await db.select({ id: recommendations.id }).from(recommendations).where(eq(recommendations.councilId, councilId)).orderBy(asc(recommendations.madeOn)).limit(1)
    return row?.id
  },
  async question(db, councilId) {
    const [row] = await db.select({ id: councillorQuestions.id }).from(councillorQuestions).where(eq(councillorQuestions.councilId, councilId)).orderBy(asc(councillorQuestions.askedOn)).limit(1)
    return row?.id
  },
  /** A committee, a recommendation and an answered question on the council's public scrutiny pages, under its code. */
  async 'public-committee'(db, councilId) {
    const [row] = await db.select({ id: committees.id }).from(committees).where(eq(committees.councilId, councilId)).orderBy(asc(committees.name)).limit(1)
    return row ? { council: (await findCouncilById(db, councilId))!.code, id: row.id } : undefined
  },
  async 'public-recommendation'(db, councilId) {
    const [row] = await db.select({ id: recommendations.id }).from(recommendations).where(eq(recommendations.councilId, councilId)).orderBy(asc(recommendations.madeOn)).limit(1)
    return row ? { council: (await findCouncilById(db, councilId))!.code, id: row.id } : undefined
  },
  /** OTHER keeps the default of not publishing questions: the walk has it publish them, as DEMO's demo does. */
  async 'public-question'(db, councilId) {
    await writeSettings(db, { actor: systemActor('tenancy walk'), councilId, section: scrutinySettings, values: { publishQuestions: true }, now: new Date() })
    const [row] = await db
      .select({ id: councillorQuestions.id })
      .from(councillorQuestions)
      .where(and(eq(councillorQuestions.councilId, councilId), isNotNull(councillorQuestions.answeredOn), eq(councillorQuestions.notForPublication, false)))
      .orderBy(asc(councillorQuestions.askedOn))
      .limit(1)
    return row ? { council: (await findCouncilById(db, councilId))!.code, id: row.id } : undefined
  },
  /** A councillor of the council: OTHER's demo has none, so the walk gives it one. */
  async councillor(db, councilId) {
    const [row] = await db.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.councilId, councilId), eq(memberships.role, 'councillor'))).limit(1)
    if (row) return row.id
    const added = await addAccount(db, { email: `councillor-${councilId.slice(0, 8)}@tenancy.catalyst.test`, displayName: 'Cllr Tenancy Walk', councilId, role: 'councillor', password: 'correct-horse-battery-staple' }, systemActor('tenancy walk'), new Date())
    return added.userId
  },
  async 'sv-measure'(db, councilId) {
    const [row] = await db.select({ id: svMeasures.id }).from(svMeasures).where(eq(svMeasures.councilId, councilId)).orderBy(asc(svMeasures.code)).limit(1)
    return row?.id
  },
  async 'sv-return'(db, councilId) {
    const [row] = await db.select({ id: svReturns.id }).from(svReturns).where(eq(svReturns.councilId, councilId)).orderBy(asc(svReturns.reportedAt)).limit(1)
    return row?.id
  },
  /** Another provider's commitment (not the demo provider user's own), so the provider role is shown it is not found. */
  async 'sv-commitment'(db, councilId) {
    const [row] = await db.select({ id: svCommitments.providerId, commitment: svCommitments.id }).from(svCommitments).where(and(eq(svCommitments.councilId, councilId), ne(svCommitments.providerId, ownProvider))).orderBy(asc(svCommitments.createdAt)).limit(1)
    return row ? { id: row.id, commitment: row.commitment } : undefined
  },
  /** Another provider's evidence file (not the demo provider user's own), so the provider role is shown it is not found. */
  async 'sv-evidence'(db, councilId) {
    const [row] = await db
      .select({ id: svEvidenceFiles.id })
      .from(svEvidenceFiles)
      .innerJoin(svReturns, eq(svReturns.id, svEvidenceFiles.returnId))
      .innerJoin(svCommitments, eq(svCommitments.id, svReturns.commitmentId))
      .where(and(eq(svEvidenceFiles.councilId, councilId), ne(svCommitments.providerId, ownProvider)))
      .limit(1)
    return row?.id
  },
  async 'kpi-return'(db, councilId) {
    const [row] = await db.select({ id: kpiReturns.id }).from(kpiReturns).where(eq(kpiReturns.councilId, councilId)).orderBy(asc(kpiReturns.createdAt), asc(kpiReturns.id)).limit(1)
    return row?.id
  },
  /** Another provider's KPI (not the demo provider user's), with the last ended quarter, so the provider role is shown it is not found. */
  async 'provider-kpi'(db, councilId) {
    const [row] = await db
      .select({ id: contractSuppliers.providerId, kpi: contractKpis.id })
      .from(contractKpis)
      .innerJoin(contractSuppliers, eq(contractSuppliers.contractId, contractKpis.contractId))
      .where(and(eq(contractKpis.councilId, councilId), ne(contractSuppliers.providerId, ownProvider)))
      .orderBy(asc(contractKpis.name))
      .limit(1)
    const period = quarterOf(addDays(quarterOf(londonDate(new Date())).start, -1)).start
    return row ? { id: row.id, kpi: row.kpi, period } : undefined
  },
  async 'sv-sroi'(db, councilId) {
    const [row] = await db.select({ id: svSroiModels.id }).from(svSroiModels).where(eq(svSroiModels.councilId, councilId)).orderBy(asc(svSroiModels.createdAt)).limit(1)
    return row?.id
  },
  /** A pooled fund; in DEMO, one the demo ICB is a party to (its Better Care Fund, first by name). */
  async 'pooled-fund'(db, councilId) {
    const [row] = await db.select({ id: pooledFunds.id }).from(pooledFunds).where(eq(pooledFunds.councilId, councilId)).orderBy(asc(pooledFunds.name)).limit(1)
    return row?.id
  },
  /** A pooled fund the demo ICB is not a party to (DEMO's mental health fund, last by name). */
  async 'pooled-fund-not-party'(db, councilId) {
    const rows = await db.select({ id: pooledFunds.id }).from(pooledFunds).where(eq(pooledFunds.councilId, councilId)).orderBy(asc(pooledFunds.name))
    return rows.at(-1)?.id
  },
  async 'pooled-fund-scheme'(db, councilId) {
    const [row] = await db
      .select({ id: pooledFundSchemes.fundId, schemeId: pooledFundSchemes.id })
      .from(pooledFundSchemes)
      .innerJoin(pooledFunds, eq(pooledFunds.id, pooledFundSchemes.fundId))
      .where(eq(pooledFundSchemes.councilId, councilId))
      .orderBy(asc(pooledFunds.name), asc(pooledFundSchemes.reference))
      .limit(1)
    return row ? { id: row.id, schemeId: row.schemeId } : undefined
  },
  /** A published open round (the demo's that has closed, with applications). */
  async 'grant-round'(db, councilId) {
    const [row] = await db.select({ id: grantRounds.id }).from(grantRounds).where(and(eq(grantRounds.councilId, councilId), eq(grantRounds.status, 'published'))).orderBy(asc(grantRounds.closesAt)).limit(1)
    return row?.id
  },
  async 'grant-application'(db, councilId) {
    const [row] = await db.select({ id: grantApplications.roundId, application: grantApplications.id }).from(grantApplications).where(and(eq(grantApplications.councilId, councilId), eq(grantApplications.status, 'submitted'))).orderBy(asc(grantApplications.createdAt)).limit(1)
    return row ? { id: row.id, application: row.application } : undefined
  },
  async 'market-engagement'(db, councilId) {
    const [row] = await db.select({ id: marketEngagements.id }).from(marketEngagements).where(eq(marketEngagements.councilId, councilId)).orderBy(asc(marketEngagements.openedAt), asc(marketEngagements.id)).limit(1)
    return row?.id
  },
  /** Another provider of the council (not the demo provider user's own) with the council's engagement, so the provider role is shown it is not found. */
  async 'provider-engagement'(db, councilId) {
    const [engagement] = await db.select({ id: marketEngagements.id }).from(marketEngagements).where(eq(marketEngagements.councilId, councilId)).orderBy(asc(marketEngagements.openedAt), asc(marketEngagements.id)).limit(1)
    const [provider] = await db.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, councilId), ne(providers.id, ownProvider))).orderBy(asc(providers.name)).limit(1)
    return engagement && provider ? { id: provider.id, engagement: engagement.id } : undefined
  },
  async user(db, councilId) {
    const rows = await db
      .select({ id: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.councilId, councilId))
      .orderBy(asc(memberships.createdAt))
    return (rows.find((row) => row.role !== 'admin') ?? rows[0])?.id
  },
}

before(async () => {
  t = await createTestApp()
  const db = t.db.db
  const demo = (await findCouncil(db, 'DEMO'))!
  const other = (await findCouncil(db, 'OTHER'))!
  const providerMembership = await membershipFor(db, 'provider@demo.catalyst.test')
  const [own] = await db.select({ providerId: memberships.providerId }).from(memberships).where(eq(memberships.id, providerMembership!.membershipId))
  ownProvider = own!.providerId!
  // The demo holds no files: each council gets an evidence file on a return of a provider other than the demo user's.
  for (const council of [demo, other]) {
    const [ret] = await db
      .select({ id: svReturns.id })
      .from(svReturns)
      .innerJoin(svCommitments, eq(svCommitments.id, svReturns.commitmentId))
      .where(and(eq(svReturns.councilId, council.id), ne(svCommitments.providerId, ownProvider)))
      .limit(1)
    assert.ok(ret, `the demo data needs a social value return of a provider other than the demo user's in ${council.code}`)
    const temporary = path.join(tmpdir(), `catalyst-tenancy-evidence-${randomUUID()}`)
    writeFileSync(temporary, '%PDF-1.4\n%%EOF\n')
    const stored = await keepFile(t.filesDir, 'social-value-evidence', temporary)
    await db.insert(svEvidenceFiles).values({ councilId: council.id, returnId: ret.id, ...stored, originalName: 'evidence.pdf', mediaType: 'application/pdf', uploadedBy: 'tenancy walk', uploadedAt: new Date() })
  }
  for (const [kind, find] of Object.entries(RECORD_FINDERS)) {
    const demoId = await find(db, demo.id)
    const otherId = await find(db, other.id)
    assert.ok(demoId && otherId, `the demo data needs a ${kind} in each demo council`)
    records.set(kind, { demo: demoId, other: otherId })
  }

  for (const identity of IDENTITIES) {
    clients.set(identity.name, identity.email ? await t.signedIn(identity.email) : t.client())
    if (identity.email) {
      const membership = await membershipFor(db, identity.email)
      const { token } = await createApiToken(db, { membershipId: membership!.membershipId, name: 'tenancy walk', now: new Date() })
      tokens.set(identity.name, token)
    }
  }
  // A visitor needs a form token too, as a browser would have from any page.
  await clients.get('visitor')!.get('/')
})
after(async () => t.close())

function targetsFor(rule: Rule, identity: Identity): { target: Target; id: RecordRef | undefined }[] {
  if (!rule.record) return [{ target: 'none', id: undefined }]
  const ids = records.get(rule.record)
  if (!ids) throw new Error(`no finder for records of kind ${rule.record}`)
  const isOther = identity.name.startsWith('OTHER')
  const targets: { target: Target; id: RecordRef | undefined }[] = [
    { target: 'own-council', id: isOther ? ids.other : ids.demo },
    { target: 'other-council', id: isOther ? ids.demo : ids.other },
  ]
  if (rule.record === 'provider' && !isOther) targets.unshift({ target: 'own', id: ownProvider })
  if (rule.record === 'pooled-fund' && !isOther) targets.push({ target: 'not-party', id: records.get('pooled-fund-not-party')!.demo })
  return targets
}

test('every route is in the tenancy table', () => {
  const registered = t.app.catalystRoutes.map((route) => `${route.method} ${route.url}`)
  const missing = registered.filter((key) => !(key in RULES))
  assert.deepEqual(missing, [], `routes with no tenancy rule: ${missing.join(', ')}`)
})

test('every route answers every identity as the table says', async () => {
  const mismatches: string[] = []
  let checked = 0
  for (const route of t.app.catalystRoutes) {
    const key = `${route.method} ${route.url}`
    const rule = RULES[key]
    if (!rule) continue
    for (const identity of IDENTITIES) {
      for (const { target, id } of targetsFor(rule, identity)) {
        let url = id ? fill(route.url, id) : route.url
        for (const [name, value] of Object.entries(rule.params ?? {})) url = url.replace(`:${name}`, value)
        const client = clients.get(identity.name)!
        let response: LightMyRequestResponse
        if (route.url.startsWith('/api/')) {
          const token = tokens.get(identity.name)
          response = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
            ...(route.method === 'GET' ? {} : { payload: '{}' }),
          })
        } else if (route.method === 'GET') {
          response = await client.get(url)
        } else if (key === 'POST /sign-out') {
          continue // Signing out would end the session the rest of the walk needs; tested on its own.
        } else {
          response = await client.post(url, {})
        }
        const want = expected(rule, identity, target)
        const got = outcomeOf(response)
        checked++
        if (want !== got) mismatches.push(`${key} as ${identity.name} on ${target}: expected ${want}, got ${got} (${response.statusCode})`)
      }
    }
  }
  assert.deepEqual(mismatches, [])
  assert.ok(checked > 150, `only ${checked} requests were checked`)
})

test('the walk still holds for the visitor after signing out', async () => {
  const client = await t.signedIn('commissioner@demo.catalyst.test')
  const response = await client.post('/sign-out')
  assert.equal(response.statusCode, 303)
  const providersPage = await client.get('/providers')
  assert.equal(outcomeOf(providersPage), 'sign-in')
})
