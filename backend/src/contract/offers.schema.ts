import type { Geometry } from 'geojson'
import { z } from 'zod'
import type { OfferStatus } from './lifecycles.ts'
import { oneLine } from './text.ts'
import { keysOf, offerStatuses, offerUses } from './vocabulary.ts'

// What owners and planners send about offers. The contact is personal data: it is stored as the
// owner's party contact (party_contacts), never in the offer's own columns.

const text = (max: number) => z.string().trim().max(max).nullable().optional()
const isoDate = z.iso.date().nullable().optional()

export const contactSchema = z.strictObject({
  contact_name: text(200),
  street_address: text(300),
  postcode: text(20),
  city: text(100),
  email: z.email().max(254).nullable().optional(),
  phone: text(50),
})
export type ContactInput = z.infer<typeof contactSchema>

const offerFields = {
  title: oneLine.min(1).max(200).optional(),
  available_from: isoDate,
  available_until: isoDate,
  allowed_uses: z
    .array(z.enum(keysOf(offerUses)))
    .max(7)
    .optional(),
  conditions: text(4000),
  contact: contactSchema.optional(),
  /** A drawn Polygon or MultiPolygon in WGS 84; checked by the geometry rules and PostGIS. */
  geometry: z.unknown().optional(),
  /** Or an existing plot. */
  plot_id: z.number().int().positive().optional(),
}

const datesInOrder = (value: { available_from?: string | null; available_until?: string | null }) =>
  !value.available_from || !value.available_until || value.available_until >= value.available_from
const dateMessage = {
  message: 'available_until must not be before available_from',
  path: ['available_until'],
}

/** The organisation an owner acts for; its name may be shown to the public, a person's never. */
export const organisationSchema = oneLine.min(2).max(200)

export const newOfferSchema = z
  .strictObject({
    ...offerFields,
    /** At the first offer: the owner acts for this organisation, not as a person. */
    organisation: organisationSchema.optional(),
  })
  .refine(datesInOrder, dateMessage)
  .refine((value) => (value.geometry === undefined) !== (value.plot_id === undefined), {
    message: 'give either a drawn geometry or the plot_id of an existing plot',
    path: ['geometry'],
  })
export type NewOffer = z.infer<typeof newOfferSchema>

export const offerPatchSchema = z
  .strictObject(offerFields)
  .refine(datesInOrder, dateMessage)
  .refine((value) => value.geometry === undefined || value.plot_id === undefined, {
    message: 'give a drawn geometry or a plot_id, not both',
    path: ['geometry'],
  })
export type OfferPatch = z.infer<typeof offerPatchSchema>

export const reasonSchema = z.strictObject({
  reason: z.string().trim().min(1, 'a reason is required').max(2000),
})
export const acceptSchema = z.strictObject({
  /** Link this existing plot instead of creating one from the offer's geometry. */
  plot_id: z.number().int().positive().optional(),
  /** The new plot's name (default: the offer's title). */
  name: oneLine.min(1).max(200).optional(),
})

export const offerStatusFilter = z.enum(keysOf(offerStatuses))
export type { OfferStatus }

/** An offer as its owner and reviewers see it; `contact` is the owner's party contact. */
export type Offer = {
  id: number
  municipality: string
  title: string
  status: OfferStatus
  available_from: string | null
  available_until: string | null
  allowed_uses: string[]
  conditions: string | null
  review_reason: string | null
  plot_id: number | null
  owner_user_id: number | null
  owner_party_id: number | null
  /** The organisation the owner acts for (null for a person, who is never named). */
  owner_organisation: string | null
  /** Whether a planner or admin confirmed that organisation (null for a person). */
  owner_organisation_confirmed: boolean | null
  /** For reviewers: the offered plot is mapped as another party's (null for owners). */
  plot_of_other_party: boolean | null
  area_m2: number | null
  geometry: Geometry | null
  contact: ContactInput | null
  /** The official districts the offered land lies in, by name. */
  districts: string[]
  /** The programme areas the offered land lies in, by name. */
  programme_areas: string[]
  version: number
  created_at: string
  updated_at: string
}
