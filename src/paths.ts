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
  admin: {
    users: route('/admin/users'),
    newUser: route('/admin/users/new'),
    user: route('/admin/users/:id'),
  },
  api: {
    root: route('/api/v1'),
    openapi: route('/api/v1/openapi.json'),
    providers: route('/api/v1/providers'),
    provider: route('/api/v1/providers/:id'),
  },
} as const

export type Paths = typeof paths
