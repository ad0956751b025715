import type { Geometry } from 'geojson'
import { type Account, type Problem, problemOf } from '../editing/editing-api.ts'

// The calls of the interim-use workspace: registration, offers, their review, agreements and
// their lifecycle and documents, notifications, and the caller's own data. Every call answers
// with data or with the server's problem, so the screens can show the server's words.

export type Contact = {
  contact_name?: string | null
  street_address?: string | null
  postcode?: string | null
  city?: string | null
  email?: string | null
  phone?: string | null
}

export type OfferStatus = 'draft' | 'submitted' | 'changes_requested' | 'accepted' | 'declined' | 'withdrawn'

export type Offer = {
  id: number
  title: string
  status: OfferStatus
  available_from: string | null
  available_until: string | null
  allowed_uses: string[]
  conditions: string | null
  review_reason: string | null
  plot_id: number | null
  owner_party_id: number | null
  /** The organisation the owner offers for; null for a person, who is never named. */
  owner_organisation: string | null
  area_m2: number | null
  geometry: Geometry | null
  contact: Contact | null
  version: number
  created_at: string
  updated_at: string
}

/** What an owner sends: a drawn geometry or an existing plot, and the terms of the offer. */
export type OfferInput = {
  title?: string
  available_from?: string | null
  available_until?: string | null
  allowed_uses?: string[]
  conditions?: string | null
  contact?: Contact
  geometry?: Geometry
  plot_id?: number
}

export type AgreementStatus =
  | 'draft'
  | 'negotiating'
  | 'signed'
  | 'active'
  | 'ending'
  | 'ended'
  | 'terminated'

export type AgreementParty = {
  party_id: number
  role: 'owner' | 'user' | 'city' | 'intermediary'
  kind: 'person' | 'organisation' | 'public_body'
  public_name: string | null
  contact?: Contact | null
}

export type Agreement = {
  id: number
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
  internal_notes?: string | null
  description: string | null
  offer_id: number | null
  plots: { id: number; name: string; status: string; area_m2: number }[]
  parties: AgreementParty[]
  transitions: { from_status: string | null; to_status: string; reason: string | null; changed_at: string }[]
  documents: { id: number; filename: string; size_bytes: number; uploaded_at: string }[]
  version: number
}

/** A party as the planner names it: an existing one, or a new one with its private contact. */
export type PartyInput = {
  role: AgreementParty['role']
  party_id?: number
  party?: { kind: AgreementParty['kind']; public_name?: string | null; contact?: Contact }
}

/** The terms a planner writes; on creation also where the agreement comes from. */
export type AgreementInput = {
  name?: string
  use?: string
  term_start?: string | null
  term_end?: string | null
  notice_period_months?: number | null
  public_access?: boolean
  upkeep_by?: string | null
  insurance_by?: string | null
  clearance_paid_by?: string | null
  conditions?: string | null
  internal_notes?: string | null
  description?: string | null
  offer_id?: number
  plot_ids?: number[]
  parties?: PartyInput[]
}

export type EndingAgreement = {
  id: number
  name: string
  status: AgreementStatus
  term_end: string
  days_left: number
  plot_ids: number[]
}

export type Notification = {
  id: number
  kind: string
  subject: string
  body: string
  resource: string | null
  created_at: string
  read_at: string | null
}

const jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json' }

/** One JSON call; the answer's body, or the server's problem. */
async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T | Problem> {
  const response = await fetch(path, {
    method,
    headers: { ...jsonHeaders, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  })
  return response.ok ? ((await response.json()) as T) : problemOf(response)
}

/** Creates an owner or resident account and signs it in. */
export const register = (input: {
  email: string
  password: string
  role: 'owner' | 'resident'
  display_name?: string
  /** Owners only: the organisation they offer land for (its name is shown to planners). */
  organisation?: string
}) => call<Account>('POST', '/api/auth/register', input)

export const listOffers = async (status?: OfferStatus) => {
  const result = await call<{ offers: Offer[] }>('GET', `/api/offers${status ? `?status=${status}` : ''}`)
  return 'offers' in result ? result.offers : result
}
export const submitOffer = (input: OfferInput) => call<Offer>('POST', '/api/offers', input)
/** Revises an offer read at `version` (after the planner asked for changes). */
export const reviseOffer = (id: number, version: number, input: OfferInput) =>
  call<Offer>('PATCH', `/api/offers/${id}`, input, { 'If-Match': `"${version}"` })
export const withdrawOffer = (id: number) => call<Offer>('POST', `/api/offers/${id}/withdraw`)
export const acceptOffer = (id: number, input: { plot_id?: number; name?: string } = {}) =>
  call<Offer>('POST', `/api/offers/${id}/accept`, input)
export const requestChanges = (id: number, reason: string) =>
  call<Offer>('POST', `/api/offers/${id}/request-changes`, { reason })
export const declineOffer = (id: number, reason: string) =>
  call<Offer>('POST', `/api/offers/${id}/decline`, { reason })

export const listAgreements = async () => {
  const result = await call<{ agreements: Agreement[] }>('GET', '/api/agreements')
  return 'agreements' in result ? result.agreements : result
}
export const readAgreement = (id: number) => call<Agreement>('GET', `/api/agreements/${id}`)
export const createAgreement = (input: AgreementInput) => call<Agreement>('POST', '/api/agreements', input)
/** Changes the terms of an agreement read at `version`. */
export const updateAgreement = (id: number, version: number, input: AgreementInput) =>
  call<Agreement>('PATCH', `/api/agreements/${id}`, input, { 'If-Match': `"${version}"` })
export const transition = (id: number, to: AgreementStatus, reason?: string) =>
  call<Agreement>('POST', `/api/agreements/${id}/transitions`, reason ? { to, reason } : { to })
export const endingSoon = async () => {
  const result = await call<{ months: number; agreements: EndingAgreement[] }>(
    'GET',
    '/api/agreements/ending-soon',
  )
  return result
}

/** Uploads a PDF to an agreement's record. */
export async function uploadDocument(agreementId: number, file: File): Promise<true | Problem> {
  const form = new FormData()
  form.set('file', file)
  const response = await fetch(`/api/agreements/${agreementId}/documents`, { method: 'POST', body: form })
  return response.ok ? true : problemOf(response)
}
/** Where a document of an agreement downloads from. */
export const documentUrl = (agreementId: number, documentId: number) =>
  `/api/agreements/${agreementId}/documents/${documentId}`

export const listNotifications = async () => {
  const result = await call<{ notifications: Notification[] }>('GET', '/api/notifications')
  return 'notifications' in result ? result.notifications : result
}
/** How many of the caller's notifications are unread (0 when that cannot be known). */
export async function unreadCount(): Promise<number> {
  const response = await fetch('/api/notifications?unread=true', { cache: 'no-store' })
  if (!response.ok) return 0
  return ((await response.json()) as { notifications: unknown[] }).notifications.length
}
export const markRead = (id: number) => call<Notification>('POST', `/api/notifications/${id}/read`)

/** Where the caller's own data downloads from (JSON, as an attachment). */
export const myDataUrl = '/api/me/data'
/** Erases the caller's personal data and closes the account. */
export const requestErasure = () => call<{ erased: true }>('POST', '/api/me/erasure')
