/**
 * What a module tells the platform about itself: its routes, its entries in the navigation and the permission
 * each needs. app.ts registers every manifest in `modules/index.ts`, in order.
 */
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import type { Permission } from './auth/roles.ts'
import type { Clock } from './clock.ts'
import type { Database } from './db/database.ts'

export interface AppContext {
  config: Config
  db: Database
  clock: Clock
}

export interface NavigationEntry {
  text: string
  href: string
  /** Shown only to users whose role has this permission; omitted means every signed-in user. */
  permission?: Permission
  /** The first path segment(s) that mark the entry as the current page. */
  activeWhen: string
}

export interface CatalystModule {
  name: string
  navigation?: NavigationEntry[]
  /** Registers the module's page and API routes. */
  register(app: FastifyInstance, context: AppContext): Promise<void> | void
}
