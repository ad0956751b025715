import { For, Show } from 'solid-js'
import { label, t } from '../i18n/locale.ts'
import type { RenderedItem } from '../map/map-view.ts'
import { findLayer } from '../registry.ts'

type Props = { items: RenderedItem[]; onChoose: (item: RenderedItem) => void }

/** What the map shows in the current view, as a list of buttons (keyboard and screen readers). */
export function ListView(props: Props) {
  return (
    <div class="list-view">
      <p>{t('listIntro')}</p>
      <Show when={props.items.length > 0} fallback={<p>{t('listEmpty')}</p>}>
        <ul aria-live="polite">
          <For each={props.items}>
            {(item) => (
              <li>
                <button type="button" class="list-item" onClick={() => props.onChoose(item)}>
                  <span class="name">{item.name}</span>
                  <span class="kind">{label(findLayer(item.collection)?.title)}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
