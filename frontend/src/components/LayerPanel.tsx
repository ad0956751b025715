import { For, Show } from 'solid-js'
import { label, t } from '../i18n/locale.ts'
import { layerStyles } from '../map/map-style.ts'
import type { LayerId } from '../registry.ts'
import { Swatch } from './Swatch.tsx'

type Props = { visible: Record<LayerId, boolean>; onToggle: (id: LayerId, visible: boolean) => void }

/** Layer toggles, each with the legend of what it draws while it is switched on (top layer first). */
export function LayerPanel(props: Props) {
  const topFirst = [...layerStyles].reverse()
  return (
    <div class="layer-panel">
      <ul class="layer-list">
        <For each={topFirst}>
          {(style) => (
            <li>
              <label class="toggle">
                <input
                  type="checkbox"
                  name="layer"
                  value={style.id}
                  checked={props.visible[style.id]}
                  onChange={(event) => props.onToggle(style.id, event.currentTarget.checked)}
                />
                <span>{label(style.title)}</span>
              </label>
            </li>
          )}
        </For>
      </ul>
      <h3>{t('activeLegend')}</h3>
      <section class="legend" aria-label={t('legend')}>
        <For each={topFirst}>
          {(style) => (
            <Show when={props.visible[style.id]}>
              <section class="legend-layer" data-layer={style.id}>
                <h4>{label(style.title)}</h4>
                <ul>
                  <For each={style.legend}>
                    {(entry) => (
                      <li>
                        <Swatch swatch={entry.swatch} />
                        <span>{label(entry.label)}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            </Show>
          )}
        </For>
      </section>
    </div>
  )
}
