/**
 * Every URL in Catalyst, typed. Routes register `pattern`; templates and redirects call `href(...)`,
 * so no page writes a URL by hand and a renamed route cannot leave a broken link behind.
 */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never

export interface Route<P extends string> {
  pattern: P
  href: [ParamNames<P>] extends [never] ? () => string : (params: Record<ParamNames<P>, string>) => string
}

function route<P extends string>(pattern: P): Route<P> {
  const href = (params: Record<string, string> = {}) =>
    pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
      const value = params[name]
      if (value === undefined) throw new Error(`No value for :${name} in ${pattern}`)
      return encodeURIComponent(value)
    })
  return { pattern, href } as Route<P>
}

export const paths = {
  home: route('/'),
  signIn: route('/sign-in'),
  signOut: route('/sign-out'),
  chooseCouncil: route('/choose-council'),
  invitation: route('/invitations/:token'),
  accessibility: route('/accessibility'),
  cookies: route('/cookies'),
  healthz: route('/healthz'),
  readyz: route('/readyz'),
  assets: route('/assets/'),
  providers: {
    list: route('/providers'),
    create: route('/providers/new'),
    csv: route('/providers/download.csv'),
    show: route('/providers/:id'),
    edit: route('/providers/:id/edit'),
  },
  publicRegister: {
    list: route('/public/providers'),
    show: route('/public/providers/:id'),
  },
  councils: {
    list: route('/councils'),
  },
  contracts: {
    list: route('/contracts'),
    create: route('/contracts/new'),
    attention: route('/contracts/attention'),
    opportunities: route('/contracts/opportunities'),
    import: route('/contracts/import'),
    importPreview: route('/contracts/import/preview'),
    importConfirm: route('/contracts/import/confirm'),
    settings: route('/contracts/settings'),
    show: route('/contracts/:id'),
    edit: route('/contracts/:id/edit'),
    kpis: route('/contracts/:id/kpis'),
    assessments: route('/contracts/:id/assessments'),
    modifications: route('/contracts/:id/modifications'),
    newModification: route('/contracts/:id/modifications/new'),
  },
  grants: {
    list: route('/grants'),
    create: route('/grants/new'),
    show: route('/grants/:id'),
    edit: route('/grants/:id/edit'),
  },
  /** Public open data. `:id` is the council's code (DEMO, or its GB-LAE or GSS code). */
  openData: {
    index: route('/open-data'),
    contractsCsv: route('/open-data/:id/contracts.csv'),
    ocdsReleases: route('/open-data/:id/ocds-releases.json'),
    ocdsRecords: route('/open-data/:id/ocds-records.json'),
    grantsJson: route('/open-data/:id/360giving.json'),
    grantsCsv: route('/open-data/:id/360giving.csv'),
    vcseGrantsCsv: route('/open-data/:id/vcse-grants.csv'),
    whoDelivers: route('/who-delivers-our-services'),
  },
  spend: {
    overview: route('/spend'),
    imports: route('/spend/imports'),
    newImport: route('/spend/imports/new'),
    preview: route('/spend/imports/preview'),
    import: route('/spend/imports/:id'),
    undoImport: route('/spend/imports/:id/undo'),
    payees: route('/spend/payees'),
    payee: route('/spend/payees/:id'),
    payments: route('/spend/payments'),
    concentration: route('/spend/concentration'),
    contracts: route('/spend/contracts'),
    review: route('/spend/review'),
    reviewPayee: route('/spend/review/:id'),
    settings: route('/spend/settings'),
  },
  settings: {
    hub: route('/settings'),
    area: route('/settings/area'),
    outbox: route('/settings/outbox'),
    jobs: route('/settings/jobs'),
    retryJob: route('/settings/jobs/:id/retry'),
  },
  search: route('/search'),
  admin: {
    users: route('/admin/users'),
    newUser: route('/admin/users/new'),
    user: route('/admin/users/:id'),
  },
  routeAdvice: {
    page: route('/route-advice'),
    answer: route('/route-advice/answer'),
    save: route('/route-advice/save'),
  },
  projects: {
    list: route('/projects'),
    create: route('/projects/new'),
    show: route('/projects/:id'),
    edit: route('/projects/:id/edit'),
    needs: route('/projects/:id/needs'),
    outcomes: route('/projects/:id/outcomes'),
    partners: route('/projects/:id/partners'),
    links: route('/projects/:id/links'),
    milestones: route('/projects/:id/milestones'),
    decisions: route('/projects/:id/decisions'),
    stage: route('/projects/:id/stage'),
    review: route('/projects/:id/review'),
    options: route('/projects/:id/options'),
    weights: route('/projects/:id/weights'),
    scores: route('/projects/:id/scores'),
    routeAdvice: route('/projects/:id/route-advice'),
    appraisal: route('/projects/:id/appraisal'),
    report: route('/projects/:id/appraisal/report'),
    csv: route('/projects/:id/appraisal.csv'),
    chooseOptions: route('/projects/:id/appraisal/delivery-models'),
    matrix: route('/projects/:id/appraisal/scores'),
    removeOption: route('/projects/:id/appraisal/options/:optionId/remove'),
  },
  stories: {
    list: route('/stories'),
    create: route('/stories/new'),
    show: route('/stories/:id'),
    report: route('/stories/:id/report'),
    confirm: route('/stories/confirm/:token'),
    author: route('/stories/your-story/:token'),
    council: route('/stories/council'),
    provider: route('/stories/provider'),
    respond: route('/stories/:id/respond'),
    publishNow: route('/stories/:id/publish-now'),
    changes: route('/stories/changes'),
    newChange: route('/stories/changes/new'),
    settings: route('/stories/settings'),
  },
  moderation: {
    queue: route('/moderation'),
    story: route('/moderation/:id'),
    block: route('/moderation/:id/block'),
  },
  priorities: {
    list: route('/priorities'),
    create: route('/priorities/new'),
    show: route('/priorities/:id'),
    newIdea: route('/priorities/:id/ideas/new'),
    ideas: route('/priorities/:id/ideas'),
    vote: route('/priorities/:id/vote'),
    results: route('/priorities/:id/results'),
    ballots: route('/priorities/:id/ballots.csv'),
    confirm: route('/priorities/confirm/:token'),
    manage: route('/priorities/:id/manage'),
    phase: route('/priorities/:id/phase'),
    review: route('/priorities/:id/review'),
    codes: route('/priorities/:id/codes'),
    override: route('/priorities/:id/override'),
    delivery: route('/priorities/:id/delivery'),
  },
  risk: {
    provider: route('/providers/:id/risk'),
    newFinancials: route('/providers/:id/risk/financials/new'),
    financials: route('/providers/:id/risk/financials/:year'),
    newEvent: route('/providers/:id/risk/events/new'),
    newAssessment: route('/providers/:id/risk/assessments/new'),
    assessment: route('/providers/:id/risk/assessments/:assessment'),
    requestEvidence: route('/providers/:id/risk/assessments/:assessment/request-evidence'),
    evidence: route('/providers/:id/risk/evidence'),
    naiveRuleReport: route('/risk/naive-rule-report'),
    naiveRuleReportCsv: route('/risk/naive-rule-report.csv'),
    settings: route('/risk/settings'),
  },
  market: {
    view: route('/market'),
    statements: route('/market/statements'),
    statement: route('/market/statements/:category'),
    capacity: route('/providers/:id/capacity'),
    settings: route('/market/settings'),
    publicStatement: route('/market-position-statements/:council/:category'),
  },
  redFlags: {
    list: route('/red-flags'),
    dismiss: route('/red-flags/dismiss'),
    restore: route('/red-flags/restore'),
    settings: route('/red-flags/settings'),
  },
  grantRounds: {
    list: route('/grant-rounds'),
    create: route('/grant-rounds/new'),
    settings: route('/grant-rounds/settings'),
    show: route('/grant-rounds/:id'),
    publish: route('/grant-rounds/:id/publish'),
    interests: route('/grant-rounds/:id/interests'),
    apply: route('/grant-rounds/:id/apply'),
    decide: route('/grant-rounds/:id/decide'),
    reach: route('/grant-rounds/:id/reach'),
    application: route('/grant-rounds/:id/applications/:application'),
    score: route('/grant-rounds/:id/applications/:application/score'),
    moderate: route('/grant-rounds/:id/applications/:application/moderate'),
    decision: route('/grant-rounds/:id/applications/:application/decision'),
  },
  api: {
    root: route('/api/v1'),
    routeAdvice: route('/api/v1/route-advice'),
    openapi: route('/api/v1/openapi.json'),
    providers: route('/api/v1/providers'),
    provider: route('/api/v1/providers/:id'),
  },
} as const

export type Paths = typeof paths
