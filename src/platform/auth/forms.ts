/** The sign-in form: what good input is, with GOV.UK-style messages. */
import { z } from 'zod'

export const signInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(320, 'Email address must be 320 characters or fewer')
    .email('Enter an email address in the correct format, like name@example.gov.uk'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Password must be 1024 characters or fewer'),
  returnTo: z.string().optional(),
})

/** Only a path on this site may be returned to after signing in, never another site. */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  return /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/sign-') ? value : undefined
}
