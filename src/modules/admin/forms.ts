/** The add-a-person form: what good input is, with GOV.UK-style messages. */
import { z } from 'zod'
import { COUNCIL_ROLES, ROLES } from '../../platform/auth/roles.ts'

export const newUserForm = z
  .object({
    name: z.string().trim().min(1, 'Enter their full name').max(200, 'Full name must be 200 characters or fewer'),
    email: z
      .string()
      .trim()
      .min(1, 'Enter their email address')
      .max(320, 'Email address must be 320 characters or fewer')
      .email('Enter an email address in the correct format, like name@example.gov.uk'),
    role: z.enum(COUNCIL_ROLES, { message: 'Choose the role they will have' }),
    provider: z.string().trim().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.role === 'provider' && !value.provider) {
      ctx.addIssue({ code: 'custom', path: ['provider'], message: 'Choose the provider this person speaks for' })
    }
  })

export type NewUserForm = z.infer<typeof newUserForm>

export const userActionForm = z.object({
  action: z.literal('remove-role', { message: 'Choose what to do' }),
  role: z.enum(ROLES, { message: 'Choose the role to remove' }),
})
