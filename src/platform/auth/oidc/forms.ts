/** The identity provider settings form: what good input is, with GOV.UK-style messages. */
import { z } from 'zod'
import { ROLE_NAMES } from '../roles.ts'
import { MAPPABLE_ROLES, type RoleMapping } from './role-claim.ts'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The form field for a role's claim values. */
export const roleField = (role: string) => `role-${role}`

function claimValueList(field: string) {
  return z
    .string()
    .max(2000, `${field} must be 2000 characters or fewer`)
    .default('')
    .transform((text) => [...new Set(text.split(/[,\n]/).map((value) => value.trim()).filter(Boolean))])
    .refine((values) => values.every((value) => value.length <= 200), `Each value in ${field.toLowerCase()} must be 200 characters or fewer`)
}

/**
 * `production` refuses an issuer that is not https (any address on the loopback is allowed elsewhere, for a provider
 * run by the tests or on a developer's machine); `secretSaved` makes the client secret optional (blank keeps it).
 */
export function identityProviderForm(options: { production: boolean; secretSaved: boolean }) {
  const roleFields = Object.fromEntries(
    MAPPABLE_ROLES.map((role) => [roleField(role), claimValueList(`Values for ${ROLE_NAMES[role]}`)]),
  ) as Record<`role-${(typeof MAPPABLE_ROLES)[number]}`, ReturnType<typeof claimValueList>>

  return z
    .object({
      enabled: z.enum(['yes', 'no'], { error: 'Select whether the sign-in page offers this provider' }),
      displayName: z
        .string()
        .trim()
        .min(1, 'Enter the name people know the provider by, like Northshire Council Microsoft account')
        .max(100, 'Name must be 100 characters or fewer'),
      issuer: z
        .string()
        .trim()
        .min(1, 'Enter the issuer URL, like https://login.microsoftonline.com/<tenant id>/v2.0')
        .max(500, 'Issuer URL must be 500 characters or fewer')
        .superRefine((value, context) => {
          let url: URL
          try {
            url = new URL(value)
          } catch {
            context.addIssue({ code: 'custom', message: 'Enter the issuer as a full URL, like https://login.microsoftonline.com/<tenant id>/v2.0' })
            return
          }
          const loopback = url.protocol === 'http:' && LOOPBACK.has(url.hostname) && !options.production
          if (url.protocol !== 'https:' && !loopback) context.addIssue({ code: 'custom', message: 'Issuer URL must start with https://' })
          else if (url.search || url.hash) context.addIssue({ code: 'custom', message: 'Issuer URL must not have a query (?) or fragment (#)' })
          else if (/\/(common|organizations|consumers)(\/|$)/.test(url.pathname) && url.hostname === 'login.microsoftonline.com') {
            // Entra's shared endpoints accept any tenant's accounts; only the council's own tenant may be trusted.
            context.addIssue({ code: 'custom', message: 'Use your tenant’s own issuer, with its tenant id, not common, organizations or consumers' })
          }
        }),
      clientId: z.string().trim().min(1, 'Enter the client ID (application ID) Catalyst is registered under').max(200, 'Client ID must be 200 characters or fewer'),
      clientSecret: z
        .string()
        .max(1000, 'Client secret must be 1000 characters or fewer')
        .default('')
        .refine((value) => options.secretSaved || value.trim() !== '', 'Enter the client secret'),
      rolesClaim: z
        .string()
        .trim()
        .min(1, 'Enter the name of the claim that carries roles, like roles')
        .max(100, 'Claim name must be 100 characters or fewer')
        .regex(/^[A-Za-z0-9_.:/-]+$/, 'Claim name must be letters, numbers and . _ : / - only, like roles'),
      ...roleFields,
    })
    .superRefine((form, context) => {
      const seen = new Map<string, string>()
      for (const role of MAPPABLE_ROLES) {
        for (const value of form[roleField(role) as `role-${typeof role}`]) {
          const other = seen.get(value)
          if (other) {
            context.addIssue({
              code: 'custom',
              path: [roleField(role)],
              message: `${value} is already given to ${ROLE_NAMES[other as typeof role]}: give each value to one role`,
            })
          }
          seen.set(value, role)
        }
      }
    })
    .transform((form) => ({
      enabled: form.enabled === 'yes',
      displayName: form.displayName,
      issuer: form.issuer,
      clientId: form.clientId,
      clientSecret: form.clientSecret.trim() === '' ? undefined : form.clientSecret.trim(),
      rolesClaim: form.rolesClaim,
      roleMapping: Object.fromEntries(
        MAPPABLE_ROLES.map((role) => [role, form[roleField(role) as `role-${typeof role}`]]).filter(([, values]) => (values ?? []).length > 0),
      ) as RoleMapping,
    }))
}
