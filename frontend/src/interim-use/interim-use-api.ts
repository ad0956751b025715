import type { AgreementStatus } from '../../../backend/src/agreements/agreement-lifecycle.ts'
import type { Agreement } from '../../../backend/src/agreements/agreements.queries.ts'
import type { AgreementPatch, NewAgreement } from '../../../backend/src/agreements/agreements.schema.ts'
import type { EndingAgreement } from '../../../backend/src/agreements/ending-soon.queries.ts'
import type { MailSettings } from '../../../backend/src/notifications/mail-settings.routes.ts'
import type { NotificationRow } from '../../../backend/src/notifications/notifications.routes.ts'
import type { Offer } from '../../../backend/src/offers/offers.queries.ts'
import type { NewOffer, OfferPatch, OfferStatus } from '../../../backend/src/offers/offers.schema.ts'
import { type Account, type Problem, problemOf } from '../editing/editing-api.ts'

// The calls of the interim-use workspace: registration, offers, their review, agreements and
// their lifecycle and documents, notifications, and the caller's own data. Every call answers
// with data or with the server's problem, so the screens can show the server's words.

export type { AgreementStatus } from '../../../backend/src/agreements/agreement-lifecycle.ts'
export type { Agreement } from '../../../backend/src/agreements/agreements.queries.ts'
export type {
  AgreementPartyInput as PartyInput,
  AgreementPatch,
  NewAgreement as AgreementInput,
} from '../../../backend/src/agreements/agreements.schema.ts'
export type { EndingAgreement } from '../../../backend/src/agreements/ending-soon.queries.ts'
export type { MailSettings } from '../../../backend/src/notifications/mail-settings.routes.ts'
export type { NotificationRow as Notification } from '../../../backend/src/notifications/notifications.routes.ts'
// The shapes are the server's own: its response types and its request schemas.
export type { Offer } from '../../../backend/src/offers/offers.queries.ts'
export type {
  ContactInput as Contact,
  NewOffer as OfferInput,
  OfferPatch,
  OfferStatus,
} from '../../../backend/src/offers/offers.schema.ts'

/** One party of an agreement as the server lists it. */
export type AgreementParty = Agreement['parties'][number]

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

/** Asks for an owner or resident account: the server mails a confirmation link to the address. */
export const register = (input: {
  email: string
  password: string
  role: 'owner' | 'resident'
  display_name?: string
  /** Owners only: the organisation they offer land for (its name is shown to planners). */
  organisation?: string
}) => call<{ status: 'confirmation-sent'; email: string }>('POST', '/api/auth/register', input)

/** Creates the account from the token of the mailed link and signs it in. */
export const confirmRegistration = (token: string) => call<Account>('POST', '/api/auth/confirm', { token })

export const listOffers = async (status?: OfferStatus) => {
  const result = await call<{ offers: Offer[] }>('GET', `/api/offers${status ? `?status=${status}` : ''}`)
  return 'offers' in result ? result.offers : result
}
export const submitOffer = (input: NewOffer) => call<Offer>('POST', '/api/offers', input)
/** Revises an offer read at `version` (after the planner asked for changes). */
export const reviseOffer = (id: number, version: number, input: OfferPatch) =>
  call<Offer>('PATCH', `/api/offers/${id}`, input, { 'If-Match': `"${version}"` })
export const withdrawOffer = (id: number) => call<Offer>('POST', `/api/offers/${id}/withdraw`)
export const acceptOffer = (id: number, input: { plot_id?: number; name?: string } = {}) =>
  call<Offer>('POST', `/api/offers/${id}/accept`, input)
export const requestChanges = (id: number, reason: string) =>
  call<Offer>('POST', `/api/offers/${id}/request-changes`, { reason })
/** The reviewer vouches that the offer's owner speaks for the organisation named. */
export const confirmOrganisation = (id: number) =>
  call<Offer>('POST', `/api/offers/${id}/confirm-organisation`)
export const declineOffer = (id: number, reason: string) =>
  call<Offer>('POST', `/api/offers/${id}/decline`, { reason })

export const listAgreements = async () => {
  const result = await call<{ agreements: Agreement[] }>('GET', '/api/agreements')
  return 'agreements' in result ? result.agreements : result
}
export const readAgreement = (id: number) => call<Agreement>('GET', `/api/agreements/${id}`)
export const createAgreement = (input: NewAgreement) => call<Agreement>('POST', '/api/agreements', input)
/** Changes the terms of an agreement read at `version`. */
export const updateAgreement = (id: number, version: number, input: AgreementPatch) =>
  call<Agreement>('PATCH', `/api/agreements/${id}`, input, { 'If-Match': `"${version}"` })
export const transition = (id: number, to: AgreementStatus, reason?: string) =>
  call<Agreement>('POST', `/api/agreements/${id}/transitions`, reason ? { to, reason } : { to })
export const endingSoon = () =>
  call<{ months: number; agreements: EndingAgreement[] }>('GET', '/api/agreements/ending-soon')

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
  const result = await call<{ notifications: NotificationRow[] }>('GET', '/api/notifications')
  return 'notifications' in result ? result.notifications : result
}
/** How many of the caller's notifications are unread (0 when that cannot be known). */
export async function unreadCount(): Promise<number> {
  const response = await fetch('/api/notifications?unread=true', { cache: 'no-store' })
  if (!response.ok) return 0
  return ((await response.json()) as { notifications: unknown[] }).notifications.length
}
export const markRead = (id: number) => call<NotificationRow>('POST', `/api/notifications/${id}/read`)

/** Where the caller's own data downloads from (JSON, as an attachment). */
export const myDataUrl = '/api/me/data'
/** Erases the caller's personal data and closes the account. */
export const requestErasure = () => call<{ erased: true }>('POST', '/api/me/erasure')

/** The caller's mail language and which kinds of notice come by e-mail. */
export const getMailSettings = () => call<MailSettings>('GET', '/api/notifications/mail')
/** Changes the mail language or turns e-mail on or off for some kinds of notice. */
export const putMailSettings = (change: {
  language?: MailSettings['language']
  email?: Partial<MailSettings['email']>
}) => call<MailSettings>('PUT', '/api/notifications/mail', change)
