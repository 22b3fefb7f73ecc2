/** The council's spend settings (ADR 0012): what counts as a dependency, a contract-less payee, a suggested match. */
import { z } from 'zod'
import { settingsSection } from '../../platform/settings/settings.ts'

export const spendSettings = settingsSection(
  'spend',
  z.object({
    /** A payee taking at least this share of a year's spend is listed as a dependency. */
    dependencySharePercent: z.number().min(1).max(100).default(10),
    /** Spend with a payee above this in a financial year, with no contract, is listed (issue: £30,000 a year). */
    noContractThresholdPence: z.number().int().min(0).default(3_000_000),
    /** How alike (pg_trgm similarity, 0 to 1) a payee's name and a provider's must be to suggest a match for review. */
    suggestionSimilarity: z.number().min(0.2).max(0.95).default(0.45),
  }),
)
export type SpendSettings = z.output<typeof spendSettings.schema>
