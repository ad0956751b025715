import { createUniqueId, For, type JSX, Show } from 'solid-js'
import { label } from '../i18n/locale.ts'
import { vocabulary } from '../registry.ts'
import type { termTexts } from './agreement-form-data.ts'
import type { InterimMessage } from './interim-messages.ts'
import { im } from './interim-messages.ts'
import type { Agreement } from './interim-use-api.ts'

type Props = { agreement?: Agreement; fromOffer?: boolean }

const texts: readonly {
  name: (typeof termTexts)[number]
  label: InterimMessage
  long?: boolean
  public?: boolean
}[] = [
  { name: 'upkeep_by', label: 'upkeepBy' },
  { name: 'insurance_by', label: 'insuranceBy' },
  { name: 'clearance_paid_by', label: 'clearancePaidBy' },
  { name: 'conditions', label: 'conditions', long: true },
  { name: 'description', label: 'description', long: true, public: true },
  { name: 'internal_notes', label: 'internalNotes', long: true },
]

/**
 * The terms of an agreement as form fields, filled with `agreement`'s when editing. Read them
 * with termsOf (agreement-form-data.ts). From an offer, name and use may stay empty: the server
 * takes them from the offer.
 */
export function AgreementTermsFields(props: Props) {
  const id = createUniqueId()
  const value = (name: keyof Agreement) => {
    const v = props.agreement?.[name]
    return typeof v === 'string' || typeof v === 'number' ? String(v) : ''
  }
  const field = (name: string, text: InterimMessage, input: JSX.Element, isPublic = false) => (
    <div class="field">
      <label for={`${id}-${name}`}>
        {im(text)}
        <Show when={isPublic}>
          <span class="hint"> ({im('publicOnceActive')})</span>
        </Show>
      </label>
      {input}
    </div>
  )
  return (
    <div class="terms-fields">
      {field(
        'name',
        'agreementName',
        <input
          id={`${id}-name`}
          name="name"
          maxLength={200}
          required={!props.fromOffer}
          value={value('name')}
        />,
        true,
      )}
      {field(
        'use',
        'use',
        <select id={`${id}-use`} name="use">
          <Show when={props.fromOffer}>
            <option value="">{im('useFromOffer')}</option>
          </Show>
          <For each={Object.entries(vocabulary.agreementUses)}>
            {([key, labels]) => (
              <option value={key} selected={props.agreement?.use === key}>
                {label(labels)}
              </option>
            )}
          </For>
        </select>,
        true,
      )}
      {field(
        'term_start',
        'termStart',
        <input id={`${id}-term_start`} name="term_start" type="date" value={value('term_start')} />,
      )}
      {field(
        'term_end',
        'termEnd',
        <input id={`${id}-term_end`} name="term_end" type="date" value={value('term_end')} />,
      )}
      {field(
        'notice_period_months',
        'noticePeriod',
        <input
          id={`${id}-notice_period_months`}
          name="notice_period_months"
          type="number"
          min={0}
          max={120}
          step={1}
          value={value('notice_period_months')}
        />,
      )}
      <label class="check">
        <input name="public_access" type="checkbox" checked={props.agreement?.public_access ?? true} />
        {im('publicAccess')}
      </label>
      <For each={texts}>
        {(text) =>
          field(
            text.name,
            text.label,
            text.long ? (
              <textarea id={`${id}-${text.name}`} name={text.name} rows={3} value={value(text.name)} />
            ) : (
              <input id={`${id}-${text.name}`} name={text.name} maxLength={200} value={value(text.name)} />
            ),
            text.public,
          )
        }
      </For>
    </div>
  )
}
