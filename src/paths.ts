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
    area: route('/settings/area'),
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
