/**
 * The thresholds the red-flag rules read, as a council setting (ADR 0012): each has a default and the reason for it.
 * Figures the law fixes (Schedule 1 thresholds, the s.74(4) limits, the s.52/s.71 duties, the Schedule 7 look-back)
 * are not settings: they are in the rules, with their citations.
 */
import { z } from 'zod'

export const redFlagSettingsSchema = z.object({
  /** The council's own below-threshold notifiable level: s.87(4) sets £30,000 (VAT included) for a council. */
  notifiableLevelPence: z.number().int().min(0).default(3_000_000),
  /** Contracts awarded within this many months of the first are looked at together for splitting. */
  splitWindowMonths: z.number().int().min(1).max(60).default(12),
  /** How many leading digits of the main CPV code make "the same kind of supply" (5 is a CPV category). */
  splitCpvDigits: z.number().int().min(2).max(8).default(5),
  /** VAT added to values recorded without it before comparing them with thresholds, which include VAT. */
  vatRatePercent: z.number().min(0).max(100).default(20),
  /** This many direct awards to one supplier ... */
  directAwardCount: z.number().int().min(2).max(50).default(3),
  /** ... within this many months raise a flag. */
  directAwardWindowMonths: z.number().int().min(1).max(120).default(24),
  /** Whether user choice direct awards (Sch 5 paras 15–17) count: a resident's choice of provider is not a pattern. */
  directAwardCountUserChoice: z.boolean().default(false),
  /** Spend with a payee above this in a financial year, with no contract in force that year, raises a flag. */
  noContractThresholdPence: z.number().int().min(0).default(3_000_000),
  /** RF-OVERSPEND counts a payment made up to this many days after a contract's end as paid under it (late invoices). */
  overspendLateInvoiceDays: z.number().int().min(0).max(730).default(90),
  /** One payee taking more than this share of a spend category's year raises a flag ... */
  categorySharePercent: z.number().min(1).max(100).default(50),
  /** ... when the category's spend that year is at least this much. */
  categoryMinimumPence: z.number().int().min(0).default(10_000_000),
  /** A contract whose verified social value falls below this share of what was due raises a flag. */
  socialValueDeliveredPercent: z.number().min(1).max(100).default(75),
})
export type RedFlagSettings = z.output<typeof redFlagSettingsSchema>
export type RedFlagSettingName = keyof RedFlagSettings

export const DEFAULT_RED_FLAG_SETTINGS: RedFlagSettings = redFlagSettingsSchema.parse({})

/** What each setting means and why its default is what it is: the settings page and the rule pages show this. */
export const RED_FLAG_SETTING_TEXT: Record<RedFlagSettingName, { label: string; hint: string }> = {
  notifiableLevelPence: {
    label: 'Notifiable below-threshold level',
    hint: 'Contracts each below this, awarded together above it, are flagged as possibly split. The default is £30,000 including VAT, the level the Procurement Act 2023 s.87(4) sets for a council; use your standing orders’ level if it is lower.',
  },
  splitWindowMonths: {
    label: 'Window for split contracts, in months',
    hint: 'Contracts with one supplier, or for the same kind of supply, awarded within this many months of each other are added up. The default, 12 months, matches a year’s requirement.',
  },
  splitCpvDigits: {
    label: 'CPV digits that make the same kind of supply',
    hint: 'From 2 (a CPV division) to 8 (the exact code). The default, 5, is a CPV category: 85312 (social work without accommodation) groups its sub-codes.',
  },
  vatRatePercent: {
    label: 'VAT added to values recorded without VAT',
    hint: 'Thresholds include VAT, so a value recorded without it is grossed up before comparing. The default is the UK standard rate, 20%; enter 0 to compare values as recorded.',
  },
  directAwardCount: {
    label: 'Direct awards to one supplier',
    hint: 'This many direct awards to one supplier within the window below raise a flag. The default is 3: two can be chance, three is a pattern worth a look.',
  },
  directAwardWindowMonths: {
    label: 'Window for direct awards, in months',
    hint: 'The default is 24 months.',
  },
  directAwardCountUserChoice: {
    label: 'Count user choice direct awards',
    hint: 'User choice contracts (Schedule 5 paras 15–17) follow a resident’s or carer’s choice of provider, so by default they are not counted.',
  },
  noContractThresholdPence: {
    label: 'Spend without a contract',
    hint: 'Spend with a payee above this in a financial year, with no contract with it in force that year, raises a flag. The default is £30,000, the notifiable level of s.87(4).',
  },
  overspendLateInvoiceDays: {
    label: 'Days after a contract ends that its late invoices are still paid',
    hint: 'Spend over a contract’s value counts only payments made during its term and up to this many days after it ends. The default, 90 days, allows a last quarterly invoice in arrears (up to 60 days to arrive) and the 30 days the Procurement Act 2023 s.68 gives the council to pay it. Enter 0 to count payments inside the term only.',
  },
  categorySharePercent: {
    label: 'Share of a spend category',
    hint: 'One payee taking more than this share of a category’s spend in a financial year raises a flag. The default, 50%, means the council depends on one supplier for most of that service; it is a yardstick, not a legal test.',
  },
  socialValueDeliveredPercent: {
    label: 'Social value verified of what was due',
    hint: 'A contract whose verified social value is below this share of the commitments already due raises a flag. The default, 75%, is the council’s choice, not a figure from law: it allows for returns still being checked.',
  },
  categoryMinimumPence: {
    label: 'Smallest category to check',
    hint: 'Categories with less spend than this in a year are not checked, so a small category with one supplier is not flagged. The default is £100,000.',
  },
}
