/**
 * What a module tells the platform about itself (ADR 0028): where it sits in the commissioning cycle, its routes,
 * its navigation, its demo data, its settings pages, what it puts on a user's home page, what it offers to search
 * and its API description. app.ts and the platform's pages assemble these from the one list in modules/index.ts,
 * so a new module adds its manifest there and edits nothing else the platform owns.
 */
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import type { Actor } from './audit/audit.ts'
import type { Permission } from './auth/roles.ts'
import type { Principal } from './auth/service.ts'
import type { Clock } from './clock.ts'
import type { Database, Executor, Transaction } from './db/database.ts'
import type { OpenApiFragment } from './http/openapi.ts'
import type { ReminderSource } from './reminders/types.ts'

export interface AppContext {
  config: Config
  db: Database
  clock: Clock
}

/**
 * The stages of the commissioning cycle as councils name them (Analyse, Plan, Do, Review), and the council's own
 * settings. Each is one entry of the top-level navigation; a module's pages sit under one or more of them.
 */
export type Stage = 'analyse' | 'plan' | 'do' | 'review' | 'settings'

export interface NavigationEntry {
  text: string
  href: string
  /** Shown only to users whose role has this permission; omitted means every signed-in user. */
  permission?: Permission
  /** The first path segment(s) that mark the entry as the current page. */
  activeWhen: string
  /** The stage whose sub navigation lists the entry; the module's own stage when omitted. */
  stage?: Stage
}

/** One council setting page, for the settings hub at /settings. */
export interface SettingsSection {
  title: string
  /** One sentence: what the page sets and why a council would change it. */
  description: string
  href: string
  /** Who may open it; `settings:manage` when omitted. */
  permission?: Permission
}

/** What a signed-in user's home page asks of them: a count of records and a link to the list of exactly those. */
export interface AttentionItem {
  /** What the count counts, read after the number ("3 contracts ending in the next 3 months"). */
  text: string
  count: number
  /** The filtered list the count counts. */
  href: string
  /** The stage card it appears on; the module's own stage when omitted. */
  stage?: Stage
}

export interface AttentionContext {
  db: Executor
  principal: Principal
  now: Date
}

export interface AttentionSource {
  /** The source is asked only for users whose role has this permission. */
  permission?: Permission
  items(context: AttentionContext): Promise<AttentionItem[]>
}

/** Who is searching: a council's user (their council's records their role may read) or a visitor (public only). */
export type SearchScope = ({ kind: 'visitor' } | { kind: 'member'; principal: Principal }) & { now: Date }

export interface SearchHit {
  title: string
  href: string
  /** A line under the title: a code, a status, a council. */
  summary?: string
  /** ts_rank of the record against the query: higher is a better match. */
  rank: number
}

export interface SearchSource {
  /** The kind of record, as a results page labels it ("Contract"). */
  kind: string
  /** Its plural, for the group's heading ("Contracts"). */
  plural: string
  /** Members need this permission to see the kind at all. */
  permission?: Permission
  /** Whether visitors may search it (its `search` then returns public records only for them). */
  public: boolean
  /** Records matching `query` (a websearch_to_tsquery string), best first, at most `limit`. */
  search(db: Executor, query: string, scope: SearchScope, limit: number): Promise<SearchHit[]>
}

/** What every module's demo seed is given: the demo councils, their providers and the demo's clock. */
export interface DemoContext {
  actor: Actor
  now: Date
  /** The demo councils' ids. */
  demoCouncilId: string
  otherCouncilId: string
  /** The providers seeded for each council, in the order src/modules/providers/demo-providers.ts lists them. */
  demoProviderIds: string[]
  otherProviderIds: string[]
}

export type DemoSeed = (tx: Transaction, context: DemoContext) => Promise<void>

export interface ModuleDemo {
  seed: DemoSeed
  /** Modules whose demo must load first, because this one reads or builds on their records. */
  after?: string[]
}

export interface CatalystModule {
  name: string
  /** Where the module's pages sit in the cycle; entries and attention items default to it. */
  stage?: Stage
  navigation?: NavigationEntry[]
  settings?: SettingsSection[]
  attention?: AttentionSource[]
  search?: SearchSource[]
  /** Emails the daily reminder sweep sends for the module's due dates (ADR 0049). */
  reminders?: ReminderSource[]
  demo?: ModuleDemo
  /** The module's part of the OpenAPI document at /api/v1/openapi.json. */
  openApi?: Omit<OpenApiFragment, 'name'>
  /** Registers the module's page and API routes. */
  register(app: FastifyInstance, context: AppContext): Promise<void> | void
}
