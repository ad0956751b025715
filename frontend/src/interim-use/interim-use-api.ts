import type {
  Agreement,
  AgreementPatch,
  EndingAgreement,
  NewAgreement,
} from '../../../backend/src/contract/agreements.schema.ts'
import type { AgreementStatus } from '../../../backend/src/contract/lifecycles.ts'
import type { MailSettings, NotificationRow } from '../../../backend/src/contract/notifications.schema.ts'
import type { NewOffer, Offer, OfferPatch, OfferStatus } from '../../../backend/src/contract/offers.schema.ts'
import { call, type Problem, problemOf } from '../api/client.ts'

// The calls of the interim-use workspace: offers, their review, agreements and their lifecycle
// and documents, notifications, and the caller's own data. Every call answers with data or with
// the server's problem, so the screens can show the server's words.

// The shapes are the contract's: the server's response types and its request schemas.
export type {
  Agreement,
  AgreementPartyInput as PartyInput,
  AgreementPatch,
  EndingAgreement,
  NewAgreement as AgreementInput,
} from '../../../backend/src/contract/agreements.schema.ts'
export type { AgreementStatus } from '../../../backend/src/contract/lifecycles.ts'
export type {
  MailSettings,
  NotificationRow as Notification,
} from '../../../backend/src/contract/notifications.schema.ts'
export type {
  ContactInput as Contact,
  NewOffer as OfferInput,
  Offer,
  OfferPatch,
  OfferStatus,
} from '../../../backend/src/contract/offers.schema.ts'

/** One party of an agreement as the server lists it. */
export type AgreementParty = Agreement['parties'][number]

export const listOffers = async (status?: OfferStatus) => {
  const result = await call<{ offers: Offer[] }>('GET', `/api/offers${status ? `?status=${status}` : ''}`)
  return 'offers' in result ? result.offers : result
}
export const submitOffer = (input: NewOffer) => call<Offer>('POST', '/api/offers', { body: input })
/** Revises an offer read at `version` (after the planner asked for changes). */
export const reviseOffer = (id: number, version: number, input: OfferPatch) =>
  call<Offer>('PATCH', `/api/offers/${id}`, { body: input, headers: { 'If-Match': `"${version}"` } })
export const withdrawOffer = (id: number) => call<Offer>('POST', `/api/offers/${id}/withdraw`)
export const acceptOffer = (id: number, input: { plot_id?: number; name?: string } = {}) =>
  call<Offer>('POST', `/api/offers/${id}/accept`, { body: input })
export const requestChanges = (id: number, reason: string) =>
  call<Offer>('POST', `/api/offers/${id}/request-changes`, { body: { reason } })
/** The reviewer vouches that the offer's owner speaks for the organisation named. */
export const confirmOrganisation = (id: number) =>
  call<Offer>('POST', `/api/offers/${id}/confirm-organisation`)
export const declineOffer = (id: number, reason: string) =>
  call<Offer>('POST', `/api/offers/${id}/decline`, { body: { reason } })

export const listAgreements = async () => {
  const result = await call<{ agreements: Agreement[] }>('GET', '/api/agreements')
  return 'agreements' in result ? result.agreements : result
}
export const readAgreement = (id: number) => call<Agreement>('GET', `/api/agreements/${id}`)
export const createAgreement = (input: NewAgreement) =>
  call<Agreement>('POST', '/api/agreements', { body: input })
/** Changes the terms of an agreement read at `version`. */
export const updateAgreement = (id: number, version: number, input: AgreementPatch) =>
  call<Agreement>('PATCH', `/api/agreements/${id}`, { body: input, headers: { 'If-Match': `"${version}"` } })
export const transition = (id: number, to: AgreementStatus, reason?: string) =>
  call<Agreement>('POST', `/api/agreements/${id}/transitions`, { body: reason ? { to, reason } : { to } })
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
}) => call<MailSettings>('PUT', '/api/notifications/mail', { body: change })
