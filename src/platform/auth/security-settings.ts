/** The council's sign-in security settings (ADR 0012, ADR 0043): whether administrators must use a second factor. */
import { z } from 'zod'
import { settingsSection } from '../settings/settings.ts'

export const signInSecuritySettings = settingsSection(
  'sign-in-security',
  z.object({
    /** Administrators who sign in with a password must also enter a code from an authenticator app. */
    requireTwoFactorForAdmins: z.boolean().default(false),
  }),
)
