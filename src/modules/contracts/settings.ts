/**
 * The council's open-data identifiers (ADR 0013): the OCDS publisher prefix that starts every ocid ("ocds-" and the
 * prefix the Open Contracting Partnership gives the publisher) and the 360Giving prefix that starts every grant
 * identifier ("360G-" and the prefix 360Giving gives the funder). Until a council registers its own, Catalyst uses
 * its council code so that the files are well formed, and the settings page says so.
 */
import { z } from 'zod'
import type { Executor } from '../../platform/db/database.ts'
import { readSettings, settingsSection } from '../../platform/settings/settings.ts'

export const OPEN_DATA_SETTINGS = settingsSection(
  'open-data',
  z.object({
    /** The publisher part of the ocid prefix, without "ocds-": e.g. "b5fd17". Empty: not registered yet. */
    ocdsPublisherPrefix: z.string().regex(/^[a-z0-9]{0,30}$/).default(''),
    /** The council's 360Giving prefix, "360G-" included. Empty: not registered yet. */
    grantsPrefix: z.string().regex(/^(360G-[A-Za-z0-9-]{1,60})?$/).default(''),
    /** The licence the open data is published under. */
    licenceUrl: z.string().url().default('https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'),
  }),
)

export interface OpenDataIdentity {
  /** "ocds-" and the publisher prefix. */
  ocidPrefix: string
  grantsPrefix: string
  licenceUrl: string
  registered: { ocds: boolean; grants: boolean }
}

export function identityFrom(values: z.output<typeof OPEN_DATA_SETTINGS.schema>, councilCode: string): OpenDataIdentity {
  const code = councilCode.toLowerCase().replace(/[^a-z0-9]/g, '')
  return {
    ocidPrefix: `ocds-${values.ocdsPublisherPrefix || code}`,
    grantsPrefix: values.grantsPrefix || `360G-${code}`,
    licenceUrl: values.licenceUrl,
    registered: { ocds: values.ocdsPublisherPrefix !== '', grants: values.grantsPrefix !== '' },
  }
}

export async function openDataIdentity(db: Executor, council: { id: string; code: string }): Promise<OpenDataIdentity> {
  return identityFrom(await readSettings(db, council.id, OPEN_DATA_SETTINGS), council.code)
}
