import { type MailTopic, mailTopics } from '../contract/notifications.schema.ts'
import type { Bilingual } from '../notifications/notify.queries.ts'

export { type MailTopic, mailTopics }

// The kinds of notice a user can turn e-mail off for, and why someone gets each: every mail
// says it, so a recipient who should not get it knows whom to tell.

/**
 * Mails about the account itself (a registration's confirmation link) and reports of barriers to
 * the admins, who must answer them (BITV 2.0): no one can turn them off.
 */
export type MailReason = MailTopic | 'account' | 'accessibility'

/** The topic of a notification kind ('offer.accepted' → 'offer-status'; 'account.confirm' → 'account'). */
export function topicOf(kind: string): MailReason {
  if (kind.startsWith('account.')) return 'account'
  if (kind.startsWith('accessibility.')) return 'accessibility'
  if (kind === 'offer.review') return 'offer-review'
  if (kind === 'agreement.ending_soon') return 'agreement-ending'
  if (kind.startsWith('offer.')) return 'offer-status'
  if (kind.startsWith('agreement.')) return 'agreement-status'
  throw new Error(`notification kind ${kind} has no mail topic; add it to mail-topics.ts`)
}

/** Why the recipient gets a mail of each topic, in the mail's language. */
export const reasons: Record<MailReason, Bilingual> = {
  account: {
    de: 'Sie erhalten diese E-Mail, weil mit Ihrer Adresse ein Konto bei Quartiersatlas angelegt werden sollte.',
    en: 'You receive this e-mail because someone asked for a Quartiersatlas account with your address.',
  },
  accessibility: {
    de: 'Sie erhalten diese E-Mail, weil Sie Quartiersatlas verwalten und Rückmeldungen zur Barrierefreiheit beantworten.',
    en: 'You receive this e-mail because you administer Quartiersatlas and answer reports about accessibility.',
  },
  'offer-status': {
    de: 'Sie erhalten diese E-Mail, weil Sie dieses Flächenangebot in Quartiersatlas eingereicht haben.',
    en: 'You receive this e-mail because you submitted this offer in Quartiersatlas.',
  },
  'offer-review': {
    de: 'Sie erhalten diese E-Mail, weil Sie als Planerin oder Planer für das Gebiet zuständig sind, in dem dieses Flächenangebot liegt.',
    en: 'You receive this e-mail because you are a planner for the area in which this offer lies.',
  },
  'agreement-status': {
    de: 'Sie erhalten diese E-Mail, weil Sie als Eigentümerin oder Eigentümer Partei dieser Gestattungsvereinbarung sind.',
    en: 'You receive this e-mail because you are an owner party of this interim-use agreement.',
  },
  'agreement-ending': {
    de: 'Sie erhalten diese E-Mail, weil Sie Partei dieser Gestattungsvereinbarung sind oder sie als Planerin oder Planer betreuen.',
    en: 'You receive this e-mail because you are a party of this interim-use agreement or the planner for the area in which it lies.',
  },
}
