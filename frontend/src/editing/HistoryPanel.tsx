import { For, Show } from 'solid-js'
import { lang } from '../i18n/locale.ts'
import type { Version } from './editing-api.ts'
import { et } from './editing-messages.ts'

type Props = {
  versions: Version[]
  current: number | undefined
  onShow(version: Version): void
  onRestore(version: Version): void
}

/** Every saved version of the feature with who and when; show one on the map or restore it. */
export function HistoryPanel(props: Props) {
  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'de-DE', {
      dateStyle: 'medium',
      timeStyle: 'short',
    })
  return (
    <section class="history" aria-label={et('history')}>
      <h3>{et('history')}</h3>
      <ol reversed>
        <For each={[...props.versions].reverse()}>
          {(version) => (
            <li data-version={version.version}>
              <span>
                {et('version')} {version.version} · {when(version.changedAt)} ·{' '}
                {version.author?.name ??
                  version.author?.email ??
                  (version.databaseRole
                    ? `${et('editedInDatabaseBy')} ${version.databaseRole}`
                    : et('anonymous'))}
                {version.operation === 'delete' ? ' ✕' : ''}
              </span>
              <span class="actions">
                <button type="button" onClick={() => props.onShow(version)}>
                  {et('showOnMap')}
                </button>
                <Show when={version.operation !== 'delete' && version.version !== props.current}>
                  <button
                    type="button"
                    aria-label={`${et('restore')} (${et('version')} ${version.version})`}
                    onClick={() => props.onRestore(version)}
                  >
                    {et('restore')}
                  </button>
                </Show>
              </span>
            </li>
          )}
        </For>
      </ol>
    </section>
  )
}
