/**
 * The council's market settings (ADR 0012). Every threshold is the council's choice; the defaults are starting
 * points, explained on the settings page, not rules from law or guidance.
 */
import { z } from 'zod'
import { settingsSection } from '../../platform/settings/settings.ts'

export const GSS_CODE = /^[EWSN]\d{8}$/

export const marketSettings = settingsSection(
  'market',
  z.object({
    /**
     * The council's own area for the market view, a GSS code. Empty means the council's own GSS code (a fictional
     * or new council without one sees all areas until it sets this).
     */
    homeArea: z.union([z.literal(''), z.string().regex(GSS_CODE)]).default(''),
    /** The council depends on a supplier taking at least this share of a category's spend in a year. */
    councilDependencyPercent: z.number().min(1).max(100).default(25),
    /** A supplier depends on the council when the council's spend in a year is at least this share of its turnover. */
    supplierDependencyPercent: z.number().min(1).max(1000).default(25),
    /** An SME has fewer employees than this: 250, PA 2023 s.123 as quoted in domain-rules §1.1 [S]. */
    smeMaxEmployees: z.number().int().min(1).max(100_000).default(250),
    /** ...and turnover no more than this where known: £44m, the same source. */
    smeMaxTurnoverPence: z.number().int().min(0).default(4_400_000_000),
    /** Where the employee bands shown begin. */
    employeeBandEdges: z.array(z.number().int().min(1).max(1_000_000)).min(1).max(6).default([10, 50, 250]),
  }),
)
export type MarketSettings = z.output<typeof marketSettings.schema>
