/**
 * The council's social value settings (ADR 0012, 0038). The discount rate defaults to 3.5%, the HM Treasury Green
 * Book's standard rate; domain-rules §5.5 holds that figure from a secondary source only ([S], item 9 of the facts
 * not confirmed), so it is the council's setting with that default, not a rule in code.
 */
import { z } from 'zod'
import { settingsSection } from '../../platform/settings/settings.ts'

export const socialValueSettings = settingsSection(
  'social-value',
  z.object({
    /** The discount rate SROI present values use, in percent. */
    discountRatePercent: z.number().min(0).max(20).default(3.5),
    /** Sensitivity: shares (deadweight, displacement, attribution, drop-off) move by this many points either way. */
    sensitivitySharePoints: z.number().min(1).max(50).default(10),
    /** Sensitivity: quantities, proxies and inputs move by this percentage of themselves either way. */
    sensitivityRelativePercent: z.number().min(1).max(90).default(10),
    /** Providers are reminded of a commitment this many days before it falls due. */
    reminderDays: z.number().int().min(1).max(90).default(14),
  }),
)
export type SocialValueSettings = z.output<typeof socialValueSettings.schema>

export const SETTING_TEXT: Record<keyof SocialValueSettings, { label: string; hint: string; suffix?: string }> = {
  discountRatePercent: { label: 'Discount rate for SROI', suffix: '%', hint: 'Future years’ value is discounted to today at this rate. The default, 3.5%, is the HM Treasury Green Book’s standard rate as usually cited.' },
  sensitivitySharePoints: { label: 'Sensitivity: move deductions by', suffix: 'points', hint: 'Deadweight, displacement, attribution and drop-off are each moved this many percentage points down and up. Default 10.' },
  sensitivityRelativePercent: { label: 'Sensitivity: move quantities, proxies and inputs by', suffix: '%', hint: 'Each is moved by this share of itself down and up. Default 10%.' },
  reminderDays: { label: 'Remind providers before a commitment is due', suffix: 'days', hint: 'Providers with a commitment falling due within this many days, and no return for it, are reminded by email and on their home page. Default 14.' },
}
