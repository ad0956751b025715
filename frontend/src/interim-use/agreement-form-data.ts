import { vocabulary } from '../registry.ts'
import type { AgreementInput, Contact, PartyInput } from './interim-use-api.ts'

// The agreement forms' fields read as the API takes them.

/** The free-text terms, in the order the forms show them. */
export const termTexts = [
  'upkeep_by',
  'insurance_by',
  'clearance_paid_by',
  'conditions',
  'description',
  'internal_notes',
] as const

const textOf = (form: FormData) => (name: string) => String(form.get(name) ?? '').trim()

/**
 * The terms in `form`. On creation (`creating`) empty fields are left out, so the server's
 * defaults (from the offer) apply; when editing they are sent as null, which clears them.
 */
export function termsOf(form: FormData, creating: boolean): AgreementInput {
  const text = textOf(form)
  const terms: AgreementInput = { public_access: form.has('public_access') }
  const put = <K extends keyof AgreementInput>(key: K, value: AgreementInput[K] | '') => {
    if (value !== '') terms[key] = value as AgreementInput[K]
    else if (!creating) terms[key] = null as AgreementInput[K]
  }
  // A name is never cleared: sent as typed, so the server names what is missing.
  if (text('name') || !creating) terms.name = text('name')
  const use = text('use')
  if (use && vocabulary.isKeyOf(vocabulary.agreementUses, use)) terms.use = use
  put('term_start', text('term_start'))
  put('term_end', text('term_end'))
  put('notice_period_months', text('notice_period_months') && Number(text('notice_period_months')))
  for (const key of termTexts) put(key, text(key))
  return terms
}

/** The plot ids typed as "12, 15". */
export function plotIdsOf(form: FormData): number[] {
  return form
    .getAll('plot_ids')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0)
}

/**
 * The new parties in `form`: the user (an organisation whose name becomes public with the
 * interim use, its contact stays private), the city and an intermediary. The offer's owner is
 * added by the server.
 */
export function partiesOf(form: FormData): PartyInput[] {
  const text = textOf(form)
  const parties: PartyInput[] = []
  const contact: Contact = Object.fromEntries(
    (['contact_name', 'email', 'phone'] as const)
      .map((key) => [key, text(`user_${key}`)])
      .filter(([, value]) => value),
  )
  if (text('user_name') || Object.keys(contact).length > 0) {
    parties.push({
      role: 'user',
      party: {
        kind: 'organisation',
        public_name: text('user_name') || null,
        ...(Object.keys(contact).length > 0 ? { contact } : {}),
      },
    })
  }
  if (form.has('city') && text('city_name')) {
    parties.push({ role: 'city', party: { kind: 'public_body', public_name: text('city_name') } })
  }
  if (text('intermediary_name')) {
    parties.push({
      role: 'intermediary',
      party: { kind: 'organisation', public_name: text('intermediary_name') },
    })
  }
  return parties
}
