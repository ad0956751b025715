import { createResource, createSignal, For, Show } from 'solid-js'
import { label } from '../i18n/locale.ts'
import { findLayer } from '../registry.ts'
import type { Field } from './attribute-fields.ts'
import { fetchNames } from './editing-api.ts'
import { et } from './editing-messages.ts'

type Props = {
  field: Field
  id: string
  value: string
  onInput(value: string): void
  /** Lets the planner click the feature on the map instead (no button without it). */
  onPick?(): void
}

/** A reference to another feature, chosen by name from a searchable list or on the map. */
export function ReferenceField(props: Props) {
  const [names] = createResource(() => props.field.references, fetchNames)
  const [search, setSearch] = createSignal('')
  const shown = () => {
    const wanted = search().trim().toLocaleLowerCase('de')
    return (names() ?? []).filter(
      (entry) =>
        !wanted || entry.name.toLocaleLowerCase('de').includes(wanted) || String(entry.id) === props.value,
    )
  }
  const layer = () => findLayer(props.field.references ?? '')
  return (
    <div class="reference-field">
      <input
        type="search"
        placeholder={et('searchNames')}
        aria-label={`${label(props.field.label)}: ${et('searchNames')}`}
        value={search()}
        onInput={(event) => setSearch(event.currentTarget.value)}
      />
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => props.onInput(event.currentTarget.value)}
      >
        <option value="">{et('noReference')}</option>
        <For each={shown()}>
          {(entry) => (
            <option value={String(entry.id)} selected={String(entry.id) === props.value}>
              {entry.name}
            </option>
          )}
        </For>
      </select>
      <Show when={props.onPick}>
        {(pick) => (
          <button type="button" onClick={() => pick()()}>
            {et('pickOnMap')}
            {layer() ? ` (${label(layer()?.title ?? { de: '', en: '' })})` : ''}
          </button>
        )}
      </Show>
    </div>
  )
}
