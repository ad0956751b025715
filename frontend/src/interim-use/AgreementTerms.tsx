import { For, type JSX, Show } from 'solid-js'
import { formatArea, formatNumber } from '../i18n/locale.ts'
import { vocabulary } from '../registry.ts'
import { ContactView } from './ContactView.tsx'
import { type InterimMessage, im } from './interim-messages.ts'
import type { Agreement, AgreementParty } from './interim-use-api.ts'
import { period, word } from './planner-format.ts'

const roleWords: Record<AgreementParty['role'], InterimMessage> = {
  owner: 'roleOwnerParty',
  user: 'roleUserParty',
  city: 'roleCityParty',
  intermediary: 'roleIntermediary',
}
const kindWords: Record<AgreementParty['kind'], InterimMessage> = {
  person: 'kindPerson',
  organisation: 'kindOrganisation',
  public_body: 'kindPublicBody',
}

/**
 * What an agreement says: its terms, plots and parties. Internal notes and contacts come only
 * in planners' answers, so owners never see them here.
 */
export function AgreementTerms(props: { agreement: Agreement }) {
  const a = () => props.agreement
  const fact = (term: InterimMessage, value: JSX.Element) => (
    <>
      <dt>{im(term)}</dt>
      <dd>{value}</dd>
    </>
  )
  const yesNo = (value: boolean) => im(value ? 'yes' : 'no')
  return (
    <>
      <dl class="facts-list">
        {fact('use', word(vocabulary.agreementUses, a().use))}
        {fact('term', period(a().term_start, a().term_end))}
        {fact(
          'noticePeriod',
          a().notice_period_months === null
            ? '–'
            : `${formatNumber(a().notice_period_months ?? 0)} ${im('months')}`,
        )}
        {fact('publicAccess', yesNo(a().public_access))}
        {fact('upkeepBy', a().upkeep_by ?? '–')}
        {fact('insuranceBy', a().insurance_by ?? '–')}
        {fact('clearancePaidBy', a().clearance_paid_by ?? '–')}
        {fact('conditions', a().conditions ?? '–')}
        {fact('description', a().description ?? '–')}
        <Show when={'internal_notes' in a()}>{fact('internalNotes', a().internal_notes ?? '–')}</Show>
      </dl>
      <h4>{im('plots')}</h4>
      <ul class="planner-list compact">
        <For each={a().plots}>
          {(plot) => (
            <li>
              {plot.name} · {formatArea(plot.area_m2)} · {word(vocabulary.plotStatuses, plot.status)}
            </li>
          )}
        </For>
      </ul>
      <h4>{im('parties')}</h4>
      <ul class="planner-list compact">
        <For each={a().parties}>
          {(party) => (
            <li>
              <strong>{im(roleWords[party.role])}:</strong> {party.public_name ?? im(kindWords[party.kind])}
              <Show when={party.contact}>{(contact) => <ContactView contact={contact()} />}</Show>
            </li>
          )}
        </For>
      </ul>
    </>
  )
}
