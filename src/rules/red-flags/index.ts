/** Every red-flag rule, in the order the page lists them, and one call that runs them all. */
import { categoryShare } from './category-share.ts'
import { repeatedDirectAwards } from './direct-awards.ts'
import { exclusionEvents } from './exclusion-events.ts'
import { kpiDuty } from './kpi-duty.ts'
import { spendWithoutContract } from './no-contract.ts'
import { overspend } from './overspend.ts'
import type { RedFlagSettings } from './settings.ts'
import { socialValueShortfall } from './social-value.ts'
import { splitContracts } from './split-contracts.ts'
import type { RedFlag, RedFlagFacts, RedFlagRule } from './types.ts'

export const RED_FLAG_RULES: readonly RedFlagRule[] = [splitContracts, repeatedDirectAwards, overspend, spendWithoutContract, kpiDuty, categoryShare, exclusionEvents, socialValueShortfall]

export function ruleById(id: string): RedFlagRule | undefined {
  return RED_FLAG_RULES.find((r) => r.id === id)
}

/** Every flag the rules raise on the facts, rule by rule. */
export function evaluateRedFlags(facts: RedFlagFacts, settings: RedFlagSettings): { rule: RedFlagRule; flags: RedFlag[] }[] {
  return RED_FLAG_RULES.map((rule) => ({ rule, flags: rule.evaluate(facts, settings) }))
}

export type { RedFlag, RedFlagFacts, RedFlagRule } from './types.ts'
export { DEFAULT_RED_FLAG_SETTINGS, RED_FLAG_SETTING_TEXT, redFlagSettingsSchema, type RedFlagSettings } from './settings.ts'
