import { z } from 'zod'
import type { AgreementStatus } from './lifecycles.ts'
import { type ContactInput, contactSchema } from './offers.schema.ts'
import { oneLine } from './text.ts'
import { agreementStatuses, agreementUses, keysOf } from './vocabulary.ts'

// What planners send about agreements. Terms, conditions and notes are never public; the public
// face of an agreement is the interim_uses view.

const text = (max: number) => z.string().trim().max(max).nullable().optional()
const isoDate = z.iso.date().nullable().optional()

export const partyRoles = ['owner', 'user', 'city', 'intermediary'] as const
export const partyKinds = ['person', 'organisation', 'public_body'] as const
export type PartyKind = (typeof partyKinds)[number]

/** A party of the agreement: an existing one by id, or a new one (its contact stays private). */
export const agreementPartySchema = z
  .strictObject({
    role: z.enum(partyRoles),
    party_id: z.number().int().positive().optional(),
    party: z
      .strictObject({
        kind: z.enum(partyKinds),
        public_name: oneLine.min(1).max(200).nullable().optional(),
        contact: contactSchema.optional(),
      })
      .refine((p) => p.kind !== 'person' || !p.public_name, {
        message: 'a person has no public name; put their name in the contact',
        path: ['public_name'],
      })
      .optional(),
  })
  .refine((p) => (p.party_id === undefined) !== (p.party === undefined), {
    message: 'give either party_id or a new party',
  })
export type AgreementPartyInput = z.infer<typeof agreementPartySchema>

const termFields = {
  name: oneLine.min(1).max(200),
  use: z.enum(keysOf(agreementUses)),
  term_start: isoDate,
  term_end: isoDate,
  notice_period_months: z.number().int().min(0).max(120).nullable().optional(),
  public_access: z.boolean(),
  upkeep_by: text(200),
  insurance_by: text(200),
  clearance_paid_by: text(200),
  conditions: text(8000),
  internal_notes: text(8000),
  description: text(4000),
}

/** The columns a planner may write directly. */
export const agreementColumns = Object.keys(termFields) as (keyof typeof termFields)[]

const termInOrder = (value: { term_start?: string | null; term_end?: string | null }) =>
  !value.term_start || !value.term_end || value.term_end >= value.term_start
const termMessage = { message: 'term_end must not be before term_start', path: ['term_end'] }

export const newAgreementSchema = z
  .strictObject({
    ...termFields,
    name: termFields.name.optional(),
    use: termFields.use.optional(),
    public_access: termFields.public_access.optional(),
    offer_id: z.number().int().positive().optional(),
    plot_ids: z.array(z.number().int().positive()).max(100).optional(),
    parties: z.array(agreementPartySchema).max(20).optional(),
  })
  .refine(termInOrder, termMessage)
  .refine((value) => value.offer_id !== undefined || (value.plot_ids?.length ?? 0) > 0, {
    message: 'create an agreement from an accepted offer (offer_id) or from plots (plot_ids)',
    path: ['plot_ids'],
  })
export type NewAgreement = z.infer<typeof newAgreementSchema>

export const agreementPatchSchema = z
  .strictObject(termFields)
  .partial()
  .extend({
    plot_ids: z.array(z.number().int().positive()).min(1).max(100).optional(),
    parties: z.array(agreementPartySchema).max(20).optional(),
  })
  .refine(termInOrder, termMessage)
export type AgreementPatch = z.infer<typeof agreementPatchSchema>

export const transitionSchema = z.strictObject({
  to: z.enum(keysOf(agreementStatuses)),
  reason: z.string().trim().min(1).max(2000).optional(),
})

/** An agreement as planners (staff) and its parties' owners see it. */
export type Agreement = {
  id: number
  municipality: string
  name: string
  use: string
  status: AgreementStatus
  term_start: string | null
  term_end: string | null
  notice_period_months: number | null
  public_access: boolean
  upkeep_by: string | null
  insurance_by: string | null
  clearance_paid_by: string | null
  conditions: string | null
  /** Staff only. */
  internal_notes?: string | null
  description: string | null
  offer_id: number | null
  plots: { id: number; name: string; status: string; area_m2: number }[]
  parties: {
    party_id: number
    role: (typeof partyRoles)[number]
    kind: PartyKind
    public_name: string | null
    /** Staff only. */
    contact?: ContactInput | null
  }[]
  transitions: {
    from_status: AgreementStatus | null
    to_status: AgreementStatus
    reason: string | null
    changed_at: string
    changed_by?: number | null
  }[]
  documents: { id: number; filename: string; size_bytes: number; uploaded_at: string }[]
  version: number
  created_at: string
  updated_at: string
}

/** A running agreement near the end of its term, for the planners' dashboard. */
export type EndingAgreement = {
  id: number
  name: string
  status: AgreementStatus
  term_end: string
  days_left: number
  plot_ids: number[]
}
