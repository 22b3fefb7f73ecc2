/**
 * The navigation by the commissioning cycle (ADR 0028): a short top level of stages (Analyse, Plan, Do, Review,
 * and Settings for administrators), each stage's sub navigation listing its modules' entries, and breadcrumbs on
 * pages deeper than an entry. Built from the manifests for the signed-in user's role; a stage with nothing the
 * user may open is not shown.
 */
import { can, type Subject } from './auth/roles.ts'
import type { CatalystModule, NavigationEntry, Stage } from './modules.ts'
import { paths } from '../paths.ts'

export const STAGES: { id: Stage; text: string; description: string }[] = [
  { id: 'analyse', text: 'Analyse', description: 'Where the money goes, who the providers are and how the market stands.' },
  { id: 'plan', text: 'Plan', description: 'Commissioning projects, options appraisal, route to market, supplier risk and residents’ priorities.' },
  { id: 'do', text: 'Do', description: 'The contracts and grants registers.' },
  { id: 'review', text: 'Review', description: 'Red flags, performance, residents’ stories and their moderation.' },
  { id: 'settings', text: 'Settings', description: 'The council’s people and settings.' },
]

export interface PlacedEntry extends NavigationEntry {
  stage: Stage
}

export function entriesFor(modules: CatalystModule[], role: Subject): PlacedEntry[] {
  const entries = modules.flatMap((module) =>
    (module.navigation ?? []).map((entry) => ({ ...entry, stage: entry.stage ?? module.stage ?? 'analyse' })),
  )
  // Administrators reach every settings page from the settings hub, listed under Settings.
  if (can(role, 'settings:manage')) entries.push({ text: 'Council settings', href: paths.settings.hub.href(), permission: 'settings:manage', activeWhen: '/settings', stage: 'settings' })
  return entries.filter((entry) => !entry.permission || can(role, entry.permission))
}

function matches(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) || path.startsWith(`${prefix}.`)
}

export interface NavigationModel {
  /** govukServiceNavigation's `navigation` items. */
  stages: { text: string; href: string; active: boolean; current: boolean }[]
  /** The current stage's entries, for the sub navigation. */
  subNavigation: { text: string; href: string; current: boolean }[]
  subNavigationLabel?: string
  /** govukBreadcrumbs' items, on pages deeper than their entry. */
  breadcrumbs: { text: string; href: string }[]
}

export function navigationFor(modules: CatalystModule[], role: Subject, path: string): NavigationModel {
  const entries = entriesFor(modules, role)
  // The settings pages of every module count as the Settings stage, wherever their URL sits.
  const settingsHrefs = modules.flatMap((module) => module.settings ?? []).map((section) => section.href)
  const inSettings = settingsHrefs.some((href) => matches(path, href))
  // A settings page open to users who have no settings hub (a finance officer's spend categories) sits under its module.
  const active =
    (inSettings ? entries.find((entry) => entry.stage === 'settings' && entry.href === paths.settings.hub.href()) : undefined) ??
    entries.filter((entry) => matches(path, entry.activeWhen)).sort((a, b) => b.activeWhen.length - a.activeWhen.length)[0]
  const activeStage = active?.stage
  const stages = STAGES.flatMap((stage) => {
    const first = entries.find((entry) => entry.stage === stage.id)
    if (!first) return []
    const isActive = stage.id === activeStage
    return [{ text: stage.text, href: first.href, active: isActive, current: isActive && path === first.href }]
  })
  const subNavigation = activeStage
    ? entries.filter((entry) => entry.stage === activeStage).map((entry) => ({ text: entry.text, href: entry.href, current: entry === active && path === entry.href }))
    : []
  const breadcrumbs = active && path !== active.href ? [{ text: 'Home', href: paths.home.href() }, { text: active.text, href: active.href }] : []
  return {
    stages,
    subNavigation,
    subNavigationLabel: activeStage ? STAGES.find((stage) => stage.id === activeStage)?.text : undefined,
    breadcrumbs,
  }
}
