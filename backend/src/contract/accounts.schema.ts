import { z } from 'zod'
import { organisationSchema } from './offers.schema.ts'
import { oneLine } from './text.ts'

// Accounts at the boundary: the roles, what sign-in and registration send, what an admin sends to
// create an account, and what the server answers about the signed-in caller.

export type Role = 'admin' | 'planner' | 'owner' | 'resident'

export const minPasswordLength = 10
export const maxPasswordLength = 1024

export const roles = ['admin', 'planner', 'owner', 'resident'] as const satisfies readonly Role[]

/** Roles anyone may choose when registering; admin and planner accounts are made by an admin. */
export const selfRegisterRoles = ['owner', 'resident'] as const satisfies readonly Role[]

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'not an e-mail address' }))

export const passwordSchema = z
  .string()
  .min(minPasswordLength, `the password must have at least ${minPasswordLength} characters`)
  .max(maxPasswordLength, `the password must have at most ${maxPasswordLength} characters`)

export const displayNameSchema = oneLine.min(1).max(100)

export const newAccountSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(roles, { message: `the role must be one of ${roles.join(', ')}` }),
  display_name: displayNameSchema.nullish(),
  party_id: z.number().int().positive().nullish(),
})

export type NewAccount = z.infer<typeof newAccountSchema>

/** What sign-in, registration and /api/auth/me answer: the caller's public account fields. */
export const signedInAccountResponse = z.object({
  id: z.number().int(),
  email: z.string(),
  role: z.enum(roles),
  display_name: z.string().nullable(),
  party_id: z.number().int().nullable(),
})
export type SignedInAccount = z.infer<typeof signedInAccountResponse>

/** An account as the admin's /api/users shows it: never the password hash. */
export const accountResponse = signedInAccountResponse.extend({
  disabled_at: z.string().nullable().describe('an RFC 3339 date-time'),
  created_at: z.string().describe('an RFC 3339 date-time'),
})
export type Account = z.infer<typeof accountResponse>

/** GET /api/auth/tokens: what a user sees of their tokens, never the secret. */
export const apiTokenResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  desktop_gis: z.boolean().describe('made for a desktop GIS: writes without If-Match (last writer wins)'),
})
export type ApiTokenInfo = z.infer<typeof apiTokenResponse>

/** POST /api/auth/tokens: the new token with its secret, shown this once. */
export const newApiTokenResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  token: z.string(),
  desktop_gis: z.boolean(),
})
export type NewApiToken = z.infer<typeof newApiTokenResponse>

export const loginSchema = z.strictObject({
  email: oneLine.min(1).max(254),
  password: z.string().min(1).max(1024),
})

export const registerSchema = z
  .strictObject({
    email: emailSchema,
    password: passwordSchema,
    role: z.enum(selfRegisterRoles, {
      message: `register as ${selfRegisterRoles.join(' or ')}; admin and planner accounts are made by an admin`,
    }),
    display_name: displayNameSchema.nullish(),
    /** An owner who offers land for an organisation (a company, an association), not as a person. */
    organisation: organisationSchema.optional(),
  })
  .refine((input) => input.organisation === undefined || input.role === 'owner', {
    message: 'only owners offer land for an organisation',
    path: ['organisation'],
  })

/** PATCH /api/users/{id}: what an admin changes about an account. */
export const accountChangeSchema = z
  .strictObject({
    role: z.enum(roles, { message: `the role must be one of ${roles.join(', ')}` }).optional(),
    disabled: z.boolean().optional(),
    party_id: z.number().int().positive().nullable().optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'name at least one of role, disabled, party_id')

/** POST /api/auth/tokens: a personal API token's name. */
export const newTokenSchema = z.strictObject({
  name: oneLine.min(1).max(100),
  /** For a desktop GIS (admins and planners): writes without If-Match, recorded in the history. */
  desktop_gis: z.boolean().optional(),
})

/** POST /api/auth/confirm: the token from a registration's confirmation link. */
export const confirmSchema = z.strictObject({
  token: z.string().regex(/^[\w-]{43}$/, 'not a confirmation token'),
})

/** What POST /api/auth/register answers, whether or not the address had an account. */
export const registrationSentResponse = z.object({
  status: z.literal('confirmation-sent'),
  email: z.string(),
})
export type RegistrationSent = z.infer<typeof registrationSentResponse>
