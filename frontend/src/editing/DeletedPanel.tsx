import { For, Show } from 'solid-js'
import { label, lang } from '../i18n/locale.ts'
import type { Layer } from '../registry.ts'
import type { DeletedFeature } from './editing-api.ts'
import { et } from './editing-messages.ts'

type Props = {
  layer: Layer | undefined
  deleted: DeletedFeature[]
  onOpen(): void
  onRestore(id: number): void
}

/** The chosen layer's recently deleted features, with who and when; each can be restored. */
export function DeletedPanel(props: Props) {
  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'de-DE', {
      dateStyle: 'medium',
      timeStyle: 'short',
    })
  const nameOf = (entry: DeletedFeature) => {
    const name = (entry.feature.properties as Record<string, unknown> | null)?.name
    return typeof name === 'string' && name
      ? name
      : `${props.layer ? label(props.layer.title) : ''} ${entry.id}`
  }
  return (
    <details class="recently-deleted" onToggle={(event) => event.currentTarget.open && props.onOpen()}>
      <summary>
        {et('recentlyDeleted')}
        {props.layer ? ` (${label(props.layer.title)})` : ''}
      </summary>
      <Show when={props.deleted.length > 0} fallback={<p>{et('noneDeleted')}</p>}>
        <ul>
          <For each={props.deleted}>
            {(entry) => (
              <li data-id={entry.id}>
                <span>
                  {nameOf(entry)} · {when(entry.deletedAt)} ·{' '}
                  {entry.deletedBy?.name ?? entry.deletedBy?.email ?? et('anonymous')}
                </span>
                <button
                  type="button"
                  aria-label={`${et('restoreDeleted')}: ${nameOf(entry)}`}
                  onClick={() => props.onRestore(entry.id)}
                >
                  {et('restoreDeleted')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </details>
  )
}
