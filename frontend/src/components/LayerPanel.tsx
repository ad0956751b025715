import { For, Show } from 'solid-js'
import { formatPercent, label, t } from '../i18n/locale.ts'
import { layerStyles } from '../map/map-style.ts'
import type { LayerId } from '../registry.ts'
import { headerText as ht } from './header-messages.ts'
import { Swatch } from './Swatch.tsx'

type Props = {
  visible: Record<LayerId, boolean>
  onToggle: (id: LayerId, visible: boolean) => void
  /** The collections drawn in the view; null while the map has not said yet. */
  inView: LayerId[] | null
  opacity: Partial<Record<LayerId, number>>
  onOpacity: (id: LayerId, opacity: number) => void
}

/**
 * Layer toggles with an opacity slider each, and a legend that folds away and shows only the
 * layers switched on and drawn in the view (top layer first).
 */
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
              <Show when={props.visible[style.id]}>
                <label class="opacity">
                  <span class="visually-hidden">
                    {ht('opacity')} {label(style.title)}
                  </span>
                  <input
                    type="range"
                    min="0"
                    max="100"
                    step="10"
                    value={Math.round((props.opacity[style.id] ?? 1) * 100)}
                    onInput={(event) => props.onOpacity(style.id, Number(event.currentTarget.value) / 100)}
                  />
                  <output>{formatPercent(props.opacity[style.id] ?? 1)}</output>
                </label>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <details class="legend-box" open>
        <summary>{ht('legendInView')}</summary>
        <section class="legend" aria-label={t('legend')}>
          <For each={topFirst}>
            {(style) => (
              <Show when={props.visible[style.id] && (props.inView?.includes(style.id) ?? true)}>
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
      </details>
    </div>
  )
}
