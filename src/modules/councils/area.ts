/**
 * The council's area as postcode districts ("TS1", "TS14"): what "local" means for spend, and where a resident must
 * live to vote in the council's priorities. Councils list their districts in the area settings; Catalyst has no
 * postcode directory, so it does not guess them.
 */
import { parse } from 'postcode'
import { z } from 'zod'
import { settingsSection } from '../../platform/settings/settings.ts'

/** A postcode district: outward code such as "TS1", "TS14", "EC1A" or "W1". */
const DISTRICT = /^[A-Z]{1,2}[0-9][0-9A-Z]?$/

export const areaSettings = settingsSection(
  'area',
  z.object({
    postcodeDistricts: z.array(z.string().regex(DISTRICT)).default([]),
  }),
)

/** The district of a full postcode ("ts1 2ab" → "TS1"), or undefined when it is not a valid UK postcode. */
export function postcodeDistrictOf(postcode: string | null | undefined): string | undefined {
  if (!postcode) return undefined
  const parsed = parse(postcode.trim())
  return parsed.valid ? (parsed.district ?? undefined) : undefined
}

/** Whether a postcode lies in one of the listed districts. An invalid or missing postcode is not local. */
export function isInDistricts(postcode: string | null | undefined, districts: readonly string[]): boolean {
  const district = postcodeDistrictOf(postcode)
  return district !== undefined && districts.includes(district)
}

/**
 * Reads a list of districts as an officer types it: separated by commas, spaces or new lines, any case.
 * Returns the districts and any entries that are not districts, so a form can say which.
 */
export function parseDistrictList(text: string): { districts: string[]; invalid: string[] } {
  const entries = text.split(/[\s,;]+/).map((entry) => entry.trim().toUpperCase()).filter(Boolean)
  const districts = [...new Set(entries.filter((entry) => DISTRICT.test(entry)))]
  const invalid = entries.filter((entry) => !DISTRICT.test(entry))
  return { districts, invalid }
}
