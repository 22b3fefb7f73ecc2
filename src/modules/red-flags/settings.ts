/** The council's red-flag thresholds (ADR 0012): the rules' settings schema as a council settings section. */
import { settingsSection } from '../../platform/settings/settings.ts'
import { redFlagSettingsSchema } from '../../rules/red-flags/settings.ts'

export const redFlagSettings = settingsSection('red-flags', redFlagSettingsSchema)
